#!/bin/sh
# A console that loses replies: every handshake step retransmitted gets the
# same answer, and a retried Chassis Control is answered from the retry
# cache, not run a second time.
. "${top_srcdir:-.}/tests/system/lib.sh"
need python3

start_bmcsimd def "$CONFIGS/default.ini"
for s in 3 17; do
	check "suite $s: retransmits answered the same" \
	    'retried chassis control answered' \
	    "$top_builddir/tests/system/retry_client" "$PORT_def" admin \
	    password "$s"
done
stop_bmcsimd def
# The model saw two requests (one Chassis Control per console); the two
# retries came from the cache.
check "each Chassis Control ran once; the retries came from the cache" \
    'pongs, 2 requests, 2 from the retry cache' cat "$WORK/def.log"

finish
