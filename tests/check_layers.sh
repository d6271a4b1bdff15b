#!/bin/sh
# The layering rules that the include paths alone cannot prove:
# - OpenSSL is included only by src/crypto/ossl_*.c;
# - no socket, clock or libevent use below src/server (and src/client):
#   src/node, the BMC as a sans-I/O object, included;
# - no file I/O in src/node (the server keeps the state file);
# - inih (<ini.h>) is included only by src/model/ini_lines.c, the line reader
#   under the model's INI engine (src/model/ini.c, whose own header is the
#   quoted "ini.h").
set -u
top=${top_srcdir:-.}
cd "$top" || exit 1
fail=0

hits=$(grep -rlE '#[[:space:]]*include[[:space:]]*<openssl/' src | grep -vE '^src/crypto/ossl_[a-z0-9_]+\.c$')
if [ -n "$hits" ]; then
	echo "OpenSSL included outside src/crypto/ossl_*.c:"; echo "$hits"; fail=1
fi

low="src/common src/codec src/crypto src/session src/model src/node"
pattern='#[[:space:]]*include[[:space:]]*<(event2/|event\.h|sys/socket\.h|netinet/|netdb\.h|sys/epoll\.h|poll\.h|sys/select\.h)'
hits=$(grep -rlE "$pattern" $low 2>/dev/null)
if [ -n "$hits" ]; then
	echo "libevent or socket headers below src/server:"; echo "$hits"; fail=1
fi
clock='\b(clock_gettime|gettimeofday|time\(NULL\)|time\(0\)|socket\(|recvfrom|sendto|recvmmsg|sendmmsg|event_base_|evtimer_)'
hits=$(grep -rnE "$clock" $low 2>/dev/null)
if [ -n "$hits" ]; then
	echo "clock or socket calls in the sans-I/O layers:"; echo "$hits"; fail=1
fi
# The node reaches files only through the server (state text in and out);
# open_memstream() writes to memory, for the describer's FILE.
fileio='\b(fopen|freopen|fdopen|open|openat|creat|read|write|pread|pwrite|unlink|rename|fsync|opendir|mkdir|dlopen|system|popen)\('
hits=$(grep -rnE "$fileio" src/node 2>/dev/null | grep -vE '^[^:]+:[0-9]+:[[:space:]]*(/?\*|//)')
if [ -n "$hits" ]; then
	echo "file I/O in src/node:"; echo "$hits"; fail=1
fi
hits=$(grep -rlE '#[[:space:]]*include[[:space:]]*<(fcntl\.h|unistd\.h|dirent\.h|dlfcn\.h|sys/stat\.h|arpa/inet\.h)' src/node 2>/dev/null)
if [ -n "$hits" ]; then
	echo "file or network headers in src/node:"; echo "$hits"; fail=1
fi
hits=$(grep -rlE '#[[:space:]]*include[[:space:]]*<ini\.h>' src | grep -v '^src/model/ini_lines\.c$')
if [ -n "$hits" ]; then
	echo "inih included outside src/model/ini_lines.c:"; echo "$hits"; fail=1
fi
# The codec, session and node layers take randomness only through struct rng.
hits=$(grep -rnE '\b(rand|random|arc4random|getrandom)\(' src/common src/codec src/session src/node 2>/dev/null)
if [ -n "$hits" ]; then
	echo "randomness outside the rng interface:"; echo "$hits"; fail=1
fi
if [ "$fail" -eq 0 ]; then
	echo "layering: ok"
fi
exit $fail
