#!/bin/bash
# kill -9 in a loop: ROUNDS (200) times, bmcsimd is started on one state
# directory, checked, then killed with SIGKILL at a random moment while a
# client (ipmitool) writes user names, SEL entries and LAN parameters.
# Every restart must find well-formed state (the daemon starts, and says
# nothing of a damaged file) holding every write that was acknowledged
# (the one in flight at the kill may or may not have landed).
#
#   bench/killloop.sh [ROUNDS] [BUILD_DIR]    (not run by make check)
set -u
rounds=${1:-200}
build=$(cd "${2:-.}" && pwd)
top=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/bmcsim-kill.XXXXXX")
echo "killloop: work directory $work"
nice -n 19 python3 - "$rounds" "$build" "$top" "$work" <<'PY'
import os, random, re, signal, socket, subprocess, sys, threading, time
rounds, build, top, work = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
rnd = random.Random(7)
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0))
port = s.getsockname()[1]; s.close()
state = os.path.join(work, "state")
cfg = os.path.join(top, "sim-configs", "default.ini")

def ipmi(*args):
    return subprocess.run(["ipmitool", "-I", "lanplus", "-H", "127.0.0.1",
        "-p", str(port), "-U", "admin", "-P", "password", "-R", "1", "-N", "1"]
        + list(args), capture_output=True, text=True, timeout=20)

def start(i):
    log = open(os.path.join(work, "bmcsimd-%03d.log" % i), "w")
    p = subprocess.Popen([os.path.join(build, "bmcsimd"), "-c", cfg,
        "--listen", "127.0.0.1:%d" % port, "--state-dir", state],
        stdout=log, stderr=subprocess.STDOUT)
    for _ in range(100):
        if subprocess.run([os.path.join(build, "bmcsim"), "ping", "-p",
                str(port), "-N", "1", "-R", "1"], capture_output=True).returncode == 0:
            return p
        if p.poll() is not None:
            break
        time.sleep(0.1)
    sys.exit("round %d: bmcsimd did not start:\n%s" % (i, open(log.name).read()))

# What was acknowledged, and what was in flight when the kill came.
names = {}      # user id -> (acked name, in-flight name or None)
sel_acked = set()
ip = (None, None)
bad = 0
for i in range(rounds):
    p = start(i)
    logtext = open(os.path.join(work, "bmcsimd-%03d.log" % i)).read()
    if re.search(r"error|invalid|damaged|corrupt", logtext, re.I):
        print("round %d: the log complains:\n%s" % (i, logtext)); bad += 1
    if i == 0:
        # The model's own users, before any write.
        out = ipmi("user", "list", "1").stdout
        for uid in range(3, 9):
            line = [l for l in out.splitlines() if l[:4].strip() == str(uid)]
            names[uid] = ((line[0][4:21].strip() or None) if line else None, None)
    else:
        out = ipmi("user", "list", "1").stdout
        for uid, (acked, flight) in names.items():
            # ipmitool's columns: ID in 4, the name in 17.
            line = [l for l in out.splitlines() if l[:4].strip() == str(uid)]
            got = (line[0][4:21].strip() or None) if line else None
            if got not in (acked, flight):
                print("round %d: user %d is %r, acknowledged %r" % (i, uid, got, acked)); bad += 1
            names[uid] = (got, None)
        out = ipmi("sel", "elist").stdout + ipmi("sel", "list").stdout
        ids = set(int(l.split("|")[0], 16) for l in out.splitlines() if "|" in l)
        missing = sel_acked - ids
        if missing:
            print("round %d: SEL entries missing: %s" % (i, sorted(missing)[:10])); bad += 1
        out = ipmi("lan", "print", "1").stdout
        m = re.search(r"^IP Address\s+:\s+(\S+)", out, re.M)
        got = m.group(1) if m else None
        if ip[0] is not None and got not in ip:
            print("round %d: LAN IP is %r, acknowledged %r" % (i, got, ip[0])); bad += 1
        if ip[0] is not None:
            ip = (got, None)
    if len(sel_acked) > 400:
        ipmi("sel", "clear"); time.sleep(0.2); sel_acked = set()
    # A writer runs until the kill, which comes at a random moment, most
    # often while a write is in flight.
    stop = threading.Event()
    count = [0]
    def writer():
        global ip, sel_acked
        n = 0
        while not stop.is_set():
            kind = n % 3; n += 1; count[0] = n
            if kind == 0:
                uid = 3 + rnd.randrange(6)
                name = "u%d_%d" % (i, n)
                prev = names.get(uid, (None, None))[0]
                names[uid] = (prev, name)
                if ipmi("user", "set", "name", str(uid), name).returncode == 0:
                    names[uid] = (name, None)
            elif kind == 1:
                r = ipmi("raw", "0x0a", "0x44", "0", "0", "2", "0", "0", "0",
                         "0", "0x20", "0", "4", "1", "0x30", "1", "0x0f", "0", "0")
                if r.returncode == 0:
                    b = r.stdout.split()
                    sel_acked.add(int(b[1] + b[0], 16))
            else:
                a = "10.%d.%d.%d" % (rnd.randrange(256), rnd.randrange(256),
                                     1 + rnd.randrange(250))
                ip = (ip[0], a)
                if ipmi("lan", "set", "1", "ipaddr", a).returncode == 0:
                    ip = (a, None)
    t = threading.Thread(target=writer)
    t.start()
    time.sleep(rnd.uniform(0.3, 3.0))
    os.kill(p.pid, signal.SIGKILL); p.wait()
    stop.set(); t.join()
    n = count[0]
    if True:
        print("round %d: %d writes, %d SEL entries acknowledged so far, %d problems" %
              (i, n, len(sel_acked), bad), flush=True)
p = start(rounds); p.terminate(); p.wait()
print("%d rounds, %d problems" % (rounds, bad))
sys.exit(1 if bad else 0)
PY
