#!/bin/bash
# bmcsimd as a Unix daemon: --check of every shipped model, the errors a
# user can act on, signals (stop, reload keeping sessions, counters),
# privilege dropping, and state that survives a restart.
. "${top_srcdir:-.}/tests/system/lib.sh"
need ipmitool bmc-info python3 timeout

lan() {	# lan PORT ARGS...
	local port=$1
	shift
	ipmitool -I lanplus -H 127.0.0.1 -p "$port" -U admin -P password \
	    -R 2 -N 1 "$@"
}

check "--help" 'usage: bmcsimd' "$BMCSIMD" --help
check "--version" '^bmcsimd [0-9]' "$BMCSIMD" --version
for f in "$CONFIGS"/*.ini; do
	check "--check $(basename "$f")" 'configuration OK' \
	    "$BMCSIMD" --check -c "$f"
done

# A bad file: every problem at once, each with file:line; nothing starts.
check_fails "bad configuration: three problems with their lines" \
    'bad\.ini:3:.*bad\.ini:5:.*bad\.ini:8:' \
    sh -c "'$BMCSIMD' -c '$top_srcdir/tests/data/daemon/bad.ini' \
        --listen 127.0.0.1:1 2>&1 | tr '\n' ' '; exit 1"
check_fails "bad configuration: exit status 1" 'exit=1' \
    sh -c "'$BMCSIMD' -c '$top_srcdir/tests/data/daemon/bad.ini' \
        >/dev/null 2>&1; echo exit=\$?; exit 1"
check_fails "missing file named" 'nope\.ini.*(No such file|not found)' \
    "$BMCSIMD" -c "$WORK/nope.ini"

# A port in use, and a privileged port without privilege.
start_bmcsimd def "$CONFIGS/default.ini"
check_fails "port in use: said, with the fix" 'in use.*--listen' \
    "$BMCSIMD" -c "$CONFIGS/default.ini" --listen "127.0.0.1:$PORT_def"
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null; then
	unpriv="setpriv --reuid=65534 --regid=65534 --clear-groups"
else
	unpriv=""
fi
if [ "$(id -u)" -ne 0 ] || [ -n "$unpriv" ]; then
	check_fails "port 623 without privilege: said, with the fix" \
	    'below 1024.*(root|setcap|--listen)' \
	    $unpriv "$BMCSIMD" -c "$CONFIGS/default.ini" --listen 127.0.0.1:623
fi

# SIGUSR1 prints counters; they count what happened.
check "a login" 'Device ID' lan "$PORT_def" mc info
kill -USR1 "$PID_def"
sleep 0.3
check "SIGUSR1: counters" 'counters: sessions 1 opened, 1 closed' \
    cat "$WORK/def.log"

# SIGHUP with an unchanged file: a session open across it goes on.
cp "$CONFIGS/default.ini" "$WORK/live.ini"
start_bmcsimd live "$WORK/live.ini"
check "reload keeps the session" 'Chassis Power is on' sh -c "
    (echo 'mc info'; sleep 1; echo 'chassis power status'; echo exit) |
    ipmitool -I lanplus -H 127.0.0.1 -p $PORT_live -U admin -P password \
        -R 2 -N 1 shell & sleep 0.5; kill -HUP $PID_live; wait"
check "reload: said so" 'reloaded: 1 BMC\(s\) kept' cat "$WORK/live.log"
# A broken file on reload changes nothing.
cp "$top_srcdir/tests/data/daemon/bad.ini" "$WORK/live.ini"
kill -HUP "$PID_live"
sleep 0.3
check "bad reload: the BMC goes on" 'Device ID' lan "$PORT_live" mc info
check "bad reload: said so" 'reload failed' cat "$WORK/live.log"

# A changed file on reload: that BMC restarts (its sessions end), and
# answers with the new model.
sed -e 's/^product_id = .*/product_id = 0x4242/' "$CONFIGS/default.ini" \
    >"$WORK/live.ini"
kill -HUP "$PID_live"
sleep 0.3
check "changed reload: restarted" 'reloaded: 0 BMC\(s\) kept.*1 \(re\)started' \
    cat "$WORK/live.log"
check "changed reload: the new model answers" 'Product ID +: 16962' \
    lan "$PORT_live" mc info

# IPv6: the endpoint [::1], reached by ipmitool and FreeIPMI.
port6=$(free_port)
"$BMCSIMD" -c "$CONFIGS/default.ini" --listen "[::1]:$port6" \
    >"$WORK/v6.log" 2>&1 &
pid6=$!
BMC_PIDS="$BMC_PIDS $pid6"
for i in $(seq 1 50); do asf_ping "$port6" ::1 && break; sleep 0.1; done
check "IPv6: ipmitool over [::1]" 'Device ID' ipmitool -I lanplus -H ::1 \
    -p "$port6" -U admin -P password -R 2 -N 1 mc info
check "IPv6: bmc-info over [::1]" 'Device ID' bmc-info -h "[::1]:$port6" \
    -u admin -p password -l ADMIN
kill "$pid6"

# State survives a restart: a new password, the daemon stopped and
# started again on the same state directory.
check "set a password" 'Set User Password|successful' \
    lan "$PORT_def" user set password 3 changed1
t0=$(date +%s%N)
stop_bmcsimd def
t1=$(date +%s%N)
ms=$(( (t1 - t0) / 1000000 ))
# Promptly, not after a timer or a drain: a second is room for a loaded
# machine, while a stop that waited on anything would take longer.
check "SIGTERM: stopped within 1 s (took $ms ms)" 'yes' \
    sh -c "[ $ms -lt 1000 ] && echo yes"
check "SIGTERM: counters and stop logged" 'stopped' cat "$WORK/def.log"
port=$PORT_def
"$BMCSIMD" -c "$CONFIGS/default.ini" --listen "127.0.0.1:$port" \
    --state-dir "$WORK/state-def" >"$WORK/def2.log" 2>&1 &
pid=$!
BMC_PIDS="$BMC_PIDS $pid"
for i in $(seq 1 50); do asf_ping "$port" && break; sleep 0.1; done
check "after restart the new password works" 'Device ID' \
    ipmitool -I lanplus -H 127.0.0.1 -p "$port" -U operator -P changed1 \
    -L OPERATOR -R 2 -N 1 mc info
check_fails "after restart the old one does not" 'HMAC|Unable to establish' \
    ipmitool -I lanplus -H 127.0.0.1 -p "$port" -U operator -P password \
    -L OPERATOR -R 2 -N 1 mc info
kill "$pid"

# Started as root with --user: serving as that user.
if [ "$(id -u)" -eq 0 ]; then
	start_bmcsimd drop "$CONFIGS/default.ini" --user nobody
	check "--user nobody: uid dropped" '^Uid:[[:space:]]+65534' \
	    grep '^Uid:' "/proc/$PID_drop/status"
	check "--user nobody: still answers" 'Device ID' \
	    lan "$PORT_drop" mc info
fi

finish
