#!/bin/bash
# System test: every bmcsim subcommand against a started bmcsimd, and
# bmcsim decode of a tshark capture of ipmitool talking to bmcsimd
# (suites 17 and 3), which tshark itself must dissect without errors.
# The model and its user come from BMCSIM_TEST_CONFIG, BMC_USER and
# BMC_PASS (defaults: sim-configs/default.ini, admin / password).
. "${top_srcdir:-.}/tests/system/lib.sh"
BMCSIM="$top_builddir/bmcsim"
need "$BMCSIMD" "$BMCSIM" python3 timeout
config=${BMCSIM_TEST_CONFIG:-$CONFIGS/default.ini}
if [ -z "$config" ]; then
	echo "FAIL: no model in $CONFIGS"
	exit 1
fi
U=${BMC_USER:-admin}
PW=${BMC_PASS:-password}
start_bmcsimd main "$config"
port=$PORT_main
S="-H 127.0.0.1 -p $port -U $U -P $PW -N 1 -R 2"

check "ping" 'pong: tag 0, RTT .* ms' "$BMCSIM" ping -p "$port"
check "ping shows IPMI support" 'IPMI yes' "$BMCSIM" ping -p "$port"
check "info picks suite 17 from Get Channel Cipher Suites" \
    'RMCP\+ cipher suite 17 ' "$BMCSIM" info $S
check "info -C 3" 'RMCP\+ cipher suite 3 ' "$BMCSIM" info $S -C 3
check "info Device ID" 'Manufacturer ID +: [0-9]+' "$BMCSIM" info $S
check "raw Get Device ID" '^ [0-9a-f]{2} [0-9a-f]{2}' \
    "$BMCSIM" raw $S 0x06 0x01
check_fails "raw unknown command: exit 1" 'rsp=0xc1' \
    "$BMCSIM" raw $S 0x06 0x99
check_fails "wrong password" 'RAKP 2|unauthorized' \
    "$BMCSIM" info -p "$port" -U "$U" -P wrong-password -C 17
for s in 17 3; do
	check "trace suite $s" 'Session closed\.  [0-9]+ checks passed, 0 failed' \
	    "$BMCSIM" trace $S -C "$s"
	check "trace suite $s --no-secrets hides keys" 'hidden by --no-secrets' \
	    "$BMCSIM" trace $S -C "$s" --no-secrets
done
check "trace keys agree" 'derived the same SIK, K1 and K2' \
    "$BMCSIM" trace $S -C 17
check "bench cmd suite 17" 'requests +: [1-9]' \
    "$BMCSIM" bench $S -C 17 -s 4 -t 1
check "bench login suite 3" 'logins +: [1-9]' \
    "$BMCSIM" bench $S -C 3 -s 2 -t 1 -m login
check "bench ping --json" '"ops":[1-9]' \
    "$BMCSIM" bench -p "$port" -m ping -s 2 -t 1 --json

# A capture of ipmitool against bmcsimd, decoded with the password.
if command -v tshark >/dev/null 2>&1 && command -v ipmitool >/dev/null 2>&1
then
	for s in 17 3; do
		pcap="$WORK/ipmitool-$s.pcap"
		if ! start_capture "$pcap" "udp port $port"; then
			echo "note: tshark could not capture on lo (skipped)"
			continue
		fi
		timeout 30 ipmitool -I lanplus -H 127.0.0.1 -p "$port" -U "$U" \
		    -P "$PW" -C "$s" mc info >/dev/null 2>&1
		stop_capture "$port"
		check "decode --pcap of ipmitool, suite $s" \
		    'checks: [1-9][0-9]* passed, 0 failed.*[1-9][0-9]* payloads? decrypted' \
		    "$BMCSIM" decode -P "$PW" --pcap "$pcap"
		# tshark's own dissector (told that the test port is RMCP's):
		# no malformed packet in it.
		check "tshark dissects the same capture" 'IPMI' sh -c \
		    'o=$(tshark -r "$1" -d "udp.port==$2,rmcp" \
		        -O ipmi_session,ipmi,rmcp 2>&1) || exit 1
		     if printf "%s" "$o" | grep -qi malformed; then exit 1; fi
		     printf "%s\n" "$o"' sh "$pcap" "$port"
	done
fi
finish
