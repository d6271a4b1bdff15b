#!/bin/bash
# Sensors and SDRs against ipmitool, FreeIPMI and pyghmi, values checked
# against sim-configs/default.ini: the repository, readings in range,
# thresholds set and read back (and kept over a restart), the event a
# crossing logs, readings that follow the power, and the large chassis
# with sensors on LUN 1.
. "${top_srcdir:-.}/tests/system/lib.sh"
need ipmitool ipmi-sensors python3 awk

# FreeIPMI's SDR cache, our own.
mkdir -m 700 "$WORK/sdr"
start_bmcsimd def "$CONFIGS/default.ini"
export PORT_def WORK

lan() {
	ipmitool -I lanplus -H 127.0.0.1 -p "$PORT_def" -U admin -P password \
	    -R 2 -N 1 "$@"
}
fi_sensors() {
	ipmi-sensors -h "127.0.0.1:$PORT_def" -u admin -p password -l ADMIN \
	    --quiet-cache --sdr-cache-directory="$WORK/sdr" "$@"
}
# in_range LOW HIGH: the number on stdin lies between them.
in_range() {
	awk -v lo="$1" -v hi="$2" '{ v = $1 + 0; if (v >= lo && v <= hi) { print "in range: " v; ok = 1 } } END { exit !ok }'
}

check "sdr info: 39 sensors, 1 FRU locator, the MC" 'Record Count +: 41' \
    lan sdr info
check "sdr list: 39 sensors" '^39$' sh -c "$(declare -f lan); lan sdr list | wc -l"
check "sdr elist: Inlet Temp, sensor 01h, air inlet 55.1" \
    '^Inlet Temp +\| 01h \| ok +\| 55\.1 \| 2[1-5]' lan sdr elist
check "sdr elist: PSU1 Status present" \
    '^PSU1 Status +\| 1Dh \| ok +\| 10\.1 \| Presence detected' lan sdr elist
check "sdr elist type fru: the PSU's FRU locator" 'PSU1 FRU' \
    lan sdr elist fru
check "sensor list: Inlet Temp 21..25 degrees C" 'in range' sh -c \
    "$(declare -f lan in_range); lan sensor list | awk -F'|' '/^Inlet Temp/ { print \$2 }' | in_range 21 25"
check "sensor list: FAN1 6800..7600 RPM" 'in range' sh -c \
    "$(declare -f lan in_range); lan sensor list | awk -F'|' '/^FAN1 / { print \$2 }' | in_range 6800 7600"
check "sensor get 12V: 11.9..12.2 V" 'in range' sh -c \
    "$(declare -f lan in_range); lan sensor get 12V | awk -F': ' '/Sensor Reading/ { print \$2 }' | in_range 11.9 12.2"
check "sensor get 12V: its thresholds (0.071 V steps)" 'Lower Critical +: 10\.79' \
    lan sensor get 12V

# Thresholds: set, read back, kept over a restart.
check "sensor thresh Inlet Temp ucr 41" 'Upper Critical threshold to 41' \
    lan sensor thresh "Inlet Temp" ucr 41
check "sensor get: ucr now 41" 'Upper Critical +: 41\.000' \
    lan sensor get "Inlet Temp"
check "ipmi-sensors --output-sensor-thresholds: 38, 41, 45" \
    'Inlet Temp .*\| 38\.00 +\| 41\.00 +\| 45\.00' \
    fi_sensors --output-sensor-thresholds

# A threshold set below the reading: the BMC logs the crossing at its
# next tick, due at once (tests/scenario/sensors.scn times it under fake
# time); ipmitool's own session takes longer than that.
check "sensor thresh Inlet Temp unc 20" 'Non-Critical threshold to 20' \
    lan sensor thresh "Inlet Temp" unc 20
check "sel: Upper Non-critical going high logged" \
    'Inlet Temp \| Upper Non-critical going high \| Asserted' \
    lan sel elist last 3
check "ipmitool sees the sensor in its non-critical state" \
    '^Inlet Temp +\| [0-9.]+ +\| degrees C +\| nc' lan sensor list

check "pyghmi get_sensor_data and get_health" '^all ok$' \
    timeout 180 /usr/bin/python3 - "$PORT_def" <<'PY'
import sys
from pyghmi.ipmi import command
c = command.Command(bmc="127.0.0.1", userid="admin", password="password",
                    port=int(sys.argv[1]))
data = {r.name: r for r in c.get_sensor_data()}
assert len(data) == 39, len(data)
t = data["Inlet Temp"]
assert 21 <= t.value <= 25 and t.units == "\u00b0C", (t.value, t.units)
assert 11.9 <= data["12V"].value <= 12.2, data["12V"].value
assert "Present" in data["PSU1 Status"].states, data["PSU1 Status"].states
print("all ok")
PY
lan sensor thresh "Inlet Temp" unc 38 >/dev/null
# pyghmi reads a threshold sensor's state through the low byte of its
# assertion mask, so it sees only some threshold states; with every
# reading normal its verdict must be "ok", having read every sensor.
check "pyghmi get_health: all normal" '^0 \[\]$' \
    timeout 180 /usr/bin/python3 -c "
from pyghmi.ipmi import command
c = command.Command(bmc='127.0.0.1', userid='admin', password='password',
                    port=$PORT_def)
h = c.get_health()
print(h['health'], h['badreadings'])"

# 39 sensors; of the 28 threshold ones none N/A and none outside its
# thresholds (FreeIPMI's event column 'OK').
check "ipmi-sensors: every reading present and within its thresholds" \
    '^39 28 0 0$' sh -c \
    "$(declare -f fi_sensors); fi_sensors --no-header-output --comma-separated-output |
    awk -F, '{ n++ } \$3 ~ /Temperature|Voltage|Fan|Current|Other/ { t++; if (\$4 == \"N/A\") na++; if (\$6 != \"'\\''OK'\\''\") off++ } END { print n, t, na + 0, off + 0 }'"
check "ipmi-sensors: CPU1 Temp 42..54 C" 'in range' sh -c \
    "$(declare -f fi_sensors in_range); fi_sensors --no-header-output --comma-separated-output | awk -F, '\$2 == \"CPU1 Temp\" { print \$4 }' | in_range 42 54"

# How readings follow the power (the fans run down within seconds, the
# standby rail stays) is timed under fake time in tests/scenario/sensors.scn.

# The threshold set over IPMI survives a restart.
stop_bmcsimd def
start_bmcsimd def "$CONFIGS/default.ini"
check "restart: ucr 41 restored" 'Upper Critical +: 41\.000' \
    lan sensor get "Inlet Temp"
check "restart: the log says the saved thresholds override the model" \
    'thresholds of 1 sensor.*override' cat "$WORK/def.log"

# The large chassis: 308 sensors, numbers past FEh on LUN 1.
start_bmcsimd large "$CONFIGS/large.ini"
export PORT_large
check "large: sdr list has 308 sensors" '^308$' sh -c "ipmitool -I lanplus \
    -H 127.0.0.1 -p $PORT_large -U admin -P password -R 2 -N 1 sdr list | wc -l"
# PSU4 Temp is sensor 8 of LUN 1 (254 sensors fill LUN 0).
check "large: a LUN 1 sensor reads (PSU4 Temp 36..40 C)" 'in range' sh -c \
    "$(declare -f in_range); ipmitool -I lanplus -H 127.0.0.1 -p $PORT_large \
    -U admin -P password -R 2 -N 1 sdr get 'PSU4 Temp' | awk -F': ' '/Sensor Reading/ { print \$2 }' | in_range 36 40"
check "large: PSU4 Temp is number 08h" 'Sensor ID +: PSU4 Temp \(0x8\)' \
    ipmitool -I lanplus -H 127.0.0.1 -p "$PORT_large" -U admin -P password \
    -R 2 -N 1 sdr get "PSU4 Temp"
# FreeIPMI reads sensors of LUNs other than 0 only by bridging them with
# Send Message (--bridge-sensors), as against any BMC: without it the 49
# threshold sensors on LUN 1 show N/A, the 254 of LUN 0 their readings;
# with it, every one of the 308 reads.
ipmi_sensors_large() {
	ipmi-sensors -h "127.0.0.1:$PORT_large" -u admin -p password -l ADMIN \
	    --driver-type=LAN_2_0 --quiet-cache \
	    --sdr-cache-directory="$WORK/sdr" --no-header-output \
	    --comma-separated-output "$@" |
	    awk -F, '{ n++ } $4 == "N/A" && $3 ~ /Temperature|Fan|Voltage|Current|Other/ { bad++ } END { print n, bad + 0 }'
}
check "large: ipmi-sensors lists 308, reads those of LUN 0" '^308 49$' \
    ipmi_sensors_large
check "large: ipmi-sensors --bridge-sensors reads all 308" '^308 0$' \
    ipmi_sensors_large --bridge-sensors
check "large: bridged PSU4 Temp (LUN 1) 36..40 C" 'in range' sh -c \
    "$(declare -f in_range); ipmi-sensors -h 127.0.0.1:$PORT_large -u admin \
    -p password -l USER --driver-type=LAN_2_0 --quiet-cache \
    --sdr-cache-directory=$WORK/sdr --no-header-output \
    --comma-separated-output --bridge-sensors | awk -F, '\$2 == \"PSU4 Temp\" { print \$4 }' | in_range 36 40"
# ipmitool bridges when its own address (-m) is not the target's: through
# Send Message to the BMC at 20h, and to a controller that is not there.
check "large: ipmitool bridged through Send Message: mc info" \
    'Firmware Revision' ipmitool -I lanplus -H 127.0.0.1 -p "$PORT_large" \
    -U admin -P password -R 2 -N 1 -m 0x22 -t 0x20 -b 0 mc info
check "large: ipmitool bridged sdr elist reads LUN 1 (PSU4 Temp)" \
    'PSU4 Temp +\| 08h \| ok +\| 10\.4 \| 3[6-9] degrees C' \
    ipmitool -I lanplus -H 127.0.0.1 -p "$PORT_large" -U admin -P password \
    -R 2 -N 1 -m 0x22 -t 0x20 -b 0 sdr elist
check_fails "large: nobody at IPMB 2Ch: 83h" '0x83' \
    ipmitool -I lanplus -H 127.0.0.1 -p "$PORT_large" -U admin -P password \
    -R 2 -N 1 -t 0x2c mc info
finish
