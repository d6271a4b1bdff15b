#!/bin/bash
# Port 0 and --ready-file: bmcsimd binds ports the system chooses, logs
# them, and writes one "NAME ADDR:PORT" line per BMC once all are bound;
# clients reach each BMC on the port read from the file, and a reload
# that changes the endpoints rewrites it.  No port is guessed.
. "${top_srcdir:-.}/tests/system/lib.sh"
need ipmitool python3

# wait_file FILE PID: until FILE exists (bmcsimd writes it whole, by
# rename), or fails if the daemon exits or 10 s pass.
wait_file() {
	local i
	for i in $(seq 1 200); do
		[ -e "$1" ] && return 0
		if ! kill -0 "$2" 2>/dev/null; then
			echo "bmcsimd exited before writing $1"
			return 1
		fi
		sleep 0.05
	done
	echo "no $1 after 10 s"
	return 1
}

# wait_log FILE REGEX: until the log has a line matching, at most 10 s.
wait_log() {
	local i
	for i in $(seq 1 200); do
		grep -Eq -- "$2" "$1" && return 0
		sleep 0.05
	done
	echo "no /$2/ in $1 after 10 s:"
	cat "$1"
	return 1
}

# port_of FILE NAME: the port NAME's line gives.
port_of() {
	awk -v n="$2" '$1 == n { sub(/.*:/, "", $2); print $2 }' "$1"
}

lan() {	# lan HOST PORT ARGS...
	local host=$1 port=$2
	shift 2
	ipmitool -I lanplus -H "$host" -p "$port" -U admin -P password \
	    -R 2 -N 1 "$@"
}

check "--help names --ready-file" '--ready-file FILE' "$BMCSIMD" --help

# One BMC on 127.0.0.1:0.  A stale file from an earlier run is removed
# before anything is bound, never taken for this run's.
echo "default 127.0.0.1:1" >"$WORK/one.ready"
"$BMCSIMD" -c "$CONFIGS/default.ini" --listen 127.0.0.1:0 \
    --ready-file "$WORK/one.ready" >"$WORK/one.log" 2>&1 &
pid=$!
BMC_PIDS="$BMC_PIDS $pid"
for i in $(seq 1 200); do
	grep -q ':1$' "$WORK/one.ready" 2>/dev/null || break
	sleep 0.05
done
wait_file "$WORK/one.ready" "$pid" || exit 1
check "port 0: one line, name and a real port" \
    '^default 127\.0\.0\.1:[1-9][0-9]*$' cat "$WORK/one.ready"
check "port 0: exactly one line" '^1$' sh -c "wc -l <'$WORK/one.ready'"
port=$(port_of "$WORK/one.ready" default)
check "port 0: the log names the port bound ($port)" \
    "BMC default listening on 127\.0\.0\.1:$port\$" cat "$WORK/one.log"
check "port 0: ipmitool on the port read from the file" 'Device ID' \
    lan 127.0.0.1 "$port" mc info
# LAN parameter 8, the primary RMCP port, is the one bound (LSB first).
check "port 0: LAN parameter 8 is the bound port" \
    "^ *11 $(printf '%02x %02x' $((port & 255)) $((port >> 8)))\$" \
    lan 127.0.0.1 "$port" raw 0x0c 0x02 0x01 0x08 0x00 0x00
kill "$pid"
wait "$pid" 2>/dev/null

# IPv6: [::1]:0, written as [::1]:PORT.
if python3 -c 'import socket; socket.socket(socket.AF_INET6, socket.SOCK_DGRAM).bind(("::1", 0))' 2>/dev/null; then
	"$BMCSIMD" -c "$CONFIGS/default.ini" --listen '[::1]:0' \
	    --ready-file "$WORK/v6.ready" >"$WORK/v6.log" 2>&1 &
	pid=$!
	BMC_PIDS="$BMC_PIDS $pid"
	wait_file "$WORK/v6.ready" "$pid" || exit 1
	check "IPv6 port 0: [::1]:PORT" '^default \[::1\]:[1-9][0-9]*$' \
	    cat "$WORK/v6.ready"
	port=$(port_of "$WORK/v6.ready" default)
	check "IPv6 port 0: ipmitool on [::1]:$port" 'Device ID' \
	    lan ::1 "$port" mc info
	kill "$pid"
	wait "$pid" 2>/dev/null
fi

# A second model: default.ini with another product ID (mc info says 16962).
sed -e 's/^product_id = .*/product_id = 0x4242/' "$CONFIGS/default.ini" \
    >"$WORK/m4242.ini"

# A fleet: three [bmc] sections on port 0 and a [fleet] of three, one
# loopback address each (step = address), port 0 each.  A [fleet] of
# consecutive ports cannot start from port 0: refused.
cat >"$WORK/fleet.ini" <<EOF
[bmc alpha]
listen = 127.0.0.1:0
model = $CONFIGS/default.ini

[bmc beta]
listen = 127.0.0.1:0
model = $CONFIGS/default.ini

[bmc gamma]
listen = 127.0.0.1:0
model = $WORK/m4242.ini

[fleet rack]
count = 3
listen = 127.9.0.1:0
step = address
model = $CONFIGS/default.ini
EOF
sed -e 's/^step = address$/step = port/' "$WORK/fleet.ini" \
    >"$WORK/fleet-ports.ini"
check_fails "port 0 with step = port: refused" 'do not fit' \
    "$BMCSIMD" --check -c "$WORK/fleet-ports.ini"
"$BMCSIMD" -c "$WORK/fleet.ini" --ready-file "$WORK/fleet.ready" \
    >"$WORK/fleet.log" 2>&1 &
pid=$!
BMC_PIDS="$BMC_PIDS $pid"
wait_file "$WORK/fleet.ready" "$pid" || exit 1
check "fleet: six lines in name order" \
    '^alpha beta gamma rack-0001 rack-0002 rack-0003 $' \
    sh -c "awk '{ printf \"%s \", \$1 }' '$WORK/fleet.ready'"
check "fleet: every port real and distinct on 127.0.0.1" '^3$' sh -c \
    "grep -E '^(alpha|beta|gamma) 127\.0\.0\.1:[1-9][0-9]*$' \
        '$WORK/fleet.ready' | sed 's/.*://' | sort -u | wc -l"
check "fleet: rack members on their own addresses" \
    '^127\.9\.0\.1:[1-9][0-9]* 127\.9\.0\.2:[1-9][0-9]* 127\.9\.0\.3:[1-9][0-9]* $' \
    sh -c "awk '/^rack/ { printf \"%s \", \$2 }' '$WORK/fleet.ready'"
for n in alpha beta gamma rack-0001 rack-0003; do
	ep=$(awk -v n="$n" '$1 == n { print $2 }' "$WORK/fleet.ready")
	check "fleet: $n answers on $ep" 'Device ID' \
	    lan "${ep%:*}" "${ep##*:}" mc info
done
check "fleet: gamma is its own model" 'Product ID +: 16962' \
    lan 127.0.0.1 "$(port_of "$WORK/fleet.ready" gamma)" mc info
check "fleet: beta is the default model" 'Product ID +: 6929 ' \
    lan 127.0.0.1 "$(port_of "$WORK/fleet.ready" beta)" mc info

# Reload: beta's model changes (it keeps its socket, and its port),
# alpha goes, delta comes: the file is rewritten to match.
beta_port=$(port_of "$WORK/fleet.ready" beta)
sed -e 's/^\[bmc alpha\]$/[bmc delta]/' \
    -e "/^\[bmc beta\]$/,/^$/ s|model = .*|model = $WORK/m4242.ini|" \
    "$WORK/fleet.ini" >"$WORK/fleet.new"
mv "$WORK/fleet.new" "$WORK/fleet.ini"
before=$(cat "$WORK/fleet.ready")
kill -HUP "$pid"
wait_log "$WORK/fleet.log" 'reloaded:' || exit 1
check "reload: counted" \
    'reloaded: 4 BMC\(s\) kept with their sessions, 2 \(re\)started \(1 on the socket they had\), 0 failed' \
    cat "$WORK/fleet.log"
check "reload: ready file rewritten" 'rewritten' sh -c \
    "[ \"\$(cat '$WORK/fleet.ready')\" != '$before' ] && echo rewritten"
check "reload: delta in, alpha out" '^beta delta gamma rack-0001 rack-0002 rack-0003 $' \
    sh -c "awk '{ printf \"%s \", \$1 }' '$WORK/fleet.ready'"
check "reload: beta kept its port $beta_port" "^$beta_port\$" \
    port_of "$WORK/fleet.ready" beta
check "reload: beta answers with its new model on it" \
    'Product ID +: 16962' lan 127.0.0.1 "$beta_port" mc info
check "reload: delta answers on the port read from the file" 'Device ID' \
    lan 127.0.0.1 "$(port_of "$WORK/fleet.ready" delta)" mc info

# The registry finds sockets by endpoint: two BMCs that swap endpoints
# (one with a new model) both restart on the sockets they find there.
pb=$(port_of "$WORK/fleet.ready" beta)
pg=$(port_of "$WORK/fleet.ready" gamma)
cat >"$WORK/fleet.ini" <<EOF
[bmc beta]
listen = 127.0.0.1:$pg
model = $CONFIGS/default.ini

[bmc gamma]
listen = 127.0.0.1:$pb
model = $WORK/m4242.ini
EOF
n=$(grep -c 'reloaded:' "$WORK/fleet.log")
kill -HUP "$pid"
for i in $(seq 1 200); do
	[ "$(grep -c 'reloaded:' "$WORK/fleet.log")" -gt "$n" ] && break
	sleep 0.05
done
check "swap: both restarted on the sockets they found" \
    '2 \(re\)started \(2 on the socket they had\), 0 failed' \
    sh -c "grep 'reloaded:' '$WORK/fleet.log' | tail -n 1"
check "swap: the ready file says so" \
    "^beta 127\.0\.0\.1:$pg gamma 127\.0\.0\.1:$pb \$" \
    sh -c "awk '{ printf \"%s \", \$0 }' '$WORK/fleet.ready'"
check "swap: beta, the default model, on gamma's old port" \
    'Product ID +: 6929 ' lan 127.0.0.1 "$pg" mc info
check "swap: gamma, its own model, on beta's old port" \
    'Product ID +: 16962' lan 127.0.0.1 "$pb" mc info
kill "$pid"
wait "$pid" 2>/dev/null

finish
