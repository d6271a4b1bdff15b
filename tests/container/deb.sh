#!/usr/bin/env bash
# The Debian package: built from a clean export of the tree with
# dpkg-buildpackage -us -uc -b, lintian without errors, installed with
# apt, and the installed daemon started (as its unit would start it: the
# state and ready files, CAP_NET_BIND_SERVICE on 623 is the unit's) and
# reached by ipmitool.  DEB_BUILD_OPTIONS=nocheck skips the unit tests
# that .ci/run ran already.
cd "$(dirname "$0")" && . ./lib.sh
top=$(cd ../.. && pwd)

export DEB_BUILD_OPTIONS="${DEB_BUILD_OPTIONS:-} parallel=$(nproc)"
src="$WORK/bmcsim-0.1.0"
mkdir -p "$src"
(cd "$top" && git archive HEAD) | tar -x -C "$src"
t0=$(now)
if (cd "$src" && dpkg-buildpackage -us -uc -b) >"$WORK/build.log" 2>&1; then
	ok "dpkg-buildpackage -us -uc -b ($(elapsed "$t0" "$(now)") s)"
else
	bad "dpkg-buildpackage"; tail -n 40 "$WORK/build.log"; exit 1
fi
deb=$(ls "$WORK"/bmcsim_*.deb)
lintian --fail-on error "$WORK"/bmcsim_*.changes >"$WORK/lintian.log" 2>&1 &&
    ok "lintian: no errors ($(grep -c '^W:' "$WORK/lintian.log") warnings)" ||
    { bad "lintian"; cat "$WORK/lintian.log"; }
check "package contents" "usr/sbin/bmcsimd" dpkg-deb -c "$deb"
check "the unit is in it" "lib/systemd/system/bmcsimd.service" dpkg-deb -c "$deb"
DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$deb" >"$WORK/apt.log" 2>&1 &&
    ok "apt-get install the package" || { bad "apt-get install"; tail "$WORK/apt.log"; }
check "installed unit runs the installed daemon" "ExecStart=/usr/sbin/bmcsimd" \
    cat /lib/systemd/system/bmcsimd.service
if command -v systemd-analyze >/dev/null; then
	check "systemd-analyze verify the unit" "^ok$" sh -c \
	    "systemd-analyze verify /lib/systemd/system/bmcsimd.service 2>&1 | grep -v 'man ' | grep . || echo ok"
fi

port=$(free_ports 1)
mkdir -p "$WORK/state"
BMCSIM_LISTEN="127.0.0.1:$port" /usr/sbin/bmcsimd --state-dir "$WORK/state" \
    --ready-file "$WORK/ready" >"$WORK/daemon.log" 2>&1 &
pid=$!
for i in $(seq 1 50); do [ -s "$WORK/ready" ] && break; sleep 0.1; done
check "the installed bmcsimd answers ipmitool" "Firmware Revision +: 1\.73" \
    ipmitool -I lanplus -H 127.0.0.1 -p "$port" -U admin -P password mc info
check "the installed bmcsim pings it" "IANA enterprise +: 4542" \
    /usr/bin/bmcsim ping -r "$WORK/ready"
kill "$pid"; wait "$pid"
check "the manual page is installed" "bmcsimd" man -w bmcsimd
DEBIAN_FRONTEND=noninteractive apt-get remove -y -q bmcsim >/dev/null 2>&1

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
