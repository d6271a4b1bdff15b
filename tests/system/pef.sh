#!/bin/bash
# Platform Event Filtering and PET alerts against real tools: ipmitool pef
# and lan alert, FreeIPMI ipmi-config --category=pef and ipmi-pef-config,
# net-snmp snmptrapd receiving the traps, FreeIPMI ipmi-pet decoding them
# (against bmcsimd for the SDR) and acknowledging them, tshark reading the
# SNMP fields, and bmcsim traps.  The scenarios of
# shared/reference/pet.md §6 that a real tool can check.
. "${top_srcdir:-.}/tests/system/lib.sh"
need ipmitool ipmi-config ipmi-pef-config ipmi-pet bmc-device snmptrapd \
    tshark

TP=$(free_port)  # snmptrapd
TP2=$(free_port) # bmcsim traps
# The model: default.ini with alerting on the LAN channel, PEF on, a
# catch-all filter (severity critical) alerting policy set 1, which sends
# to destination 1 (snmptrapd) with alert string 1.
sed 's/^\[channel\]$/[channel]\nalerting = yes/' "$CONFIGS/default.ini" \
    >"$WORK/pef.ini"
cat >>"$WORK/pef.ini" <<EOF

[pef]
enable = yes
actions = 0x01
alert_string = bmcsim-PEF-test

[pef_filter 1]
severity = 0x10

[pef_policy 1]
destination = 1
string = 1

[alert_destination 1]
address = 127.0.0.1
port = $TP

[alert_destination 2]
address = 127.0.0.1
port = $TP2
ack = yes
timeout = 1
retries = 2
EOF

# (A value with blanks would not survive ipmi-config: its checkout file
# keeps the first word of a value, so the string has none.)
# snmptrapd, one line per trap: ".SPECIFIC .1.3.6.1.4.1.3183.1.1.1 = "HEX"".
mkdir -p "$WORK/snmp"
printf 'authCommunity log,execute public\n' >"$WORK/snmp/snmptrapd.conf"
SNMPCONFPATH="$WORK/snmp" SNMP_PERSISTENT_DIR="$WORK/snmp" \
    snmptrapd -f -Lo -On -OQ -m "" -C -c "$WORK/snmp/snmptrapd.conf" \
    -F '%q %v\n' "udp:127.0.0.1:$TP" >"$WORK/traps.log" 2>&1 &
BMC_PIDS="$BMC_PIDS $!"

start_bmcsimd pef "$WORK/pef.ini"
# The checks run some commands under sh -c: they need these.
export PORT_pef WORK
I() { ipmitool -I lanplus -H 127.0.0.1 -p "$PORT_pef" -U admin \
    -P password -R 2 -N 1 "$@"; }
C() { ipmi-config -h "127.0.0.1:$PORT_pef" -u admin -p password -l ADMIN \
    --category=pef "$@"; }

# The traps snmptrapd logged, one per line: "SPECIFIC HEX HEX ...".
traps() {
	tr '\n' ' ' <"$WORK/traps.log" | grep -a -o \
	    '\.[0-9]* \.1\.3\.6\.1\.4\.1\.3183\.1\.1\.1 = "[^"]*"' |
	    sed 's/^\.//; s/ \.1\.3\.6\.1\.4\.1\.3183\.1\.1\.1 = "/ /; s/"$//; s/  */ /g'
}
ntraps() { traps | wc -l; }
# wait_traps N: until snmptrapd has N traps (10 s at most).
wait_traps() {
	local i
	for i in $(seq 1 100); do
		[ "$(ntraps)" -ge "$1" ] && return 0
		sleep 0.1
	done
	return 1
}
# expect_traps WHAT N [SEC]: exactly N more traps than before ($seen),
# waiting SEC (default 1) seconds for any that should not come.
seen=0
expect_traps() {
	local want=$((seen + $2)) got
	wait_traps "$want"
	sleep "${3:-1}"
	got=$(ntraps)
	if [ "$got" -eq "$want" ]; then
		passes=$((passes + 1))
		echo "ok   $1"
	else
		fails=$((fails + 1))
		echo "FAIL $1: $((got - seen)) traps, wanted $2"
	fi
	seen=$got
}
# Wait until snmptrapd is up: an Alert Immediate it must receive.
for i in $(seq 1 50); do
	I raw 0x04 0x16 0x01 0x01 0x00 >/dev/null 2>&1
	wait_traps 1 && break
done
seen=$(ntraps)

# ---- configuration as the tools read it (§6 scenarios 1-10) ----
check "pef info: version, counts, actions" \
    '^ 0x51 \| 16 \| 16 \| [0-9a-f-]{36} \| Alert,Power-off,Reset,Power-cycle,Diagnostic-interrupt' \
    I pef info
check "pef status: record IDs and flags" \
    '\| 0x[0-9a-f]{4} \| 0x[0-9a-f]{4} \| 0x[0-9a-f]{4} \| PEF \| Alert' \
    I pef status
check "pef filter list: the model's catch-all, then 15 configurable" \
    '^ 1 \| enabled, pre-configured \| Any \| Any \| Critical \| OEM \| Any \| Alert \| 1' \
    I pef filter list
check "pef filter list: 16 entries, no failure" '^16$' \
    sh -c "$(declare -f I); I pef filter list | grep -c '^ *[0-9]* |'"
check "pef policy list: set 1 to destination 1" \
    '^ 1 \| 1 \| enabled \| Match-always \| 1 \| 802\.3 LAN \| PET \| public \| 3 \| 3 \| 127\.0\.0\.1 \| 00:00:00:00:00:00' \
    I pef policy list
check "lan alert print 1 2: acknowledged, 1 s, 2 retries" \
    'Alert Acknowledge +: Acknowledged.*Acknowledge Timeout +: 1.*Number of Retries +: 2.*Alert IP Address +: 127\.0\.0\.1' \
    sh -c "$(declare -f I); I lan alert print 1 2 | tr '\n' ' '"
check "lan alert set 1 3 ipaddr" '' I lan alert set 1 3 ipaddr 192.0.2.7
check "lan alert set 1 3 macaddr" '' \
    I lan alert set 1 3 macaddr 02:00:5e:00:00:07
check "lan alert set 1 3 ack on" '' I lan alert set 1 3 ack on
check "lan alert set 1 3 time 5" '' I lan alert set 1 3 time 5
check "lan alert set 1 3 retry 3" '' I lan alert set 1 3 retry 3
check "lan alert print 1 3: the values set" \
    'Alert Acknowledge +: Acknowledged.*Timeout +: 5.*Retries +: 3.*Alert IP Address +: 192\.0\.2\.7.*Alert MAC Address +: 02:00:5e:00:00:07' \
    sh -c "$(declare -f I); I lan alert print 1 3 | tr '\n' ' '"
check "ipmi-config Lan_Alert_Destination_3: the same" \
    'Alert_Acknowledge +Yes.*Alert_Acknowledge_Timeout +5.*Alert_Retries +3.*Alert_IP_Address +192\.0\.2\.7.*Alert_MAC_Address +02:00:5[eE]:00:00:07' \
    sh -c "$(declare -f C); C --checkout --section=Lan_Alert_Destination_3 | tr '\n' ' '"
check "ipmi-config --category=pef --checkout: every section" \
    'Section PEF_Conf.*Section Community_String.*Section Lan_Alert_Destination_0.*Section Alert_String_0.*Section Alert_Policy_1.*Section Event_Filter_16' \
    sh -c "$(declare -f C); C --checkout | tr '\n' ' '"
C --checkout >"$WORK/pef.conf" 2>&1
check "ipmi-config commit of its own checkout" '' \
    C --commit --filename="$WORK/pef.conf"
check "ipmi-config --diff after the commit: nothing" '^$' \
    C --diff --filename="$WORK/pef.conf"
long=$(printf 'A%.0s' $(seq 1 64))
check "ipmi-config: a 64-character alert string (blocks 1-5)" '' \
    C --commit -e "Alert_String_2:Alert_String=$long"
check "ipmi-config: the string read back whole" "Alert_String +$long\$" \
    C --checkout --section=Alert_String_2
check "ipmi-pef-config --info" \
    'PEF version +: 1\.5.*Number of Event Filters +: 16.*Number of Alert Policy entries +: 16' \
    sh -c "ipmi-pef-config -h 127.0.0.1:$PORT_pef -u admin -p password -l ADMIN --info | tr '\n' ' '"
check_fails "raw: set a read-only count: 82h" 'rsp=0x82' \
    I raw 0x04 0x12 0x05 0x10
check "raw: set in progress" '' I raw 0x04 0x12 0x00 0x01
check_fails "raw: set in progress twice: 81h" 'rsp=0x81' \
    I raw 0x04 0x12 0x00 0x01
check "raw: set complete" '' I raw 0x04 0x12 0x00 0x00
check_fails "raw: filter 17: C9h" 'rsp=0xc9' I raw 0x04 0x13 0x06 0x11 0x00
check_fails "raw: parameter 14: 80h" 'rsp=0x80' I raw 0x04 0x13 0x0e 0x00 0x00
check "raw: revision only" '^ 11$' I raw 0x04 0x13 0x81 0x00 0x00

# ---- events to traps (scenarios 11-18, 21) ----
bmc-device -h "127.0.0.1:$PORT_pef" -u admin -p password -l ADMIN \
    --platform-event="41 04 05 73 6f deassertion 80 01 ff" >/dev/null 2>&1
expect_traps "bmc-device --platform-event: one trap" 1
check "the trap: specific 356224, sensor device 41h, the alert string" \
    '^356224 ([0-9A-F]{2} ){27}41 73 ([0-9A-F]{2} ){17}CF 62 6D 63 73 69 6D( [0-9A-F]{2})* C1 $' \
    sh -c "$(declare -f traps); traps | tail -n 1"
traps | tail -n 1 >"$WORK/line"
mkdir -m 700 "$WORK/sdr"
PET() { ipmi-pet -h "127.0.0.1:$PORT_pef" -u admin -p password -l ADMIN \
    --sdr-cache-directory="$WORK/sdr" "$@"; }
check "ipmi-pet: physical security, deassertion, critical, the string" \
    'Physical Security +\| Critical condition +\| Deassertion Event +\| General Chassis Intrusion .*; bmcsim-PEF-test' \
    PET -v --output-event-severity --file="$WORK/line"
check "pef status: the BMC processed the event's record" \
    '\| 0x([0-9a-f]{4}) \| 0x0000 \| 0x\1 \|' I pef status

check "sensor thresh Inlet Temp unc 20" 'Non-Critical threshold to 20' \
    I sensor thresh "Inlet Temp" unc 20
expect_traps "a threshold crossing: one trap" 1
traps | tail -n 1 >"$WORK/line"
check "the trap: temperature, threshold, offset 7 (65799)" '^65799 ' \
    cat "$WORK/line"
check "ipmi-pet: Inlet Temp, Upper Non-critical going high" \
    'Inlet Temp +\| Temperature +\| Critical condition +\| Assertion Event +\| Upper Non-critical - going high' \
    PET -v --output-event-severity --file="$WORK/line"
I sensor thresh "Inlet Temp" unc 38 >/dev/null 2>&1
wait_traps $((seen + 1))
sleep 1
seen=$(ntraps)

# tshark: the SNMP fields of the next trap.
if start_capture "$WORK/pet.pcap" "udp port $TP or udp port $PORT_pef"; then
	I event 1 >/dev/null 2>&1
	wait_traps $((seen + 1))
	stop_capture "$PORT_pef"
	check "tshark: enterprise, agent, generic 6, specific, varbind" \
	    '^1\.3\.6\.1\.4\.1\.3183\.1\.1	10\.0\.0\.2	6	65801	1\.3\.6\.1\.4\.1\.3183\.1\.1\.1	[0-9a-f]{32}' \
	    tshark -r "$WORK/pet.pcap" -d "udp.port==$TP,snmp" -Y snmp -T fields \
	    -e snmp.enterprise -e snmp.agent_addr -e snmp.generic_trap \
	    -e snmp.specific_trap -e snmp.name -e snmp.value.octets
else
	fails=$((fails + 1))
fi
expect_traps "ipmitool event 1: one trap" 1

# An acknowledged destination: 3 identical traps (1 s apart) unless
# acknowledged; ipmi-pet --pet-acknowledge stops the resends.
check "lan alert set 1 1 ack on" '' I lan alert set 1 1 ack on
check "lan alert set 1 1 time 1" '' I lan alert set 1 1 time 1
check "lan alert set 1 1 retry 2" '' I lan alert set 1 1 retry 2
I event 1 >/dev/null 2>&1
wait_traps $((seen + 3))
sleep 1.5
check "no acknowledgement: the trap and 2 resends, one sequence number" \
    '^3 1$' sh -c "$(declare -f traps); traps | tail -n +$((seen + 1)) | awk '{ print \$18 \$19 }' | sort | uniq -c | awk '{ print \$1, NR }'"
seen=$(ntraps)
# Time enough for ipmi-pet to start and answer on a loaded machine.
check "lan alert set 1 1 time 3" '' I lan alert set 1 1 time 3
I event 1 >/dev/null 2>&1
wait_traps $((seen + 1))
line=$(traps | tail -n 1)
check "ipmi-pet --pet-acknowledge: accepted outside a session" '' \
    ipmi-pet -h "127.0.0.1:$PORT_pef" --pet-acknowledge $line
expect_traps "acknowledged: no resend" 1 3.5
check "lan alert set 1 1 ack off" '' I lan alert set 1 1 ack off

# bmcsim traps --ack: destination 2 (acknowledged) through policy entry 2.
check "pef policy 2: set 1 to destination 2" '' \
    I raw 0x04 0x12 0x09 0x02 0x18 0x12 0x00
acked=$(grep -c 'h acknowledged' "$WORK/pef.log")
unacked=$(grep -c 'not acknowledged' "$WORK/pef.log")
"$top_builddir/bmcsim" traps -l "127.0.0.1:$TP2" --ack -c 1 -t 10 \
    >"$WORK/bmcsim-traps.out" 2>&1 &
tpid=$!
sleep 0.5
I event 1 >/dev/null 2>&1
wait "$tpid"
check "bmcsim traps: the PET field by field" \
    'specific trap +: 65801 \(010109h\).*severity +: 10h \(critical\).*sensor number +: 30h.*OEM custom +: none \(C1h\).*PET Acknowledge sent' \
    sh -c "tr '\n' ' ' <'$WORK/bmcsim-traps.out'"
expect_traps "destination 1 got its trap too" 1
sleep 1.5
check "bmcsim traps' acknowledgement stopped the resends" "^$((acked + 1)) $unacked\$" \
    sh -c "echo \$(grep -c 'h acknowledged' '$WORK/pef.log') \$(grep -c 'not acknowledged' '$WORK/pef.log')"
check "pef policy 2 off" '' I raw 0x04 0x12 0x09 0x02 0x10 0x12 0x00

# ---- gates (scenario 20): each stops the trap, the SEL still grows ----
gate() {
	local what=$1 on=$2 off=$3
	I raw $on >/dev/null
	I event 1 >/dev/null 2>&1
	expect_traps "gate: $what: no trap" 0
	I raw $off >/dev/null
}
gate "PEF control off" "0x04 0x12 0x01 0x00" "0x04 0x12 0x01 0x01"
gate "global alert action off" "0x04 0x12 0x02 0x00" "0x04 0x12 0x02 0x01"
gate "filter 1 disabled" "0x04 0x12 0x07 0x01 0x40" "0x04 0x12 0x07 0x01 0xc0"
gate "channel PEF alerting disabled" "0x06 0x40 0x01 0xa2 0x00" \
    "0x06 0x40 0x01 0x82 0x00"
gate "postpone timer FEh" "0x04 0x11 0xfe" "0x04 0x11 0x00"
I event 1 >/dev/null 2>&1
expect_traps "every gate open again: one trap" 1

# ---- Alert Immediate (scenario 24) ----
check "Alert Immediate to destination 1" '' I raw 0x04 0x16 0x01 0x01 0x00
expect_traps "Alert Immediate: one trap" 1
check "the trap: offset 0Fh unspecified" '^15 ' \
    sh -c "$(declare -f traps); traps | tail -n 1"
check "Alert Immediate status: normal end" '^ 01$' \
    I raw 0x04 0x16 0x01 0x41 0x00

# ---- kept over a restart ----
check "raw: filter 2 enabled, sensor type 5" '' I raw 0x04 0x12 0x06 0x02 \
    0x80 0x01 0x01 0x04 0xff 0xff 0x05 0xff 0xff 0xff 0xff \
    0 0 0 0 0 0 0 0 0
stop_bmcsimd pef
start_bmcsimd pef "$WORK/pef.ini"
export PORT_pef
check "after a restart: filter 2 as set" \
    '^ 2 \| enabled, configurable \| Chassis Intrusion \| Any \| OK \| OEM \| Any \| Alert \| 1' \
    I pef filter list
check "after a restart: destination 3 as set" \
    'Alert IP Address +: 192\.0\.2\.7' I lan alert print 1 3

finish
