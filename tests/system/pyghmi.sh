#!/bin/sh
# bmcsimd against pyghmi (the library under OpenStack VirtualBMC).
. "${top_srcdir:-.}/tests/system/lib.sh"
need python3
if ! /usr/bin/python3 -c 'import pyghmi' 2>/dev/null; then
	need pyghmi-is-not-installed
fi

start_bmcsimd def "$CONFIGS/default.ini"

check "pyghmi power, boot device and errors" '^all ok$' \
    timeout 60 /usr/bin/python3 - "$PORT_def" <<'PY'
import sys
from pyghmi.ipmi import command
from pyghmi import exceptions

port = int(sys.argv[1])
def conn(user="admin", password="password"):
    return command.Command(bmc="127.0.0.1", userid=user, password=password,
                           port=port)
c = conn()
assert c.get_power()["powerstate"] in ("on", "off"), c.get_power()
r = c.set_power("off", wait=True)
assert c.get_power()["powerstate"] == "off", c.get_power()
r = c.set_power("on", wait=True)
assert c.get_power()["powerstate"] == "on", c.get_power()
c.set_bootdev("network")
assert c.get_bootdev()["bootdev"] == "network", c.get_bootdev()
c.set_bootdev("hd", persist=True)
b = c.get_bootdev()
assert b["bootdev"] == "hd" and b.get("persistent"), b
try:
    conn(password="wrong").get_power()
    raise SystemExit("a wrong password logged in")
except exceptions.IpmiException as e:
    assert "timeout" not in str(e).lower(), e
print("all ok")
PY

finish
