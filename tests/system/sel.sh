#!/bin/sh
# The SEL and the system information parameters against ipmitool, FreeIPMI
# and pyghmi: default.ini's history with its timestamps, entries added
# from a file, a power off logged as a Power Unit event, deletion,
# clearing (which logs "log area reset/cleared"), the SEL time, the
# system info parameters, and the log and a changed system name kept
# across a restart with the same state directory.
. "${top_srcdir:-.}/tests/system/lib.sh"
need ipmitool ipmi-sel python3
if ! /usr/bin/python3 -c 'import pyghmi' 2>/dev/null; then
	need pyghmi-is-not-installed
fi

start_bmcsimd def "$CONFIGS/default.ini"
lan() { ipmitool -I lanplus -H 127.0.0.1 -p "$PORT_def" -U admin \
    -P password -R 2 -N 1 "$@"; }
F="-h 127.0.0.1:$PORT_def -u admin -p password -l ADMIN --driver-type=LAN_2_0"
# ipmi-sel with its SDR cache in the test's directory.
mkdir -m 700 "$WORK/sdr"
isel() { ipmi-sel $F --sdr-cache-directory "$WORK/sdr" "$@" 2>/dev/null; }
# "sel list" without SDR lookups (those go to stderr), one line per entry.
sel_list() { lan sel list 2>/dev/null; }
sel_count() { sel_list | grep -c '|'; }

# The history of default.ini: six events, stamped "ago" seconds before the
# start (7 days, 3 days, 1 day).
check "sel info: 6 entries" 'Entries +: 6$' lan sel info
check "sel info: 8096 bytes free" 'Free Space +: 8096 bytes' lan sel info
check "sel info: 512 allocation units" '# of Alloc Units : 512' lan sel info
check "history: power unit off 7 days ago" \
    "^ +1 \| $(date -u -d '-7 days' +%m/%d/%y) \| [0-9:]+ UTC \| Power Unit #0x25 \| Power off/down \(\) \| Asserted" \
    sel_list
check "history: power supply AC lost 3 days ago" \
    "^ +3 \| $(date -u -d '-3 days' +%m/%d/%y) \| [0-9:]+ UTC \| Power Supply #0x1d \| Power Supply AC lost \(\) \| Asserted" \
    sel_list
check "history: fan lower critical 1 day ago, deasserted" \
    "^ +6 \| $(date -u -d '-1 day' +%m/%d/%y) \| [0-9:]+ UTC \| Fan #0x10 \| Lower Critical going low +\| Deasserted" \
    sel_list
check "sel get 5: the fan's reading and threshold" \
    'Event Data \(RAW\) +: 520406' lan sel get 5
check "sel elist: the PSU's name from the SDR" \
    '^ +3 \| .* \| Power Supply PSU1 Status \| Power Supply AC lost \(\) \| Asserted' \
    lan sel elist
check "sel elist: the fan's reading and threshold in RPM" \
    '^ +5 \| .* \| Fan FAN6 \| Lower Critical going low +\| Asserted \| Reading 320 < Threshold 480 RPM' \
    lan sel elist

# Entries added from a file: stamped now by the BMC.
cat >"$WORK/events.txt" <<'EOF'
# EvMRev, sensor type, number, event type, data 1-3
0x04 0x05 0x23 0x6f 0x00 0xff 0xff
0x04 0x01 0x01 0x01 0x59 0x5a 0x54
EOF
check "sel add from a file" 'intrusion' lan sel add "$WORK/events.txt"
check "added: physical security, today" \
    "^ +7 \| $(date -u +%m/%d/%y) \| [0-9:]+ UTC \| Physical Security #0x23 \| General Chassis intrusion \(\) \| Asserted" \
    sel_list
# ipmitool adds them as system software (generator 41h): not the BMC's
# sensors, so no SDR names.
check "added: upper critical temperature" \
    '^ +8 \| .* Temperature #0x01 \| Upper Critical going high \| Asserted' \
    lan sel elist
check "power off" 'Down/Off' lan chassis power off
check "power off logged: Power Unit, asserted" \
    '^ +9 \| .* Power Unit #0x25 \| Power off/down \(\) \| Asserted' sel_list
check "power on" 'Up/On' lan chassis power on
check "power on logged: deasserted" \
    '^ +a \| .* Power Unit #0x25 \| Power off/down \(\) \| Deasserted' \
    sel_list
check "sel info: 10 entries" 'Entries +: 10$' lan sel info
check "sel info: last add today" \
    "Last Add Time +: $(date -u +%m/%d/%y)" lan sel info

# FreeIPMI and pyghmi read the same entries.
check "ipmi-sel: 10 entries" '^10$' sh -c "ipmi-sel $F \
    --sdr-cache-directory $WORK/sdr --no-header-output 2>/dev/null |
    grep -c '|'"
check "ipmi-sel: AC lost, record 3" \
    '^3 +\| [A-Z][a-z]{2}-[0-9]{2}-[0-9]{4} \| [0-9:]+ +\| PSU1 Status +\| Power Supply +\| Power Supply input lost \(AC/DC\)' \
    isel
check "ipmi-sel: intrusion, record 7" \
    '^7 +\| .*\| Sensor #35 +\| Physical Security +\| General Chassis Intrusion' isel
check "ipmi-sel: fan reading and threshold" \
    'FAN6 +\| Fan +\| Lower Critical - going low ; Sensor Reading = 320.00 RPM ; Threshold = 480.00 RPM' \
    isel
check "ipmi-sel --info: 10 entries" 'Number of log entries +: 10$' \
    isel --info
check "pyghmi get_event_log: the same entries" '^all ok$' \
    timeout 180 /usr/bin/python3 - "$PORT_def" <<'PY'
import sys
from pyghmi.ipmi import command

c = command.Command(bmc="127.0.0.1", userid="admin", password="password",
                    port=int(sys.argv[1]))
log = list(c.get_event_log())
ids = [e["record_id"] for e in log]
assert ids == list(range(1, 11)), ids
assert log[2]["component_type"] == "Power Supply", log[2]
assert log[2]["event"] == "Power input lost", log[2]
assert log[2]["component"] == "PSU1 Status", log[2]
assert log[4]["component"] == "FAN6", log[4]
assert log[6]["component_id"] == "65.35.0", log[6]
assert not log[2]["deassertion"], log[2]
assert log[3]["deassertion"], log[3]
assert log[4]["component_type"] == "Fan", log[4]
assert log[4]["triggered_value"] == 4 and log[4]["threshold_value"] == 6
assert log[8]["component_type"] == "Power Unit", log[8]
assert log[6]["component_type_id"] == 5, log[6]
print("all ok")
PY

# Delete and clear.
check "sel delete 2" 'Deleted entry 2' lan sel delete 2
check "sel info: 9 entries" 'Entries +: 9$' lan sel info
check "sel get 2: gone" '' sh -c "! ipmitool -I lanplus -H 127.0.0.1 \
    -p $PORT_def -U admin -P password sel get 2 2>&1 | grep -q 'Record ID'"
check "sel clear" 'Clearing SEL' lan sel clear
check "after clear: one entry, the log cleared" '^1$' sel_count
check "after clear: log area reset/cleared" \
    '^ +b \| .* Event Logging Disabled #0x[0-9a-f]+ \| Log area reset/cleared \(\) \| Asserted' \
    sel_list
check "sel info: last erase today" \
    "Last Del Time +: $(date -u +%m/%d/%y)" lan sel info
check "ipmi-sel --clear" '' isel --clear
check "ipmi-sel after --clear: only the log cleared" \
    '^12 +\| .*\| Event Logging Disabled +\| Log Area Reset/Cleared$' \
    isel --no-header-output
check "pyghmi get_event_log(clear=True): read, then cleared" '^all ok$' \
    timeout 180 /usr/bin/python3 - "$PORT_def" <<'PY'
import sys
from pyghmi.ipmi import command

c = command.Command(bmc="127.0.0.1", userid="admin", password="password",
                    port=int(sys.argv[1]))
def fetch(clear):
    return list(c.get_event_log(clear))
log = fetch(True)
assert [e["record_id"] for e in log] == [12], log
assert log[0]["event"] == "Log clear" and log[0]["component_type_id"] == 16
log = fetch(False)
assert [e["record_id"] for e in log] == [13], log
print("all ok")
PY

# The SEL time.
check "sel time get: now" "^$(date -u +%m/%d/%y) [0-9:]+" lan sel time get
check "sel time set" '01/02/30 10:00:00' lan sel time set "01/02/30 10:00:00"
check "sel time get: as set" '^01/02/30 10:00:0[0-9]' lan sel time get
check "added after: stamped in SEL time" \
    '^ +e \| 01/02/30 \| 10:00:0[0-9] UTC \| Physical Security' \
    sh -c "ipmitool -I lanplus -H 127.0.0.1 -p $PORT_def -U admin \
    -P password sel add $WORK/events.txt >/dev/null 2>&1 &&
    ipmitool -I lanplus -H 127.0.0.1 -p $PORT_def -U admin -P password \
    sel list 2>/dev/null"

# System information parameters.
check "mc getsysinfo system_name" '^sim-rack-01$' \
    lan mc getsysinfo system_name
check "mc getsysinfo primary_os_name" '^Debian GNU/Linux 12$' \
    lan mc getsysinfo primary_os_name
check "mc getsysinfo system_fw_version" '^1\.4\.2$' \
    lan mc getsysinfo system_fw_version
check "mc setsysinfo system_name (two blocks)" '' \
    lan mc setsysinfo system_name rack-07-node-with-long-name
check "mc getsysinfo system_name: as set" '^rack-07-node-with-long-name$' \
    lan mc getsysinfo system_name
check "mc setsysinfo os_name" '' lan mc setsysinfo os_name Linux
check "mc getsysinfo os_name" '^Linux$' lan mc getsysinfo os_name
check "mc getenables: system event logging" \
    'System Event Logging +: enabled' lan mc getenables

# Kept across a restart: the entries (not the history again), the SEL
# time, the system name; the OS name is volatile.
stop_bmcsimd def
"$BMCSIMD" -c "$CONFIGS/default.ini" --listen "127.0.0.1:$PORT_def" \
    --state-dir "$WORK/state-def" -vv >"$WORK/def2.log" 2>&1 &
pid=$!
BMC_PIDS="$BMC_PIDS $pid"
for i in $(seq 1 50); do asf_ping "$PORT_def" && break; sleep 0.1; done
check "after restart: 3 entries" '^3$' sel_count
check "after restart: the added entry" \
    '^ +f \| 01/02/30 \| .* Temperature #0x01 \| Upper Critical going high' \
    sel_list
check "after restart: SEL time goes on" '^01/02/30 10:0[0-9]:[0-9]{2}' \
    lan sel time get
check "after restart: system name" '^rack-07-node-with-long-name$' \
    lan mc getsysinfo system_name
check "after restart: OS name back to the model's" '^$' \
    lan mc getsysinfo os_name
check "after restart: log says restored" 'SEL restored.*: 3 entries' \
    cat "$WORK/def2.log"
kill "$pid"

finish
