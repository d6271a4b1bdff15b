#!/bin/bash
# Exactly once under loss: COUNT (1000) Chassis Control power cycles from
# a console that retransmits (bench/lossy_client.c: same rqSeq, new
# session sequence number, every 100 ms) through a relay that drops
# LOSS % (30) of the datagrams each way.  The machine must cycle exactly
# COUNT times: the daemon's log holds one "power off (Chassis Control
# power cycle)" line per cycle it ran.
#
#   bench/lossy.sh [COUNT] [LOSS] [BUILD_DIR]    (not run by make check)
set -u
count=${1:-1000}
loss=${2:-30}
build=$(cd "${3:-.}" && pwd)
top=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/bmcsim-lossy.XXXXXX")
pids=""
cleanup() {
	local p
	for p in $pids; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
}
trap cleanup EXIT
echo "lossy: work directory $work"
free_port() {
	python3 -c 'import socket; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

cc -O2 -I"$top/src/session" -I"$top/src/crypto" -I"$top/src/codec" \
    -I"$top/src/common" -o "$work/lossy_client" "$top/bench/lossy_client.c" \
    "$build/libsession.a" "$build/libbmccrypto.a" "$build/libcodec.a" \
    "$build/libcommon.a" -lcrypto || exit 1

# The model's "on" half of a cycle comes at once, and info lines (power
# changes) are far below the log's rate limit of 50 a second.
sed -e 's/^power_cycle_interval_ms = .*/power_cycle_interval_ms = 0/' \
    "$top/sim-configs/default.ini" >"$work/model.ini"
port=$(free_port)
nice -n 19 "$build/bmcsimd" -c "$work/model.ini" --listen "127.0.0.1:$port" \
    --state-dir "$work/state" >"$work/bmcsimd.log" 2>&1 &
pids="$pids $!"
dpid=$!
relay=$(free_port)
nice -n 19 python3 - "$relay" "$port" "$loss" >"$work/relay.log" 2>&1 <<'PY' &
import random, select, socket, sys
listen, server, loss = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
rnd = random.Random(12)
front = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
front.bind(("127.0.0.1", listen))
print("ready", flush=True)
back = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
back.connect(("127.0.0.1", server))
client = None
stats = {"up": 0, "up_lost": 0, "down": 0, "down_lost": 0}
while True:
    r, _, _ = select.select([front, back], [], [], 5)
    if not r:
        print(stats, flush=True)
        continue
    for s in r:
        if s is front:
            d, client = front.recvfrom(2048)
            stats["up"] += 1
            if rnd.randrange(100) < loss:
                stats["up_lost"] += 1
            else:
                back.send(d)
        else:
            d = back.recv(2048)
            stats["down"] += 1
            if rnd.randrange(100) < loss:
                stats["down_lost"] += 1
            elif client:
                front.sendto(d, client)
PY
pids="$pids $!"
for i in $(seq 1 100); do
	grep -q ready "$work/relay.log" 2>/dev/null && break
	sleep 0.1
done
for i in $(seq 1 100); do
	timeout 2 "$build/bmcsim" ping -p "$port" -N 1 -R 1 >/dev/null 2>&1 &&
	    break
	sleep 0.1
done
start=$(date +%s)
nice -n 19 "$work/lossy_client" "$relay" admin password 17 "$count" |
    tee "$work/client.out"
rc=${PIPESTATUS[0]}
end=$(date +%s)
sleep 2
kill -USR1 "$dpid"; sleep 1
grep 'counters' "$work/bmcsimd.log" | tail -n 5
# The model ran each request it was handed once: acknowledged cycles plus
# the refusals (D5h) are all it saw; every retransmit came from the cache.
refused=$(sed -n 's/.* \([0-9]*\) refused.*/\1/p' "$work/client.out")
requests=$(grep 'counters: .* requests' "$work/bmcsimd.log" | tail -n 1 |
    sed -n 's/.* \([0-9]*\) requests.*/\1/p')
cycles=$(grep -c 'power off (Chassis Control power cycle)' "$work/bmcsimd.log")
held=$(grep -c 'held back' "$work/bmcsimd.log")
echo "client exit $rc in $((end - start)) s; the model ran $requests" \
    "requests for $count acknowledged cycles and ${refused:-?} refusals;" \
    "the log shows $cycles cycles ($held lines held back by its rate limit)"
[ "$rc" -eq 0 ] && [ "$requests" -eq $((count + refused)) ]
