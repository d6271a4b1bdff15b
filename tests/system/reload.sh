#!/bin/bash
# SIGHUP after dropping privileges (--user): a changed BMC restarts on
# the socket it had (the same socket inode in /proc/PID/fd before and
# after), so a daemon that bound port 623 as root keeps the BMC; and a BMC
# whose new configuration cannot start runs on as it was.
. "${top_srcdir:-.}/tests/system/lib.sh"
need ipmitool python3

if [ "$(id -u)" -ne 0 ]; then
	if [ -n "${CI:-}" ]; then
		echo "FAIL: CI runs the tests as root; this one needs it"
		exit 1
	fi
	echo "SKIP: needs root (to drop privileges with --user)"
	exit 77
fi
if ! id nobody >/dev/null 2>&1; then
	echo "FAIL: no user nobody"
	exit 1
fi

lan() {	# lan PORT ARGS...
	local port=$1
	shift
	ipmitool -I lanplus -H 127.0.0.1 -p "$port" -U admin -P password \
	    -R 2 -N 1 "$@"
}

# wait_count FILE REGEX N: until FILE has N lines matching, at most 10 s.
wait_count() {
	local i
	for i in $(seq 1 200); do
		[ "$(grep -Ec -- "$2" "$1" 2>/dev/null)" -ge "$3" ] && return 0
		sleep 0.05
	done
	echo "fewer than $3 /$2/ in $1 after 10 s:"
	cat "$1"
	return 1
}

# port_of FILE NAME: the port NAME's line of a ready file gives.
port_of() {
	awk -v n="$2" '$1 == n { sub(/.*:/, "", $2); print $2 }' "$1"
}

# socket_inode PID PORT: the inode of PID's UDP socket bound to PORT on
# 127.0.0.1, or nothing: /proc/net/udp maps ports to inodes, the
# process's fd links name the inodes it holds.
socket_inode() {
	python3 - "$1" "$2" <<'PY'
import os, sys
pid, port = sys.argv[1], int(sys.argv[2])
held = set()
for fd in os.listdir(f"/proc/{pid}/fd"):
    try:
        t = os.readlink(f"/proc/{pid}/fd/{fd}")
    except OSError:
        continue
    if t.startswith("socket:["):
        held.add(t[8:-1])
with open(f"/proc/{pid}/net/udp") as f:
    next(f)
    for line in f:
        cols = line.split()
        addr, p = cols[1].split(":")
        if int(p, 16) == port and addr == "0100007F" and cols[9] in held:
            print(cols[9])
            break
PY
}

# The daemon runs as nobody: what it reads and writes after the drop
# (the configuration on reload, the state, the ready file) must be
# reachable for nobody.
chmod 0711 "$WORK"
mkdir "$WORK/run"
chown nobody "$WORK/run"
cp "$CONFIGS/default.ini" "$WORK/m-a.ini"
sed -e 's/^product_id = .*/product_id = 0x4242/' "$CONFIGS/default.ini" \
    >"$WORK/m-b.ini"
sed -e 's/^product_id = .*/product_id = 0x5151/' "$CONFIGS/default.ini" \
    >"$WORK/m-c.ini"
chmod 0644 "$WORK"/m-*.ini

# Two BMCs on ports the system chooses: "steady" never changes,
# "moving" gets another model, then a new endpoint it cannot bind.
write_config() {	# write_config MOVING-LISTEN MOVING-MODEL
	cat >"$WORK/reload.ini.new" <<EOF
[bmc steady]
listen = 127.0.0.1:0
model = $WORK/m-a.ini

[bmc moving]
listen = $1
model = $2
EOF
	chmod 0644 "$WORK/reload.ini.new"
	mv "$WORK/reload.ini.new" "$WORK/reload.ini"
}
write_config 127.0.0.1:0 "$WORK/m-a.ini"
"$BMCSIMD" -c "$WORK/reload.ini" --user nobody --state-dir "$WORK/run/state" \
    --ready-file "$WORK/run/ready" >"$WORK/reload.log" 2>&1 &
pid=$!
BMC_PIDS="$BMC_PIDS $pid"
wait_count "$WORK/reload.log" '\bready \(' 1 || exit 1
check "--user nobody: uid dropped" '^Uid:[[:space:]]+65534' \
    grep '^Uid:' "/proc/$pid/status"
check "ready file written as nobody" '^moving 127\.0\.0\.1:[1-9]' \
    cat "$WORK/run/ready"
moving=$(port_of "$WORK/run/ready" moving)
steady=$(port_of "$WORK/run/ready" steady)
check "moving answers with its first model" 'Product ID +: 6929 ' \
    lan "$moving" mc info
inode=$(socket_inode "$pid" "$moving")
check "moving's socket found in /proc/$pid/fd" '^[0-9]+$' echo "$inode"

# A changed model for moving, on the same endpoint.
write_config 127.0.0.1:0 "$WORK/m-b.ini"
kill -HUP "$pid"
wait_count "$WORK/reload.log" 'reloaded:' 1 || exit 1
check "reload: restarted on its socket, nothing failed" \
    'reloaded: 1 BMC\(s\) kept with their sessions, 1 \(re\)started \(1 on the socket they had\), 0 failed' \
    cat "$WORK/reload.log"
check "reload: the same socket inode ($inode)" "^$inode\$" \
    socket_inode "$pid" "$moving"
check "reload: the port in the ready file unchanged" "^$moving\$" \
    port_of "$WORK/run/ready" moving
check "reload: moving answers with the new model" 'Product ID +: 16962' \
    lan "$moving" mc info
check "reload: steady still answers" 'Product ID +: 6929 ' \
    lan "$steady" mc info

# A new configuration for moving that cannot start (port 1 needs the
# privilege dropped): it runs on as it was.
write_config 127.0.0.1:1 "$WORK/m-c.ini"
kill -HUP "$pid"
wait_count "$WORK/reload.log" 'reloaded:' 2 || exit 1
check "failed restart: said why" 'BMC moving: 127\.0\.0\.1:1: ports below 1024' \
    cat "$WORK/reload.log"
check "failed restart: counted, running as before" \
    'reloaded: 1 BMC\(s\) kept with their sessions, 0 \(re\)started \(0 on the socket they had\), 1 failed \(1 running as before\)' \
    sh -c "grep 'reloaded:' '$WORK/reload.log' | tail -n 1"
check "failed restart: moving answers as before" 'Product ID +: 16962' \
    lan "$moving" mc info
check "failed restart: on the same socket" "^$inode\$" \
    socket_inode "$pid" "$moving"
check "failed restart: ready file unchanged" "^$moving\$" \
    port_of "$WORK/run/ready" moving
kill "$pid"
wait "$pid" 2>/dev/null

# The privileged port itself, when free: bound as root, kept across a
# reload as nobody that changes the BMC's model.
if python3 -c 'import socket; socket.socket(socket.AF_INET, socket.SOCK_DGRAM).bind(("127.0.0.1", 623))' 2>/dev/null; then
	cp "$WORK/m-a.ini" "$WORK/p623.ini"
	"$BMCSIMD" -c "$WORK/p623.ini" --listen 127.0.0.1:623 --user nobody \
	    >"$WORK/p623.log" 2>&1 &
	pid=$!
	BMC_PIDS="$BMC_PIDS $pid"
	wait_count "$WORK/p623.log" '\bready \(' 1 || exit 1
	check "623: answers" 'Product ID +: 6929 ' lan 623 mc info
	inode=$(socket_inode "$pid" 623)
	cp "$WORK/m-b.ini" "$WORK/p623.ini"
	kill -HUP "$pid"
	wait_count "$WORK/p623.log" 'reloaded:' 1 || exit 1
	check "623: reload as nobody did not fail" '0 failed' \
	    grep 'reloaded:' "$WORK/p623.log"
	check "623: the same socket" "^$inode\$" socket_inode "$pid" 623
	check "623: answers with the new model" 'Product ID +: 16962' \
	    lan 623 mc info
	kill "$pid"
	wait "$pid" 2>/dev/null
else
	echo "skip 127.0.0.1:623 is in use: its step is not run"
fi

finish
