#!/bin/sh
# Replays every seed corpus through its fuzz harness (make check).
#
# For each tests/fuzz/corpus/NAME in the source tree, runs the harness
# tests/fuzz/fuzz_NAME of the build tree over it.  The harnesses must be the
# replay builds (tests/fuzz/replay_main.c): in an --enable-fuzzing build
# they are libFuzzer binaries, which this script does not drive, so it
# skips (exit 77).  It also skips when no harness is built at all.

: "${top_srcdir:=.}"
: "${top_builddir:=.}"

corpus_root="$top_srcdir/tests/fuzz/corpus"
fuzz_dir="$top_builddir/tests/fuzz"

if [ ! -d "$corpus_root" ]; then
	echo "run_corpus: no corpus directory $corpus_root" >&2
	exit 99
fi

# A libFuzzer build: configure put -fsanitize=fuzzer in the Makefile, or
# a harness carries libFuzzer's own messages.
if [ -f "$top_builddir/Makefile" ] &&
    grep -q '^FUZZ_LDFLAGS *= *-fsanitize=fuzzer' "$top_builddir/Makefile"
then
	echo "run_corpus: harnesses are libFuzzer binaries; skipping"
	exit 77
fi

ran=0
failed=0
for dir in "$corpus_root"/*/; do
	[ -d "$dir" ] || continue
	name=$(basename "$dir")
	harness="$fuzz_dir/fuzz_$name"
	if [ ! -x "$harness" ]; then
		echo "run_corpus: $name: harness not built, skipped"
		continue
	fi
	if grep -q 'libFuzzer' "$harness" 2>/dev/null; then
		echo "run_corpus: $name: libFuzzer binary; skipping all"
		exit 77
	fi
	if "$harness" "$dir"; then
		echo "run_corpus: $name: ok"
	else
		echo "run_corpus: $name: FAILED (exit $?)" >&2
		failed=$((failed + 1))
	fi
	ran=$((ran + 1))
done

if [ "$ran" -eq 0 ]; then
	echo "run_corpus: no harness built; skipping"
	exit 77
fi
[ "$failed" -eq 0 ]
