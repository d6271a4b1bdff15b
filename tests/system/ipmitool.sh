#!/bin/sh
# bmcsimd against ipmitool: RMCP+ on every suite ipmitool implements, IPMI
# 1.5 with every auth type, the chassis and user commands, and the errors a
# user must see (never a timeout).
. "${top_srcdir:-.}/tests/system/lib.sh"
need ipmitool python3

start_bmcsimd lab "$CONFIGS/lab.ini"
start_bmcsimd def "$CONFIGS/default.ini"

lan() {	# lan MODEL ARGS...: ipmitool lanplus as admin
	eval "port=\$PORT_$1"
	shift
	ipmitool -I lanplus -H 127.0.0.1 -p "$port" -U admin -P password \
	    -R 2 -N 1 "$@"
}

# Every suite ipmitool can speak (11 and 12 make it assert: not ours).
for c in 0 1 2 3 6 7 8 15 16 17; do
	check "lab: lanplus -C $c mc info" 'Device ID' lan lab -C "$c" mc info
done
check "lab: mc guid" 'System GUID' lan lab -C 17 mc guid
check "lab: chassis status" 'System Power' lan lab -C 3 chassis status

# No -C: ipmitool asks Get Channel Cipher Suites and takes the best: 17.
check "default: no -C logs in" 'Device ID' lan def mc info
check "default: it chose suite 17" 'suite 17' cat "$WORK/def.log"
check_fails "default: -C 0 refused" \
    'no matching|Unable to establish|Cipher Suite' lan def -C 0 mc info
check_fails "default: disabled suite 2 refused" \
    'no matching|Unable to establish|Cipher Suite' lan def -C 2 mc info

# The cipher suite list is exactly the enabled suites.
suites() { lan "$1" -C 17 channel getciphers ipmi 1 |
    awk '$1 ~ /^[0-9]+$/ { printf "%s ", $1 }'; }
check "default: getciphers lists 3 17" '^3 17 $' suites def
check "lab: getciphers lists every implemented suite" \
    '^0 1 2 3 6 7 8 11 12 15 16 17 $' suites lab

check "channel info" 'Channel 0x1 info' lan def channel info 1

# Power really changes, and chassis status says so.
check "power off" 'Down/Off' lan def chassis power off
check "power status off" 'Chassis Power is off' lan def chassis power status
check "power on" 'Up/On' lan def chassis power on
check "power status on" 'Chassis Power is on' lan def chassis power status
check "power cycle" 'Cycle' lan def chassis power cycle
# The cycle keeps the power off for a second (power_cycle_interval_ms).
check "power status during the cycle" 'Chassis Power is off' \
    lan def chassis power status
sleep 1.2
check "power status after the cycle" 'Chassis Power is on' \
    lan def chassis power status

# Boot device: set PXE, read parameter 5 back.
check "bootdev pxe" 'Set Boot Device to pxe' lan def chassis bootdev pxe
check "bootparam get 5" 'Force PXE' lan def chassis bootparam get 5

# Users: list, change a password, log in with the new one.
check "user list" 'operator' lan def user list 1
check "user set password" 'successful|Set User Password' \
    lan def user set password 4 n3wpass
check "login with the new password" 'Device ID' \
    ipmitool -I lanplus -H 127.0.0.1 -p "$PORT_def" -U user -P n3wpass \
    -L USER -R 2 -N 1 mc info
check_fails "the old password fails" 'HMAC|Unable to establish' \
    ipmitool -I lanplus -H 127.0.0.1 -p "$PORT_def" -U user -P password \
    -L USER -R 2 -N 1 mc info

# The errors, each printed as such, never a timeout.
check_fails "wrong password" 'HMAC|Unable to establish' \
    ipmitool -I lanplus -H 127.0.0.1 -p "$PORT_def" -U admin -P wrong \
    -R 2 -N 1 mc info
check_fails "unknown user" 'unauthorized name|Unable to establish' \
    ipmitool -I lanplus -H 127.0.0.1 -p "$PORT_def" -U nobody -P password \
    -R 2 -N 1 mc info
check_fails "privilege above the user's limit" \
    'Set Session Privilege Level|insufficient|Unable' \
    ipmitool -I lanplus -H 127.0.0.1 -p "$PORT_def" -U operator \
    -P password -L ADMINISTRATOR -R 2 -N 1 mc info

# IPMI 1.5.
for m in def lab; do
	eval "port=\$PORT_$m"
	check "$m: lan -A MD5" 'Device ID' ipmitool -I lan -H 127.0.0.1 \
	    -p "$port" -U admin -P password -A MD5 -R 2 -N 1 mc info
done
# Debian's ipmitool is built without MD2 (OpenSSL 3 has none): MD2 is
# proven with FreeIPMI and bmcsim instead (freeipmi.sh, client_bmcsimd.sh).
for a in PASSWORD NONE; do
	check "lab: lan -A $a" 'Device ID' ipmitool -I lan -H 127.0.0.1 \
	    -p "$PORT_lab" -U admin -P password -A "$a" -R 2 -N 1 mc info
done
check_fails "default: lan -A MD2 not enabled" 'not supported|Error|nable' \
    ipmitool -I lan -H 127.0.0.1 -p "$PORT_def" -U admin -P password \
    -A MD2 -R 1 -N 1 mc info

finish
