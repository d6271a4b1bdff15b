#!/bin/bash
# PET alerts from a fleet to one receiver: COUNT BMCs (default 1000), each
# with SENSORS oscillating temperature sensors whose sine wave crosses the
# upper non-critical threshold once up and once down per PERIOD seconds
# (the sensors are sampled once a second: PERIOD 4 or more sees both);
# every crossing is an event, logged in the SEL and sent as a PET by a
# catch-all filter to one receiver on loopback.  The receiver counts the
# traps of each BMC (by agent address) and checks that their sequence
# numbers (the SEL record IDs) have no gaps: a lost trap is a gap.
#
#   bench/pet_fleet.sh [SECONDS] [COUNT] [SENSORS] [PERIOD]
#                                       (from the build directory)
set -u
secs=${1:-20}
count=${2:-1000}
sensors=${3:-4}
period=${4:-4}
BMCSIMD=./bmcsimd
work=$(mktemp -d "${TMPDIR:-/tmp}/bmcsim-petbench.XXXXXX")
pids=""
cleanup() {
	local p
	for p in $pids; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
	rm -rf "$work"
}
trap cleanup EXIT

# A range of N free UDP ports on 127.0.0.1 (as bench/daemon_bench.sh).
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

rport=$(free_range 1)
base=$(free_range "$count")
cat >"$work/model.ini" <<INI
[channel]
alerting = yes

[sel]
; Record IDs keep counting when the log is full: they are the sequence.
when_full = overwrite

[sensor 1]
name = Osc{n}
type = temperature
count = $sensors
nominal = 50
wave = sine
amplitude = 10
period_s = $period
unc = 50
hysteresis = 1

[pef]
enable = yes
actions = 0x01

[pef_filter 1]
severity = 0x08

[pef_policy 1]
destination = 1

[alert_destination 1]
address = 127.0.0.1
port = $rport
INI
cat >"$work/fleet.ini" <<INI
[fleet pet]
count = $count
listen = 127.0.0.1:$base
model = model.ini
INI

# The receiver: counts for secs seconds once the first trap came, then
# reports.  A sequence number that skips is a lost trap; one that repeats
# would be a resend (none: the destination is unacknowledged).
python3 - "$rport" "$secs" "$count" >"$work/result" <<'PY' &
import socket, struct, sys, time
port, secs, count = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
s.bind(("127.0.0.1", port))
s.settimeout(30)
last, traps, gaps, dups, bad = {}, 0, 0, 0, 0
def parse(d):
    # The PET varbind is the last 47..110 bytes after the binding's OID
    # 1.3.6.1.4.1.3183.1.1.1 and its OCTET STRING header.
    i = d.rfind(bytes.fromhex("2b06010401986f01010104"))
    if i < 0:
        return None
    j = i + 11
    n = d[j]
    if n & 0x80:
        j += 1 + (n & 0x7f)
    else:
        j += 1
    pet = d[j:]
    return struct.unpack(">H", pet[16:18])[0]
def agent(d):
    i = d.find(b"\x40\x04")
    return d[i + 2:i + 6]
d = s.recv(4096)
start = time.time()
end = start + secs
s.settimeout(0.2)
while True:
    now = time.time()
    if now >= end:
        break
    seq = parse(d)
    if seq is None:
        bad += 1
    else:
        traps += 1
        a = agent(d)
        p = last.get(a)
        if p is not None:
            if seq == p:
                dups += 1
            elif seq != (p % 0xfffe) + 1:
                gaps += (seq - p - 1) % 0xfffe
        last[a] = seq
    try:
        d = s.recv(4096)
    except socket.timeout:
        d = None
        while d is None and time.time() < end:
            try:
                d = s.recv(4096)
            except socket.timeout:
                pass
        if d is None:
            break
elapsed = time.time() - start
print("traps %d in %.1f s: %.0f traps/s from %d of %d BMCs; "
      "lost (sequence gaps) %d, repeated %d, undecodable %d"
      % (traps, elapsed, traps / elapsed, len(last), count, gaps, dups, bad))
PY
rpid=$!
pids="$pids $rpid"
sleep 0.5
"$BMCSIMD" -c "$work/fleet.ini" --state-dir "$work/state" \
    >"$work/daemon.log" 2>&1 &
dpid=$!
pids="$pids $dpid"
wait "$rpid"
cpu=$(awk '{ print ($14 + $15) / 100 }' "/proc/$dpid/stat" 2>/dev/null)
rss=$(awk '/VmRSS/ { print $2 }' "/proc/$dpid/status" 2>/dev/null)
echo "bench/pet_fleet.sh $secs $count $sensors $period"
echo "  at most $((count * sensors * 2 / period)) events/s" \
    "($count BMCs x $sensors sensors x 2 crossings / ${period} s)"
echo "  $(cat "$work/result")"
echo "  bmcsimd CPU ${cpu:-?} s (start-up included), RSS ${rss:-?} kB"
