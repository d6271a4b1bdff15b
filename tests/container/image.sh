#!/usr/bin/env bash
# The image (docker/Dockerfile) for real: it starts healthy within a
# second or so, runs as a user with only CAP_NET_BIND_SERVICE, answers
# ipmitool and FreeIPMI from the host on a published 623/udp, stops on
# SIGTERM within a second, and a new container on the same volume finds
# what a client changed.  Prints the image size and the timings.
cd "$(dirname "$0")" && . ./lib.sh

vol=bmcsim-ctr-$$
VOLUMES="$vol"
port=$(free_ports 1)
run() {
	podman run -d --init --name "$1" --cap-drop=ALL \
	    --cap-add=NET_BIND_SERVICE --read-only \
	    -v "$vol:/var/lib/bmcsim" -p "127.0.0.1:$port:623/udp" "$IMAGE"
}

size=$(podman image inspect --format '{{.Size}}' "$IMAGE")
echo "image size: $((size / 1000000)) MB ($size bytes)"
[ "$size" -lt 60000000 ] && ok "image under 60 MB" || bad "image is $size bytes"
check "runs as the bmcsim user" '^bmcsim$' \
    podman image inspect --format '{{.Config.User}}' "$IMAGE"
check "has no shell" '^no shell$' \
    sh -c "podman run --rm --entrypoint /bin/sh $IMAGE -c true 2>/dev/null && echo shell || echo no shell"

t0=$(now)
CONTAINERS="ctr1-$$"
run "ctr1-$$" >/dev/null
if wait_healthy "ctr1-$$"; then
	ok "healthy after $(elapsed "$t0" "$(now)") s (podman run included)"
else
	bad "not healthy in 10 s"; podman logs "ctr1-$$"
fi
check "bmcsimd runs as bmcsim, not root" '^bmcsim$' \
    sh -c "podman top ctr1-$$ user | tail -n 1 | tr -d ' '"
check "ipmitool from the host" "Firmware Revision +: 1\.73" \
    ipmitool -I lanplus -H 127.0.0.1 -p "$port" -U admin -P password mc info
check "FreeIPMI from the host" "Firmware Revision +: 1\.73" \
    bmc-info -h "127.0.0.1:$port" -u admin -p password -l ADMIN \
    --driver-type=LAN_2_0
check "a client changes state: user 5 named" "^$" \
    ipmitool -I lanplus -H 127.0.0.1 -p "$port" -U admin -P password \
    user set name 5 ciuser
check "logs go to stderr (podman logs)" "ready \(/usr/share/bmcsim" \
    podman logs "ctr1-$$"

ready=$(ts_gap "$(podman_time "ctr1-$$" StartedAt)" "$(log_time "ctr1-$$" ' ready ')")
echo "container start to bmcsimd ready: $ready s"
python3 -c "import sys; sys.exit(float(sys.argv[1]) >= 1.0)" "$ready" &&
    ok "ready within 1 s of the start ($ready s)" || bad "ready after $ready s"

t0=$(now)
podman kill -s TERM "ctr1-$$" >/dev/null
podman wait "ctr1-$$" >"$WORK/rc" 2>/dev/null
t=$(elapsed "$t0" "$(now)")
stop=$(ts_gap "$(log_time "ctr1-$$" 'SIGTERM: stopping')" \
    "$(podman_time "ctr1-$$" FinishedAt)")
echo "SIGTERM to exit: $stop s (podman kill + wait: $t s)"
if python3 -c "import sys; sys.exit(float(sys.argv[1]) >= 1.0)" "$stop" &&
    [ "$(cat "$WORK/rc")" = 0 ]; then
	ok "SIGTERM stopped it in $stop s, exit 0"
else
	bad "SIGTERM took $stop s, exit $(cat "$WORK/rc")"
fi

CONTAINERS="$CONTAINERS ctr2-$$"
run "ctr2-$$" >/dev/null
wait_healthy "ctr2-$$" || bad "the second container is not healthy"
check "state kept on the volume across containers" "^5 +ciuser " \
    ipmitool -I lanplus -H 127.0.0.1 -p "$port" -U admin -P password \
    user list 1

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
