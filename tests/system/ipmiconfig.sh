#!/bin/bash
# FreeIPMI's ipmi-config against bmcsimd, with no -W workaround flag: the
# core category reads Set Channel Security Keys (K_R, K_G) and the LAN
# parameters FreeIPMI asks for (50, 51) without an error; 8 and 9 (the
# RMCP ports) read back over ipmitool raw.  K_G set with ipmi-config
# --commit makes the channel's login two-key: ipmitool logs in with -y
# (hex) or -k (text) and not without, and still after a restart with the
# same state directory.
. "${top_srcdir:-.}/tests/system/lib.sh"
need ipmitool ipmi-config

KG_HEX=0102030405060708090a0b0c0d0e0f1011121314

start_bmcsimd ic "$CONFIGS/default.ini"
fi_config() { ipmi-config -h "127.0.0.1:$PORT_ic" -u admin -p password \
    -l ADMIN "$@"; }
ipmi() { ipmitool -I lanplus -H 127.0.0.1 -p "$PORT_ic" -U admin \
    -P password -R 1 -N 1 "$@"; }
# A login that must not work: ipmitool says so, whatever its exit status
# (a wrong K_G makes it exit 0 after its error).
refused() {
	local out
	out=$("$@" 2>&1)
	case $out in
	*"Device ID"*) echo "logged in"; return 1 ;;
	esac
	printf '%s\n' "$out"
}

# The whole core category once, with every key it could not read listed
# (-vv); what it cannot read yet lies outside the LAN channel's sections
# (user payload access, a serial channel, disabled suites).
timeout 60 ipmi-config -h "127.0.0.1:$PORT_ic" -u admin -p password \
    -l ADMIN --checkout --category=core -vv >"$WORK/core.txt" 2>&1
lan_unread() {
	if grep -E 'Unable to checkout Lan6?_' "$WORK/core.txt"; then
		return 1
	fi
	echo none
}
LAN_SECTIONS="-S Lan_Conf -S Lan6_Conf -S Lan_Conf_Security_Keys \
    -S Lan_Conf_Misc -S Lan_Channel -S Lan_Conf_User_Security -S SOL_Conf"

check "core: K_G read, all zero" \
    'K_G +0x0000000000000000000000000000000000000000$' cat "$WORK/core.txt"
check "core: K_R read, empty" '^	K_R +$' cat "$WORK/core.txt"
check "core: IPv4 addressing only (parameter 51)" \
    'IPv6_IPv4_Addressing_Enables +IPv6_Disabled$' cat "$WORK/core.txt"
check "core: IPv6 not supported (parameter 50)" \
    '## Supports_IPv6_Only +No$' cat "$WORK/core.txt"
check "core: every key of the LAN sections read" '^none$' lan_unread
# shellcheck disable=SC2086
check "the LAN sections: exit 0" 'Section Lan_Conf_Security_Keys' \
    fi_config --checkout $LAN_SECTIONS

# Parameters 8 and 9: the port this BMC answers on, and 664 (298h).
PORT_LE=$(printf '%02x %02x' $((PORT_ic & 255)) $((PORT_ic >> 8)))
check "parameter 8: the BMC's own port" "^ 11 $PORT_LE\$" \
    ipmi raw 0x0c 0x02 0x01 0x08 0x00 0x00
check "parameter 9: 664" '^ 11 98 02$' ipmi raw 0x0c 0x02 0x01 0x09 0x00 0x00
check_fails "parameter 8 is read-only" 'rsp=0x82' \
    ipmi raw 0x0c 0x01 0x01 0x08 0x6f 0x02

# K_R and K_G set through ipmi-config --commit.
check "commit K_R" '' fi_config --commit -e "Lan_Conf_Security_Keys:K_R=abc"
check "commit K_G (hex)" '' \
    fi_config --commit -e "Lan_Conf_Security_Keys:K_G=0x$KG_HEX"
check "K_R and K_G read back" "K_R +abc.*K_G +0x$KG_HEX" \
    sh -c "ipmi-config -h 127.0.0.1:$PORT_ic -u admin -p password -l ADMIN \
    --checkout -S Lan_Conf_Security_Keys | tr '\n' ' '"
check "the log says two-key login" \
    'K_G set \(Set Channel Security Keys\): two-key login' cat "$WORK/ic.log"
check "ipmitool -y with the new K_G logs in" 'Device ID' \
    ipmi -y "$KG_HEX" mc info
check "ipmitool without K_G: refused" 'Unable to establish' \
    refused ipmi mc info
check "ipmitool with another K_G: refused" 'Unable to establish' \
    refused ipmi -y 0102030405060708090a0b0c0d0e0f1011121315 mc info
check "the state file keeps it" "kg = $KG_HEX" \
    cat "$WORK/state-ic/default.state"

stop_bmcsimd ic
start_bmcsimd ic "$CONFIGS/default.ini"
check "restart: the log says the keys are restored" \
    'channel security keys set over IPMI restored \(K_G set\)' \
    cat "$WORK/ic.log"
check "restart: ipmitool -y still logs in" 'Device ID' \
    ipmi -y "$KG_HEX" mc info
check "restart: without K_G still refused" 'Unable to establish' \
    refused ipmi mc info

# A text K_G (ipmitool -k), then zero again: one-key login.
# ipmi-config logs in with IPMI 1.5, which has no K_G.
check "commit K_G (text)" '' fi_config --commit \
    -e "Lan_Conf_Security_Keys:K_G=bmcsimkey"
check "ipmitool -k with the text K_G logs in" 'Device ID' \
    ipmi -k bmcsimkey mc info
check "commit K_G zero" '' fi_config --commit \
    -e "Lan_Conf_Security_Keys:K_G=0x0000000000000000000000000000000000000000"
check "zero K_G: one-key login again" 'Device ID' ipmi mc info
finish
