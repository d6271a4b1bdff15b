#!/bin/sh
# bmcsimd configured by its environment only (BMCSIM_*, as in its
# container): three daemons with shards 0/3, 1/3 and 2/3 of one fleet of
# 9 together serve every BMC once, each reachable by ipmitool, and
# `bmcsim ping -r` finds each one's BMCs through its ready file.
. "${top_srcdir:-.}/tests/system/lib.sh"
need ipmitool python3
BMCSIM="$top_builddir/bmcsim"

# Nine consecutive free ports below the ephemeral range.
pick_base() {
	python3 - <<'PY'
import random, socket
for _ in range(50):
    b = random.randrange(10000, 30000)
    socks = []
    try:
        for p in range(b, b + 9):
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

base=$(pick_base)
for i in 0 1 2; do
	# Shard 2 has its administrator from the environment.
	admin=""
	[ "$i" = 2 ] && admin="BMCSIM_USER=root BMCSIM_PASSWORD=calvin"
	env $admin BMCSIM_CONFIG="$CONFIGS/default.ini" \
	    BMCSIM_LISTEN="127.0.0.1:$base" BMCSIM_FLEET=9 \
	    BMCSIM_SHARD="$i/3" BMCSIM_READY_FILE="$WORK/ready-$i" \
	    BMCSIM_STATE_DIR="$WORK/state-$i" \
	    "$BMCSIMD" >"$WORK/shard-$i.log" 2>&1 &
	BMC_PIDS="$BMC_PIDS $!"
done
for i in $(seq 1 100); do
	[ -s "$WORK/ready-0" ] && [ -s "$WORK/ready-1" ] &&
	    [ -s "$WORK/ready-2" ] && break
	sleep 0.1
done
cat "$WORK"/ready-* >"$WORK/all"
expect=$(python3 -c "
import sys
b = int(sys.argv[1])
for i in range(9):
    print('default-%04d 127.0.0.1:%d' % (i + 1, b + i))" "$base")
check "three shards hold the fleet of 9 once, in runs" "^ok$" \
    sh -c "[ \"\$(sort '$WORK/all')\" = '$expect' ] &&
	[ \$(wc -l <'$WORK/ready-0') = 3 ] && [ \$(wc -l <'$WORK/ready-2') = 3 ] &&
	echo ok || { cat $WORK/ready-* $WORK/shard-*.log; }"
check "shard 1 starts at default-0004" "^default-0004 127\.0\.0\.1:$((base + 3))$" \
    head -n 1 "$WORK/ready-1"
# Each shard answers for its own BMCs, each with the fleet's GUIDs.
check "BMCSIM_USER/BMCSIM_PASSWORD log in on shard 2" "System GUID" \
    ipmitool -I lanplus -H 127.0.0.1 -p $((base + 8)) -U root -P calvin \
    mc guid
check_fails "shard 2's user 2 is no longer admin/password" "." \
    ipmitool -I lanplus -H 127.0.0.1 -p $((base + 8)) -U admin -P password \
    -N 1 -R 1 mc guid
for p in $base $((base + 4)); do
	check "ipmitool reaches port $p" "System GUID" \
	    ipmitool -I lanplus -H 127.0.0.1 -p "$p" -U admin -P password \
	    mc guid
done
g1=$(ipmitool -I lanplus -H 127.0.0.1 -p "$base" -U admin -P password \
    mc guid 2>&1 | grep 'System GUID')
g9=$(ipmitool -I lanplus -H 127.0.0.1 -p $((base + 8)) -U root \
    -P calvin mc guid 2>&1 | grep 'System GUID')
check "shards' BMCs have their own GUIDs" "^differ$" \
    sh -c "[ -n '$g1' ] && [ '$g1' != '$g9' ] && echo differ"
for i in 0 1 2; do
	check "bmcsim ping -r ready-$i" "IANA enterprise +: 4542" \
	    "$BMCSIM" ping -r "$WORK/ready-$i"
done
check_fails "bmcsim ping -r without a ready file" "not ready" \
    "$BMCSIM" ping -r "$WORK/none"
check_fails "BMCSIM_SHARD=3/3 refused" "BMCSIM_SHARD=3/3: the shard must be 0 to 2" \
    env BMCSIM_SHARD=3/3 "$BMCSIMD" --check
check_fails "BMCSIM_FLEET on a fleet file refused" "has 1000 BMCs" \
    env BMCSIM_FLEET=2 "$BMCSIMD" -c "$CONFIGS/fleet.ini" --check

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
