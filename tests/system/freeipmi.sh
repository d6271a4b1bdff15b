#!/bin/sh
# bmcsimd against FreeIPMI, with no -W workaround flag: bmc-info on every
# suite FreeIPMI speaks and over IPMI 1.5, chassis status, ipmipower.
. "${top_srcdir:-.}/tests/system/lib.sh"
need bmc-info ipmi-chassis ipmipower python3

start_bmcsimd lab "$CONFIGS/lab.ini"
start_bmcsimd def "$CONFIGS/default.ini"

for i in 0 1 2 3 6 7 8 11 12 15 16 17; do
	check "lab: bmc-info LAN_2_0 -I $i" 'Device ID' \
	    bmc-info -h "127.0.0.1:$PORT_lab" -u admin -p password -l ADMIN \
	    --driver-type=LAN_2_0 -I "$i" --retransmission-timeout=500 \
	    --session-timeout=5000
done
check "default: bmc-info LAN_2_0 (suite 3)" 'Device ID' \
    bmc-info -h "127.0.0.1:$PORT_def" -u admin -p password -l ADMIN \
    --driver-type=LAN_2_0 -I 3
for m in def lab; do
	eval "port=\$PORT_$m"
	check "$m: bmc-info LAN -a MD5" 'Device ID' \
	    bmc-info -h "127.0.0.1:$port" -u admin -p password -l ADMIN \
	    --driver-type=LAN -a MD5
done
for a in MD2 STRAIGHT_PASSWORD_KEY NONE; do
	check "lab: bmc-info LAN -a $a" 'Device ID' \
	    bmc-info -h "127.0.0.1:$PORT_lab" -u admin -p password -l ADMIN \
	    --driver-type=LAN -a "$a"
done
check_fails "default: LAN -a MD2 not enabled" 'authentication type unavailable|not supported|invalid' \
    bmc-info -h "127.0.0.1:$PORT_def" -u admin -p password -l ADMIN \
    --driver-type=LAN -a MD2
check "ipmi-chassis --get-chassis-status" 'System Power' \
    ipmi-chassis -h "127.0.0.1:$PORT_def" -u admin -p password -l ADMIN \
    --driver-type=LAN_2_0 --get-chassis-status

pw() { ipmipower -h "127.0.0.1:$PORT_def" -u admin -p password \
    --driver-type=LAN_2_0 "$@"; }
check "ipmipower --off" ': ok' pw --off
check "ipmipower --stat off" ': off' pw --stat
check "ipmipower --on" ': ok' pw --on
check "ipmipower --stat on" ': on' pw --stat

check_fails "wrong password" 'password invalid|k_g invalid|authentication' \
    bmc-info -h "127.0.0.1:$PORT_def" -u admin -p wrong -l ADMIN \
    --driver-type=LAN_2_0 -I 3
check_fails "unknown user" 'username invalid|authentication' \
    bmc-info -h "127.0.0.1:$PORT_def" -u nobody -p password -l ADMIN \
    --driver-type=LAN_2_0 -I 3
check_fails "privilege above the user's limit" 'privilege level' \
    bmc-info -h "127.0.0.1:$PORT_def" -u operator -p password -l ADMIN \
    --driver-type=LAN_2_0 -I 3
check_fails "suite not enabled" 'cipher suite|not supported|authentication' \
    bmc-info -h "127.0.0.1:$PORT_def" -u admin -p password -l ADMIN \
    --driver-type=LAN_2_0 -I 2

finish
