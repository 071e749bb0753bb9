"""Yardmaster's own rules for a rendered overlay, beyond the Kubernetes schemas.

Usage: check_rendered.py RENDERED.yaml...  Prints one line per broken rule and exits 1 if any.
"""

import sys

import yaml

ROLES = ("api", "autoscaler", "cost")
# Created by hand at install (docs/operations.md, "Secrets"): never rendered from the repository.
HAND_MADE_SECRETS = {
    "yardmaster-admin-token",
    "yardmaster-database",
    "yardmaster-azure",
    "yardmaster-tls",
    "yardmaster-yarn-share",
    "yardmaster-peers",
}


def env_of(container):
    return {e["name"]: e for e in container.get("env", [])}


def matches(selector, labels):
    return all(labels.get(k) == v for k, v in selector.items())


def check(objects, problems):
    def fail(text):
        problems.append(text)

    by_kind = {}
    for o in objects:
        by_kind.setdefault(o["kind"], {})[o["metadata"]["name"]] = o
    deployments = by_kind.get("Deployment", {})
    config_maps = by_kind.get("ConfigMap", {})
    claims = by_kind.get("PersistentVolumeClaim", {})

    for role in ROLES:
        d = deployments.get(f"yardmaster-{role}")
        if d is None:
            fail(f"no Deployment yardmaster-{role}")
            continue
        pod = d["spec"]["template"]["spec"]
        if not matches(d["spec"]["selector"]["matchLabels"], d["spec"]["template"]["metadata"]["labels"]):
            fail(f"{role}: the selector does not select its own pods")
        if not pod.get("securityContext", {}).get("runAsNonRoot"):
            fail(f"{role}: pods may run as root")
        for c in pod["containers"]:
            env = env_of(c)
            for other in ROLES:
                wanted = "true" if other == role else None
                got = env.get(f"YARDMASTER_ROLES_{other.upper()}", {}).get("value")
                if got != wanted:
                    fail(f"{role}: YARDMASTER_ROLES_{other.upper()} is {got!r}, expected {wanted!r}")
            if c["image"] == "yardmaster" or ":" not in c["image"]:
                fail(f"{role}: image {c['image']!r} names no registry and tag")
            for probe, path in (("readinessProbe", "/health/readiness"), ("livenessProbe", "/health/liveness")):
                if c.get(probe, {}).get("httpGet", {}).get("path") != path:
                    fail(f"{role}: {probe} is not GET {path}")
            resources = c.get("resources", {})
            if not {"cpu", "memory"} <= set(resources.get("requests", {})) or "memory" not in resources.get("limits", {}):
                fail(f"{role}: needs cpu and memory requests and a memory limit")
            if not c.get("securityContext", {}).get("readOnlyRootFilesystem"):
                fail(f"{role}: the root file system is writable")
            for e in env.values():
                ref = e.get("valueFrom", {}).get("secretKeyRef")
                if ref and ref["name"] not in HAND_MADE_SECRETS:
                    fail(f"{role}: secret {ref['name']} is not one the operations guide has made")
                if "password" in e["name"].lower() or "secret" in e["name"].lower():
                    if "value" in e:
                        fail(f"{role}: {e['name']} holds a literal instead of a Secret reference")
        for v in pod.get("volumes", []):
            secret = v.get("secret", {}).get("secretName")
            if secret and secret not in HAND_MADE_SECRETS:
                fail(f"{role}: volume {v['name']} mounts secret {secret}, not one the guide makes")
            refs = [v["configMap"]["name"]] if "configMap" in v else []
            refs += [s["configMap"]["name"] for s in v.get("projected", {}).get("sources", []) if "configMap" in s]
            for name in refs:
                if name not in config_maps:
                    fail(f"{role}: volume {v['name']} names ConfigMap {name}, not rendered")
            claim = v.get("persistentVolumeClaim", {}).get("claimName")
            if claim and claim not in claims:
                fail(f"{role}: volume {v['name']} names claim {claim}, not rendered")

    auto = deployments.get("yardmaster-autoscaler")
    if auto and auto["spec"].get("replicas") != 2:
        fail("autoscaler: two replicas (clustered Quartz), got %r" % auto["spec"].get("replicas"))

    pods = {n: d["spec"]["template"]["metadata"]["labels"] for n, d in deployments.items()}
    for name, svc in by_kind.get("Service", {}).items():
        selected = [n for n, labels in pods.items() if matches(svc["spec"]["selector"], labels)]
        if len(selected) != 1:
            fail(f"Service {name} selects {selected}, expected one Deployment")
    for name, pdb in by_kind.get("PodDisruptionBudget", {}).items():
        selected = [n for n, labels in pods.items() if matches(pdb["spec"]["selector"]["matchLabels"], labels)]
        if len(selected) != 1:
            fail(f"PodDisruptionBudget {name} selects {selected}")
            continue
        replicas = deployments[selected[0]]["spec"].get("replicas", 1)
        if pdb["spec"].get("minAvailable", 0) >= replicas or pdb["spec"].get("maxUnavailable", 1) == 0:
            fail(f"PodDisruptionBudget {name} would block every drain of {replicas} replica(s)")
    for role in ("api", "autoscaler"):
        if not any(matches(p["spec"]["selector"]["matchLabels"], pods.get(f"yardmaster-{role}", {"-": "-"}))
                   for p in by_kind.get("PodDisruptionBudget", {}).values()):
            fail(f"{role}: no PodDisruptionBudget")
    services = by_kind.get("Service", {})
    for name, ing in by_kind.get("Ingress", {}).items():
        for tls in ing["spec"].get("tls", []):
            if tls["secretName"] not in HAND_MADE_SECRETS:
                fail(f"Ingress {name}: TLS secret {tls['secretName']} is not one the guide makes")
        for rule in ing["spec"]["rules"]:
            for path in rule["http"]["paths"]:
                backend = path["backend"]["service"]
                if backend["name"] not in services:
                    fail(f"Ingress {name}: {path['path']} goes to Service {backend['name']}, not rendered")

    site = next((yaml.safe_load(cm["data"]["site.yml"]) for cm in config_maps.values() if "site.yml" in cm.get("data", {})), None)
    if site is None:
        fail("no ConfigMap with site.yml")
        return
    if not str(site.get("datasources", {}).get("default", {}).get("url", "")).startswith("jdbc:postgresql://"):
        fail("site.yml: datasources.default.url is not a PostgreSQL JDBC URL")
    ym = site.get("yardmaster", {})
    clusters = ym.get("clusters", {})
    mounted = set()
    if auto:
        for v in auto["spec"]["template"]["spec"]["volumes"]:
            if v["name"] == "hadoop":
                mounted = {"/etc/yardmaster/hadoop/" + i["path"] for i in v["configMap"].get("items", [])}
    admin = ym.get("autoscaler", {}).get("yarn-admin", {})
    for pool, spec in ym.get("node-pools", {}).items():
        cluster = spec.get("cluster")
        if cluster not in clusters:
            fail(f"site.yml: node pool {pool} names cluster {cluster!r}, not configured")
        target = admin.get(cluster, {})
        if not target.get("exclude-file"):
            fail(f"site.yml: cluster {cluster} has node pools but no yarn-admin exclude-file")
        if target.get("conf-dir") and target["conf-dir"] + "/yarn-site.xml" not in mounted:
            fail(f"site.yml: {cluster}'s conf-dir {target['conf-dir']} has no yarn-site.xml mounted")


def main(paths):
    problems = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            objects = [o for o in yaml.safe_load_all(f) if o]
        found = []
        check(objects, found)
        problems += [f"{path}: {p}" for p in found]
    for p in problems:
        print(p)
    print(f"[k8s] {len(paths)} overlay(s) checked, {len(problems)} problem(s)", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
