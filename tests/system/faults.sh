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
	for port in $PORTS; do
		for i in $(seq 1 50); do
			asf_ping "$port" && break
			sleep 0.1
		done
	done
}
# pings PORT...: 100 pings to each, one line per port of 1 (pong) / 0.
pings() {
	python3 - "$@" <<'PY'
import socket, sys
for port in map(int, sys.argv[1:]):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(0.05)
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
fleet run1 7
pings $PORTS >"$WORK/run1.txt"
stop_bmcsimd run1
fleet run2 7
pings $PORTS >"$WORK/run2.txt"
stop_bmcsimd run2
lost1=$(sed -n 1p "$WORK/run1.txt" | tr -cd 0 | wc -c)
lost2=$(sed -n 2p "$WORK/run1.txt" | tr -cd 0 | wc -c)
lost3=$(sed -n 3p "$WORK/run1.txt" | tr -cd 0 | wc -c)
if [ "$lost1" -eq 0 ] && [ "$lost3" -eq 0 ] && [ "$lost2" -ge 12 ] &&
    [ "$lost2" -le 50 ]; then
	passes=$((passes + 1))
	echo "ok   30 % drops on fq-2: $lost2 of 100 lost; fq-1, fq-3 none"
else
	fails=$((fails + 1))
	echo "FAIL lost pings: fq-1 $lost1, fq-2 $lost2, fq-3 $lost3"
fi
if cmp -s "$WORK/run1.txt" "$WORK/run2.txt" &&
    grep -q 'fault seed 7 ' "$WORK/run1.log"; then
	passes=$((passes + 1))
	echo "ok   --seed 7 twice: the same pings lost"
else
	fails=$((fails + 1))
	echo "FAIL --seed 7 twice gave different losses:"
	cat "$WORK/run1.txt" "$WORK/run2.txt"
fi

finish
