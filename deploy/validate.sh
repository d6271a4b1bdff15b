#!/bin/sh
# Validates deploy/kubernetes and docker/compose.yaml offline: yamllint,
# then deploy/validate.py (the fields, the references, and the models
# checked by bmcsimd, whole and per shard).  Usage: deploy/validate.sh
# [BMCSIMD] (default: the build's, build/bmcsimd).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
bmcsimd=${1:-$top/build/bmcsimd}
yamllint -s -d '{extends: default, rules: {line-length: {max: 100}}}' \
    "$top/deploy/kubernetes" "$top/docker/compose.yaml"
echo "ok   yamllint"
python3 "$top/deploy/validate.py" "$bmcsimd"
