"""Checks what kustomize rendered for one overlay (or the load-test Job) beyond the API schema, which
kubernetes-validate has checked: that the objects refer to each other correctly and that each pod is fit to run.

- every container has resource requests and limits, runs as non-root, and a shop container has readiness and
  liveness probes on /health/ready and /health/live;
- the Service, PodDisruptionBudget and HorizontalPodAutoscaler select or target the Deployment's pods, and the
  PDB leaves room to drain (minAvailable below the smallest replica count);
- ConfigMaps a pod reads are in the output; Secrets it reads are named (they are created apart);
- an Indexed Job has as many completions as the segments its generators are told (`--segment k/N`).

Usage: check_kubernetes.py RENDERED.yaml NAME
"""

import re
import sys
from pathlib import Path

import yaml


def containers(workload):
    return workload["spec"]["template"]["spec"]["containers"]


def check_pod(name, pod_spec, failures, is_server):
    security = pod_spec.get("securityContext", {})
    for container in pod_spec["containers"]:
        where = f"{name}/{container['name']}"
        resources = container.get("resources", {})
        if not resources.get("requests") or not resources.get("limits"):
            failures.append(f"{where}: no resource requests and limits")
        if not (security.get("runAsNonRoot") or container.get("securityContext", {}).get("runAsNonRoot")):
            failures.append(f"{where}: may run as root")
        if is_server:
            for probe, path in (("readinessProbe", "/health/ready"), ("livenessProbe", "/health/live")):
                if container.get(probe, {}).get("httpGet", {}).get("path") != path:
                    failures.append(f"{where}: no {probe} on {path}")


def main():
    rendered, name = sys.argv[1], sys.argv[2]
    objects = [o for o in yaml.safe_load_all(Path(rendered).read_text()) if o]
    by_kind = {}
    for o in objects:
        by_kind.setdefault(o["kind"], []).append(o)
    failures = []
    config_maps = {o["metadata"]["name"] for o in by_kind.get("ConfigMap", [])}
    secrets_read = set()

    for deployment in by_kind.get("Deployment", []):
        pod_labels = deployment["spec"]["template"]["metadata"]["labels"]
        check_pod(f"Deployment {deployment['metadata']['name']}", deployment["spec"]["template"]["spec"], failures, True)
        replicas = deployment["spec"].get("replicas", 1)
        for service in by_kind.get("Service", []):
            if not set(service["spec"]["selector"].items()) <= set(pod_labels.items()):
                failures.append(f"Service {service['metadata']['name']} does not select the Deployment's pods")
        for pdb in by_kind.get("PodDisruptionBudget", []):
            if not set(pdb["spec"]["selector"]["matchLabels"].items()) <= set(pod_labels.items()):
                failures.append(f"PodDisruptionBudget {pdb['metadata']['name']} does not select the Deployment's pods")
            floor = min([replicas] + [h["spec"]["minReplicas"] for h in by_kind.get("HorizontalPodAutoscaler", [])])
            if pdb["spec"].get("minAvailable", 0) >= floor and floor > 0:
                failures.append(f"PodDisruptionBudget minAvailable {pdb['spec']['minAvailable']} blocks every drain of {floor} pods")
        for hpa in by_kind.get("HorizontalPodAutoscaler", []):
            target = hpa["spec"]["scaleTargetRef"]
            if (target["kind"], target["name"]) != ("Deployment", deployment["metadata"]["name"]):
                failures.append(f"HorizontalPodAutoscaler {hpa['metadata']['name']} targets {target}")
        for container in containers(deployment):
            for source in container.get("envFrom", []):
                if "configMapRef" in source and source["configMapRef"]["name"] not in config_maps:
                    failures.append(f"the ConfigMap {source['configMapRef']['name']} is not in the output")
            for variable in container.get("env", []):
                reference = variable.get("valueFrom", {}).get("secretKeyRef")
                if reference:
                    secrets_read.add(f"{reference['name']}/{reference['key']}")

    for job in by_kind.get("Job", []):
        spec = job["spec"]
        check_pod(f"Job {job['metadata']['name']}", spec["template"]["spec"], failures, False)
        if spec.get("completionMode") == "Indexed":
            arguments = " ".join(" ".join(c.get("args", [])) for c in containers(job))
            segments = {int(n) for n in re.findall(r"--segment [^/]*/(\d+)", arguments)}
            if segments != {spec["completions"]}:
                failures.append(f"Job {job['metadata']['name']}: {spec['completions']} completions, segments of {segments}")

    if failures:
        sys.exit("\n".join(f"kubernetes ({name}): FAIL: {f}" for f in failures))
    kinds = ", ".join(f"{len(v)} {k}" for k, v in sorted(by_kind.items()))
    secrets = f"; reads the Secret keys {', '.join(sorted(secrets_read))}" if secrets_read else ""
    print(f"kubernetes ({name}): {kinds}{secrets}")


if __name__ == "__main__":
    main()
