#!/bin/bash
# Before and after, same machine, same run: two bmcsimd binaries take
# turns (A B A B ...) under the same bmcsim bench client, so that drift of
# the machine spreads over both; each row gives the median of the rounds
# in ops per server CPU-second (the daemon's utime + stime, --server-pid).
#
#   bench/compare.sh OLD_BMCSIMD NEW_BMCSIMD [ROUNDS] [SECONDS] [SESSIONS]
#
# Run from a build directory (it uses ./bmcsim as the client).
set -u
old=$1 new=$2
rounds=${3:-3}
secs=${4:-3}
sessions=${5:-16}
top=$(cd "$(dirname "$0")/.." && pwd)
BMCSIM=./bmcsim
work=$(mktemp -d "${TMPDIR:-/tmp}/bmcsim-compare.XXXXXX")
pid=""
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT

free_port() {
	python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

sed -e 's/^max_sessions = .*/max_sessions = 63/' \
    "$top/sim-configs/default.ini" >"$work/model.ini"

# measure BINARY LABEL ARGS...: appends "LABEL VALUE" to $work/BINARY-TAG.
measure() {
	local tag=$1 bin=$2 port out
	shift 2
	port=$(free_port)
	"$bin" -c "$work/model.ini" --listen "127.0.0.1:$port" \
	    >"$work/$tag.log" 2>&1 &
	pid=$!
	for _ in $(seq 1 100); do
		timeout 2 "$BMCSIM" ping -p "$port" -N 1 -R 1 >/dev/null 2>&1 &&
		    break
		sleep 0.05
	done
	while [ $# -gt 0 ]; do
		out=$(timeout $((secs + 60)) "$BMCSIM" bench -U admin \
		    -P password -t "$secs" --server-pid "$pid" --json \
		    -p "$port" -s "$sessions" $2)
		python3 -c 'import json,sys; r=json.loads(sys.argv[2]); print("%s\t%.0f" % (sys.argv[1], r.get("ops_per_server_cpu_s", 0)))' \
		    "$1" "$out" >>"$work/$tag.rows"
		shift 2
	done
	kill "$pid"
	wait "$pid" 2>/dev/null
	pid=""
}

cases=("ASF ping" "-m ping"
	"Get Device ID, suite 17" "-C 17 -m cmd"
	"Get Device ID, suite 3" "-C 3 -m cmd"
	"login + close, suite 17" "-C 17 -m login"
	"login + close, suite 3" "-C 3 -m login")

for r in $(seq 1 "$rounds"); do
	measure old "$old" "${cases[@]}"
	measure new "$new" "${cases[@]}"
done

echo "# $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, $(uname -sr)," \
    "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "# $rounds rounds of $secs s, $sessions sessions, loopback; median" \
    "ops per server CPU-second"
echo "# old: $old"
echo "# new: $new"
echo
python3 - "$work/old.rows" "$work/new.rows" <<'PY'
import statistics, sys
def load(p):
    d = {}
    for line in open(p):
        k, v = line.rstrip("\n").split("\t")
        d.setdefault(k, []).append(float(v))
    return d
old, new = load(sys.argv[1]), load(sys.argv[2])
print("| run | old | new | change | old rounds | new rounds |")
print("|---|---:|---:|---:|---|---|")
for k in old:
    o, n = statistics.median(old[k]), statistics.median(new[k])
    ch = (n - o) / o * 100 if o else 0
    print("| %s | %.0f | %.0f | %+.1f %% | %s | %s |" % (k, o, n, ch,
        " ".join("%.0f" % v for v in old[k]), " ".join("%.0f" % v for v in new[k])))
PY
