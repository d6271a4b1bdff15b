#!/bin/sh
# bmcsim decode of a Platform Event Trap: a trap built here byte by byte
# (an encoder independent of the codec's), given as hex and inside a pcap
# on UDP 162; tshark, when installed, must read the same trap as a valid
# SNMPv1 trap with the PET enterprise.
set -u
: "${top_srcdir:=.}"
: "${top_builddir:=.}"
BMCSIM="$top_builddir/bmcsim"
work=$(mktemp -d "${TMPDIR:-/tmp}/bmcsim-pet.XXXXXX")
trap 'rm -rf "$work"' EXIT
fails=0

python3 - "$work" <<'PY'
import struct, sys
work = sys.argv[1]
def tlv(tag, body):
    n = len(body)
    if n < 0x80:
        l = bytes([n])
    elif n < 0x100:
        l = bytes([0x81, n])
    else:
        l = bytes([0x82]) + struct.pack(">H", n)
    return bytes([tag]) + l + body
def oid(arcs):
    out = bytes([40 * arcs[0] + arcs[1]])
    for a in arcs[2:]:
        enc = [a & 0x7f]
        a >>= 7
        while a:
            enc.insert(0, 0x80 | (a & 0x7f))
            a >>= 7
        out += bytes(enc)
    return tlv(0x06, out)
def integer(v, tag=0x02):
    b = v.to_bytes(5, "big", signed=True).lstrip(b"\x00")
    if not b or b[0] & 0x80:
        b = b"\x00" + b
    return tlv(tag, b)
guid = bytes(reversed(bytes.fromhex("6f1e3c528a474d2b9c3e7a5b1d0e4f21")))
pet = guid + struct.pack(">HIhBBBBBBB", 7, 907977600, -1, 0x20, 0x20,
                         0x10, 0x20, 0x30, 0x03, 0x01)
pet += bytes([0x01, 0x55, 0x50, 0xff, 0xff, 0xff, 0xff, 0xff])
pet += struct.pack(">BIH", 25, 10876, 0x1b11) + b"\xc1"
pdu = (oid([1, 3, 6, 1, 4, 1, 3183, 1, 1]) + tlv(0x40, bytes([192, 0, 2, 10]))
       + integer(6) + integer(0x010101) + integer(1234, 0x43)
       + tlv(0x30, tlv(0x30, oid([1, 3, 6, 1, 4, 1, 3183, 1, 1, 1])
                       + tlv(0x04, pet))))
msg = tlv(0x30, integer(0) + tlv(0x04, b"public") + tlv(0xa4, pdu))
open(work + "/trap.hex", "w").write(msg.hex() + "\n")
# A classic pcap, Ethernet, IPv4 192.0.2.10:50000 -> 192.0.2.1:162.
udp = struct.pack(">HHHH", 50000, 162, 8 + len(msg), 0) + msg
ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 1, 0, 64, 17, 0,
                 bytes([192, 0, 2, 10]), bytes([192, 0, 2, 1]))
s = sum(struct.unpack(">10H", ip))
s = (s & 0xffff) + (s >> 16)
ip = ip[:10] + struct.pack(">H", ~s & 0xffff) + ip[12:]
frame = b"\x00" * 12 + b"\x08\x00" + ip + udp
with open(work + "/trap.pcap", "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
    f.write(struct.pack("<IIII", 1790000000, 0, len(frame), len(frame)))
    f.write(frame)
PY

expect() {	# expect WHAT REGEX FILE
	if grep -Eq -- "$2" "$3"; then
		echo "ok   $1"
	else
		echo "FAIL $1: /$2/ not in:"; sed 's/^/     /' "$3"
		fails=$((fails + 1))
	fi
}

"$BMCSIM" decode "$(cat "$work/trap.hex")" >"$work/hex.out" 2>&1
expect "hex: enterprise in dotted form" \
    'enterprise +: \.1\.3\.6\.1\.4\.1\.3183\.1\.1 \(wired for management' \
    "$work/hex.out"
expect "hex: specific trap spelled out" \
    'sensor type 01h \(temperature\), event type 01h, assertion, offset 1' \
    "$work/hex.out"
expect "hex: PET GUID" 'GUID +: 6f1e3c52-8a47-4d2b-9c3e-7a5b1d0e4f21' \
    "$work/hex.out"
expect "hex: PET severity" 'severity +: 10h \(critical\)' "$work/hex.out"
expect "hex: PET time" '2026-10-10 00:00:00 local' "$work/hex.out"
expect "hex: manufacturer" 'manufacturer ID : 10876' "$work/hex.out"
"$BMCSIM" decode --pcap "$work/trap.pcap" >"$work/pcap.out" 2>&1
expect "pcap: the trap decoded" 'agent address +: 192\.0\.2\.10' \
    "$work/pcap.out"
expect "pcap: counted as a trap" '1 SNMP traps \(UDP 162\)' "$work/pcap.out"
if command -v tshark >/dev/null 2>&1; then
	tshark -r "$work/trap.pcap" -V >"$work/tshark.out" 2>&1
	expect "tshark: a v1 trap with the PET enterprise" \
	    'enterprise: 1\.3\.6\.1\.4\.1\.3183\.1\.1' "$work/tshark.out"
	if grep -qi malformed "$work/tshark.out"; then
		echo "FAIL tshark: malformed"; fails=$((fails + 1))
	else
		echo "ok   tshark: nothing malformed"
	fi
fi
[ "$fails" -eq 0 ]
