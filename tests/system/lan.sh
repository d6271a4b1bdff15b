#!/bin/bash
# LAN configuration parameters against ipmitool and FreeIPMI, values
# checked against sim-configs/default.ini: lan print, lan set read back
# and kept over a restart, and cipher suite privileges that apply to the
# next session.
. "${top_srcdir:-.}/tests/system/lib.sh"
need ipmitool ipmi-config

start_bmcsimd def "$CONFIGS/default.ini"
ipmi() { ipmitool -I lanplus -H 127.0.0.1 -p "$PORT_def" -U admin \
    -P password -R 2 -N 1 "$@"; }
fi_lan() { ipmi-config -h "127.0.0.1:$PORT_def" -u admin -p password \
    -l ADMIN --checkout --section=Lan_Conf; }

check "lan print: the derived address" 'IP Address +: 10\.0\.0\.2$' \
    ipmi lan print 1
check "lan print: the model's netmask" 'Subnet Mask +: 255\.255\.255\.0$' \
    ipmi lan print 1
check "lan print: the model's gateway and its MAC" \
    'Default Gateway MAC +: 02:00:5e:00:00:01' ipmi lan print 1
check "lan print: a locally administered MAC" \
    'MAC Address +: 02:00:5e(:[0-9a-f]{2}){3}$' ipmi lan print 1
check "lan print: community public" 'SNMP Community String +: public' \
    ipmi lan print 1
check "lan print: suites 3 and 17, both admin" \
    'Cipher Suite Priv Max +: aaXXXXXXXXXXXXX' ipmi lan print 1
check "lan print: MD5 for every privilege" 'Admin +: MD5' ipmi lan print 1
check "ipmi-config Lan_Conf: the address" 'IP_Address +10\.0\.0\.2$' fi_lan

check "lan set ipaddr" 'to 10\.1\.2\.3' ipmi lan set 1 ipaddr 10.1.2.3
check "lan set netmask" 'to 255\.255\.0\.0' ipmi lan set 1 netmask 255.255.0.0
check "lan set defgw ipaddr" 'to 10\.1\.0\.1' ipmi lan set 1 defgw ipaddr 10.1.0.1
check "lan set vlan id" '' ipmi lan set 1 vlan id 42
check "lan set snmp community" '' ipmi lan set 1 snmp private
check "lan print: the new values" \
    'IP Address +: 10\.1\.2\.3.*Subnet Mask +: 255\.255\.0\.0.*Default Gateway IP +: 10\.1\.0\.1.*VLAN ID +: 42' \
    sh -c "ipmitool -I lanplus -H 127.0.0.1 -p $PORT_def -U admin -P password \
    -R 2 -N 1 lan print 1 | tr '\n' ' '"
check "ipmi-config Lan_Conf: the new address" 'IP_Address +10\.1\.2\.3$' fi_lan
check_fails "a netmask with holes: refused" 'rsp=0xcc|Invalid data' \
    ipmi raw 0x0c 0x01 0x01 0x06 0xff 0x00 0xff 0x00

# Suite 3 limited to user: an administrator on suite 3 is refused, a user
# session on it works, suite 17 is unchanged.
check "lan set cipher_privs" '' ipmi lan set 1 cipher_privs uaXXXXXXXXXXXXX
check "lan print: suite 3 user" 'Cipher Suite Priv Max +: uaXXXXXXXXXXXXX' \
    ipmi lan print 1
check_fails "suite 3 as administrator: refused" \
    'Set Session Privilege Level to ADMINISTRATOR failed|Unable to establish' \
    ipmitool -I lanplus -H 127.0.0.1 -p "$PORT_def" -U admin -P password \
    -R 1 -N 1 -C 3 -L ADMINISTRATOR mc info
check "suite 3 as user: works" 'Device ID' ipmitool -I lanplus \
    -H 127.0.0.1 -p "$PORT_def" -U admin -P password -R 1 -N 1 -C 3 -L USER \
    mc info
check "suite 17 as administrator: works" 'Device ID' ipmitool -I lanplus \
    -H 127.0.0.1 -p "$PORT_def" -U admin -P password -R 1 -N 1 -C 17 \
    -L ADMINISTRATOR mc info

stop_bmcsimd def
start_bmcsimd def "$CONFIGS/default.ini"
check "restart: the address kept" 'IP Address +: 10\.1\.2\.3$' ipmi lan print 1
check "restart: the community kept" 'SNMP Community String +: private' \
    ipmi lan print 1
check "restart: suite 3 still user" \
    'Cipher Suite Priv Max +: uaXXXXXXXXXXXXX' ipmi lan print 1
check_fails "restart: suite 3 as administrator still refused" \
    'Set Session Privilege Level to ADMINISTRATOR failed|Unable to establish' \
    ipmitool -I lanplus -H 127.0.0.1 -p "$PORT_def" -U admin -P password \
    -R 1 -N 1 -C 3 -L ADMINISTRATOR mc info
check "restart: the log says so" 'LAN configuration set over IPMI restored' \
    cat "$WORK/def.log"
finish
