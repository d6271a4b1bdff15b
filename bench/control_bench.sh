#!/bin/bash
# The control API at fleet scale (not a timed test): 10,000 BMCs in one
# bmcsimd, then the time of a BMC list page (first and a later one, by
# cursor), a bulk power-off of every BMC, and GET /v1.
#
#   bench/control_bench.sh [--state-dir] [COUNT]   # from the build directory
#
# Without --state-dir the control socket is given by --control and no
# state is written.  With --state-dir (or CBENCH_STATE=1) every BMC a bulk
# operation changes writes its state file; the bulk answer waits until
# all are durable, written as one batch (temporary files, one syncfs(),
# renames, one more syncfs()), so the disk's flush is paid once.
#
# Each figure is curl's time_total for one request over the unix socket
# (connection, request, answer); the best of 5 for the pages.
set -euo pipefail
if [ "${1:-}" = "--state-dir" ]; then
	CBENCH_STATE=1
	shift
fi
count=${1:-10000}
top=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/bmcsim-cbench.XXXXXX)
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$work"' EXIT
port=$(python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat >"$work/fleet.ini" <<INI
[fleet node]
count = $count
step = address
listen = 127.1.0.1:$port
model = $top/sim-configs/default.ini
labels = rack=all
INI
mkdir "$work/state"
t0=$(date +%s.%N)
if [ -n "${CBENCH_STATE:-}" ]; then
	./bmcsimd -c "$work/fleet.ini" --state-dir "$work/state" \
	    >"$work/log" 2>&1 &
else
	./bmcsimd -c "$work/fleet.ini" \
	    --control "unix:$work/state/control.sock" >"$work/log" 2>&1 &
fi
pid=$!
./bmcsim ctl -S "unix:$work/state/control.sock" wait-ready --timeout 120
t1=$(date +%s.%N)
sock="$work/state/control.sock"
req() { curl -s -o "$work/out" -w '%{time_total}\n' --unix-socket "$sock" "$@"; }
best() { sort -n | head -1; }
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)  nproc: $(nproc)"
echo "BMCs: $count, ready in $(echo "$t1 - $t0" | bc) s"
echo "GET /v1: $(req http://b/v1) s"
echo "first page (limit=100), best of 5: $(for i in 1 2 3 4 5; do req 'http://b/v1/bmcs?limit=100'; done | best) s"
mid=$(printf 'node-%05d' $((count / 2)))
[ "$count" -le 9999 ] && mid=$(printf 'node-%04d' $((count / 2)))
echo "page after $mid (cursor), best of 5: $(for i in 1 2 3 4 5; do req "http://b/v1/bmcs?limit=100&cursor=$mid"; done | best) s"
grep -o '"name"' "$work/out" | grep -c . | sed 's/^/  items on that page: /'
echo "page of 100 by selector rack=all: $(req 'http://b/v1/bmcs?limit=100&selector=rack%3Dall') s"
echo "bulk power off of all: $(req -X POST -d '{"op":"power","args":{"state":"off"}}' http://b/v1/bulk) s"
head -c 200 "$work/out"; echo
echo "bulk power on of all: $(req -X POST -d '{"op":"power","args":{"state":"on"}}' http://b/v1/bulk) s"
