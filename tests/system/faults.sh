#!/bin/sh
# Fault rules ([fault NAME] of bmcsim.ini(5)) against real clients:
# a lost answer to a power cycle (the command runs once while ipmitool
# retries and reports failure; FreeIPMI's ipmipower times out), 30 %
# dropped pings on one BMC of three leaving the others untouched, and the
# same --seed giving the same firings in two runs.
. "${top_srcdir:-.}/tests/system/lib.sh"
need ipmitool ipmipower python3

# A model with its answer to Chassis Control "power cycle" lost.
cp "$CONFIGS/default.ini" "$WORK/lost.ini"
cat >>"$WORK/lost.ini" <<'INI'

[fault lost-cycle]
command = 00:02
data = 02
stage = response
action = drop
INI
start_bmcsimd lost "$WORK/lost.ini" --seed 1
lan() { ipmitool -I lanplus -H 127.0.0.1 -p "$PORT_lost" -U admin \
    -P password -N 1 -R 3 "$@"; }
check_fails "ipmitool power cycle: the answer is lost, ipmitool fails" \
    'Unable to set Chassis Power Control to Cycle' lan chassis power cycle
cycles=$(grep -c 'power off (Chassis Control power cycle)' "$WORK/lost.log")
fired=$(grep -c 'fault lost-cycle fired: drop' "$WORK/lost.log")
if [ "$cycles" -eq 1 ] && [ "$fired" -ge 3 ]; then
	passes=$((passes + 1))
	echo "ok   the cycle ran once; ipmitool's $fired tries all lost"
else
	fails=$((fails + 1))
	echo "FAIL cycle ran $cycles times, $fired answers lost"
fi
check "ipmitool power status still answers" 'Chassis Power is (on|off)' \
    lan chassis power status
check_fails "ipmipower --cycle: the answer is lost, it times out" \
    'timed out|timeout' \
    ipmipower -h "127.0.0.1:$PORT_lost" -u admin -p password \
    --driver-type=LAN_2_0 --session-timeout=3000 \
    --retransmission-timeout=500 --cycle
stop_bmcsimd lost

# Three BMCs; pings to fq-2 dropped with probability 0.3.
fleet() { # fleet NAME SEED: starts three BMCs, sets PORTS
	local i port
	cp "$CONFIGS/default.ini" "$WORK/fleet-model.ini"
	cat >>"$WORK/fleet-model.ini" <<'INI'

[fault flaky]
bmc = fq-2
kind = asf
stage = request
probability = 0.3
INI
	: >"$WORK/$1.ini"
	PORTS=""
	for i in 1 2 3; do
		port=$(free_port)
		PORTS="$PORTS $port"
		printf '[bmc fq-%s]\nlisten = 127.0.0.1:%s\nmodel = %s\n' \
		    "$i" "$port" "$WORK/fleet-model.ini" >>"$WORK/$1.ini"
	done
	"$BMCSIMD" -c "$WORK/$1.ini" --state-dir "$WORK/state-$1" --seed "$2" \
	    -v >"$WORK/$1.log" 2>&1 &
	eval "PID_$1=$!"
	BMC_PIDS="$BMC_PIDS $!"
	# Ready once fq-1 answers (every BMC is bound before any serves);
	# fq-2 is not pinged here, so that its draws are the test's alone.
	set -- $PORTS
	for i in $(seq 1 50); do
		asf_ping "$1" && break
		sleep 0.1
	done
}
# pings PORT TIMEOUT: 100 pings, one answer awaited TIMEOUT s each;
# prints 1 (pong) or 0 per ping.
pings() {
	python3 - "$@" <<'PY'
import socket, sys
port, wait = int(sys.argv[1]), float(sys.argv[2])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.settimeout(wait)
out = ""
for tag in range(100):
    s.sendto(bytes.fromhex("0600ff06000011be80%02x0000" % tag),
             ("127.0.0.1", port))
    got = "0"
    try:
        while True:
            d = s.recv(512)
            if len(d) >= 10 and d[9] == tag:
                got = "1"
                break
    except OSError:
        pass
    out += got
print(out)
PY
}
# The draws of fq-2's firings, as the log has them.
draws() {
	sed -n 's/.*fq-2: fault flaky fired: drop (draw \([0-9a-f]*\)).*/\1/p' \
	    "$WORK/$1.log"
}
for run in run1 run2; do
	fleet $run 7
	set -- $PORTS
	pings "$1" 0.5 >"$WORK/$run-1.txt"
	pings "$2" 0.1 >"$WORK/$run-2.txt"
	pings "$3" 0.5 >"$WORK/$run-3.txt"
	stop_bmcsimd $run
done
lost() { tr -cd 0 <"$WORK/$1.txt" | wc -c; }
fired=$(draws run1 | wc -l)
if [ "$(lost run1-1)" -eq 0 ] && [ "$(lost run1-3)" -eq 0 ] &&
    [ "$fired" -ge 12 ] && [ "$fired" -le 50 ] &&
    [ "$(lost run1-2)" -eq "$fired" ] &&
    ! grep -q 'fq-[13]: fault' "$WORK/run1.log"; then
	passes=$((passes + 1))
	echo "ok   30 % drops on fq-2: $fired of 100 dropped; fq-1, fq-3 none"
else
	fails=$((fails + 1))
	echo "FAIL fq-2 dropped $fired; lost: fq-1 $(lost run1-1)," \
	    "fq-2 $(lost run1-2), fq-3 $(lost run1-3)"
fi
draws run1 >"$WORK/draws1"
draws run2 >"$WORK/draws2"
if [ -s "$WORK/draws1" ] && cmp -s "$WORK/draws1" "$WORK/draws2" &&
    grep -q 'fault seed 7 ' "$WORK/run1.log"; then
	passes=$((passes + 1))
	echo "ok   --seed 7 twice: the same $(wc -l <"$WORK/draws1") firings"
else
	fails=$((fails + 1))
	echo "FAIL --seed 7 twice gave different firings:"
	paste "$WORK/draws1" "$WORK/draws2" | head -n 20
fi

finish
