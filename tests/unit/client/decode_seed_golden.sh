#!/bin/sh
# Golden test: bmcsim decode of every datagram of shared seed 002
# (tests/data/seed_002_rmcpp_session.txt), with the password ADMIN, prints
# the field values the seed shows, verifies RAKP 2, RAKP 3, RAKP 4 and
# every integrity trailer, and derives the seed's SIK, K1 and K2.  The
# whole output must match tests/data/decode_seed_002.golden; regenerate it
# deliberately (see the command below) when the describer changes.
set -u
: "${top_srcdir:=.}"
: "${top_builddir:=.}"
BMCSIM="$top_builddir/bmcsim"
DATA="$top_srcdir/tests/data"
out=$(mktemp "${TMPDIR:-/tmp}/decode_seed.XXXXXX")
trap 'rm -f "$out"' EXIT
fail=0

timeout 30 "$BMCSIM" decode -P ADMIN -f "$DATA/seed_002_rmcpp_session.txt" \
    >"$out" 2>&1
rc=$?
if [ "$rc" -ne 0 ]; then
	echo "FAIL: bmcsim decode exited $rc"
	fail=1
fi
# Values the seed trace shows, field by field.
while IFS='|' read -r what pattern; do
	if ! grep -Eq -- "$pattern" "$out"; then
		echo "FAIL: $what: /$pattern/ not in the output"
		fail=1
	fi
done <<'EOF2'
console session ID|console session ID: 0xa0a2a3a4
BMC session ID|BMC session ID: 0x00000682
user name|user name: "ADMIN"
name-only lookup|requested role: ADMINISTRATOR, name-only lookup
suite 2|cipher suite 2 \(RAKP-HMAC-SHA1, HMAC-SHA1-96, none\)
RAKP 2 verified|RAKP 2 auth code \(the BMC knows the password\): OK
RAKP 3 verified|RAKP 3 auth code \(the console knows the password\): OK
RAKP 4 verified|RAKP 4 ICV \(the BMC has the same SIK\): OK
SIK|38 b5 8a 90 09 53 16 b3 2b 85 0d 0e 21 de 82 c1
K1|65 18 bc 15 d1 20 9c 49 77 79 a0 83 61 c1 15 58
K2|25 26 80 06 c3 77 4a a8 9d dd 05 58 ae 17 cc dc
Set Session Privilege|command: 3bh \(Set Session Privilege Level\)
HPM.2 probe answered C1h|completion code: c1h \(invalid command\)
HPM.2 probe named|command: 3eh \(Get HPM.x Capabilities \(HPM.2\)\)
Get Device ID IANA 4753|manufacturer ID \(IANA\): 4753
Set Session Privilege request|requested privilege: ADMINISTRATOR
integrity trailer|auth code: 12 bytes, HMAC-SHA1-96
every check|22 datagrams, 0 malformed; checks: 17 passed, 0 failed
EOF2
if ! diff -u "$DATA/decode_seed_002.golden" "$out"; then
	echo "FAIL: output differs from tests/data/decode_seed_002.golden"
	echo "  (regenerate: ./bmcsim decode -P ADMIN -f" \
	    "tests/data/seed_002_rmcpp_session.txt >" \
	    "tests/data/decode_seed_002.golden)"
	fail=1
fi
# A wrong password must fail the checks (exit 1), not pass silently.
if timeout 30 "$BMCSIM" decode -P wrong \
    -f "$DATA/seed_002_rmcpp_session.txt" >/dev/null 2>&1; then
	echo "FAIL: decode with a wrong password exited 0"
	fail=1
fi
[ "$fail" -eq 0 ] && echo "decode golden: ok"
exit $fail
