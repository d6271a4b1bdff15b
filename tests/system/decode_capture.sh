#!/bin/sh
# Golden proof of bmcsim decode on a real capture: ipmitool (lanplus,
# cipher suite 3: HMAC-SHA1-96 and AES-CBC-128) against bmcsimd with the
# lab model, captured by tshark in its default format, pcapng.  Decoded
# with the password, every check passes and every encrypted payload is
# decrypted; then the same capture is decoded with a key log (the journal
# export's format) built from the keys decode derived, without the
# password: the same payloads decrypted, the same integrity checks passed.
. "${top_srcdir:-.}/tests/system/lib.sh"
BMCSIM="$top_builddir/bmcsim"
need "$BMCSIM" tshark ipmitool python3

start_bmcsimd lab "$CONFIGS/lab.ini"
cap="$WORK/lab.pcapng"
# tshark's default output format is pcapng: no -F.
tshark -q -i lo -f "udp port $PORT_lab" -w "$cap" >"$cap.log" 2>&1 &
CAPTURE_PID=$!
CAPTURE_FILE=$cap
i=0
while ! grep -q 'Capture started' "$cap.log" 2>/dev/null; do
	i=$((i + 1))
	if [ "$i" -gt 300 ] || ! kill -0 "$CAPTURE_PID" 2>/dev/null; then
		echo "tshark did not start capturing:"; cat "$cap.log"
		exit 1
	fi
	sleep 0.1
done
check "ipmitool -C 3 mc info" 'Manufacturer ID +: 10876' \
    ipmitool -I lanplus -H 127.0.0.1 -p "$PORT_lab" -U admin -P password \
    -C 3 mc info
stop_capture "$PORT_lab"

check "the capture is pcapng" '^0a0d0d0a$' \
    sh -c "head -c 4 '$cap' | od -An -tx1 | tr -d ' \n'; echo"
"$BMCSIM" decode -P password -f "$cap" >"$WORK/pw.txt" 2>&1
echo "decode -P exit $?" >>"$WORK/pw.txt"
check "decode -P: every check passed, payloads decrypted" \
    'checks: [1-9][0-9]* passed, 0 failed, 0 not checked; [1-9][0-9]* payloads decrypted' \
    cat "$WORK/pw.txt"
check "decode -P: exit 0" '^decode -P exit 0$' cat "$WORK/pw.txt"
check "decode -P: suite 3 negotiated" \
    'cipher suite 3 \(RAKP-HMAC-SHA1, HMAC-SHA1-96, AES-CBC-128\)' \
    cat "$WORK/pw.txt"
check "decode -P: the decrypted Get Device ID, field by field" \
    'manufacturer ID \(IANA\): 10876' cat "$WORK/pw.txt"
check "decode -P: readable time stamps" \
    '^#1 record 1, 20[0-9][0-9]-[01][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-5][0-9]\.[0-9]{6} UTC, 127\.0\.0\.1:' \
    cat "$WORK/pw.txt"

# The key log: one line per session, from what decode printed.
python3 - "$WORK/pw.txt" >"$WORK/keys.log" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
m = re.search(r"session: console ID 0x([0-9a-f]{8}), BMC ID 0x([0-9a-f]{8}), cipher suite (\d+)", text)
keys = {}
for k in ("SIK", "K1", "K2"):
    km = re.search(k + r" \(20 bytes\):\n((?:\s+(?:[0-9a-f]{2} ?)+\n){2})", text)
    keys[k] = "".join(km.group(1).split())
print("# bmcsim decode, test key log")
print("RMCPP bmc_sid=%s console_sid=%s suite=%s sik=%s k1=%s k2=%s" % (
    m.group(2), m.group(1), m.group(3), keys["SIK"], keys["K1"], keys["K2"]))
PY
pw_sum=$(grep -o 'checks: [0-9]* passed.*' "$WORK/pw.txt")
dec=$(echo "$pw_sum" | sed 's/.*; \([0-9]*\) payloads decrypted/\1/')
check "decode --keylog, no password: the same payloads decrypted" \
    "checks: [1-9][0-9]* passed, 0 failed, 2 not checked; $dec payloads decrypted" \
    "$BMCSIM" decode --keylog "$WORK/keys.log" -f "$cap"
check "decode --keylog: the decrypted Get Device ID" \
    'manufacturer ID \(IANA\): 10876' \
    "$BMCSIM" decode --keylog "$WORK/keys.log" -f "$cap"
check "decode without password or key log: nothing decrypted" \
    '0 passed, 0 failed, [0-9]+ not checked; 0 payloads decrypted' \
    "$BMCSIM" decode -f "$cap"
finish
