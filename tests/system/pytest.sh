#!/bin/sh
# contrib/pytest: the fixture that starts bmcsimd on a free port and uses
# the control API over its unix socket (standard library only), run with
# its example tests against this build.
. "${top_srcdir:-.}/tests/system/lib.sh"
need python3
if ! /usr/bin/python3 -c 'import pytest' 2>/dev/null; then
	need python3-pytest-is-not-installed
fi

check "contrib/pytest's examples pass" ' passed' \
    env BMCSIMD="$BMCSIMD" BMCSIM_CONFIG="$CONFIGS/default.ini" \
    PYTHONDONTWRITEBYTECODE=1 timeout 120 /usr/bin/python3 -m pytest -q \
    -p no:cacheprovider "$top_srcdir/contrib/pytest"

finish
