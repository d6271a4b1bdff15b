#!/bin/bash
# The watchdog timer against ipmitool: stopped at start, an uninitialised
# reset refused, a 3 s power-down timer with a 1 s pre-timeout counting
# down in real time, then a real expiry: the host powers off, the
# expiration flag is set, the SEL holds the pre-timeout interrupt and the
# power down, Get Message Flags the pre-timeout bit.
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
sleep 1
check "mc watchdog get: running, counting down from 3.0 s" \
    'Present Countdown: +(1\.[5-9]|2\.[0-4]) sec' ipmi mc watchdog get
check "mc watchdog get: running" 'Watchdog Timer Is: +Started/Running' \
    ipmi mc watchdog get
sleep 2.5
check "after expiry: the host is off" 'Chassis Power is off' \
    ipmi chassis power status
check "after expiry: stopped, the SMS/OS flag set" \
    'Timer Expiration Flags: +\(0x10\)' ipmi mc watchdog get
check "SEL: the pre-timeout interrupt" \
    'Watchdog2 Watchdog \| Timer interrupt \(\) \| Asserted' ipmi sel elist
check "SEL: the power down" 'Watchdog2 Watchdog \| Power down \(\) \| Asserted' \
    ipmi sel elist
check "Get Message Flags: the pre-timeout bit" '^ 08$' ipmi raw 0x06 0x31

# A hard reset keeps the power on and records the watchdog as the cause.
ipmi chassis power on >/dev/null
check "Set Watchdog Timer: hard reset after 1 s, no log" '^$' \
    ipmi raw 0x06 0x24 0x84 0x01 0x00 0x10 0x0a 0x00
check "mc watchdog reset" 'countdown restarted' ipmi mc watchdog reset
sleep 1.5
check "after a hard reset: still on" 'Chassis Power is on' \
    ipmi chassis power status
check "restart cause: watchdog" 'watchdog' ipmi chassis restart_cause
check "no log: no hard reset entry" '^0$' sh -c "ipmitool -I lanplus \
    -H 127.0.0.1 -p $PORT_def -U admin -P password -R 2 -N 1 sel elist | \
    grep -c 'Hard reset' || true"
finish
