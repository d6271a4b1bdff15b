#!/usr/bin/env bash
# docker/compose.yaml with podman-compose: the fleet comes up, the client
# container's ipmitool mc info reaches it, the host reaches its ports.
cd "$(dirname "$0")" && . ./lib.sh
need_compose() {
	command -v podman-compose >/dev/null || { bad "podman-compose missing"; exit 1; }
}
need_compose
top=$(cd ../.. && pwd)
proj=bmcsimci$$
base=$(free_ports 10)
export BMCSIM_PORTS="$base-$((base + 9))"
compose() { podman-compose -p "$proj" -f "$top/docker/compose.yaml" "$@"; }
down() { compose down -v >/dev/null 2>&1; }
trap 'down; cleanup' EXIT

# The fleet's image is the one .ci/run built (localhost/bmcsim:latest);
# the client's is built here, once.
podman image exists localhost/bmcsim-client:latest ||
    nice -n 10 podman build --pull=never -t localhost/bmcsim-client:latest \
	"$top/docker/client" >"$WORK/client.log" 2>&1 ||
    { bad "client image"; tail -n 20 "$WORK/client.log"; }
compose up -d --no-build >"$WORK/up.log" 2>&1 || { bad "podman-compose up"; tail -n 30 "$WORK/up.log"; }
for i in $(seq 1 100); do
	podman logs "${proj}_client_1" 2>/dev/null | grep -q 'Firmware Revision' && break
	sleep 0.2
done
check "the client container's ipmitool mc info" "Firmware Revision +: 1\.73" \
    podman logs "${proj}_client_1"
check "the host reaches the fleet's last BMC (port $((base + 9)))" "System GUID" \
    ipmitool -I lanplus -H 127.0.0.1 -p $((base + 9)) -U admin -P password mc guid
check "the fleet container is healthy" "" podman healthcheck run "${proj}_fleet_1"

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
