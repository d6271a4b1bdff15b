#!/usr/bin/env bash
# The newcomer's entry point, for a fresh Debian 12 machine:
#   scripts/dev.sh run    install what is needed, build, start bmcsimd
#   scripts/dev.sh test   install what is needed, build, run every test
# Other subcommands: deps (install only), build (configure and build).
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$top/build}

# Build tools and libraries, and the real clients the system tests drive.
packages=(build-essential autoconf automake pkg-config
	libevent-dev libssl-dev libinih-dev libjansson-dev libpcap-dev check
	clang libclang-rt-14-dev clang-format
	ipmitool freeipmi-tools openipmi python3-pyghmi tshark procps
	curl python3-pytest tmux openssl)

as_root() {
	if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

deps() {
	local missing=()
	for p in "${packages[@]}"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
		    grep -q 'install ok installed' || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	echo "installing: ${missing[*]}"
	as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
	    --no-install-recommends "${missing[@]}"
}

build() {
	(cd "$top" && { [ -x configure ] || autoreconf -fi; })
	mkdir -p "$build"
	cd "$build"
	[ -f Makefile ] || "$top/configure" --enable-werror "$@"
	make -j"$(nproc)"
}

case "${1:-}" in
deps)
	deps ;;
build)
	shift; deps; build "$@" ;;
run)
	shift; deps; build
	port=${BMCSIM_PORT:-6230}
	echo
	echo "bmcsimd is starting on 127.0.0.1:$port with the default model."
	echo "Talk to it with:"
	echo "  ipmitool -I lanplus -H 127.0.0.1 -p $port -U admin -P password mc info"
	echo "Stop it with Ctrl-C."
	echo
	exec "$build/bmcsimd" -c "$top/sim-configs/default.ini" \
	    --listen "127.0.0.1:$port" --state-dir "$build/state" -v "$@" ;;
test)
	shift; deps; build
	cd "$build"
	make -j"$(nproc)" check "$@" || {
		find . -name '*.log' -path '*tests*' -newer Makefile \
		    -exec grep -l -E '^(FAIL|ERROR)' {} + 2>/dev/null |
		    while read -r f; do echo "== $f"; tail -n 40 "$f"; done
		exit 1
	} ;;
*)
	echo "usage: scripts/dev.sh run|test|deps|build" >&2
	exit 2 ;;
esac
