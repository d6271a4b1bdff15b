#!/bin/sh
# SOL configuration parameters against ipmitool and FreeIPMI: the
# built-in values, changes read back, kept over a restart.
. "${top_srcdir:-.}/tests/system/lib.sh"
need ipmitool ipmi-config

start_bmcsimd def "$CONFIGS/default.ini"
lan() { ipmitool -I lanplus -H 127.0.0.1 -p "$PORT_def" -U admin \
    -P password -R 2 -N 1 "$@"; }

check "sol info: enabled" 'Enabled +: true' lan sol info 1
check "sol info: USER privilege" 'Privilege Level +: USER' lan sol info 1
check "sol info: 115.2 kbit/s" 'Non-Volatile Bit Rate \(kbps\) +: 115\.2' \
    lan sol info 1
check "sol info: payload port is the BMC's own" "Payload Port +: $PORT_def\$" lan sol info 1
check "sol set non-volatile-bit-rate 57.6" '' \
    lan sol set non-volatile-bit-rate 57.6 1
check "sol set privilege-level admin" '' lan sol set privilege-level admin 1
check "sol info: 57.6 kbit/s" 'Non-Volatile Bit Rate \(kbps\) +: 57\.6' \
    lan sol info 1
check "sol info: ADMINISTRATOR" 'Privilege Level +: ADMINISTRATOR' \
    lan sol info 1
check_fails "sol set payload port: read-only (82h)" 'rsp=0x82' \
    lan raw 0x0c 0x21 0x01 0x08 0x70 0x02
check "ipmi-config SOL_Conf: the new bit rate" \
    'Non_Volatile_Bit_Rate +57600' ipmi-config -h "127.0.0.1:$PORT_def" \
    -u admin -p password -l ADMIN --checkout --section=SOL_Conf
stop_bmcsimd def
start_bmcsimd def "$CONFIGS/default.ini"
check "restart: 57.6 kbit/s kept" 'Non-Volatile Bit Rate \(kbps\) +: 57\.6' \
    lan sol info 1
check "restart: the log says so" 'SOL configuration set over IPMI restored' \
    cat "$WORK/def.log"
finish
