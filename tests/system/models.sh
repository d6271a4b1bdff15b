#!/bin/sh
# The shipped models other than the default and the lab: a BMC that speaks
# IPMI 1.5 only, and one as OpenBMC ships (suite 17 only, no IPMI 1.5).
# Each answers what it should and refuses the rest with the client's own
# error, never a timeout.
. "${top_srcdir:-.}/tests/system/lib.sh"
need ipmitool bmc-info python3

# Every shipped single-BMC model starts and answers (fleet.sh starts the
# fleet); default and lab have tests of their own.
start_bmcsimd large "$CONFIGS/large.ini"
check "large: starts and answers" 'Manufacturer ID +: 674' \
    ipmitool -I lanplus -H 127.0.0.1 -p "$PORT_large" -U admin -P password \
    -C 17 -R 2 -N 1 mc info
start_bmcsimd legacy "$CONFIGS/legacy.ini"
start_bmcsimd obmc "$CONFIGS/openbmc.ini"

check "legacy: ipmitool -I lan -A MD5" 'IPMI Version +: 1.5' \
    ipmitool -I lan -H 127.0.0.1 -p "$PORT_legacy" -U admin -P password \
    -A MD5 -R 2 -N 1 mc info
check "legacy: FreeIPMI over LAN" 'Device ID' bmc-info \
    -h "127.0.0.1:$PORT_legacy" -u admin -p password -l ADMIN \
    --driver-type=LAN -a MD5
check_fails "legacy: RMCP+ refused" 'Unable to establish|Error' \
    ipmitool -I lanplus -H 127.0.0.1 -p "$PORT_legacy" -U admin \
    -P password -R 1 -N 1 mc info

check "openbmc: lanplus -C 17" 'Manufacturer ID +: 49871' \
    ipmitool -I lanplus -H 127.0.0.1 -p "$PORT_obmc" -U root -P 0penBmc \
    -C 17 -R 2 -N 1 mc info
check "openbmc: the suite list is 17 alone" '^17 $' sh -c "ipmitool \
    -I lanplus -H 127.0.0.1 -p $PORT_obmc -U root -P 0penBmc -C 17 -R 2 \
    -N 1 channel getciphers ipmi 1 | awk '\$1 ~ /^[0-9]+\$/ { printf \"%s \", \$1 }'"
check "openbmc: FreeIPMI -I 17" 'Device ID' bmc-info \
    -h "127.0.0.1:$PORT_obmc" -u root -p 0penBmc -l ADMIN \
    --driver-type=LAN_2_0 -I 17
check "openbmc: powered off at start" 'Chassis Power is off' \
    ipmitool -I lanplus -H 127.0.0.1 -p "$PORT_obmc" -U root -P 0penBmc \
    -C 17 -R 2 -N 1 chassis power status
check_fails "openbmc: suite 3 refused" 'no matching|Unable to establish' \
    ipmitool -I lanplus -H 127.0.0.1 -p "$PORT_obmc" -U root -P 0penBmc \
    -C 3 -R 1 -N 1 mc info
check_fails "openbmc: IPMI 1.5 refused" 'Unable to establish|Error' \
    ipmitool -I lan -H 127.0.0.1 -p "$PORT_obmc" -U root -P 0penBmc \
    -A MD5 -R 1 -N 1 mc info

finish
