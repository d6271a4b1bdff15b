#!/bin/bash
# The control API (docs/api.md) while real clients act: what is set
# through it is what ipmitool and pyghmi read; a sensor set through it
# crosses a threshold and ipmitool's sel list shows the event; reset
# returns a BMC to its INI state; BMCs made and removed at run time are
# reached with ipmitool; and the security refusals (401 without a token on
# TCP, 403 for a browser, 413 for a large body, 400 for malformed JSON).
. "${top_srcdir:-.}/tests/system/lib.sh"
need ipmitool curl python3
if ! /usr/bin/python3 -c 'import pyghmi' 2>/dev/null; then
	need pyghmi-is-not-installed
fi
BMCSIM="$top_builddir/bmcsim"

start_bmcsimd api "$CONFIGS/default.ini"
SOCK="$WORK/state-api/control.sock"
ctl() { "$BMCSIM" ctl -S "unix:$SOCK" "$@"; }
api() {	# api METHOD PATH [BODY]: prints the body, then the status
	curl -s --max-time 10 --unix-socket "$SOCK" -X "$1" \
	    -w '\n%{http_code}\n' ${3:+-d "$3"} "http://bmcsim$2"
}
lan() {	# lan PORT ARGS...
	local port=$1
	shift
	ipmitool -I lanplus -H 127.0.0.1 -p "$port" -U admin -P password \
	    -R 2 -N 1 "$@"
}

check "the socket is mode 0600" '^600$' stat -c %a "$SOCK"
check "wait-ready" '' ctl wait-ready --timeout 10
check "/livez" '^200$' api GET /livez
check "/readyz" '"ready"' api GET /readyz
check "GET /v1 counts one BMC" '"bmcs":1' api GET /v1
check "bmc list" "^default +127.0.0.1:$PORT_api +running" ctl bmc list

# A sensor held past its upper thresholds logs the events a crossing does.
check "sensor set CPU1 Temp 101" '^reading: 101' \
    ctl sensor set default "CPU1 Temp" 101
check "ipmitool reads 101" 'Sensor Reading +: 101' \
    lan "$PORT_api" sensor get "CPU1 Temp"
check "ipmitool sel list shows the crossing" \
    'Temperature #0x03 \| Upper Critical going high \| Asserted' \
    lan "$PORT_api" sel list
check "the API's SEL has it" '"sensor_number":3,"event_type":1' ctl -o json sel list default
# Power set through the API is what ipmitool and pyghmi read.
check "power set off" '^state: off' ctl power set default off
check "ipmitool reads off" 'System Power +: off' lan "$PORT_api" chassis status
check "pyghmi reads off" '^off$' timeout 60 /usr/bin/python3 -c '
import sys
from pyghmi.ipmi import command
c = command.Command(bmc="127.0.0.1", userid="admin", password="password",
                    port=int(sys.argv[1]))
print(c.get_power()["powerstate"])' "$PORT_api"
check "power set on (JSON)" '"state":"on"' ctl -o json power set default on
check "ipmitool reads on" 'System Power +: on' lan "$PORT_api" chassis status
check "power get" '^state: on' ctl power get default
check "power set off --press" '^state: off' ctl power set default off --press
check "the press is in the SEL as a button event" \
    'Button +\| Power Button pressed' lan "$PORT_api" sel list
check "power set on" '^state: on' ctl power set default on

# Boot flags set through the API are what ipmitool reads.
check "boot set pxe" '"device":"pxe"' ctl -o json boot set default pxe
check "ipmitool reads PXE" 'Force PXE' lan "$PORT_api" chassis bootparam get 5

# FRU fields set through the API are what ipmitool's fru print reads.
check "fru get: product fields" '"product":\{.*"name":' ctl -o json fru get default 0
check "fru set product.serial" '"serial":"API-SN-4711"' \
    ctl -o json fru set default product.serial=API-SN-4711 board.part=BP-9
check "ipmitool fru print reads the new serial" \
    'Product Serial +: API-SN-4711$' lan "$PORT_api" fru print 0
check "ipmitool fru print reads the new board part" \
    'Board Part Number +: BP-9$' lan "$PORT_api" fru print 0
check "fru PUT with an unknown field: 422" '^422$' \
    api PUT /v1/bmcs/default/fru/0 '{"product":{"colour":"red"}}'
check "fru of an unknown device: 404" '^404$' api GET /v1/bmcs/default/fru/9

check "sel add" '"id":' ctl -o json sel add default 1 3 1 2
check "sel clear" '^entries: 1$' ctl sel clear default

# Users: a password changed through the API is the one that logs in.
check "user set" 'operator' ctl user set default 3 --password fresh-pw-1
check "the new password logs in" 'System Power' \
    ipmitool -I lanplus -H 127.0.0.1 -p "$PORT_api" -U operator \
    -P fresh-pw-1 -L OPERATOR -R 2 -N 1 chassis status

# Sessions: one pyghmi holds open is listed, and killed by its handle
# while another session of the same user (a second pyghmi) stays.
check "sessions: one killed by handle, the user's other stays" '^all ok$' \
    timeout 60 /usr/bin/python3 - "$PORT_api" "$SOCK" <<'PY'
import json, subprocess, sys
from pyghmi.ipmi import command
port, sock = int(sys.argv[1]), sys.argv[2]
def api(method, path):
    out = subprocess.run(["curl", "-s", "--unix-socket", sock, "-X", method,
                          "http://bmcsim" + path], capture_output=True,
                         check=True).stdout
    return json.loads(out)
HOLD = """
import sys, time
from pyghmi.ipmi import command
c = command.Command(bmc="127.0.0.1", userid="admin", password="password",
                    port=int(sys.argv[1]))
c.get_power()
print("ready", flush=True)
sys.stdin.read()
"""
other = subprocess.Popen(["/usr/bin/python3", "-c", HOLD, str(port)],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         text=True)
try:
    assert other.stdout.readline().strip() == "ready"
    before = {s["handle"] for s in api("GET", "/v1/bmcs/default/sessions")["items"]}
    assert before, before
    c = command.Command(bmc="127.0.0.1", userid="admin", password="password",
                        port=port)
    c.get_power()
    items = api("GET", "/v1/bmcs/default/sessions")["items"]
    # All admin's: this one, the other process's, maybe an earlier one.
    assert items and all(s["user_id"] == 2 for s in items), items
    assert items[0]["privilege"] == "administrator", items
    assert items[0]["peer"].startswith("127.0.0.1:"), items
    mine = {s["handle"] for s in items} - before
    assert len(mine) == 1, (items, before)
    h = mine.pop()
    assert api("DELETE", "/v1/bmcs/default/sessions/%d" % h)["closed"] == 1
    after = {s["handle"] for s in api("GET", "/v1/bmcs/default/sessions")["items"]}
    assert after == before, (after, before)
    assert api("DELETE", "/v1/bmcs/default/sessions/%d" % h)["status"] == 404
    assert api("DELETE", "/v1/bmcs/default/sessions")["closed"] == len(before)
    assert api("GET", "/v1/bmcs/default/sessions")["items"] == []
finally:
    other.stdin.close()
    other.wait(timeout=20)
print("all ok")
PY

# Reset: back to the INI's state (power on, old password, sensor free).
ctl power set default off >/dev/null
check "reset default" '^reset: 1' ctl reset default
check "after reset: power on" 'System Power +: on' lan "$PORT_api" chassis status
check "after reset: the INI's password" 'System Power' \
    ipmitool -I lanplus -H 127.0.0.1 -p "$PORT_api" -U operator \
    -P password -L OPERATOR -R 2 -N 1 chassis status
check "after reset: the sensor is the model's" '"overridden":false' \
    api GET "/v1/bmcs/default/sensors/CPU1%20Temp"

# A BMC made at run time answers ipmitool; removed, it is gone.
port2=$(free_port)
check "bmc add n1" '"created":1' \
    ctl -o json bmc add n1 --listen "127.0.0.1:$port2"
check "ipmitool reaches n1" 'Device ID' lan "$port2" mc info
check "bulk power off n*" '"ok":1' \
    api POST /v1/bulk '{"name":"n*","op":"power","args":{"state":"off"}}'
check "n1 is off, default is on" 'default.* on *$' ctl bmc list
# The bulk write is batched (one flush for all): in place when it answers.
check "n1's state file says off after the bulk" '^power = off' \
    cat "$WORK/state-api/n1.state"
check "no temporary state file is left" '^0$' \
    sh -c 'find "$1" -name "*.tmp" | wc -l' sh "$WORK/state-api"
check "bmc rm n1" '^deleted: n1' ctl bmc rm n1
check_fails "n1 is gone (404, exit 1)" 'Unknown BMC' ctl bmc show n1
check_fails "ipmitool gets nothing from n1" 'Unable|Error|timeout|fail' \
    lan "$port2" mc info

# bmc-reset: silent for a while, sessions gone, then it answers again.
check "bmc-reset" 'resetting' ctl bmc bmc-reset default --ms 300
sleep 0.5
check "answers after the BMC reset" 'Device ID' lan "$PORT_api" mc info

# State export and import.
ctl -o json state export >"$WORK/state.json"
check "state export has the BMC" '"default"' cat "$WORK/state.json"
check "state import" '"loaded":1' ctl -o json state import "$WORK/state.json"

# Refusals.
check "unknown BMC: 404 problem+json" '^404$' api GET /v1/bmcs/nope/power
check "malformed JSON: 400" '"Malformed JSON"' \
    api PUT /v1/bmcs/default/power '{"state":'
check "malformed JSON: status 400" '^400$' \
    api PUT /v1/bmcs/default/power '{"state":'
check "a browser Origin: 403" '^403$' \
    curl -s -o /dev/null -w '%{http_code}\n' --unix-socket "$SOCK" \
    -H 'Origin: http://example.com' http://bmcsim/v1
check "Sec-Fetch-Site: 403" '^403$' \
    curl -s -o /dev/null -w '%{http_code}\n' --unix-socket "$SOCK" \
    -H 'Sec-Fetch-Site: cross-site' http://bmcsim/v1
head -c 1100000 /dev/zero | tr '\0' ' ' >"$WORK/big.json"
check "a body over 1 MiB: 413" '^413$' \
    curl -s -o /dev/null -w '%{http_code}\n' --unix-socket "$SOCK" \
    -X PUT --data-binary @"$WORK/big.json" http://bmcsim/v1/bmcs/default/power
check_fails "ctl: unreachable is exit 4" 'No such file' \
    "$BMCSIM" ctl -S "unix:$WORK/none.sock" bmc list
"$BMCSIM" ctl -S "unix:$WORK/none.sock" bmc list 2>/dev/null
check "ctl: the unreachable exit code is 4" '^4$' echo $?

# Labels from the INI, and selectors over them.
mkdir -p "$WORK/lab-state"
cat >"$WORK/labels.ini" <<INI
[bmc a]
listen = 127.0.0.1:0
model = $CONFIGS/default.ini
labels = rack=r1, role=compute

[bmc b]
listen = 127.0.0.1:0
model = $CONFIGS/default.ini
labels = rack=r2
INI
"$BMCSIMD" -c "$WORK/labels.ini" --state-dir "$WORK/lab-state" \
    >"$WORK/labels.log" 2>&1 &
BMC_PIDS="$BMC_PIDS $!"
LSOCK="unix:$WORK/lab-state/control.sock"
check "labels: ready" '' "$BMCSIM" ctl -S "$LSOCK" wait-ready --timeout 10
check "labels: the selector lists a only" '^a +127' \
    "$BMCSIM" ctl -S "$LSOCK" bmc list --selector rack=r1
check "labels: one BMC in rack r1" '^1$' \
    sh -c "'$BMCSIM' ctl -S '$LSOCK' bmc list --selector rack=r1 | grep -c '^[ab] '"
check "labels: bulk power off rack r2" '"matched":1,"ok":1' \
    curl -s --unix-socket "$WORK/lab-state/control.sock" -X POST \
    -d '{"selector":"rack=r2","op":"power","args":{"state":"off"}}' \
    http://bmcsim/v1/bulk
check "labels: b is off, a on" '"name":"a"[^}]*"power":"on".*"name":"b"[^}]*"power":"off"' \
    "$BMCSIM" ctl -S "$LSOCK" -o json bmc list

# TCP: a token is required, and generated into a 0600 file.
tport=$(free_port)
uport=$(free_port)
"$BMCSIMD" -c "$CONFIGS/default.ini" --listen "127.0.0.1:$uport" \
    --control "tcp:127.0.0.1:$tport" \
    --control-token-file "$WORK/token" >"$WORK/tcp.log" 2>&1 &
BMC_PIDS="$BMC_PIDS $!"
for i in $(seq 1 100); do
	[ -s "$WORK/token" ] && asf_ping "$uport" && break
	sleep 0.1
done
check "the token file is mode 0600" '^600$' stat -c %a "$WORK/token"
check "TCP without a token: 401" '^401$' \
    curl -s -o /dev/null -w '%{http_code}\n' "http://127.0.0.1:$tport/v1"
check "TCP with a wrong token: 401" '^401$' \
    curl -s -o /dev/null -w '%{http_code}\n' \
    -H 'Authorization: Bearer 0000000000000000000000000000000000000000000000000000000000000000' \
    "http://127.0.0.1:$tport/v1"
check "TCP with the token: 200" '^200$' \
    curl -s -o /dev/null -w '%{http_code}\n' \
    -H "Authorization: Bearer $(cat "$WORK/token")" \
    "http://127.0.0.1:$tport/v1"
check "ctl over TCP with -T" '^default ' \
    "$BMCSIM" ctl -S "tcp:127.0.0.1:$tport" -T "$WORK/token" bmc list

# --control-group: the socket is 0660 and the group's; a member of the
# group (here uid 65534 with only that gid) uses the API, others cannot
# connect; an unknown group stops the daemon.  GET /v1 lists what the
# route tables serve.
gport=$(free_port)
mkdir -m 0711 "$WORK/grp"
chmod o+x "$WORK"
"$BMCSIMD" -c "$CONFIGS/default.ini" --listen "127.0.0.1:$gport" \
    --control "unix:$WORK/grp/c.sock" --control-group 54321 \
    >"$WORK/grp.log" 2>&1 &
BMC_PIDS="$BMC_PIDS $!"
for i in $(seq 1 100); do
	[ -S "$WORK/grp/c.sock" ] && asf_ping "$gport" && break
	sleep 0.1
done
check "--control-group: mode 0660, group 54321" '^660 54321$' \
    stat -c '%a %g' "$WORK/grp/c.sock"
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	check "--control-group: a group member gets 200" '^200$' \
	    setpriv --reuid=65534 --regid=54321 --clear-groups \
	    curl -s -o /dev/null -w '%{http_code}\n' \
	    --unix-socket "$WORK/grp/c.sock" http://bmcsim/v1
	check_fails "--control-group: another group cannot connect" '^000$' \
	    setpriv --reuid=65534 --regid=54322 --clear-groups \
	    curl -s -o /dev/null -w '%{http_code}\n' \
	    --unix-socket "$WORK/grp/c.sock" http://bmcsim/v1
fi
check "GET /v1: capabilities from the route tables" \
    '"capabilities":\["probes","bmcs","power",.*"fru",.*"sessions",.*"state"' \
    curl -s --unix-socket "$WORK/grp/c.sock" http://bmcsim/v1
check_fails "--control-group with an unknown group: no start" \
    'no such group' timeout 10 "$BMCSIMD" -c "$CONFIGS/default.ini" \
    --listen "127.0.0.1:0" --control "unix:$WORK/grp/x.sock" \
    --control-group no-such-group-here

finish
