"""pyghmi's SOL console against bmcsimd: output, input, a break, and a
second console refused without force and taking over with it (run as a
second process: pyghmi shares the sessions of one process).
Usage: sol_pyghmi.py HOST PORT [second|force]"""
import sys, time, threading, subprocess
from pyghmi.ipmi import console
host = sys.argv[1]; port = int(sys.argv[2])
out = []
def h(data):
    if isinstance(data, bytes):
        data = data.decode("latin-1")
    out.append(data if isinstance(data, str) else repr(data))
def text():
    return "".join(x for x in out if isinstance(x, str))
def wait(pred, t=15):
    end = time.time() + t
    while time.time() < end:
        console.session.Session.wait_for_rsp(0.1)
        if pred():
            return True
    return False
if len(sys.argv) > 3:
    c = console.Console(bmc=host, userid="admin", password="password",
                        iohandler=h, port=port, force=sys.argv[3] == "force")
    ok = wait(lambda: c.connected or out, 15)
    if not c.connected:
        print(out)
        sys.exit(0)
    c.send_data("whoami\r")
    if wait(lambda: "\r\nroot\r\n" in text()):
        print("forced ok")
    else:
        print(text())
    sys.exit(0)
c = console.Console(bmc=host, userid="admin", password="password", iohandler=h, port=port)
assert wait(lambda: c.connected), "no connect: %r" % out
def ipmitool(*a):
    subprocess.run(["ipmitool", "-I", "lanplus", "-H", host, "-p", str(port),
                    "-U", "admin", "-P", "password"] + list(a), check=True,
                   stdout=subprocess.DEVNULL, timeout=20)
ipmitool("chassis", "power", "cycle")
assert wait(lambda: "login: " in text()), text()
c.send_data("root\r")
assert wait(lambda: "Password: " in text()), text()
c.send_data("pw\r")
assert wait(lambda: "]# " in text()), text()
c.send_data("echo py-" + "g" * 100 + "\r")
assert wait(lambda: ("\r\npy-" + "g" * 100 + "\r\n") in text()), text()
c.send_break()
assert wait(lambda: "[break]" in text()), text()
# A second console (another process: pyghmi shares a process's
# sessions) without force is refused; with force it takes over.
r = subprocess.run([sys.executable, sys.argv[0], host, str(port), "second"],
                   capture_output=True, text=True, timeout=40)
assert "SOL Session active for another client" in r.stdout, r.stdout + r.stderr
r = subprocess.run([sys.executable, sys.argv[0], host, str(port), "force"],
                   capture_output=True, text=True, timeout=40)
assert "forced ok" in r.stdout, r.stdout + r.stderr
# The first console was told: the keepalive or the notice ends it.
assert wait(lambda: c.broken or "disconnected" in text().lower() or
            "deactivated" in text().lower(), 40), text()
print("all ok")
