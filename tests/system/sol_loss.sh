#!/bin/sh
# SOL under loss: a relay drops every 4th SOL packet each way between
# ipmitool and bmcsimd.  12 KiB of host output ("seq 2200") and 2 KiB of
# typed input (32 lines) must cross with every byte delivered once and in
# order: resends are byte-identical and de-duplicated on both sides.
. "${top_srcdir:-.}/tests/system/lib.sh"
need ipmitool tmux python3

start_bmcsimd def "$CONFIGS/default.ini"
P=$PORT_def
# The relay takes the same port on 127.0.0.2 (the client checks the SOL
# port in the Activate reply against the one it talks to).
python3 "$top_srcdir/tests/system/sol_relay.py" 127.0.0.2 127.0.0.1 "$P" 4 \
    >"$WORK/relay.log" 2>&1 &
RELAY=$!
TM="tmux -L bmcsim-soll-$$"
trap 'rc=$?; $TM kill-server 2>/dev/null; kill $RELAY 2>/dev/null; (exit $rc); cleanup' EXIT
i=0
until grep -q ready "$WORK/relay.log"; do
	i=$((i + 1))
	[ $i -lt 50 ] || { echo "relay:"; cat "$WORK/relay.log"; exit 1; }
	sleep 0.1
done
lan() { ipmitool -I lanplus -H 127.0.0.1 -p "$P" -U admin -P password \
    -R 2 -N 1 "$@"; }
# SOL parameter 4: 7 resends 100 ms apart, to keep the test short.
check "sol set retry-interval 10" '' lan sol set retry-interval 10

# ipmitool's output is the file's; the pane gives it a terminal.
$TM new-session -d -s sol -x 132 -y 50 \
    "ipmitool -I lanplus -H 127.0.0.2 -p $P -U admin -P password \
    sol activate | tee $WORK/out.txt; sleep 60"
wait_file() {	# wait_file REGEX [TENTHS]
	local i
	for i in $(seq 1 "${2:-200}"); do
		tr -d '\r' <"$WORK/out.txt" 2>/dev/null | grep -Eq -- "$1" &&
		    return 0
		sleep 0.1
	done
	return 1
}
check "sol activate through the relay" "" true
$TM send-keys -t sol Enter
check "the login prompt" '' wait_file '^default login: $'
$TM send-keys -t sol root Enter pw Enter
check "the shell" '' wait_file '^\[root@default ~\]# $'
$TM send-keys -t sol 'seq 2200' Enter
check "seq 2200 ends with its prompt" '' \
    wait_file '^2200$' 600
numbers() { tr -d '\r' <"$WORK/out.txt" | grep -E '^[0-9]+$'; }
check "12 KiB of output: 1..2200 once each, in order" '^same$' \
    sh -c "[ \"\$(tr -d '\r' <$WORK/out.txt | grep -E '^[0-9]+\$')\" = \
    \"\$(seq 1 2200)\" ] && echo same"
# 2 KiB typed: 32 lines of 64 characters, each once the one before is
# answered.  (Pasted at once, ipmitool itself loses input under loss: it
# counts the host's echo arriving while it waits for an ACK as its
# retries, and gives the packet up without resending it.)
for n in $(seq 1001 1032); do
	$TM send-keys -t sol -l \
	    "echo K$n-abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-$n"
	$TM send-keys -t sol Enter
	wait_file "^K$n-[a-zA-Z]+-$n\$" 100 || break
done
check "the last typed line answered" '' \
    wait_file '^K1032-abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-1032$' 10
check "2 KiB of input: each line run once, in order" '^same$' \
    sh -c "[ \"\$(tr -d '\r' <$WORK/out.txt | grep -E '^K1[0-9]{3}-' | \
    sed 's/-.*//')\" = \"\$(seq 1001 1032 | sed 's/^/K/')\" ] && echo same"
$TM send-keys -t sol "~."
sleep 0.5
kill $RELAY
wait $RELAY 2>/dev/null
check "the relay dropped SOL packets both ways" \
    'up [0-9]+ \(dropped [1-9][0-9]*\), down [0-9]+ \(dropped [1-9]' \
    cat "$WORK/relay.log"
finish
