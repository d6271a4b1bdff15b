#!/bin/bash
# kill -9 while a client writes state: the state file is always the old
# whole or the new whole (temp file, fsync, rename), never torn.  A console
# changes a user's password again and again while the daemon is killed at
# random moments; after every kill the daemon must restore its state
# without a problem, and the password it reports as set must work.
. "${top_srcdir:-.}/tests/system/lib.sh"
need ipmitool python3

port=$(free_port)
state="$WORK/state"
start() {
	"$BMCSIMD" -c "$CONFIGS/default.ini" --listen "127.0.0.1:$port" \
	    --state-dir "$state" >>"$WORK/crash.log" 2>&1 &
	pid=$!
	BMC_PIDS="$BMC_PIDS $pid"
	for i in $(seq 1 50); do asf_ping "$port" && return 0; sleep 0.05; done
	echo "bmcsimd did not start"; cat "$WORK/crash.log"; exit 1
}

last_ok=password
echo password >"$WORK/attempts"
start
for round in $(seq 1 8); do
	# A writer: new passwords for user 4 as fast as ipmitool goes.
	(
		n=0
		while :; do
			n=$((n + 1))
			echo "r${round}p$n" >>"$WORK/attempts"
			if ipmitool -I lanplus -H 127.0.0.1 -p "$port" -U admin \
			    -P password -R 1 -N 1 user set password 4 "r${round}p$n" \
			    >/dev/null 2>&1; then
				echo "r${round}p$n" >"$WORK/acked"
			fi
		done
	) &
	writer=$!
	# The restart says "state restored" only if there is a state to
	# restore: the first kill waits for the first write (a change
	# acknowledged, or the file there), then lands at a random moment.
	for i in $(seq 1 200); do
		[ -e "$state/default.state" ] && break
		sleep 0.05
	done
	if [ ! -e "$state/default.state" ]; then
		echo "FAIL round $round: no state written in 10 s"
		cat "$WORK/crash.log"
		exit 1
	fi
	sleep "0.$((RANDOM % 9 + 1))"
	kill -9 "$pid"
	wait "$pid" 2>/dev/null
	# Stop the writer and its ipmitool, or a retransmission of it could
	# reach the restarted daemon behind the checks' back.
	kill -STOP "$writer" 2>/dev/null
	pkill -KILL -P "$writer" 2>/dev/null
	kill -KILL "$writer" 2>/dev/null
	wait "$writer" 2>/dev/null
	if [ -s "$WORK/acked" ]; then
		last_ok=$(cat "$WORK/acked")
		rm -f "$WORK/acked"
	fi
	start
	check "round $round: state restored whole" 'state restored' \
	    sh -c "tail -n 20 '$WORK/crash.log' | grep 'state restored' | tail -n 1"
	check_fails "round $round: no problem in the saved state" 'clean' \
	    sh -c "tail -n 20 '$WORK/crash.log' | grep -q 'with problems\|partly applied' && echo torn || { echo clean; exit 1; }"
	# The last password acknowledged works, or one sent after it (set and
	# saved, its reply lost to the kill): nothing older, nothing torn.
	cands=$(awk -v ok="$last_ok" 'found { print } $0 == ok { found = 1 }' \
	    "$WORK/attempts")
	# The candidates go in as arguments: one per line, they must not
	# become part of the script's text.
	# shellcheck disable=SC2086
	check "round $round: the acknowledged password ($last_ok) or a later one works" \
	    'Device ID' sh -c 'port=$1; shift; for pw in "$@"; do
	        ipmitool -I lanplus -H 127.0.0.1 -p "$port" -U user -P "$pw" \
	            -L USER -R 1 -N 1 mc info 2>/dev/null && exit 0
	    done; exit 1' sh "$port" "$last_ok" $cands
done
kill "$pid"
finish
