#!/bin/bash
# FRU inventory against ipmitool, FreeIPMI and pyghmi, values checked
# against sim-configs/default.ini: the baseboard's and the PSU's areas, an
# edit and a whole-image write read back, kept over a restart.
. "${top_srcdir:-.}/tests/system/lib.sh"
need ipmitool ipmi-fru python3 cmp

mkdir -m 700 "$WORK/sdr"
start_bmcsimd def "$CONFIGS/default.ini"
lan() { ipmitool -I lanplus -H 127.0.0.1 -p "$PORT_def" -U admin \
    -P password -R 2 -N 1 "$@"; }

check "fru print: chassis serial, {index} 0" 'Chassis Serial +: C8190LK0A$' \
    lan fru print 0
check "fru print: board made 2024-03-15 08:30 UTC" \
    'Board Mfg Date +: Fri Mar 15 08:30:00 2024' lan fru print 0
check "fru print: board serial" 'Board Serial +: OM24AS00012$' lan fru print 0
check "fru print: product name" 'Product Name +: SYS-1029U-TR4$' \
    lan fru print 0
check "fru print: asset tag" 'Product Asset Tag +: RACK12-U07$' \
    lan fru print 0
check "fru print: the PSU's FRU, found through its locator" \
    'FRU Device Description : PSU1 FRU \(ID 1\)' lan fru print
check "ipmi-fru: the PSU's 1000 W record" \
    'FRU Power Supply Overall Capacity: 1000 Watts' \
    ipmi-fru -h "127.0.0.1:$PORT_def" -u admin -p password -l ADMIN \
    --sdr-cache-directory="$WORK/sdr"
check "ipmi-fru: the board's manufacturer" 'FRU Board Manufacturer: Supermicro' \
    ipmi-fru -h "127.0.0.1:$PORT_def" -u admin -p password -l ADMIN \
    --sdr-cache-directory="$WORK/sdr"

# An edit through ipmitool, then a whole image written and read back.
check "fru edit: the asset tag" "with 'RACK99-U01'" \
    lan fru edit 0 field p 5 RACK99-U01
check "fru print: the new asset tag" 'Product Asset Tag +: RACK99-U01$' \
    lan fru print 0
check "fru read 0" 'Done' lan fru read 0 "$WORK/fru0.bin"
check "fru read: 512 bytes" '^512$' sh -c "wc -c <'$WORK/fru0.bin'"
# The PSU's image written into device 1, then read back whole.
check "fru read 1" 'Done' lan fru read 1 "$WORK/fru1.bin"
check "fru write 0 with the PSU's image" 'Done|Size to Write' \
    lan fru write 0 "$WORK/fru1.bin"
check "fru read 0 again" 'Done' lan fru read 0 "$WORK/fru0b.bin"
check "the image read back is the one written" 'same' sh -c \
    "cmp '$WORK/fru1.bin' '$WORK/fru0b.bin' && echo same"
check "fru print 0: now the PSU's board" 'Board Product +: PWS-1K02A-1R$' \
    lan fru print 0

check "pyghmi get_inventory" '^all ok$' timeout 60 /usr/bin/python3 - \
    "$PORT_def" <<'PY'
import sys
from pyghmi.ipmi import command
c = command.Command(bmc="127.0.0.1", userid="admin", password="password",
                    port=int(sys.argv[1]))
inv = dict(c.get_inventory())
assert "PSU1 FRU" in inv, list(inv)
assert inv["System"]["Board product name"] == "PWS-1K02A-1R", inv["System"]
assert inv["PSU1 FRU"]["Board serial number"] == "P1K02AL001", inv["PSU1 FRU"]
print("all ok")
PY

stop_bmcsimd def
start_bmcsimd def "$CONFIGS/default.ini"
check "restart: the written image kept" 'Board Product +: PWS-1K02A-1R$' \
    lan fru print 0
check "restart: the log says it overrides the model" \
    'FRU 0 as written over IPMI restored' cat "$WORK/def.log"

finish
