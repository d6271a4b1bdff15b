#!/bin/sh
# A fleet of 1,000 BMCs in one process: it starts, and a sample of them
# answer ipmitool, each with its own GUID.
. "${top_srcdir:-.}/tests/system/lib.sh"
need ipmitool python3

# The shipped fleet on ports 7000-7999, moved to a free range.
base=$(python3 - <<'PY'
import socket, random
for _ in range(50):
    b = random.randrange(20000, 60000 - 1000)
    ok = True
    for p in (b, b + 500, b + 999):
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        try:
            s.bind(("127.0.0.1", p))
        except OSError:
            ok = False
        s.close()
    if ok:
        print(b)
        break
PY
)
sed -e "s/127\.0\.0\.1:7000/127.0.0.1:$base/" -e "s|default\.ini|$CONFIGS/default.ini|" \
    "$CONFIGS/fleet.ini" >"$WORK/fleet.ini"
check "--check: 1000 BMCs" 'OK: 1000 BMC' "$BMCSIMD" --check -c "$WORK/fleet.ini"
"$BMCSIMD" -c "$WORK/fleet.ini" -v >"$WORK/fleet.log" 2>&1 &
pid=$!
BMC_PIDS="$BMC_PIDS $pid"
for i in $(seq 1 100); do asf_ping $((base + 999)) && break; sleep 0.1; done
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

finish
