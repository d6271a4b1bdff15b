#!/bin/sh
# DCMI against ipmitool and FreeIPMI: discovery, the power reading (which
# follows the chassis power), the power limit set, activated and read
# back, the asset tag and MC ID string (kept across a restart), and the
# temperature readings.
. "${top_srcdir:-.}/tests/system/lib.sh"
need ipmitool ipmi-dcmi python3

start_bmcsimd def "$CONFIGS/default.ini"
lan() { ipmitool -I lanplus -H 127.0.0.1 -p "$PORT_def" -U admin \
    -P password -R 2 -N 1 "$@"; }
F="-h 127.0.0.1:$PORT_def -u admin -p password -l ADMIN --driver-type=LAN_2_0"

check "dcmi discover: power management" 'Power management available' \
    lan dcmi discover
check "dcmi discover: 512 SEL entries, temperatures" \
    '512 SEL entries' lan dcmi discover
# The power is the sum of the model's PSU input sensors: 2 x (95 +- 10) W
# on, 2 x 6 W standby.
check "dcmi power reading: powered on, 170-210 W" \
    'Instantaneous power reading: +(1[7-9][0-9]|20[0-9]|210) Watts' \
    lan dcmi power reading
check "dcmi power reading: measurement active" 'state is: +activated' \
    lan dcmi power reading
check "power off" 'Down/Off' lan chassis power off
check "dcmi power reading: standby 12 W" \
    'Instantaneous power reading: +12 Watts' lan dcmi power reading
check "power on" 'Up/On' lan chassis power on
check "dcmi power get_limit: none active" 'No Active Power Limit' \
    lan dcmi power get_limit
check "dcmi power set_limit limit 450" '' lan dcmi power set_limit limit 450
check "dcmi power activate" 'successfully activated' lan dcmi power activate
check "dcmi power get_limit: 450 W active" \
    'Power Limit Active.*' sh -c "ipmitool -I lanplus -H 127.0.0.1 \
    -p $PORT_def -U admin -P password dcmi power get_limit | tr '\n' ' ' |
    grep -o 'Power Limit Active.*Power Limit: *450 Watts'"
check "dcmi set_asset_tag" 'Set Asset Tag: RACK7-U12' \
    lan dcmi set_asset_tag RACK7-U12
check "dcmi asset_tag" 'Asset tag: RACK7-U12' lan dcmi asset_tag
check "dcmi set_mc_id_string" 'node-42' lan dcmi set_mc_id_string node-42
check "dcmi get_mc_id_string" 'String: node-42' lan dcmi get_mc_id_string
# The model's temperature sensors by entity: the inlet, two processors,
# three on the baseboard (exhaust, PCH, system).
check "dcmi get_temp_reading: inlet 21-25 C" 'Inlet air.*\+2[1-5] C' \
    lan dcmi get_temp_reading
check "dcmi get_temp_reading: 2 CPUs, 3 baseboard" '^2 3$' sh -c \
    "ipmitool -I lanplus -H 127.0.0.1 -p $PORT_def -U admin -P password \
    -R 2 -N 1 dcmi get_temp_reading | awk '/^CPU/ { c++ } /^Baseboard/ { b++ } END { print c, b }'"
check "ipmi-dcmi --get-system-power-statistics" \
    'Current Power +: (1[7-9][0-9]|20[0-9]|210) Watts' \
    ipmi-dcmi $F --get-system-power-statistics
check "ipmi-dcmi --get-power-limit: 450 W" 'Power Limit Requested +: 450 watts' \
    ipmi-dcmi $F --get-power-limit
check "ipmi-dcmi --get-asset-tag" '^RACK7-U12$' ipmi-dcmi $F --get-asset-tag
# Kept across a restart (the state directory).
stop_bmcsimd def
"$BMCSIMD" -c "$CONFIGS/default.ini" --listen "127.0.0.1:$PORT_def" \
    --state-dir "$WORK/state-def" >"$WORK/def2.log" 2>&1 &
pid=$!
BMC_PIDS="$BMC_PIDS $pid"
for i in $(seq 1 50); do asf_ping "$PORT_def" && break; sleep 0.1; done
check "after restart: the asset tag" 'Asset tag: RACK7-U12' lan dcmi asset_tag
check "after restart: the limit, active" 'Power Limit Active' \
    lan dcmi power get_limit
kill "$pid"

finish
