#!/bin/sh
# A fleet of 1,000 BMCs in one process: it starts, and a sample of them
# answer ipmitool, each with its own GUID, serial numbers, address and MAC.
. "${top_srcdir:-.}/tests/system/lib.sh"
need ipmitool python3

# The shipped fleet on ports 7000-7999, moved to a free range below the
# kernel's ephemeral ports, where the clients of tests running beside this
# one bind theirs. A port taken between the probe and the start makes
# bmcsimd refuse to start; then another range is tried.
pick_base() {
	python3 - <<'PY'
import random, socket
lo = 10000
try:
    with open("/proc/sys/net/ipv4/ip_local_port_range") as f:
        eph = int(f.read().split()[0])
except OSError:
    eph = 32768
for _ in range(50):
    b = random.randrange(lo, max(lo + 1, eph - 1000))
    socks = []
    try:
        for p in range(b, b + 1000):
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            socks.append(s)
            s.bind(("127.0.0.1", p))
    except OSError:
        continue
    finally:
        for s in socks:
            s.close()
    print(b)
    break
PY
}
for attempt in 1 2 3; do
	base=$(pick_base)
	sed -e "s/127\.0\.0\.1:7000/127.0.0.1:$base/" \
	    -e "s|default\.ini|$CONFIGS/default.ini|" \
	    "$CONFIGS/fleet.ini" >"$WORK/fleet.ini"
	"$BMCSIMD" -c "$WORK/fleet.ini" -v >"$WORK/fleet.log" 2>&1 &
	pid=$!
	for i in $(seq 1 100); do
		asf_ping $((base + 999)) && break
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	if kill -0 "$pid" 2>/dev/null; then
		BMC_PIDS="$BMC_PIDS $pid"
		break
	fi
	wait "$pid" 2>/dev/null
	grep -q 'is in use' "$WORK/fleet.log" || break
	echo "     ports $base-$((base + 999)) were taken meanwhile; another range"
done
check "--check: 1000 BMCs" 'OK: 1000 BMC' "$BMCSIMD" --check -c "$WORK/fleet.ini"
check "started: 1000 BMCs listening" '1000 BMCs listening' cat "$WORK/fleet.log"
guids=""
for off in 0 1 499 998 999; do
	port=$((base + off))
	check "BMC at +$off answers mc info" 'Device ID' \
	    ipmitool -I lanplus -H 127.0.0.1 -p "$port" -U admin -P password \
	    -R 2 -N 1 mc info
	g=$(ipmitool -I lanplus -H 127.0.0.1 -p "$port" -U admin -P password \
	    -R 2 -N 1 mc guid 2>/dev/null | awk '/System GUID/ { print $NF }')
	guids="$guids $g"
done
check "five distinct system GUIDs" '^5$' \
    sh -c "echo $guids | tr ' ' '\n' | sort -u | grep -c ."

# Members 1 and 1000 (ports +0, +999): "{index}" in the FRU's serial
# numbers, addresses counting up from 10.0.0.2, MACs of their own.
fleet_ipmi() {
	ipmitool -I lanplus -H 127.0.0.1 -p "$1" -U admin -P password -R 2 \
	    -N 1 "$2" print "$3"
}
check "member 1: board serial OM24AS10012" 'Board Serial +: OM24AS10012$' \
    fleet_ipmi "$base" fru 0
check "member 1000: board serial OM24AS10000012" \
    'Board Serial +: OM24AS10000012$' fleet_ipmi $((base + 999)) fru 0
check "member 1: 10.0.0.3" 'IP Address +: 10\.0\.0\.3$' \
    fleet_ipmi "$base" lan 1
check "member 1000: 10.0.3.234" 'IP Address +: 10\.0\.3\.234$' \
    fleet_ipmi $((base + 999)) lan 1
check "two MACs" '^2$' sh -c "for p in $base $((base + 999)); do \
    ipmitool -I lanplus -H 127.0.0.1 -p \$p -U admin -P password -R 2 -N 1 \
    lan print 1 | awk '/^MAC Address/ { print \$NF }'; done | sort -u | grep -c ."

finish
