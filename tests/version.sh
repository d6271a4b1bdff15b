#!/bin/sh
# One version everywhere: both programs' --version and every manual page
# carry configure's version.
: "${top_builddir:=.}"
version=$(sed -n 's/^#define PACKAGE_VERSION "\(.*\)"$/\1/p' \
    "$top_builddir/bmcsim_build.h")
fails=0
check() {
	if [ "$2" = "$3" ]; then
		echo "ok: $1: $2"
	else
		echo "FAIL: $1: '$2', expected '$3'"
		fails=$((fails + 1))
	fi
}
[ -n "$version" ] || { echo "FAIL: no PACKAGE_VERSION"; exit 1; }
check "bmcsimd --version" "$("$top_builddir/bmcsimd" --version)" \
    "bmcsimd $version"
check "bmcsim --version" "$("$top_builddir/bmcsim" --version)" \
    "bmcsim $version"
for page in bmcsim.1 bmcsimd.8 bmcsim.ini.5 bmcsim-lab.7; do
	th=$(sed -n 's/^\.TH [^"]*"[^"]*" "\([^"]*\)".*/\1/p' \
	    "$top_builddir/man/$page")
	check "$page" "$th" "bmcsim $version"
done
[ "$fails" -eq 0 ]
