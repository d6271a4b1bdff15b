#!/bin/sh
# Serial over LAN with ipmitool: "sol activate" driven through tmux (the
# boot log, the login prompt, typed input reaching the host once, ~B, ~.),
# a second session refused, "sol deactivate" from another session,
# "sol info", "sol payload", "sol looptest", and every cipher suite.
. "${top_srcdir:-.}/tests/system/lib.sh"
need ipmitool tmux curl

start_bmcsimd lab "$CONFIGS/lab.ini"
P=$PORT_lab
lan() { ipmitool -I lanplus -H 127.0.0.1 -p "$P" -U admin -P password \
    -R 2 -N 1 "$@"; }
# A tmux server of this test's own: nothing shared with a user's.
TM="tmux -L bmcsim-sol-$$"
cleanup_tmux() { $TM kill-server 2>/dev/null; }
trap 'rc=$?; cleanup_tmux; (exit $rc); cleanup' EXIT

pane() { $TM capture-pane -p -J -S -200 -t sol; }
# wait_pane REGEX [TENTHS]: until the pane shows it (default 10 s).
wait_pane() {
	local i
	for i in $(seq 1 "${2:-100}"); do
		pane | grep -Eq -- "$1" && return 0
		sleep 0.1
	done
	return 1
}
# expect_pane WHAT REGEX: a check on the pane.
expect_pane() {
	if wait_pane "$2"; then
		passes=$((passes + 1)); echo "ok   $1"
	else
		fails=$((fails + 1)); echo "FAIL $1, wanted /$2/ in:"
		pane | sed 's/^/     /' | tail -n 30
	fi
}
# sol_start [IPMITOOL ARGS...]: ipmitool sol activate in a fresh pane.
sol_start() {
	$TM kill-session -t sol 2>/dev/null
	$TM new-session -d -s sol -x 132 -y 50 \
	    "ipmitool -I lanplus -H 127.0.0.1 -p $P -U admin -P password $* \
	    sol activate; echo \"ipmitool exited \$?\"; sleep 60"
}
# The pane's lines equal to (or holding) a text, counted.
count_lines() { pane | grep -c -x -- "$1"; }

sol_start
expect_pane "sol activate: operational" 'SOL Session operational'
check "power cycle" 'Cycle' lan chassis power cycle
expect_pane "the firmware banner names the BMC" 'firmware 2\.7 on lab'
expect_pane "the boot from disk" 'Booting from hard disk'
expect_pane "the login prompt" '^lab login: $'
console_api() { curl -s --unix-socket "$WORK/state-lab/control.sock" \
    http://bmcsim/v1/bmcs/lab/console; }
check "control API: the console's history" '"history":".*lab login: "' \
    console_api
check "control API: held by a session" '"active":true,"session":"0x[0-9a-f]{8}"' \
    console_api
check_fails "a second session: already active" \
    'SOL payload already active on another session' lan sol activate
check "4Ah: instance 1 active" '^ 01 01 00$' lan raw 6 0x4a 1
check "4Bh: owned, serial port 1" '^ [0-9a-f]{2} [0-9a-f]{2} [0-9a-f]{2} [0-9a-f]{2} 01 00' \
    lan raw 6 0x4b 1 1
$TM send-keys -t sol 'root' Enter
expect_pane "login: password prompt" '^Password: $'
$TM send-keys -t sol 'secret' Enter
expect_pane "login: the shell prompt" '^\[root@lab ~\]# $'
$TM send-keys -t sol 'echo typed-once' Enter
expect_pane "typed input: the host answers" '^typed-once$'
sleep 0.5
check "typed input reached the host once" '^1$' count_lines 'typed-once'
check "and was echoed once" '^1$' count_lines '\[root@lab ~\]# echo typed-once'
$TM send-keys -t sol '~B'
expect_pane "~B: the host saw a break" '^\[break\]$'
sleep 0.5
check "~B: one break" '^1$' count_lines '\[break\]'
$TM send-keys -t sol '~.'
expect_pane "~.: ipmitool ends" 'ipmitool exited 0'
check "~. deactivated: 4Ah clear" '^ 01 00 00$' lan raw 6 0x4a 1

# Boot from the network: PXE first, then the disk.
sol_start
expect_pane "sol activate again" 'SOL Session operational'
check "chassis bootdev pxe" 'Set Boot Device to pxe' lan chassis bootdev pxe
check "power cycle" 'Cycle' lan chassis power cycle
expect_pane "the PXE attempt" 'Booting from network \(PXE\) on lab'
expect_pane "then the login prompt" '^lab login: $'
check "sol deactivate from another session" '' lan sol deactivate
check_fails "sol deactivate again: already de-activated" \
    'SOL payload already de-activated' lan sol deactivate
check "4Ah after the steal: clear" '^ 01 00 00$' lan raw 6 0x4a 1
$TM kill-session -t sol

# The shell's "poweroff" goes through the chassis.
sol_start
expect_pane "sol activate for poweroff" 'SOL Session operational'
$TM send-keys -t sol Enter
expect_pane "a prompt" 'login: $'
$TM send-keys -t sol 'root' Enter 'x' Enter 'poweroff' Enter
expect_pane "poweroff: the host halts" 'Powering off\.'
i=0
while [ $i -lt 50 ] && ! lan chassis power status | grep -q 'is off'; do
	sleep 0.1; i=$((i + 1))
done
check "poweroff: the chassis is off" 'Chassis Power is off' \
    lan chassis power status
$TM send-keys -t sol '~.'
expect_pane "~. after poweroff" 'ipmitool exited 0'
check "power on" 'Up/On' lan chassis power on

check "sol info: every parameter, no 'not supported'" 'Payload Port +: '"$P"'$' \
    lan sol info
check "sol set retry-count 5" '' lan sol set retry-count 5
check "sol info: retry count 5" 'Retry Count +: 5$' lan sol info
check "sol payload status: enabled" 'User 2 on channel 1 is enabled' \
    lan sol payload status 1 2
check "sol payload disable" '' lan sol payload disable 1 2
check "sol payload status: disabled" 'User 2 on channel 1 is disabled' \
    lan sol payload status 1 2
check_fails "activate without payload access: 81h" 'SOL payload disabled' \
    lan sol activate
check "sol payload enable" '' lan sol payload enable 1 2
check "sol looptest 5 20" 'remain loop test counter: 1$' \
    lan sol looptest 5 20
check "4Ah after looptest: clear" '^ 01 00 00$' lan raw 6 0x4a 1

# Every cipher suite: C6h is downgraded where the suite has no
# confidentiality (R1.8), and the packets are protected as negotiated.
# (11 and 12 make ipmitool assert: not ours.)
for c in 0 1 2 3 6 7 8 15 16 17; do
	sol_start -C "$c"
	if wait_pane 'SOL Session operational' 50; then
		$TM send-keys -t sol Enter
		if wait_pane 'login: $' 50; then
			$TM send-keys -t sol '~.'
		fi
	fi
	expect_pane "-C $c: activate, output, ~." 'ipmitool exited 0'
done
finish
