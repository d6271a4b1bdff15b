#!/bin/sh
# A fuzz campaign: runs every libFuzzer harness (or the ones named) for a
# number of executions, starting from its seed corpus, keeps the new
# entries that add coverage (libFuzzer's -merge=1, so the corpus grows by
# what is new only), and appends a line per harness to a results file.
# Not run by make check: long, and CPU-hungry (run it under nice).
#
#   tests/fuzz/campaign.sh [-n RUNS] [-t SECONDS] [-j JOBS] [-l MAX_LEN]
#       [-r RESULTS] BUILD_DIR [HARNESS...]
#
# BUILD_DIR is a build configured with CC=clang --enable-fuzzing (and, to
# catch more, -fsanitize=address,undefined in CFLAGS and LDFLAGS).
# -n: executions per harness (default 10000000); -t: stop a harness after
# this many seconds even if RUNS is not reached (default: no limit); -j:
# harnesses at once (default 1); -l: longest input (default 2048, which
# also bounds every entry kept); -r: results file (default
# tests/fuzz/RESULTS.md in the source tree).  A crash leaves its input in
# the work directory (printed) and the harness's line says so; the script
# then exits 1.
set -u
here=$(cd "$(dirname "$0")" && pwd)
srcdir=$(cd "$here/../.." && pwd)
runs=10000000
secs=0
jobs=1
maxlen=2048
results="$srcdir/tests/fuzz/RESULTS.md"
while getopts n:t:j:l:r: o; do
	case $o in
	n) runs=$OPTARG ;;
	t) secs=$OPTARG ;;
	j) jobs=$OPTARG ;;
	l) maxlen=$OPTARG ;;
	r) results=$OPTARG ;;
	*) sed -n '2,20s/^# \{0,1\}//p' "$0" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
if [ $# -lt 1 ]; then
	sed -n '2,20s/^# \{0,1\}//p' "$0" >&2
	exit 2
fi
build=$(cd "$1" && pwd)
shift
if [ $# -gt 0 ]; then
	names="$*"
else
	names=$(cd "$srcdir/tests/fuzz/corpus" && ls)
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/bmcsim-campaign.XXXXXX")
echo "campaign: work directory $work"

# one NAME: fuzzes one harness, merges, writes $work/NAME.line.
one() {
	local name=$1 h="$build/tests/fuzz/fuzz_$1" seed new before after
	local execs rate status start end
	seed="$srcdir/tests/fuzz/corpus/$name"
	new="$work/$name.new"
	if [ ! -x "$h" ] || ! grep -q LLVMFuzzerTestOneInput "$h"; then
		echo "| $name | - | - | - | - | not a libFuzzer build |" \
		    >"$work/$name.line"
		return
	fi
	mkdir -p "$new" "$seed"
	before=$(ls "$seed" | wc -l)
	start=$(date +%s)
	set -- -runs="$runs" -max_len="$maxlen" -print_final_stats=1 \
	    -artifact_prefix="$work/$name-"
	[ "$secs" -gt 0 ] && set -- "$@" -max_total_time="$secs"
	nice -n 19 "$h" "$@" "$new" "$seed" >"$work/$name.log" 2>&1
	status=$?
	end=$(date +%s)
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' \
	    "$work/$name.log" | tail -n 1)
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' \
	    "$work/$name.log" | tail -n 1)
	# Keep what adds coverage to the seeds, nothing else.
	nice -n 19 "$h" -merge=1 -max_len="$maxlen" "$seed" "$new" \
	    >"$work/$name.merge.log" 2>&1
	after=$(ls "$seed" | wc -l)
	if [ "$status" -eq 0 ]; then
		status=ok
	else
		status="FAILED (exit $status): $(ls "$work/$name"-* 2>/dev/null |
		    tr '\n' ' ')"
	fi
	echo "| $name | ${execs:-0} | ${rate:-0} | $((end - start)) |" \
	    "$before -> $after | $status |" >"$work/$name.line"
}

running=0
for name in $names; do
	one "$name" &
	running=$((running + 1))
	if [ "$running" -ge "$jobs" ]; then
		wait
		running=0
	fi
done
wait

{
	echo
	echo "## $(date -u +%Y-%m-%dT%H:%MZ): $runs runs, ${secs}s cap," \
	    "max_len $maxlen, load $(cut -d' ' -f1-3 /proc/loadavg)"
	echo
	echo "| harness | executions | exec/s | seconds | corpus files |" \
	    "result |"
	echo "|---|---|---|---|---|---|"
	for name in $names; do
		cat "$work/$name.line"
	done
} >>"$results"
tail -n $(($(echo $names | wc -w) + 5)) "$results"
if cat "$work"/*.line | grep -q FAILED; then
	exit 1
fi
