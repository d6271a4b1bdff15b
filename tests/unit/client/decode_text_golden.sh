#!/bin/sh
# Golden test: bmcsim decode -f reads what a student already has on screen.
#  - Shared seed 002 in its original form, the ipmitool -vvvv output
#    (tests/data/seed_002_ipmitool_vvvv.txt, copied from the seed): every
#    datagram is found, in order, with its direction, and decodes exactly
#    as the hand-extracted hex of tests/data/seed_002_rmcpp_session.txt
#    does (decode_seed_002.golden, headings aside), every check passing.
#  - FreeIPMI bmc-info --debug against sim-configs/lab.ini, suite 3 (AES):
#    the packets rebuilt from FreeIPMI's fields, the RAKP checks passing
#    with the password, the decrypted ones shown as FreeIPMI printed them.
set -u
: "${top_srcdir:=.}"
: "${top_builddir:=.}"
BMCSIM="$top_builddir/bmcsim"
DATA="$top_srcdir/tests/data"
out=$(mktemp "${TMPDIR:-/tmp}/decode_text.XXXXXX")
trap 'rm -f "$out" "$out.a" "$out.b"' EXIT
fail=0

timeout 30 "$BMCSIM" decode -P ADMIN -f "$DATA/seed_002_ipmitool_vvvv.txt" \
    >"$out" 2>&1
rc=$?
[ "$rc" -eq 0 ] || { echo "FAIL: decode of the ipmitool text exited $rc"; fail=1; }
grep -v '^#' "$out" >"$out.a"
grep -v '^#' "$DATA/decode_seed_002.golden" >"$out.b"
if ! diff -u "$out.b" "$out.a"; then
	echo "FAIL: the ipmitool text decodes differently from the hex"
	fail=1
fi
# Order and direction, and the names ipmitool announced.
want='#1 line 21, console -> BMC netFn 06h command 38h (23 bytes)
#2 line 24, BMC -> console reply to netFn 06h command 38h (30 bytes)
#3 line 46, console -> BMC OPEN SESSION REQUEST (48 bytes)
#4 line 50, BMC -> console reply to OPEN SESSION REQUEST (52 bytes)
#5 line 59, console -> BMC RAKP 1 MESSAGE (49 bytes)
#6 line 64, BMC -> console reply to RAKP 1 MESSAGE (76 bytes)
#7 line 107, console -> BMC RAKP 3 MESSAGE (44 bytes)
#8 line 111, BMC -> console reply to RAKP 3 MESSAGE (36 bytes)
#9 line 144, console -> BMC netFn 06h command 3Bh (40 bytes)'
got=$(grep '^#' "$out" | head -n 9)
if [ "$got" != "$want" ]; then
	echo "FAIL: headings:"; echo "$got"
	fail=1
fi

# The journal's key log instead of the password: every integrity trailer
# and RAKP 4 checked with the logged keys; RAKP 2 and 3 need the password.
timeout 30 "$BMCSIM" decode --keylog "$DATA/seed_002.keylog" \
    -f "$DATA/seed_002_ipmitool_vvvv.txt" >"$out" 2>&1
rc=$?
[ "$rc" -eq 0 ] || { echo "FAIL: decode --keylog exited $rc"; fail=1; }
if ! grep -q '^22 datagrams, 0 malformed; checks: 15 passed, 0 failed, 2 not checked' "$out"; then
	echo "FAIL: decode --keylog:"; tail -n 1 "$out"
	fail=1
fi
# A damaged key log is refused, with its line.
printf 'RMCPP bmc_sid=00000682\n' >"$out.b"
if timeout 30 "$BMCSIM" decode --keylog "$out.b" \
    -f "$DATA/seed_002_ipmitool_vvvv.txt" >"$out" 2>&1 ||
    ! grep -q ':1: not a key log line' "$out"; then
	echo "FAIL: a bad key log line was not refused"
	fail=1
fi

timeout 30 "$BMCSIM" decode -P password \
    -f "$DATA/freeipmi_debug_lab.txt" >"$out" 2>&1
rc=$?
[ "$rc" -eq 0 ] || { echo "FAIL: decode of the FreeIPMI text exited $rc"; cat "$out"; fail=1; }
while IFS='|' read -r what pattern; do
	if ! grep -Eq -- "$pattern" "$out"; then
		echo "FAIL: $what: /$pattern/ not in the output"
		fail=1
	fi
done <<'EOF2'
first packet|^#1 line 2, console -> BMC IPMI 1.5 Get Channel Authentication Capabilities Request, from FreeIPMI's fields \(23 bytes\)
1.5 checksum|0016  a1                       checksum 2: ok
RAKP 2 verified|RAKP 2 auth code \(the BMC knows the password\): OK
RAKP 4 verified|RAKP 4 ICV \(the BMC has the same SIK\): OK
decrypted shown plain|^#9 line 368, console -> BMC IPMI 2.0 Set Session Privilege Level Request, as FreeIPMI printed it decrypted
Get Device ID reply|^#12 line 532, BMC -> console IPMI 2.0 Get Device ID Response
every packet|^12 datagrams, 0 malformed; checks: 3 passed, 0 failed
EOF2
[ "$fail" -eq 0 ] && echo "decode text golden: ok"
exit $fail
