#!/bin/sh
# Vendor commands declared in the model ([oem N]): answered with their
# data or completion code, the longest request prefix first, with their
# privilege; undeclared ones still answer C1h.
. "${top_srcdir:-.}/tests/system/lib.sh"
need ipmitool python3

start_bmcsimd oem "$top_srcdir/tests/data/daemon/oem.ini"
raw() { ipmitool -I lanplus -H 127.0.0.1 -p "$PORT_oem" -U admin \
    -P password -R 2 -N 1 raw "$@"; }

check "netFn 30h 45h 00: the declared data" '^ 01$' raw 0x30 0x45 0x00
check "netFn 2Eh with Intel's IANA: the declared data" \
    '^ 57 01 00 05 03 02 0f 00$' raw 0x2e 0xca 0x57 0x01 0x00
check_fails "a longer prefix chooses another answer: C9h" 'rsp=0xc9' \
    raw 0x30 0x45 0x01 0x02
check_fails "no declared prefix matches: C1h" 'rsp=0xc1' raw 0x30 0x45 0x07
check_fails "undeclared: C1h" 'rsp=0xc1' raw 0x30 0x46
check_fails "an admin-only answer to a USER session: D4h" 'rsp=0xd4' \
    ipmitool -I lanplus -H 127.0.0.1 -p "$PORT_oem" -U admin -P password \
    -L USER -R 2 -N 1 raw 0x30 0x45 0x01

# A section naming a command bmcsimd implements would never answer.
printf '[oem 1]\nnetfn = 0x00\ncmd = 0x01\nresponse = 00\n' >"$WORK/implemented.ini"
check_fails "--check refuses an [oem N] naming Get Chassis Status" \
    'netFn 00h command 01h is Get Chassis Status, which bmcsimd implements.*model.s keys' \
    "$BMCSIMD" -c "$WORK/implemented.ini" --check

finish
