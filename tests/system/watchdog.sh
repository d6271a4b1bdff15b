#!/bin/bash
# The watchdog timer against ipmitool: stopped at start, an uninitialised
# reset refused, a 3 s power-down timer with a 1 s pre-timeout set, read
# back and started.  What happens as it runs down is in
# tests/scenario/watchdog.scn, under fake time.
. "${top_srcdir:-.}/tests/system/lib.sh"
need ipmitool

start_bmcsimd def "$CONFIGS/default.ini"
ipmi() { ipmitool -I lanplus -H 127.0.0.1 -p "$PORT_def" -U admin \
    -P password -R 2 -N 1 "$@"; }

check "mc watchdog get: stopped at start" 'Watchdog Timer Is: +Stopped' \
    ipmi mc watchdog get
check_fails "mc watchdog reset before any set: refused" \
    'uninitialized watchdog' ipmi mc watchdog reset
# SMS/OS use, power down, SMI pre-timeout 1 s before, 3.0 s.
check "Set Watchdog Timer: power down after 3 s" '^$' \
    ipmi raw 0x06 0x24 0x04 0x12 0x01 0x00 0x1e 0x00
check "mc watchdog get: set, stopped" \
    'Action: +Power Down.*Is: +Stopped|Is: +Stopped.*Action: +Power Down' \
    sh -c "ipmitool -I lanplus -H 127.0.0.1 -p $PORT_def -U admin \
    -P password -R 2 -N 1 mc watchdog get | tr '\n' ' '"
check "mc watchdog reset: started" 'countdown restarted' \
    ipmi mc watchdog reset
check "mc watchdog get: running" 'Watchdog Timer Is: +Started/Running' \
    ipmi mc watchdog get
# The countdown, the pre-timeout interrupt, the expiry and its actions
# (power down, a hard reset not logged) with their SEL entries and flags
# are timed to the millisecond under fake time in
# tests/scenario/watchdog.scn.
finish
