#!/bin/bash
# Reproduces bench/RESULTS.md: bmcsim bench against bmcsimd (suites 3 and
# 17; 1, 16, 64 sessions; cmd and login modes; ASF ping), OpenIPMI's
# ipmi_sim (suite 3) and the ASF pong floor (bench/pong_floor.c), all on
# loopback, each server pinned to nothing, each run SECONDS long.
#
#   bench/run_bench.sh [SECONDS]     (from the build directory)
#
# bmcsimd runs the default model (63 sessions per BMC, two BMCs); ipmi_sim
# its test configuration (tests/data/ipmi_sim).
set -u
secs=${1:-5}
top=$(cd "$(dirname "$0")/.." && pwd)
BMCSIM=./bmcsim
BMCSIMD=./bmcsimd
work=$(mktemp -d "${TMPDIR:-/tmp}/bmcsim-bench.XXXXXX")
pids=""
cleanup() {
	local p
	for p in $pids; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
	rm -rf "$work"
}
trap cleanup EXIT

free_port() {
	python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

wait_pong() {
	local i
	for i in $(seq 1 50); do
		timeout 2 "$BMCSIM" ping -p "$1" -N 1 -R 1 >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	echo "no pong on port $1" >&2
	return 1
}

run() {
	echo "\$ bmcsim bench $*"
	timeout $((secs + 60)) "$BMCSIM" bench "$@"
	echo
}

echo "# $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, $(uname -sr)"
echo "# $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2-)"
echo

# The floor: ASF pings through the same client, answered by pong_floor.
cc -O2 -o "$work/pong_floor" "$top/bench/pong_floor.c"
port=$(free_port)
"$work/pong_floor" 127.0.0.1 "$port" & pid=$!
pids="$pids $pid"
wait_pong "$port"
for s in 1 16 64; do
	run -p "$port" -m ping -s "$s" -t "$secs" --server-pid "$pid"
done
kill "$pid"; wait "$pid" 2>/dev/null

# bmcsimd: the default model allowing 63 sessions per BMC, two BMCs on
# consecutive ports so that 64 consoles fit (32 each).
if [ -x "$BMCSIMD" ]; then
	sed -e 's/^max_sessions = .*/max_sessions = 63/' \
	    "$top/sim-configs/default.ini" >"$work/model.ini"
	port=$(free_port)
	while ! python3 -c 'import socket,sys; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", int(sys.argv[1])))' $((port + 1)) 2>/dev/null; do
		port=$(free_port)
	done
	printf '[fleet bench]\ncount = 2\nlisten = 127.0.0.1:%s\nmodel = model.ini\n' \
	    "$port" >"$work/bench.ini"
	"$BMCSIMD" -c "$work/bench.ini" >"$work/bmcsimd.log" 2>&1 & pid=$!
	pids="$pids $pid"
	wait_pong "$port"
	wait_pong $((port + 1))
	port="$port-$((port + 1))"
	U=${BMC_USER:-admin}
	PW=${BMC_PASS:-password}
	S="-p $port -U $U -P $PW --server-pid $pid -t $secs"
	for s in 1 16 64; do
		run $S -m ping -s "$s"
	done
	for c in 17 3; do
		for s in 1 16 64; do
			run $S -C "$c" -m cmd -s "$s"
			run $S -C "$c" -m login -s "$s"
		done
	done
	kill "$pid"; wait "$pid" 2>/dev/null
else
	echo "# bmcsimd not built: its figures are missing"
fi

# OpenIPMI's ipmi_sim, suite 3 (it has no SHA-256).
if command -v ipmi_sim >/dev/null 2>&1; then
	port=$(free_port)
	mkdir -p "$work/sim"
	sed -e "s/@PORT@/$port/" "$top/tests/data/ipmi_sim/lan.conf.in" \
	    >"$work/sim/lan.conf"
	ipmi_sim -c "$work/sim/lan.conf" -f "$top/tests/data/ipmi_sim/cmds.emu" \
	    -s "$work/sim" -n >"$work/ipmi_sim.log" 2>&1 & pid=$!
	pids="$pids $pid"
	wait_pong "$port"
	S="-p $port -U ADMIN -P ADMIN --server-pid $pid -t $secs"
	for s in 1 16 64; do
		run $S -m ping -s "$s"
	done
	for s in 1 16 64; do
		run $S -C 3 -m cmd -s "$s"
		run $S -C 3 -m login -s "$s"
	done
fi
