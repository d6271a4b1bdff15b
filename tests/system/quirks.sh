#!/bin/sh
# The [quirks] of bmcsim.ini(5), each alone in its shipped model
# (sim-configs/quirks/NAME.ini): the FreeIPMI tool fails against the buggy
# BMC without -W NAME and succeeds with it.  ipmitool copes with every
# session quirk as it is (it checks neither the login bits, checksums,
# 1.5 auth codes, session IDs nor sequence numbers of replies): one
# ipmitool call each shows it.
. "${top_srcdir:-.}/tests/system/lib.sh"
need bmc-info ipmi-sensors ipmi-sel ipmitool python3

Q="$CONFIGS/quirks"
for q in authcap nochecksumcheck noauthcodecheck idzero endianseq \
    opensesspriv integritycheckvalue ignorescanningdisabled assumebmcowner \
    assumesystemevent; do
	start_bmcsimd "$q" "$Q/$q.ini"
done

# Short timeouts: a failure is a session timeout, and it should be quick.
T="--session-timeout=1500 --retransmission-timeout=300"
bi() { # bi QUIRK DRIVER-ARGS... -W FLAG
	local q=$1 port
	shift
	eval "port=\$PORT_$q"
	bmc-info -h "127.0.0.1:$port" -u admin -p password -l ADMIN $T \
	    --get-device-id "$@"
}
quirk() { # quirk NAME FAILURE-REGEX DRIVER-ARGS...
	local q=$1 why=$2
	shift 2
	check_fails "$q: bmc-info $* without -W $q" "$why" bi "$q" "$@" -W none
	check "$q: bmc-info $* -W $q" 'Device ID +: 32' bi "$q" "$@" -W "$q"
}
quirk authcap 'username invalid' --driver-type=LAN_2_0
quirk nochecksumcheck 'session timeout' --driver-type=LAN_2_0
quirk nochecksumcheck 'password verification timeout' --driver-type=LAN -a MD5
quirk noauthcodecheck 'password verification timeout' --driver-type=LAN -a MD5
quirk idzero 'password verification timeout' --driver-type=LAN -a MD5
quirk endianseq 'session timeout' --driver-type=LAN -a MD5
quirk opensesspriv 'privilege level cannot be obtained' --driver-type=LAN_2_0
quirk integritycheckvalue 'k_g invalid' --driver-type=LAN_2_0 -I 0

# The model's quirks: readings and SEL records (a fresh SDR cache each).
n=0
fq() { # fq TOOL QUIRK ARGS...
	local tool=$1 q=$2 port
	shift 2
	eval "port=\$PORT_$q"
	n=$((n + 1))
	mkdir -m 700 "$WORK/sdr$n"
	"$tool" -h "127.0.0.1:$port" -u admin -p password -l ADMIN $T \
	    --driver-type=LAN_2_0 --quiet-cache \
	    --sdr-cache-directory="$WORK/sdr$n" "$@"
}
for q in ignorescanningdisabled assumebmcowner; do
	check "$q: ipmi-sensors without -W $q reads N/A" \
	    '^1 +\| Inlet Temp +\| Temperature +\| N/A ' \
	    fq ipmi-sensors "$q" -W none
	check "$q: ipmi-sensors -W $q reads 23 C" \
	    '^1 +\| Inlet Temp +\| Temperature +\| 23\.00 +\| C' \
	    fq ipmi-sensors "$q" -W "$q"
done
check "assumesystemevent: ipmi-sel without -W assumesystemevent" \
    'Unknown SEL Record Type: 1h' fq ipmi-sel assumesystemevent -W none
check "assumesystemevent: ipmi-sel -W assumesystemevent" \
    '^1 +\|.*\| Inlet Temp +\| Temperature ' \
    fq ipmi-sel assumesystemevent -W assumesystemevent

# ipmitool, for comparison.
it() { # it QUIRK ARGS...
	local q=$1 port
	shift
	eval "port=\$PORT_$q"
	ipmitool -H 127.0.0.1 -p "$port" -U admin -P password -N 1 -R 2 "$@"
}
for q in authcap nochecksumcheck opensesspriv; do
	check "$q: ipmitool lanplus copes" 'Device ID +: 32' \
	    it "$q" -I lanplus mc info
done
for q in authcap nochecksumcheck noauthcodecheck idzero endianseq; do
	check "$q: ipmitool lan copes" 'Device ID +: 32' it "$q" -I lan mc info
done
check "integritycheckvalue: ipmitool lanplus -C 0 copes" 'Device ID +: 32' \
    it integritycheckvalue -I lanplus -C 0 mc info
check "ignorescanningdisabled: ipmitool shows the sensor Disabled" \
    '^Inlet Temp +\| 01h \| ns +\| .*\| Disabled' \
    it ignorescanningdisabled -I lanplus sdr elist
check "assumebmcowner: ipmitool shows No Reading" \
    '^Inlet Temp +\| 01h \| ns +\| .*\| No Reading' \
    it assumebmcowner -I lanplus sdr elist
check "assumesystemevent: ipmitool decodes the record anyway" \
    'Temperature Inlet Temp' it assumesystemevent -I lanplus sel elist

finish
