#!/bin/bash
# The daemon's speed and size targets, measured with bmcsim bench (which
# validates every reply) against bmcsimd and against the floor of the
# machine (bench/pong_floor.c, an ASF pong echo through recvmmsg/sendmmsg):
#
#   - authenticated Get Device ID, suites 17 and 3, per daemon CPU-second
#   - full logins (auth caps, open, RAKP 1-4, set privilege, close)
#   - the same load spread over 10,000 BMC endpoints against one endpoint
#   - 10,000 idle BMCs: time to start and resident memory
#
#   bench/daemon_bench.sh [SECONDS] [SESSIONS]   (from the build directory)
set -u
secs=${1:-5}
sessions=${2:-16}
top=$(cd "$(dirname "$0")/.." && pwd)
BMCSIM=./bmcsim
BMCSIMD=./bmcsimd
work=$(mktemp -d "${TMPDIR:-/tmp}/bmcsim-dbench.XXXXXX")
pids=""
cleanup() {
	local p
	for p in $pids; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
	rm -rf "$work"
}
trap cleanup EXIT

# A range of COUNT free UDP ports on 127.0.0.1.
free_range() {
	python3 - "$1" <<'PY'
import random, socket, sys
n = int(sys.argv[1])
for _ in range(200):
    b = random.randrange(20000, 65000 - n)
    socks, ok = [], True
    for p in range(b, b + n):
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        try:
            s.bind(("127.0.0.1", p))
        except OSError:
            ok = False
            s.close()
            break
        socks.append(s)
    for s in socks:
        s.close()
    if ok:
        print(b)
        sys.exit(0)
sys.exit("no free port range")
PY
}

wait_pong() {
	local i
	for i in $(seq 1 300); do
		timeout 2 "$BMCSIM" ping -p "$1" -N 1 -R 1 >/dev/null 2>&1 && return 0
		sleep 0.05
	done
	echo "no pong on port $1" >&2
	return 1
}

# The benchmark model: the default rack server with room for every
# console on one endpoint.
model() {
	sed -e 's/^max_sessions = .*/max_sessions = 63/' \
	    "$top/sim-configs/default.ini" >"$work/model.ini"
	grep -q '^max_sessions = 63' "$work/model.ini"
}

fleet() {	# fleet COUNT BASEPORT
	cat >"$work/fleet-$1.ini" <<INI
[fleet bench]
count = $1
listen = 127.0.0.1:$2
model = model.ini
INI
}

# bench LABEL PID ARGS...: one run, one table row.
row() {
	local label=$1 pid=$2 out
	shift 2
	out=$(timeout $((secs + 120)) "$BMCSIM" bench -U admin -P password \
	    -t "$secs" --server-pid "$pid" --json "$@")
	python3 - "$label" "$out" <<'PY'
import json, sys
label, r = sys.argv[1], json.loads(sys.argv[2])
lat = r.get("latency_us", {})
errs = sum(r.get("errors", {}).values()) - r.get("errors", {}).get("retransmits", 0)
print("| %s | %.0f | %.0f | %.1f | %.1f | %d |" % (
    label, r.get("ops_per_s", 0), r.get("ops_per_server_cpu_s", 0),
    lat.get("p50", 0), lat.get("p99", 0), errs))
PY
}

echo "# $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, $(uname -sr)," \
    "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "# $secs s per run, $sessions concurrent sessions, loopback"
echo
echo "| run | ops/s | ops per server CPU-s | p50 µs | p99 µs | errors |"
echo "|---|---:|---:|---:|---:|---:|"

cc -O2 -o "$work/pong_floor" "$top/bench/pong_floor.c"
port=$(free_range 1)
"$work/pong_floor" 127.0.0.1 "$port" >/dev/null 2>&1 & pid=$!
pids="$pids $pid"
wait_pong "$port"
row "floor: ASF pong echo" "$pid" -p "$port" -m ping -s "$sessions"
kill "$pid"; wait "$pid" 2>/dev/null || true

model
base=$(free_range 1)
fleet 1 "$base"
"$BMCSIMD" -c "$work/fleet-1.ini" >"$work/one.log" 2>&1 & pid=$!
pids="$pids $pid"
wait_pong "$base"
row "bmcsimd, 1 BMC: ASF ping" "$pid" -p "$base" -m ping -s "$sessions"
for s in 17 3; do
	row "bmcsimd, 1 BMC: Get Device ID, suite $s" "$pid" -p "$base" \
	    -C "$s" -m cmd -s "$sessions"
done
row "bmcsimd, 1 BMC: login + close, suite 17" "$pid" -p "$base" -C 17 \
    -m login -s "$sessions"
row "bmcsimd, 1 BMC: login + close, suite 3" "$pid" -p "$base" -C 3 \
    -m login -s "$sessions"
kill "$pid"; wait "$pid" 2>/dev/null || true

# The same consoles, one per BMC: 16 endpoints, then 10,000.
base=$(free_range 16)
fleet 16 "$base"
"$BMCSIMD" -c "$work/fleet-16.ini" >"$work/f16.log" 2>&1 & pid=$!
pids="$pids $pid"
wait_pong $((base + 15))
for s in 17 3; do
	row "bmcsimd, 16 BMCs: Get Device ID, suite $s" "$pid" \
	    -p "$base-$((base + 15))" -C "$s" -m cmd -s "$sessions"
done
kill "$pid"; wait "$pid" 2>/dev/null || true

n=10000
base=$(free_range $n)
fleet $n "$base"
t0=$(date +%s%N)
"$BMCSIMD" -c "$work/fleet-$n.ini" >"$work/fleet.log" 2>&1 & pid=$!
pids="$pids $pid"
wait_pong $((base + n - 1))
t1=$(date +%s%N)
sleep 1
rss=$(awk '/^VmRSS/ { print $2 }' "/proc/$pid/status")
row "bmcsimd, $n BMCs: Get Device ID, suite 17" "$pid" \
    -p "$base-$((base + n - 1))" -C 17 -m cmd -s "$sessions"
row "bmcsimd, $n BMCs: Get Device ID, suite 3" "$pid" \
    -p "$base-$((base + n - 1))" -C 3 -m cmd -s "$sessions"
echo
echo "$n idle BMCs: serving $(( (t1 - t0) / 1000000 )) ms after exec" \
    "(the last endpoint answers a ping); resident memory $((rss / 1024)) MiB" \
    "($((rss * 1024 / n)) bytes per BMC)"
