#!/bin/sh
# The request journal through the control API: ipmitool's power cycle is
# verified exactly once with bmcsim ctl while a scripted console
# retransmits its own (the retry is linked, not counted); near misses and
# an evicted window ("inconclusive", exit 3); NDJSON and pcap exports with
# a key log bmcsim decode reads; /metrics parsed by python3-prometheus-client.
. "${top_srcdir:-.}/tests/system/lib.sh"
need ipmitool
need curl
need python3
if ! /usr/bin/python3 -c 'import prometheus_client' 2>/dev/null; then
	[ -n "${CI:-}" ] && { echo "FAIL: python3-prometheus-client missing"; exit 1; }
	echo "SKIP: python3-prometheus-client missing"; exit 77
fi
BMCSIM="$top_builddir/bmcsim"

# check_exit NAME CODE COMMAND...: the command exits with CODE.
check_exit() {
	local what=$1 want=$2 out rc
	shift 2
	out=$(bounded "$@" 2>&1)
	rc=$?
	if [ "$rc" -eq "$want" ]; then
		passes=$((passes + 1))
		echo "ok   $what"
	else
		fails=$((fails + 1))
		echo "FAIL $what (exit $rc, wanted $want):"
		printf '%s\n' "$out" | sed 's/^/     /' | head -n 30
	fi
}

start_bmcsimd def "$CONFIGS/default.ini"
SOCK="$WORK/state-def/control.sock"
ctl() { "$BMCSIM" ctl -S "unix:$SOCK" "$@"; }
ipmi() {
	timeout 30 ipmitool -I lanplus -H 127.0.0.1 -p "$PORT_def" -U admin \
	    -P password -C 17 "$@"
}

check "mark before ipmitool" '"seq"' ctl -o json journal mark before-ipmitool
check "ipmitool power cycle" 'Cycle' ipmi chassis power cycle
check "mark before the retrying console" '"seq"' \
    ctl -o json journal mark before-retry
check "scripted console retransmits Chassis Control" \
    'retried chassis control answered' \
    "$top_builddir/tests/system/retry_client" "$PORT_def" admin password 17

check "ipmitool's power cycle: exactly once" \
    '^ok: 1 matching \(0 retransmitted' \
    ctl journal verify --bmc default --command chassis-control --data 02 \
    --exactly 1 --since-mark before-ipmitool --until-mark before-retry
check "the console's: exactly once, its retry linked" \
    '^ok: 1 matching \(1 retransmitted' \
    ctl journal verify --bmc default --command 0:2 --exactly 1 \
    --since-mark before-retry
check "both: at least 2" '^ok: 2 matching' \
    ctl journal verify --bmc default --command chassis-control --at-least 2
check_exit "exactly 3 fails with exit 1" 1 \
    ctl journal verify --bmc default --command chassis-control --exactly 3
check_fails "near miss: the right command to another BMC" \
    'near miss: 2 to another BMC' \
    ctl journal verify --bmc other --command chassis-control --at-least 1
check "near miss: the right BMC with other data" \
    'near miss: 1 with other data' \
    ctl journal verify --bmc default --command chassis-control --data 03 \
    --since-mark before-ipmitool --until-mark before-retry --exactly 0
check "the retry is cached and linked to its original" \
    '"outcome": ?"cached".*"retransmit_of": ?[0-9]+' \
    ctl -o json journal list --outcome cached
check "the power change is journaled" '"power": ?"on->off"' \
    ctl -o json journal list --command chassis-control
check "count by command" '^2$' ctl journal count --command chassis-control \
    --originals
# default.ini's BMC carries no labels: a label selector leaves it out.
check "count by command, a selector no BMC's labels hold" '^0$' \
    ctl journal count --command chassis-control --originals --selector rack=r9
check "wait: already there" '"satisfied": ?true' \
    ctl -o json journal wait --command chassis-control --count 2 --timeout 1
check_exit "wait: times out (exit 1)" 1 \
    ctl journal wait --command chassis-control --count 9 --timeout 0.3
check "-vv: one line per request, decoded" \
    'request admin Chassis Control \(00:02\) \[chassis_control: power_cycle\]: cc 00' \
    cat "$WORK/def.log"

# Exports: NDJSON over the API, pcap and key log through bmcsim ctl.
check "NDJSON export" '^\{"seq":' curl -sf --unix-socket "$SOCK" \
    "http://localhost/v1/journal/export?command=chassis-control"
check "pcap export and key log" '' ctl journal export --format pcap \
    --output "$WORK/j.pcap" --keylog "$WORK/j.keys"
check "key log lines" '^RMCPP bmc_sid=[0-9a-f]{8} console_sid=[0-9a-f]{8} suite=17 sik=[0-9a-f]{64} k1=[0-9a-f]{64} k2=[0-9a-f]{64}$' \
    cat "$WORK/j.keys"
check "bmcsim decode reads the capture" 'RMCP' \
    "$BMCSIM" decode --pcap "$WORK/j.pcap"

# /metrics through Prometheus' own parser.
curl -sf --unix-socket "$SOCK" "http://localhost/metrics?bmc=default" \
    >"$WORK/metrics.txt"
check "/metrics parses, with bounded labels and ?bmc detail" \
    'parsed requests=[1-9][0-9]* chassis=[0-9]+ bmc_series=[1-9]' \
    /usr/bin/python3 - "$WORK/metrics.txt" <<'PY'
import sys
from prometheus_client.parser import text_string_to_metric_families
fams = {f.name: f for f in text_string_to_metric_families(open(sys.argv[1]).read())}
req = fams["bmcsim_requests"].samples
chassis = [s.value for s in req if s.labels.get("command") == "chassis-control"]
assert chassis and chassis[0] >= 3, chassis
bmc = [s for f in fams.values() for s in f.samples if "bmc" in s.labels]
assert all(s.labels["bmc"] == "default" for s in bmc)
assert fams["bmcsim_journal_entries"].samples[0].value > 0
print("parsed requests=%d chassis=%d bmc_series=%d" %
      (sum(s.value for s in req), chassis[0], len(bmc)))
PY
stop_bmcsimd def

# A journal of 2 entries: the window was evicted, the answer is unsure.
start_bmcsimd small "$CONFIGS/default.ini" --journal-size 2
SOCK="$WORK/state-small/control.sock"
timeout 30 ipmitool -I lanplus -H 127.0.0.1 -p "$PORT_small" -U admin \
    -P password -C 17 chassis power status >/dev/null 2>&1
check_exit "evicted window: inconclusive (exit 3)" 3 \
    ctl journal verify --bmc default --command get-channel-authentication-capabilities \
    --exactly 1
stop_bmcsimd small

finish
