#!/bin/sh
# No reflection loop: two BMCs, one datagram spoofed as from the other.
# A request spoofed to A "from B" gets one reply, to B; B never answers a
# response, so the exchange stops there.  A response spoofed to A "from B"
# gets nothing at all.  Before the fix each started an endless exchange.
# The spoofed source needs a raw socket (root); without one the test
# skips outside CI and fails in it.
. "${top_srcdir:-.}/tests/system/lib.sh"
need python3

if ! python3 -c 'import socket; socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_UDP)' 2>/dev/null; then
	if [ -n "${CI:-}" ]; then
		echo "FAIL: no raw socket (CI runs the tests as root)"
		exit 1
	fi
	echo "SKIP: a raw socket needs root"
	exit 77
fi

start_bmcsimd a "$CONFIGS/default.ini"
start_bmcsimd b "$CONFIGS/default.ini"

# spoof FROM-PORT TO-PORT HEX: one UDP datagram on loopback from a port
# someone else holds (checksum 0: none, as IPv4 allows).
spoof() {
	python3 - "$1" "$2" "$3" <<'PY'
import socket, struct, sys
sport, dport, data = int(sys.argv[1]), int(sys.argv[2]), bytes.fromhex(sys.argv[3])
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_UDP)
s.sendto(struct.pack("!HHHH", sport, dport, 8 + len(data), 0) + data,
         ("127.0.0.1", 0))
PY
}

# counters NAME: the daemon's counter lines, fresh (SIGUSR1).
counters() {
	local pid n
	eval "pid=\$PID_$1"
	n=$(grep -c 'counters: drops' "$WORK/$1.log")
	kill -USR1 "$pid"
	for i in $(seq 1 50); do
		[ "$(grep -c 'counters: drops' "$WORK/$1.log")" -gt "$n" ] && break
		sleep 0.1
	done
	grep 'counters: [0-9]* BMC\|counters: drops' "$WORK/$1.log" | tail -n 2
}

# datagrams NAME: how many datagrams the BMC has taken in so far.
datagrams() {
	counters "$1" | sed -n 's/.*; \([0-9]*\) datagrams in.*/\1/p'
}

a0=$(datagrams a)
b0=$(datagrams b)
# IPMI 1.5, no session: Get Device ID (netFn 06h, cmd 01h), to A from B.
spoof "$PORT_b" "$PORT_a" "0600ff0700000000000000000007""2018c88104017a"
# Get Device ID's response with D4h, netFn 07h, to A from B.
spoof "$PORT_b" "$PORT_a" "0600ff0700000000000000000008""811c63200401d407"
sleep 1
a1=$(datagrams a)
b1=$(datagrams b)
check "A took the two spoofed datagrams" "^2\$" echo $((a1 - a0))
check "B took A's one reply" "^1\$" echo $((b1 - b0))
check "A dropped the response" 'drops:.* response 1( |$)' counters a
check "B dropped A's reply" 'drops:.* response 1( |$)' counters b
# A second later nothing more has moved: the exchange stopped at once.
sleep 1
check "A: nothing more" "^$a1\$" datagrams a
check "B: nothing more" "^$b1\$" datagrams b
finish
