#!/bin/sh
# The course (docs/lab/*.md) cannot drift from the code: every command of
# every exercise runs against a freshly started lab BMC (sim-configs/
# lab.ini, whose seeded generator makes its values repeat) and must print
# what the exercise shows (tests/system/lab_course.py says how blocks are
# read).  After a deliberate change, regenerate an exercise with
#   PORT=... [TRAP_PORT=...] tests/system/lab_course.py regen docs/lab/NN-name.md
# against a fresh bmcsimd, and review the diff.
. "${top_srcdir:-.}/tests/system/lib.sh"
need python3 openssl bash ipmitool
builddir=$(cd "$top_builddir" && pwd)
srcdir=$(cd "$top_srcdir" && pwd)
# lab.ini sends its traps to 127.0.0.1:11162 (exercise 14, which listens
# on ${TRAP_PORT:-11162}); on a shared machine the test takes a free port
# instead, changing nothing else.
TRAP_PORT=$(free_port)
sed "s/^port = 11162\$/port = $TRAP_PORT/" "$CONFIGS/lab.ini" >"$WORK/lab.ini"
grep -q "^port = $TRAP_PORT\$" "$WORK/lab.ini" || {
	echo "FAIL lab.ini: no alert destination on port 11162"
	exit 1
}
for f in "$srcdir"/docs/lab/[0-9][0-9]-*.md; do
	name=$(basename "$f" .md | tr -c 'a-z0-9\n' '_')
	start_bmcsimd "$name" "$WORK/lab.ini"
	eval "port=\$PORT_$name"
	if (cd "$srcdir" && PORT=$port TRAP_PORT=$TRAP_PORT \
	    PATH="$builddir:$PATH" \
	    python3 "$srcdir/tests/system/lab_course.py" run "$f"); then
		passes=$((passes + 1))
	else
		fails=$((fails + 1))
	fi
	stop_bmcsimd "$name"
done
finish
