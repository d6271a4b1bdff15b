#!/usr/bin/env bash
# Makes rootful podman work on a fresh Debian 12 CI machine without a
# registry (docs: shared/reference/containers.md): runc as the runtime,
# podman's default rlimits capped at the host's, and the debian base
# images made locally with mmdebstrap under the names the FROM lines use.
# Idempotent: a second run only checks.
set -euo pipefail

nofile=$(ulimit -Hn)
nproc=$(ulimit -Hu)
pidmax=$(cat /proc/sys/kernel/pid_max)
if [ "$nproc" = unlimited ] || [ "$nproc" -gt "$pidmax" ]; then
	nproc=$pidmax
fi
if [ "$nofile" = unlimited ]; then
	nofile=1048576
fi
mkdir -p /etc/containers
# crun rejects the hybrid cgroups of these machines: runc.
cat >/etc/containers/containers.conf <<CONF
[containers]
default_ulimits = ["nofile=${nofile}:${nofile}", "nproc=${nproc}:${nproc}"]
[engine]
runtime = "runc"
CONF

if ! podman image exists docker.io/library/debian:bookworm-slim; then
	mmdebstrap --quiet --variant=minbase --format=tar bookworm - |
	    podman import --quiet - docker.io/library/debian:bookworm
	podman tag docker.io/library/debian:bookworm \
	    docker.io/library/debian:bookworm-slim
fi
