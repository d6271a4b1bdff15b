#!/usr/bin/env bash
# The sharding without a cluster: three containers named as a StatefulSet
# names its pods (bmcsim-0, -1, -2) and started alike, with
# BMCSIM_SHARD=host/3, together serve a fleet of 30 with no BMC twice,
# each reachable by ipmitool.
cd "$(dirname "$0")" && . ./lib.sh

base=$(free_ports 30)
for i in 0 1 2; do
	CONTAINERS="$CONTAINERS shard$i-$$"
	podman run -d --init --name "shard$i-$$" --hostname "bmcsim-$i" \
	    --network=host --cap-drop=ALL --cap-add=NET_BIND_SERVICE \
	    -e BMCSIM_LISTEN="127.0.0.1:$base" -e BMCSIM_FLEET=30 \
	    -e BMCSIM_SHARD=host/3 "$IMAGE" >/dev/null
done
for i in 0 1 2; do
	wait_healthy "shard$i-$$" || bad "shard $i is not healthy"
	podman cp "shard$i-$$:/tmp/bmcsim.ready" "$WORK/ready-$i"
	echo "shard $i: $(head -n 1 "$WORK/ready-$i") ... $(tail -n 1 "$WORK/ready-$i")"
done
python3 - "$base" "$WORK"/ready-0 "$WORK"/ready-1 "$WORK"/ready-2 >"$WORK/cover" <<'PY'
import sys
base = int(sys.argv[1])
seen = []
for path in sys.argv[2:]:
    with open(path) as f:
        seen += [tuple(l.split()) for l in f]
want = [("default-%04d" % (i + 1), "127.0.0.1:%d" % (base + i)) for i in range(30)]
print("cover" if sorted(seen) == want and len(seen) == len(set(seen)) else
      "seen %r" % (seen,))
PY
check "three shards serve the fleet of 30, each BMC once" '^cover$' cat "$WORK/cover"
for i in 0 1 2; do
	p=$(awk 'NR == 1 { sub(/.*:/, "", $2); print $2 }' "$WORK/ready-$i")
	check "ipmitool reaches shard $i's first BMC (port $p)" "System GUID" \
	    ipmitool -I lanplus -H 127.0.0.1 -p "$p" -U admin -P password \
	    mc guid
done

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
