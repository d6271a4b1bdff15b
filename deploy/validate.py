#!/usr/bin/env python3
"""Offline check of deploy/kubernetes (no cluster, no kubeconform: it is
not in Debian).  For every manifest: the kind is one we ship and each
field we use has the type the Kubernetes API gives it (a small schema of
the fields these manifests use, from the API reference), required fields
are present, names are DNS labels, and the objects refer to each other
(the StatefulSet's Service, ConfigMap, Secret and keys, its selector
matching its labels).  Then the ConfigMap's models are checked by the
bmcsimd given (--check), whole and per shard (BMCSIM_SHARD as the
StatefulSet sets it for each ordinal), and the shards must cover the
fleet once.  Exit 1 with every problem listed."""
import os
import re
import subprocess
import sys
import tempfile

import yaml

DNS_LABEL = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
problems = []


def bad(where, what):
    problems.append("%s: %s" % (where, what))


# A schema: dict = object with these keys (others refused: a typo in a
# field name is the commonest manifest error); "!" marks required keys;
# [x] = list of x; a type = a scalar of that type.
S, I, B = str, int, bool
QUANTITY = (str, int)
META = {"!name": S, "labels": {"*": S}, "namespace": S,
        "annotations": {"*": S}}
PROBE = {"exec": {"!command": [S]}, "initialDelaySeconds": I,
         "periodSeconds": I, "timeoutSeconds": I, "failureThreshold": I,
         "successThreshold": I}
RESOURCES = {"requests": {"*": QUANTITY}, "limits": {"*": QUANTITY}}
ENV = {"!name": S, "value": S,
       "valueFrom": {"secretKeyRef": {"!name": S, "!key": S},
                     "configMapKeyRef": {"!name": S, "!key": S},
                     "fieldRef": {"!fieldPath": S}}}
CONTAINER = {
    "!name": S, "!image": S, "imagePullPolicy": S, "args": [S],
    "command": [S], "env": [ENV],
    "ports": [{"!containerPort": I, "name": S, "protocol": S}],
    "readinessProbe": PROBE, "livenessProbe": PROBE, "startupProbe": PROBE,
    "resources": RESOURCES,
    "securityContext": {"allowPrivilegeEscalation": B,
                        "readOnlyRootFilesystem": B, "runAsNonRoot": B,
                        "capabilities": {"drop": [S], "add": [S]}},
    "volumeMounts": [{"!name": S, "!mountPath": S, "readOnly": B}],
}
POD = {
    "!containers": [CONTAINER], "terminationGracePeriodSeconds": I,
    "securityContext": {"runAsNonRoot": B, "runAsUser": I, "runAsGroup": I,
                        "fsGroup": I, "seccompProfile": {"!type": S}},
    "volumes": [{"!name": S, "configMap": {"!name": S},
                 "secret": {"!secretName": S},
                 "emptyDir": {"medium": S, "sizeLimit": QUANTITY}}],
}
KINDS = {
    ("v1", "ConfigMap"): {"!apiVersion": S, "!kind": S, "!metadata": META,
                          "data": {"*": S}},
    ("v1", "Secret"): {"!apiVersion": S, "!kind": S, "!metadata": META,
                       "type": S, "stringData": {"*": S},
                       "data": {"*": S}},
    ("v1", "Service"): {"!apiVersion": S, "!kind": S, "!metadata": META,
                        "!spec": {"clusterIP": S, "selector": {"*": S},
                                  "publishNotReadyAddresses": B,
                                  "ports": [{"!port": I, "name": S,
                                             "protocol": S,
                                             "targetPort": (int, str)}]}},
    ("apps/v1", "StatefulSet"): {
        "!apiVersion": S, "!kind": S, "!metadata": META,
        "!spec": {
            "!serviceName": S, "replicas": I, "podManagementPolicy": S,
            "!selector": {"!matchLabels": {"*": S}},
            "!template": {"metadata": {"labels": {"*": S}}, "!spec": POD},
            "volumeClaimTemplates": [{
                "!metadata": {"!name": S},
                "!spec": {"!accessModes": [S],
                          "!resources": {"!requests": {"*": QUANTITY}}}}],
        }},
    ("kustomize.config.k8s.io/v1beta1", "Kustomization"): {
        "!apiVersion": S, "!kind": S, "resources": [S]},
}
ENUMS = {"protocol": {"UDP", "TCP", "SCTP"},
         "imagePullPolicy": {"Always", "IfNotPresent", "Never"},
         "podManagementPolicy": {"OrderedReady", "Parallel"},
         "type": {"Opaque", "RuntimeDefault", "Unconfined", "Localhost"}}
QTY = re.compile(r"^[0-9.]+(m|k|Ki|Mi|Gi|Ti|M|G|T)?$")


def check(where, value, schema, key=None):
    if isinstance(schema, dict):
        if not isinstance(value, dict):
            return bad(where, "an object expected")
        if "*" in schema:
            for k, v in value.items():
                check("%s.%s" % (where, k), v, schema["*"], k)
            return
        keys = {k.lstrip("!"): (k.startswith("!"), s)
                for k, s in schema.items()}
        for k, (req, _) in keys.items():
            if req and k not in value:
                bad(where, "%s is required" % k)
        for k, v in value.items():
            if k not in keys:
                bad(where, "unknown field %s" % k)
            else:
                check("%s.%s" % (where, k), v, keys[k][1], k)
    elif isinstance(schema, list):
        if not isinstance(value, list):
            return bad(where, "a list expected")
        for i, v in enumerate(value):
            check("%s[%d]" % (where, i), v, schema[0], key)
    else:
        types = schema if isinstance(schema, tuple) else (schema,)
        if isinstance(value, bool) and bool not in types:
            return bad(where, "%r is not %s" % (value, types))
        if not isinstance(value, types):
            return bad(where, "%r is not %s" % (value, types))
        if key in ENUMS and value not in ENUMS[key]:
            bad(where, "%r is not one of %s" % (value, sorted(ENUMS[key])))
        if schema is QUANTITY and isinstance(value, str) and \
                not QTY.match(value):
            bad(where, "%r is not a quantity" % value)


def main(argv):
    top = os.path.dirname(os.path.abspath(__file__))
    kdir = os.path.join(top, "kubernetes")
    bmcsimd = argv[1] if len(argv) > 1 else None
    objs = {}
    for f in sorted(os.listdir(kdir)):
        if not f.endswith(".yaml"):
            continue
        with open(os.path.join(kdir, f)) as fh:
            for doc in yaml.safe_load_all(fh):
                if doc is None:
                    continue
                kind = (doc.get("apiVersion"), doc.get("kind"))
                if kind not in KINDS:
                    bad(f, "kind %s %s is not one we know" % kind)
                    continue
                check("%s %s" % (f, kind[1]), doc, KINDS[kind])
                name = doc.get("metadata", {}).get("name", "")
                if kind[1] != "Kustomization" and not DNS_LABEL.match(name):
                    bad(f, "name %r is not a DNS label" % name)
                objs[kind[1]] = doc
    kust = objs.get("Kustomization", {})
    for r in kust.get("resources", []):
        if not os.path.exists(os.path.join(kdir, r)):
            bad("kustomization.yaml", "resource %s is missing" % r)
    sts, svc = objs.get("StatefulSet"), objs.get("Service")
    cm, sec = objs.get("ConfigMap"), objs.get("Secret")
    if not (sts and svc and cm and sec):
        bad(kdir, "a StatefulSet, Service, ConfigMap and Secret expected")
        return report()
    spec = sts["spec"]
    if spec["serviceName"] != svc["metadata"]["name"]:
        bad("statefulset", "serviceName is not the Service's name")
    if svc["spec"].get("clusterIP") != "None":
        bad("service", "not headless (clusterIP: None)")
    labels = spec["template"].get("metadata", {}).get("labels", {})
    for k, v in spec["selector"]["matchLabels"].items():
        if labels.get(k) != v:
            bad("statefulset", "selector %s=%s not in the pod labels" % (k, v))
    for k, v in svc["spec"].get("selector", {}).items():
        if labels.get(k) != v:
            bad("service", "selector %s=%s selects no pod" % (k, v))
    pod = spec["template"]["spec"]
    vols = {v["name"]: v for v in pod.get("volumes", [])}
    vols.update({v["metadata"]["name"]: v
                 for v in spec.get("volumeClaimTemplates", [])})
    c = pod["containers"][0]
    for m in c.get("volumeMounts", []):
        if m["name"] not in vols:
            bad("statefulset", "volumeMount %s has no volume" % m["name"])
    for v in vols.values():
        if "configMap" in v and v["configMap"]["name"] != \
                cm["metadata"]["name"]:
            bad("statefulset", "configMap %s is not shipped" %
                v["configMap"]["name"])
    env = {}
    for e in c.get("env", []):
        ref = e.get("valueFrom", {}).get("secretKeyRef")
        if ref:
            if ref["name"] != sec["metadata"]["name"]:
                bad("statefulset", "secret %s is not shipped" % ref["name"])
            elif ref["key"] not in sec.get("stringData", {}):
                bad("statefulset", "secret key %s is missing" % ref["key"])
            env[e["name"]] = sec["stringData"].get(ref["key"], "")
        else:
            env[e["name"]] = e.get("value", "")
    for p in ("readinessProbe", "livenessProbe"):
        if p not in c:
            bad("statefulset", "no %s" % p)
    if "requests" not in c.get("resources", {}):
        bad("statefulset", "no resource requests")
    replicas = spec.get("replicas", 1)
    shard = env.get("BMCSIM_SHARD", "")
    if shard != "host/%d" % replicas:
        bad("statefulset", "BMCSIM_SHARD %r does not match replicas %d" %
            (shard, replicas))
    if bmcsimd:
        check_models(bmcsimd, cm, c, env, replicas, sts["metadata"]["name"])
    return report()


def check_models(bmcsimd, cm, c, env, replicas, name):
    """bmcsimd --check on the ConfigMap's files, then each ordinal's shard:
    together they must hold every BMC once."""
    mount = [m["mountPath"] for m in c["volumeMounts"]
             if m["name"] == "models"][0]
    with tempfile.TemporaryDirectory() as d:
        for k, v in cm["data"].items():
            with open(os.path.join(d, k), "w") as fh:
                fh.write(v)
        conf = env["BMCSIM_CONFIG"].replace(mount, d, 1)
        base = dict(os.environ)
        for k in list(base):
            if k.startswith("BMCSIM_"):
                del base[k]
        e = dict(base, BMCSIM_USER=env.get("BMCSIM_USER", ""),
                 BMCSIM_PASSWORD=env.get("BMCSIM_PASSWORD", ""))
        r = subprocess.run([bmcsimd, "-c", conf, "--check"], env=e,
                           capture_output=True, text=True)
        m = re.search(r"configuration OK: (\d+) BMC", r.stdout + r.stderr)
        if r.returncode != 0 or not m:
            return bad("configmap", "bmcsimd --check: %s" %
                       (r.stdout + r.stderr).strip())
        total, got = int(m.group(1)), 0
        for i in range(replicas):
            r = subprocess.run(
                [bmcsimd, "-c", conf, "--check", "--shard",
                 "%d/%d" % (i, replicas)], env=e, capture_output=True,
                text=True)
            m = re.search(r"configuration OK: (\d+) BMC",
                          r.stdout + r.stderr)
            if r.returncode != 0 or not m:
                bad("configmap", "pod %s-%d: %s" %
                    (name, i, (r.stdout + r.stderr).strip()))
                continue
            got += int(m.group(1))
        if got != total:
            bad("configmap", "the shards hold %d BMCs of %d" % (got, total))
        print("models: %d BMCs, %d shards of about %d" %
              (total, replicas, total // max(replicas, 1)))


def report():
    for p in problems:
        print("FAIL %s" % p)
    if not problems:
        print("ok   deploy/kubernetes: every manifest valid")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
