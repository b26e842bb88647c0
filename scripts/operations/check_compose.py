"""Checks a compose configuration as `docker-compose config` rendered it (merged, interpolated) for one
environment: the services that run (those of an inactive profile do not), the health checks and start order, every host path it mounts, what it
publishes, that Grafana's data sources are the ones the dashboards and exemplar links name, and that the
collector receives where Emporium sends and exports to Jaeger.

Usage: check_compose.py COMPOSE_FILE RENDERED_CONFIG ENVIRONMENT [--load]
"""

import sys
from pathlib import Path

import yaml

CORE = {"emporium", "postgres", "redis", "prometheus", "alertmanager", "grafana", "otel-collector", "jaeger"}


def main():
    rendered_from, rendered, environment = sys.argv[1:4]
    with_load = "--load" in sys.argv[4:]
    active_profiles = {"load"} if with_load else set()
    services = {
        name: service
        for name, service in yaml.safe_load(Path(rendered).read_text())["services"].items()
        if not service.get("profiles") or active_profiles & set(service["profiles"])
    }
    failures = []

    expected = set(CORE)
    expected |= {"mailpit"} if environment != "prod" else set()
    expected |= {"seed"} if environment == "staging" else set()
    expected |= {"emporium-load"} if with_load else set()
    if set(services) != expected:
        failures.append(f"services {sorted(services)}, expected {sorted(expected)}")

    emporium = services.get("emporium", {})
    if "/health/ready" not in " ".join(emporium.get("healthcheck", {}).get("test", [])):
        failures.append("emporium has no health check on /health/ready")
    for dependency in ("postgres", "redis"):
        if emporium.get("depends_on", {}).get(dependency, {}).get("condition") != "service_healthy":
            failures.append(f"emporium does not wait for a healthy {dependency}")
        if not services.get(dependency, {}).get("healthcheck"):
            failures.append(f"{dependency} has no health check")
    variables = emporium.get("environment", {})
    for name in ("EMPORIUM_DATABASE_URL", "EMPORIUM_REDIS_URL", "OTEL_EXPORTER_OTLP_ENDPOINT", "EMPORIUM_JWT_SECRET"):
        if not variables.get(name):
            failures.append(f"emporium has no {name}")
    if f"deployment.environment={environment}" not in variables.get("OTEL_RESOURCE_ATTRIBUTES", ""):
        failures.append(f"emporium's spans are not marked deployment.environment={environment}")

    for name, service in services.items():
        for volume in service.get("volumes", []):
            source = volume.get("source") if isinstance(volume, dict) else volume.split(":")[0]
            kind = volume.get("type") if isinstance(volume, dict) else ("bind" if source.startswith("/") else "volume")
            if kind == "bind" and not Path(source).exists():
                failures.append(f"{name} mounts {source}, which does not exist")
        published = [port for port in service.get("ports", [])]
        if environment == "prod" and published and name != "emporium":
            failures.append(f"prod publishes {name}'s ports {published}")

    mounts = " ".join(str(v) for v in services.get("prometheus", {}).get("volumes", []))
    if "alerts" not in mounts or "prometheus.yml" not in mounts:
        failures.append("prometheus does not mount compose/prometheus/prometheus.yml and alerts/")
    if "exemplar-storage" not in " ".join(services.get("prometheus", {}).get("command", [])):
        failures.append("prometheus does not store exemplars (--enable-feature=exemplar-storage)")
    if "dashboards" not in " ".join(str(v) for v in services.get("grafana", {}).get("volumes", [])):
        failures.append("grafana does not mount dashboards/")

    failures += check_grafana_provisioning(Path(rendered_from).parent / "grafana" / "provisioning")
    failures += check_collector(Path(rendered_from).parent / "otel-collector" / "config.yaml", variables)
    if failures:
        sys.exit("\n".join(f"compose ({environment}): FAIL: {f}" for f in failures))
    print(f"compose ({environment}{', load' if with_load else ''}): {len(services)} services as expected")


def check_grafana_provisioning(provisioning):
    """The dashboards' default data source uid and the exemplar link's target are provisioned."""
    sources = yaml.safe_load((Path(provisioning) / "datasources" / "datasources.yml").read_text())["datasources"]
    uids = {source["uid"]: source for source in sources}
    failures = []
    if uids.get("prometheus", {}).get("type") != "prometheus":
        failures.append("no Prometheus data source with uid prometheus (the dashboards' default)")
    for link in uids.get("prometheus", {}).get("jsonData", {}).get("exemplarTraceIdDestinations", []):
        if link.get("datasourceUid") not in uids:
            failures.append(f"exemplars link to the data source {link.get('datasourceUid')}, which is not provisioned")
    if not any(s["type"] == "jaeger" for s in sources):
        failures.append("no Jaeger data source for the exemplar links")
    return failures


def check_collector(config_path, emporium_environment):
    """The collector receives OTLP/HTTP where Emporium sends it and has a traces pipeline to Jaeger."""
    config = yaml.safe_load(Path(config_path).read_text())
    failures = []
    endpoint = config["receivers"]["otlp"]["protocols"]["http"]["endpoint"]
    sent_to = emporium_environment.get("OTEL_EXPORTER_OTLP_ENDPOINT", "")
    if not sent_to.endswith(":" + endpoint.rsplit(":", 1)[1]):
        failures.append(f"Emporium sends spans to {sent_to}, the collector listens on {endpoint}")
    pipeline = config["service"]["pipelines"]["traces"]
    for part in ("receivers", "processors", "exporters"):
        missing = [name for name in pipeline[part] if name not in config[part]]
        if missing:
            failures.append(f"the collector's traces pipeline names undefined {part}: {missing}")
    if not any(e.get("endpoint", "").startswith("jaeger:") for e in config["exporters"].values()):
        failures.append("the collector exports to no Jaeger")
    return failures


if __name__ == "__main__":
    main()
