#!/bin/sh
# A SOL session left idle past the BMC's 60 s session timeout stays up:
# ipmitool's keepalive (Get Device ID every 15 s) refreshes the session,
# and the console answers afterwards.  One minute of CI time, on purpose.
. "${top_srcdir:-.}/tests/system/lib.sh"
need ipmitool tmux

start_bmcsimd def "$CONFIGS/default.ini"
P=$PORT_def
TM="tmux -L bmcsim-soli-$$"
trap 'rc=$?; $TM kill-server 2>/dev/null; (exit $rc); cleanup' EXIT
pane() { $TM capture-pane -p -J -S -200 -t sol; }
wait_pane() {
	local i
	for i in $(seq 1 "${2:-100}"); do
		pane | grep -Eq -- "$1" && return 0
		sleep 0.1
	done
	return 1
}
$TM new-session -d -s sol -x 132 -y 50 \
    "ipmitool -I lanplus -H 127.0.0.1 -p $P -U admin -P password \
    sol activate; echo \"ipmitool exited \$?\"; sleep 60"
check "sol activate" '' wait_pane 'SOL Session operational'
sleep 65
check "after 65 s idle: still attached" '' sh -c \
    "! $TM capture-pane -p -t sol | grep -q 'closed by BMC\|exited'"
$TM send-keys -t sol Enter
check "after 65 s idle: the host answers" '' wait_pane 'login: $'
check "after 65 s idle: instance still held" '^ 01 01 00$' \
    ipmitool -I lanplus -H 127.0.0.1 -p "$P" -U admin -P password raw 6 0x4a 1
$TM send-keys -t sol '~.'
check "~. ends it cleanly" '' wait_pane 'ipmitool exited 0'
finish
