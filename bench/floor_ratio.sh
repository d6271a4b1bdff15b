#!/bin/bash
# The daemon against the machine's floor, per server CPU-second, as real
# clients load it: one UDP socket per console (bmcsim bench's only mode),
# 15 consoles (-s), the default model on one BMC.  The floor is
# bench/pong_floor.c (ASF pings answered through recvmmsg/sendmmsg) driven
# the same way.  Prints a table row per run and the ratios to the floor.
#
#   bench/floor_ratio.sh [SECONDS] [SESSIONS] [BUILD_DIR]
#
# Run from anywhere; BUILD_DIR (default .) holds bmcsim and bmcsimd.
# Everything runs under nice -n 19 on a shared machine: wall-clock rates
# then depend on the load, CPU-time ratios much less.
set -u
secs=${1:-3}
sessions=${2:-15}
build=$(cd "${3:-.}" && pwd)
top=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/bmcsim-floor.XXXXXX")
pids=""
cleanup() {
	local p
	for p in $pids; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
	rm -rf "$work"
}
trap cleanup EXIT

free_port() {
	python3 -c 'import socket; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

wait_pong() {
	local i
	for i in $(seq 1 300); do
		timeout 2 "$build/bmcsim" ping -p "$1" -N 1 -R 1 >/dev/null 2>&1 &&
		    return 0
		sleep 0.05
	done
	echo "no pong on port $1" >&2
	return 1
}

# row LABEL PID ARGS...: prints "| label | ops/s | ops per server CPU-s |"
# and leaves the per-CPU-s figure in $per.
row() {
	local label=$1 pid=$2 out
	shift 2
	out=$(timeout $((secs + 120)) nice -n 19 "$build/bmcsim" bench \
	    -U admin -P password -t "$secs" --server-pid "$pid" --json "$@")
	per=$(python3 -c 'import json, sys; r = json.loads(sys.argv[1]); print("%.0f" % r.get("ops_per_server_cpu_s", 0))' "$out")
	python3 - "$label" "$out" <<'PY'
import json, sys
label, r = sys.argv[1], json.loads(sys.argv[2])
errs = sum(r.get("errors", {}).values()) - r.get("errors", {}).get("retransmits", 0)
print("| %s | %.0f | %.0f | %d |" % (label, r.get("ops_per_s", 0),
    r.get("ops_per_server_cpu_s", 0), errs))
PY
}

echo "# $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, load" \
    "$(cut -d' ' -f1-3 /proc/loadavg), $secs s per run, $sessions consoles"
echo
echo "| run | ops/s | ops per server CPU-s | errors |"
echo "|---|---:|---:|---:|"
cc -O2 -o "$work/pong_floor" "$top/bench/pong_floor.c"
port=$(free_port)
nice -n 19 "$work/pong_floor" 127.0.0.1 "$port" >/dev/null 2>&1 & pid=$!
pids="$pids $pid"
wait_pong "$port"
row "floor: ASF pong echo" "$pid" -p "$port" -m ping -s "$sessions"
floor=$per
kill "$pid"; wait "$pid" 2>/dev/null

sed -e 's/^max_sessions = .*/max_sessions = 63/' \
    "$top/sim-configs/default.ini" >"$work/model.ini"
port=$(free_port)
nice -n 19 "$build/bmcsimd" -c "$work/model.ini" --listen "127.0.0.1:$port" \
    --state-dir "$work/state" >"$work/d.log" 2>&1 & pid=$!
pids="$pids $pid"
wait_pong "$port"
ratios=""
for s in 17 3; do
	row "bmcsimd: Get Device ID, suite $s" "$pid" -p "$port" -C "$s" \
	    -m cmd -s "$sessions"
	ratios="$ratios Get-Device-ID/$s $((per * 100 / floor))%"
done
for s in 17 3; do
	row "bmcsimd: full login + close, suite $s" "$pid" -p "$port" -C "$s" \
	    -m login -s "$sessions"
	ratios="$ratios login/$s $((per * 100 / floor))%"
done
echo
echo "of the floor:$ratios"
