#!/bin/bash
# The SEL against ipmitool, FreeIPMI and pyghmi, values checked against
# sim-configs/default.ini: the history the model starts with, entries
# added by clients and by the BMC (platform events, power changes, a
# clear), the SEL time, and the log kept over a restart.
. "${top_srcdir:-.}/tests/system/lib.sh"
need ipmitool ipmi-sel python3

mkdir -m 700 "$WORK/sdr"
start_bmcsimd def "$CONFIGS/default.ini"
export PORT_def WORK

lan() {
	ipmitool -I lanplus -H 127.0.0.1 -p "$PORT_def" -U admin -P password \
	    -R 2 -N 1 "$@"
}
fi_sel() {
	ipmi-sel -h "127.0.0.1:$PORT_def" -u admin -p password -l ADMIN \
	    --quiet-cache --sdr-cache-directory="$WORK/sdr" "$@"
}

check "sel info: the model's 6 entries" 'Entries +: 6' lan sel info
check "sel info: 512 entries of room" '# of Alloc Units +: 512' lan sel info
check "sel elist: PSU1 lost its input three days ago" \
    '^ +3 \| .* \| Power Supply PSU1 Status \| Power Supply AC lost \(\) \| Asserted' \
    lan sel elist
check "sel elist: FAN6 below its critical threshold" \
    'Fan FAN6 \| Lower Critical going low +\| Asserted \| Reading 320 < Threshold 480 RPM' \
    lan sel elist
check "sel list: entry 1 a week before the start" \
    "^ +1 \| $(date -u -d '7 days ago' +%m/%d/%y) " lan sel list
check "ipmi-sel: the same six" '^6$' sh -c \
    "$(declare -f fi_sel); fi_sel --no-header-output --comma-separated-output | wc -l"
check "ipmi-sel: the fan event decoded" \
    'FAN6,Fan,Lower Critical - going low ; Sensor Reading = 320\.00 RPM ; Threshold = 480\.00 RPM' \
    fi_sel --no-header-output --comma-separated-output

# Entries from clients: Add SEL Entry from a file, a platform event.
printf '0x04 0x12 0x27 0x6f 0x02 0xff 0xff\n' >"$WORK/events.txt"
check "sel add FILE" 'System Event #0x27' lan sel add "$WORK/events.txt"
check "ipmitool event 1: a platform event message" 'Sending SAMPLE event' \
    lan event 1
check "sel info: 8 entries" 'Entries +: 8' lan sel info
check "sel elist: the added system event" \
    '^ +7 \| .* \| System Event #0x27 \| Undetermined system hardware failure \(\) \| Asserted' \
    lan sel elist
check "sel elist: the platform event message" \
    '^ +8 \| .* \| Temperature #0x30 \| Upper Critical going high \| Asserted' \
    lan sel elist

# The BMC's own: a power change.
check "chassis power off" 'Down/Off' lan chassis power off
check "sel: Power Unit power off/down asserted" \
    'Power Unit Power Unit \| Power off/down \(\) \| Asserted' lan sel elist last 1
lan chassis power on >/dev/null

# SEL time.
check "sel time get: now" "^$(date -u +%m/%d/%y) " lan sel time get
check "sel time set" '01/02/31 03:04:05' lan sel time set "01/02/31 03:04:05"
check "sel time get: as set" '^01/02/31 03:04:0[5-9]' lan sel time get

check "pyghmi get_event_log: 10 entries, the PSU event" '^all ok$' \
    timeout 60 /usr/bin/python3 - "$PORT_def" <<'PY'
import sys
from pyghmi.ipmi import command
c = command.Command(bmc="127.0.0.1", userid="admin", password="password",
                    port=int(sys.argv[1]))
log = list(c.get_event_log())
assert len(log) == 10, len(log)
e = log[2]
assert e["component"] == "PSU1 Status", e
assert e["component_type"] == "Power Supply", e
assert not e["deassertion"], e
assert log[3]["deassertion"], log[3]
print("all ok")
PY

# Kept over a restart, and not mixed with the model's history again.
stop_bmcsimd def
start_bmcsimd def "$CONFIGS/default.ini"
check "restart: 10 entries kept" 'Entries +: 10' lan sel info
check "restart: the log says the SEL was restored" \
    'SEL restored from the saved state: 10 entries' cat "$WORK/def.log"
check "restart: the SEL time offset kept" '^01/02/31' lan sel time get

check "sel clear" 'Clearing SEL' lan sel clear
check "sel after clear: one entry, the clear itself" \
    'Event Logging Disabled #0xff \| Log area reset/cleared \(\) \| Asserted' \
    lan sel elist
check "sel info after clear: 1 entry" 'Entries +: 1$' lan sel info
finish
