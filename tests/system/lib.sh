# Helpers for the system tests: start bmcsimd on a free loopback port, wait
# until it answers, stop it by PID.  Sourced by the test scripts, which get
# top_srcdir and top_builddir from make check.
set -u
# make check SYSTEM_TESTS=no: the unit tests only (sanitizer builds).
if [ "${SYSTEM_TESTS:-yes}" = no ]; then
	echo "SKIP: SYSTEM_TESTS=no"
	exit 77
fi
: "${top_srcdir:=.}"
: "${top_builddir:=.}"
BMCSIMD="$top_builddir/bmcsimd"
CONFIGS=$(cd "$top_srcdir/sim-configs" && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/bmcsim-test.XXXXXX")
BMC_PIDS=""
fails=0
passes=0

cleanup() {
	local pid rc=$?
	for pid in $BMC_PIDS; do
		kill "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
	done
	# A sanitizer build of bmcsimd reports errors and leaks in its log.
	if grep -l 'ERROR: [A-Za-z]*Sanitizer\|runtime error:' \
	    "$WORK"/*.log 2>/dev/null; then
		grep -h -A 30 'ERROR: [A-Za-z]*Sanitizer\|runtime error:' \
		    "$WORK"/*.log | head -n 80
		echo "FAIL: bmcsimd reported a sanitizer error"
		rc=1
	fi
	rm -rf "$WORK"
	exit $rc
}
trap cleanup EXIT

# Skip (77) outside CI when a client is missing; fail in CI.
need() {
	local c
	for c in "$@"; do
		if ! command -v "$c" >/dev/null 2>&1; then
			if [ -n "${CI:-}" ]; then
				echo "FAIL: $c is not installed (CI must install it)"
				exit 1
			fi
			echo "SKIP: $c is not installed"
			exit 77
		fi
	done
}

free_port() {
	python3 - <<'PY'
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
PY
}

# asf_ping PORT [HOST]: succeeds when a presence pong comes back.
asf_ping() {
	python3 - "$1" "${2:-127.0.0.1}" <<'PY'
import socket, sys
port, host = int(sys.argv[1]), sys.argv[2]
fam = socket.AF_INET6 if ":" in host else socket.AF_INET
s = socket.socket(fam, socket.SOCK_DGRAM)
s.settimeout(0.2)
# RMCP 06 00 ff 06 (ASF), IANA 4542, presence ping, tag 1, no data.
s.sendto(bytes.fromhex("0600ff06000011be80010000"), (host, port))
try:
    d = s.recv(512)
    sys.exit(0 if len(d) >= 12 and d[8] == 0x40 else 1)
except OSError:
    sys.exit(1)
PY
}

# start_bmcsimd NAME CONFIG [ARGS...]: sets PORT_<NAME> and PID_<NAME>.
start_bmcsimd() {
	local name=$1 config=$2 port pid i
	shift 2
	port=$(free_port)
	"$BMCSIMD" -c "$config" --listen "127.0.0.1:$port" \
	    --state-dir "$WORK/state-$name" -vv "$@" \
	    >"$WORK/$name.log" 2>&1 &
	pid=$!
	BMC_PIDS="$BMC_PIDS $pid"
	for i in $(seq 1 50); do
		if asf_ping "$port"; then
			eval "PORT_$name=$port PID_$name=$pid"
			return 0
		fi
		if ! kill -0 "$pid" 2>/dev/null; then
			echo "bmcsimd ($name) exited:"; cat "$WORK/$name.log"
			exit 1
		fi
		sleep 0.1
	done
	echo "bmcsimd ($name) did not answer on port $port:"
	cat "$WORK/$name.log"
	exit 1
}

stop_bmcsimd() {
	local pid
	eval "pid=\$PID_$1"
	kill "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
}

# start_capture FILE FILTER: tshark writes the loopback datagrams that
# match FILTER to FILE (pcap).  Returns once tshark says the capture has
# started, so nothing sent afterwards is missed (a loaded machine takes
# seconds to start it); 1 when it cannot capture.
start_capture() {
	local i
	CAPTURE_FILE=$1
	tshark -q -i lo -f "$2" -F pcap -w "$1" >"$1.log" 2>&1 &
	CAPTURE_PID=$!
	for i in $(seq 1 300); do
		grep -q 'Capture started' "$1.log" 2>/dev/null && return 0
		kill -0 "$CAPTURE_PID" 2>/dev/null || break
		sleep 0.1
	done
	echo "tshark did not start capturing:"; cat "$1.log"
	kill "$CAPTURE_PID" 2>/dev/null
	wait "$CAPTURE_PID" 2>/dev/null
	return 1
}

# stop_capture PORT: ends the capture once everything sent before is in
# the file.  An ASF ping (tag C7h) to PORT marks the end: when the BMC's
# pong is in the file, so is every datagram before it.
stop_capture() {
	python3 - "$CAPTURE_FILE" "$1" <<'PY'
import socket, sys, time
path, port = sys.argv[1], int(sys.argv[2])
ping = bytes.fromhex("0600ff06000011be80c70000")
pong = bytes.fromhex("0600ff06000011be40c7")
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
deadline = time.time() + 20
while time.time() < deadline:
    s.sendto(ping, ("127.0.0.1", port))
    until = time.time() + 0.5
    while time.time() < until:
        try:
            with open(path, "rb") as f:
                if pong in f.read():
                    sys.exit(0)
        except OSError:
            pass
        time.sleep(0.05)
sys.exit("the capture did not receive the end marker")
PY
	kill "$CAPTURE_PID" 2>/dev/null
	wait "$CAPTURE_PID" 2>/dev/null
}

# check NAME EXPECTED-REGEX COMMAND...: runs a client under a timeout and
# checks its output.
# bounded COMMAND...: runs a program under a timeout; a shell function is
# run as it is (timeout cannot run one) and must bound its own clients.
bounded() {
	case $(command -v "$1") in
	/*) timeout 30 "$@" ;;
	*) "$@" ;;
	esac
}

check() {
	local what=$1 want=$2 out rc
	shift 2
	out=$(bounded "$@" 2>&1)
	rc=$?
	if [ "$rc" -eq 0 ] && printf '%s\n' "$out" | grep -Eq -- "$want"; then
		passes=$((passes + 1))
		echo "ok   $what"
	else
		fails=$((fails + 1))
		echo "FAIL $what (exit $rc), wanted /$want/ in:"
		printf '%s\n' "$out" | sed 's/^/     /' | head -n 30
	fi
}

# check_fails NAME EXPECTED-REGEX COMMAND...: the command must fail (not
# time out: exit 124) and print the expected error.
check_fails() {
	local what=$1 want=$2 out rc
	shift 2
	out=$(bounded "$@" 2>&1)
	rc=$?
	if [ "$rc" -ne 0 ] && [ "$rc" -ne 124 ] &&
	    printf '%s\n' "$out" | grep -Eq -- "$want"; then
		passes=$((passes + 1))
		echo "ok   $what"
	else
		fails=$((fails + 1))
		echo "FAIL $what (exit $rc), wanted a failure /$want/ in:"
		printf '%s\n' "$out" | sed 's/^/     /' | head -n 30
	fi
}

finish() {
	echo "$passes passed, $fails failed"
	[ "$fails" -eq 0 ]
}
