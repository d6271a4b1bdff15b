# Shared by the container tests (run from .ci/run as root, with podman set
# up by tests/container/podman-setup.sh): results, free ports, cleanup.
set -u
IMAGE=${IMAGE:-localhost/bmcsim:test}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/bmcsim-ctr.XXXXXX")
CONTAINERS=""
VOLUMES=""
fails=0
passes=0

cleanup() {
	local rc=$? c
	for c in $CONTAINERS; do
		podman rm -f -t 0 "$c" >/dev/null 2>&1
	done
	for c in $VOLUMES; do
		podman volume rm -f "$c" >/dev/null 2>&1
	done
	rm -rf "$WORK"
	exit $rc
}
trap cleanup EXIT

ok() { passes=$((passes + 1)); echo "ok   $*"; }
bad() { fails=$((fails + 1)); echo "FAIL $*"; }

# check NAME REGEX COMMAND...: the command succeeds and prints REGEX.
check() {
	local what=$1 want=$2 out rc
	shift 2
	out=$(timeout 30 "$@" 2>&1)
	rc=$?
	if [ "$rc" -eq 0 ] && printf '%s\n' "$out" | grep -Eq -- "$want"; then
		ok "$what"
	else
		bad "$what (exit $rc), wanted /$want/ in:"
		printf '%s\n' "$out" | sed 's/^/     /' | head -n 30
	fi
}

# free_ports N: the first of N consecutive free UDP ports on 127.0.0.1.
free_ports() {
	python3 - "$1" <<'PY'
import random, socket, sys
n = int(sys.argv[1])
for _ in range(50):
    b = random.randrange(10000, 30000)
    socks = []
    try:
        for p in range(b, b + n):
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            socks.append(s)
            s.bind(("127.0.0.1", p))
    except OSError:
        continue
    finally:
        for s in socks:
            s.close()
    print(b)
    break
PY
}

now() { date +%s.%N; }
elapsed() { python3 -c "import sys; print('%.2f' % (float(sys.argv[2]) - float(sys.argv[1])))" "$1" "$2"; }

# wait_healthy NAME: runs the image's HEALTHCHECK until it passes (podman
# runs none periodically without systemd); 1 after 10 s.
wait_healthy() {
	local i
	for i in $(seq 1 100); do
		podman healthcheck run "$1" >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	return 1
}

# log_to_finish NAME REGEX: seconds from the log line matching REGEX (its
# timestamp) to the container's exit (podman's FinishedAt).
# started_to_log NAME REGEX: from the container's start to that line.
ts_gap() {
	python3 - "$@" <<'PY'
import datetime, re, sys
def parse(t):
    t = t.strip().replace("Z", "+00:00")
    m = re.match(r"(\S+?T?\S*?)(\.\d+)?([+-]\d\d:\d\d)$", t.replace(" ", "T", 1))
    frac = (m.group(2) or ".0")[:7]
    return datetime.datetime.fromisoformat(m.group(1) + frac + m.group(3))
a, b = parse(sys.argv[1]), parse(sys.argv[2])
print("%.3f" % (b - a).total_seconds())
PY
}
log_time() {
	podman logs "$1" 2>&1 | grep -E -- "$2" | head -n 1 | cut -d' ' -f1
}
podman_time() {
	# "2026-12-07 10:27:26.52 +0000 UTC" -> ISO 8601
	podman inspect --format "{{.State.$2}}" "$1" |
	    awk '{ printf "%sT%s%s:%s\n", $1, $2, substr($3, 1, 3), substr($3, 4, 2) }'
}
