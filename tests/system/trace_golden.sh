#!/bin/sh
# bmcsim trace, deterministic on both sides (the lab model's seeded BMC and
# --deterministic on the console), is the same byte for byte on every run:
# golden files for suites 3 and 17 and for IPMI 1.5 with MD5.  After a
# deliberate change to the trace or the lab model, regenerate them with
#   BMCSIM_REGEN_GOLDEN=1 make check TESTS=tests/system/trace_golden.sh
. "${top_srcdir:-.}/tests/system/lib.sh"
BMCSIM="$top_builddir/bmcsim"
need "$BMCSIM" python3
GOLD="$top_srcdir/tests/data/trace"

for t in "rmcpp_suite3:-C 3" "rmcpp_suite17:-C 17" "ipmi15_md5:-I lan -A MD5"; do
	name=${t%%:*}
	args=${t#*:}
	# A fresh BMC each time: its seeded generator starts over.
	start_bmcsimd "g$name" "$CONFIGS/lab.ini"
	eval "port=\$PORT_g$name"
	"$BMCSIM" trace -p "$port" -U admin -P password $args \
	    --deterministic 7 2>&1 | sed "s/127\.0\.0\.1:$port/127.0.0.1:PORT/" \
	    >"$WORK/$name.txt"
	stop_bmcsimd "g$name"
	if [ -n "${BMCSIM_REGEN_GOLDEN:-}" ]; then
		cp "$WORK/$name.txt" "$GOLD/$name.golden"
	fi
	check "trace $args: ends with every check passed" \
	    'checks passed, 0 failed' cat "$WORK/$name.txt"
	check "trace $args: the same as $name.golden" '^same$' sh -c \
	    "diff -u '$GOLD/$name.golden' '$WORK/$name.txt' && echo same"
done

finish
