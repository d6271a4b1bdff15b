#!/bin/sh
# The programs are built hardened (configure's default): position
# independent, full RELRO (relocations read-only, bound at start), stack
# protector, and in optimised builds without sanitizers _FORTIFY_SOURCE.
: "${top_builddir:=.}"
if [ "${HARDENING:-yes}" != yes ]; then
	echo "SKIP: configured with --disable-hardening"
	exit 77
fi
command -v readelf >/dev/null 2>&1 || { echo "FAIL: no readelf"; exit 1; }
fails=0
expect() { # NAME PROGRAM PATTERN READELF-OPTIONS...
	name=$1 prog=$2 pattern=$3
	shift 3
	if readelf -W "$@" "$prog" 2>/dev/null | grep -q -- "$pattern"; then
		echo "ok: $(basename "$prog"): $name"
	else
		echo "FAIL: $(basename "$prog"): no $name"
		fails=$((fails + 1))
	fi
}
for prog in "$top_builddir/bmcsimd" "$top_builddir/bmcsim"; do
	expect "PIE (type DYN)" "$prog" "DYN (" -h
	expect "RELRO" "$prog" "GNU_RELRO" -l
	expect "BIND_NOW" "$prog" "BIND_NOW\|FLAGS.*NOW" -d
	expect "stack protector" "$prog" "__stack_chk_fail" --dyn-syms
	if [ "${HARDEN_FORTIFY:-no}" = yes ]; then
		expect "_FORTIFY_SOURCE" "$prog" "__[a-z]*_chk@" --dyn-syms
	fi
done
[ "$fails" -eq 0 ]
