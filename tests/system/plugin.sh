#!/bin/sh
# The plugin interface (bmcsim_plugin.h): bmcsimd loads the example plugin,
# whose commands then answer, with their privileges, per BMC; a file that
# is not a plugin stops the start with a message.
. "${top_srcdir:-.}/tests/system/lib.sh"
need ipmitool python3
PLUGIN="$top_builddir/plugins/example_plugin.so"

start_bmcsimd plug "$CONFIGS/default.ini" --plugin "$PLUGIN"
raw() { ipmitool -I lanplus -H 127.0.0.1 -p "$PORT_plug" -U admin \
    -P password -R 2 -N 1 raw "$@"; }

check "loaded, and said so" 'plugin .*example_plugin.so loaded' \
    cat "$WORK/plug.log"
check "the counter: 1" '^ 01$' raw 0x30 0x01
check "the counter: 2" '^ 02$' raw 0x30 0x01
check "reverse" '^ 03 02 01$' raw 0x30 0x02 1 2 3
check_fails "reverse needs OPERATOR: D4h for USER" 'rsp=0xd4' \
    ipmitool -I lanplus -H 127.0.0.1 -p "$PORT_plug" -U user -P password \
    -L USER -R 2 -N 1 raw 0x30 0x02 1
check_fails "the plugin's own completion code" 'rsp=0xc7' raw 0x30 0x01 9
check_fails "bmcsimd's commands still answer; others C1h" 'rsp=0xc1' \
    raw 0x30 0x03
check "Get Device ID as before" 'Device ID' ipmitool -I lanplus -H 127.0.0.1 \
    -p "$PORT_plug" -U admin -P password -R 2 -N 1 mc info
check_fails "not a plugin: refused at start" 'no bmcsim_plugin_init|cannot open|invalid ELF|No such' \
    "$BMCSIMD" -c "$CONFIGS/default.ini" --listen 127.0.0.1:1 \
    --plugin "$CONFIGS/default.ini"

finish
