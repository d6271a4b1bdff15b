#!/bin/bash
# The journal's cost (issue 17): authenticated Get Device ID requests per
# server CPU-second on suite 17, bmcsimd with the journal on (the default,
# 4096 entries) and off (--journal-size 0), ROUNDS alternating runs of
# SECONDS each; and, with a fleet of FLEET BMCs, how long a /metrics scrape
# takes.  Not a timed test: numbers for bench/RESULTS.md.
#
#   bench/journal_bench.sh [SECONDS [ROUNDS [FLEET]]]  (from the build directory)
set -u
secs=${1:-3}
rounds=${2:-2}
fleet=${3:-10000}
top=$(cd "$(dirname "$0")/.." && pwd)
BMCSIM=./bmcsim
BMCSIMD=./bmcsimd
work=$(mktemp -d "${TMPDIR:-/tmp}/bmcsim-jbench.XXXXXX")
pid=""
cleanup() {
	[ -n "$pid" ] && { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; }
	rm -rf "$work"
}
trap cleanup EXIT

free_port() {
	python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

wait_pong() {
	local i
	for i in $(seq 1 100); do
		timeout 2 "$BMCSIM" ping -p "$1" -N 1 -R 1 >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	echo "no pong on port $1" >&2
	return 1
}

echo "# $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, $(uname -sr)"
for r in $(seq 1 "$rounds"); do
	for mode in on off; do
		port=$(free_port)
		extra=()
		[ "$mode" = off ] && extra=(--journal-size 0)
		"$BMCSIMD" -c "$top/sim-configs/default.ini" \
		    --listen "127.0.0.1:$port" "${extra[@]}" \
		    >"$work/d.log" 2>&1 &
		pid=$!
		wait_pong "$port" || exit 1
		printf 'journal %-3s round %s: ' "$mode" "$r"
		timeout $((secs + 60)) "$BMCSIM" bench -p "$port" -U admin \
		    -P password -C 17 -m cmd -s 8 -t "$secs" \
		    --server-pid "$pid" --json | python3 -c '
import json, sys
d = json.load(sys.stdin)
print("ops/s %.0f, ops per server CPU-s %.0f" % (d.get("ops_per_s", 0), d.get("ops_per_server_cpu_s", 0)))' 2>/dev/null ||
		    echo "(bench failed)"
		kill "$pid"; wait "$pid" 2>/dev/null; pid=""
	done
done

# /metrics with a fleet (ports 21000 up).
cat >"$work/fleet.ini" <<INI
[fleet rack]
model = $top/sim-configs/default.ini
count = $fleet
listen = 127.0.0.1:21000
INI
"$BMCSIMD" -c "$work/fleet.ini" --control "unix:$work/c.sock" \
    >"$work/f.log" 2>&1 &
pid=$!
for i in $(seq 1 300); do
	curl -sf --unix-socket "$work/c.sock" http://x/readyz >/dev/null 2>&1 && break
	sleep 0.2
done
for i in 1 2 3; do
	curl -s -o /dev/null -w "metrics with $fleet BMCs: %{time_total} s, %{size_download} bytes\n" \
	    --unix-socket "$work/c.sock" http://x/metrics
done
