#!/bin/bash
# A soak of one bmcsimd: for SECONDS (600) at once
#   - authenticated load: bmcsim bench -m cmd, 2 consoles, suite 17
#   - session churn: bmcsim bench -m login, 2 consoles, suite 3
#   - an Open Session flood: 200 a second from one socket, never finished
#   - malformed datagrams: 200 a second, random bytes and damaged RMCP+
#   - a real client: ipmitool -I lanplus mc info every 10 s
# and samples the daemon's resident memory and open descriptors every 10 s.
# After a warm-up (the first 60 s) both must stay within 1 %; every
# ipmitool login must succeed; the log must hold no error line.
#
#   bench/soak.sh [SECONDS] [BUILD_DIR]    (not run by make check)
#
# BUILD_DIR (default .) holds bmcsim and bmcsimd; point it at a sanitizer
# build to soak under ASan (its report, if any, lands in the log).
# Everything runs under nice -n 19.  Exit 0 when every check held.
set -u
secs=${1:-600}
build=$(cd "${2:-.}" && pwd)
top=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/bmcsim-soak.XXXXXX")
pids=""
cleanup() {
	local p
	for p in $pids; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
}
trap cleanup EXIT
echo "soak: work directory $work"

port=$(python3 -c 'import socket; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
sed -e 's/^max_sessions = .*/max_sessions = 63/' \
    "$top/sim-configs/default.ini" >"$work/model.ini"
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} nice -n 19 "$build/bmcsimd" \
    -c "$work/model.ini" --listen "127.0.0.1:$port" \
    --state-dir "$work/state" >"$work/bmcsimd.log" 2>&1 &
dpid=$!
pids="$pids $dpid"
for i in $(seq 1 100); do
	timeout 2 "$build/bmcsim" ping -p "$port" -N 1 -R 1 >/dev/null 2>&1 &&
	    break
	sleep 0.1
done

nice -n 19 "$build/bmcsim" bench -U admin -P password -p "$port" -C 17 \
    -m cmd -s 2 -t "$secs" --json >"$work/bench-cmd.json" 2>&1 &
pids="$pids $!"
nice -n 19 "$build/bmcsim" bench -U admin -P password -p "$port" -C 3 \
    -m login -s 2 -t "$secs" --json >"$work/bench-login.json" 2>&1 &
pids="$pids $!"
nice -n 19 python3 - "$port" "$secs" >"$work/flood.log" 2>&1 <<'PY' &
import os, random, socket, struct, sys, time
port, secs = int(sys.argv[1]), float(sys.argv[2])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setblocking(False)
end = time.time() + secs
n = m = 0
def open_session(tag, sid):
    # RMCP+ Open Session Request, suite 3 algorithms (IPMI 2.0 §13.17).
    pl = bytes([tag, 4, 0, 0]) + struct.pack("<I", sid) + bytes.fromhex(
        "0000000801000000" "0100000801000000" "0200000801000000")
    return bytes.fromhex("0600ff0706" "10" "00000000" "00000000") + \
        struct.pack("<H", len(pl)) + pl
while time.time() < end:
    t0 = time.time()
    for _ in range(20):
        n += 1
        s.sendto(open_session(n & 0xff, (n % 0xfffffffe) + 1), ("127.0.0.1", port))
        m += 1
        kind = m % 3
        if kind == 0:
            d = os.urandom(random.randrange(1, 300))
        elif kind == 1:
            d = bytearray(open_session(1, 1))
            d[random.randrange(len(d))] ^= 1 << random.randrange(8)
            d = bytes(d)
        else:
            d = bytes.fromhex("0600ff0706") + os.urandom(random.randrange(0, 80))
        s.sendto(d, ("127.0.0.1", port))
    try:
        while True:
            s.recv(2048)
    except BlockingIOError:
        pass
    time.sleep(max(0, 0.1 - (time.time() - t0)))
print("sent", n, "open sessions and", m, "malformed")
PY
pids="$pids $!"

echo "| s | RSS kB | fds | ipmitool |" | tee "$work/samples.md"
echo "|---:|---:|---:|---|" | tee -a "$work/samples.md"
t=0
fails=0
while [ "$t" -lt "$secs" ]; do
	sleep 10
	t=$((t + 10))
	if timeout 20 ipmitool -I lanplus -H 127.0.0.1 -p "$port" -U admin \
	    -P password -R 3 -N 2 mc info >/dev/null 2>&1; then
		ok=ok
	else
		ok=FAILED
		fails=$((fails + 1))
	fi
	rss=$(awk '/^VmRSS/ { print $2 }' "/proc/$dpid/status" 2>/dev/null)
	fds=$(ls "/proc/$dpid/fd" 2>/dev/null | wc -l)
	echo "| $t | ${rss:-gone} | $fds | $ok |" | tee -a "$work/samples.md"
	[ -n "$rss" ] || break
done
sleep 2
kill -USR1 "$dpid" 2>/dev/null
sleep 1
grep 'counters' "$work/bmcsimd.log" | tail -n 6
python3 - "$work/samples.md" <<'PY'
import sys
rows = [l.strip("|\n ").split("|") for l in open(sys.argv[1])][2:]
rows = [[c.strip() for c in r] for r in rows if r[1].strip().isdigit()]
after = [r for r in rows if int(r[0]) > 60]
if not after:
    sys.exit("no samples after the warm-up")
for col, name in ((1, "RSS"), (2, "fds")):
    v = [int(r[col]) for r in after]
    spread = (max(v) - min(v)) / max(v) * 100
    print("%s after warm-up: %d..%d (%.2f %%)" % (name, min(v), max(v), spread))
    if spread > 1:
        print("FAIL: %s not flat" % name)
PY
kill "$dpid"; wait "$dpid" 2>/dev/null
for f in bench-cmd bench-login; do
	python3 -c 'import json, sys; r = json.load(open(sys.argv[1])); print(sys.argv[2], "%.0f ops/s" % r["ops_per_s"], r.get("errors"))' "$work/$f.json" "$f" 2>/dev/null ||
	    tail -n 3 "$work/$f.json"
done
cat "$work/flood.log"
errors=$(grep -c ' error \|ERROR: AddressSanitizer\|runtime error' "$work/bmcsimd.log")
echo "ipmitool failures: $fails; error lines in the log: $errors"
[ "$fails" -eq 0 ] && [ "$errors" -eq 0 ]
