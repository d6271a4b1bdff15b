#!/bin/sh
# Serial over LAN with FreeIPMI and pyghmi: ipmiconsole (output, input,
# --dont-steal, stealing from another console, which is told), pyghmi's
# Console (output, input, break, force), ipmi-config's SOL_Conf and user
# sections (Get User Payload Access).
#
# ipmiconsole 1.6 cannot reach a port other than 623 ("-h host:port" is
# refused as an invalid hostname), so this BMC listens on port 623 of a
# loopback address of its own, picked at random and checked free.
. "${top_srcdir:-.}/tests/system/lib.sh"
need ipmiconsole ipmi-config ipmitool tmux python3 conmand
if ! /usr/bin/python3 -c 'import pyghmi' 2>/dev/null; then
	need pyghmi-is-not-installed
fi

ADDR=$(python3 - <<'PY'
import random, socket
for _ in range(50):
    a = "127.%d.%d.%d" % (random.randint(1, 250), random.randint(1, 250),
                          random.randint(2, 250))
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        s.bind((a, 623))
    except OSError:
        continue
    print(a)
    break
PY
)
if [ -z "$ADDR" ]; then
	# Port 623 needs privilege; without it ipmiconsole has no way in.
	echo "SKIP: port 623 cannot be bound here (ipmiconsole needs it)"
	exit 77
fi
"$BMCSIMD" -c "$CONFIGS/default.ini" --listen "$ADDR:623" \
    --state-dir "$WORK/state" -vv >"$WORK/def.log" 2>&1 &
BMC_PIDS="$BMC_PIDS $!"
i=0
until asf_ping 623 "$ADDR"; do
	i=$((i + 1))
	[ $i -lt 50 ] || { echo "bmcsimd did not start:"; cat "$WORK/def.log"; exit 1; }
	sleep 0.1
done
lan() { ipmitool -I lanplus -H "$ADDR" -U admin -P password -R 2 -N 1 "$@"; }
TM="tmux -L bmcsim-solc-$$"
trap 'rc=$?; $TM kill-server 2>/dev/null; (exit $rc); cleanup' EXIT

pane() { $TM capture-pane -p -J -S -200 -t "$1"; }
wait_pane() {
	local i
	for i in $(seq 1 "${3:-100}"); do
		pane "$1" | grep -Eq -- "$2" && return 0
		sleep 0.1
	done
	return 1
}
expect_pane() {
	if wait_pane "$2" "$3"; then
		passes=$((passes + 1)); echo "ok   $1"
	else
		fails=$((fails + 1)); echo "FAIL $1, wanted /$3/ in:"
		pane "$2" | sed 's/^/     /' | tail -n 30
	fi
}
console() {	# console NAME [ARGS]: ipmiconsole in a pane of its own
	local name=$1
	shift
	$TM new-session -d -s "$name" -x 132 -y 50 \
	    "ipmiconsole -h $ADDR -u admin -p password $*; \
	    echo \"ipmiconsole exited \$?\"; sleep 60"
}

console one
expect_pane "ipmiconsole: SOL established" one 'SOL established'
check "power cycle" 'Cycle' lan chassis power cycle
expect_pane "ipmiconsole: the boot log" one 'Booting from hard disk'
expect_pane "ipmiconsole: the login prompt" one '^default login: $'
$TM send-keys -t one 'root' Enter 'pw' Enter 'echo from-ipmiconsole' Enter
expect_pane "ipmiconsole: typed input reaches the host" one \
    '^from-ipmiconsole$'
sleep 0.5
check "ipmiconsole: once" '^1$' sh -c \
    "$TM capture-pane -p -J -S -200 -t one | grep -c -x from-ipmiconsole"
check_fails "ipmitool while ipmiconsole holds it: already active" \
    'already active on another session' lan sol activate
check "ipmiconsole --dont-steal: SOL in use" 'SOL in use' \
    timeout 20 ipmiconsole -h "$ADDR" -u admin -p password --dont-steal
console two
expect_pane "a second ipmiconsole steals it" two 'SOL established'
expect_pane "the first is told it was stolen" one 'SOL session stolen'
$TM send-keys -t two Enter
expect_pane "the thief has the shell" two '\[root@default ~\]# $'
$TM send-keys -t two '&.'
expect_pane "&. ends ipmiconsole" two 'ipmiconsole exited 0'
check "after &.: instance free" '^ 01 00 00$' lan raw 6 0x4a 1

# conman with an IPMI console (libipmiconsole): its console log shows
# the boot.
mkdir -p "$WORK/conman"
CP=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >"$WORK/conman/conman.conf" <<CONF
server logdir="$WORK/conman"
server pidfile="$WORK/conman/conmand.pid"
server port=$CP
server loopback=on
global log="%N.log"
global logopts="timestamp=off"
console name="bmc" dev="ipmi:$ADDR" ipmiopts="U:admin,P:password"
CONF
conmand -F -c "$WORK/conman/conman.conf" >"$WORK/conman/conmand.out" 2>&1 &
CONMAND=$!
conman_log() {	# conman_log REGEX: until conman's console log shows it
	local i
	for i in $(seq 1 150); do
		tr -d '\r' <"$WORK/conman/bmc.log" 2>/dev/null |
		    grep -Eq -- "$1" && return 0
		sleep 0.1
	done
	cat "$WORK/conman/conmand.out"
	return 1
}
i=0
until lan raw 6 0x4a 1 | grep -q '01 01 00' || [ $i -ge 100 ]; do
	i=$((i + 1)); sleep 0.1
done
check "conman: SOL active" '^ 01 01 00$' lan raw 6 0x4a 1
check "power cycle" 'Cycle' lan chassis power cycle
check "conman: the boot log" '' conman_log '^Booting from hard disk'
check "conman: the login prompt" '' conman_log '^default login: '
kill $CONMAND
wait $CONMAND 2>/dev/null

check "pyghmi: output, input, break, force" '^all ok$' \
    timeout 120 /usr/bin/python3 "$top_srcdir/tests/system/sol_pyghmi.py" \
    "$ADDR" 623
check "ipmi-config SOL_Conf: every key" \
    'SOL_Payload_Port_Number +623' ipmi-config -h "$ADDR" -u admin \
    -p password -l ADMIN --checkout --section=SOL_Conf
check "ipmi-config User2: SOL payload access (4Dh)" \
    'SOL_Payload_Access +Yes' ipmi-config -h "$ADDR" -u admin \
    -p password -l ADMIN --checkout --section=User2
finish
