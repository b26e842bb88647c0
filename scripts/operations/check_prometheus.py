"""Checks a live Prometheus that scrapes Emporium under load with the repository's rules:

- the Emporium target is up, and emporium-load's was while it ran;
- every recording rule of alerts/ produces series (each `record` with its `slo` label);
- every metric name that a rule or a dashboard panel reads is one Prometheus has scraped, so no panel stays
  empty and no alert stays blind because of a misspelt or missing metric;
- every dashboard query, with Grafana's variables filled in as "All" would, is PromQL that Prometheus accepts.

Usage: check_prometheus.py PROMETHEUS_URL ALERTS_DIR DASHBOARDS_DIR
"""

import json
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import yaml

from dashboard_queries import dashboard_expressions
from promql_names import metric_names


def api(base, path, **parameters):
    url = f"{base}/api/v1/{path}"
    if parameters:
        url += "?" + urllib.parse.urlencode(parameters)
    with urllib.request.urlopen(url, timeout=10) as response:
        answer = json.load(response)
    if answer.get("status") != "success":
        sys.exit(f"prometheus: {path} answered {answer}")
    return answer["data"]


GRAFANA_VARIABLES = {"$__rate_interval": "1m", "$job": ".*", "$instance": ".*", "$route": ".*", "$scenario": ".*"}


def as_grafana_runs_it(expression):
    """The expression with the dashboard variables filled in, all values selected."""
    for variable, value in GRAFANA_VARIABLES.items():
        expression = expression.replace(variable, value)
    return expression


def rules(alerts_dir):
    for path in sorted(Path(alerts_dir).glob("*.rules.yml")):
        for group in yaml.safe_load(path.read_text())["groups"]:
            for rule in group["rules"]:
                yield path.name, rule


def main():
    base, alerts_dir, dashboards_dir = sys.argv[1:4]
    failures = []

    up = api(base, "query", query='up{job="emporium"}')["result"]
    if not up or any(sample["value"][1] != "1" for sample in up):
        failures.append(f"the emporium target is not up: {up}")
    if not api(base, "query", query='max_over_time(up{job="emporium-load"}[10m]) == 1')["result"]:
        failures.append("the emporium-load target was never scraped while the load ran")

    recorded = set()
    recording_rules = 0
    uses = {}  # metric name -> where it is read
    for file, rule in rules(alerts_dir):
        if "record" in rule:
            recorded.add(rule["record"])
            recording_rules += 1
            selector = rule["record"] + "".join(
                f'{{{name}="{value}"}}' for name, value in rule.get("labels", {}).items()
            )
            if not api(base, "query", query=selector)["result"]:
                failures.append(f"{file}: the recording rule {selector} produced no series")
        for name in metric_names(rule["expr"]):
            uses.setdefault(name, f"{file}: {rule.get('alert') or rule.get('record')}")
    panels_with_data = queries = 0
    for where, expression in dashboard_expressions(dashboards_dir):
        queries += 1
        for name in metric_names(expression):
            uses.setdefault(name, where)
        try:
            panels_with_data += bool(api(base, "query", query=as_grafana_runs_it(expression))["result"])
        except urllib.error.HTTPError as error:
            failures.append(f"{where}: Prometheus rejects the query: {error.read().decode()[:300]}")

    scraped = set(api(base, "label/__name__/values"))
    for name, where in sorted(uses.items()):
        if name not in scraped and name not in recorded:
            failures.append(f"{where} reads {name}, which the running Emporium does not expose")

    if failures:
        print("\n".join(f"prometheus: FAIL: {failure}" for failure in failures), file=sys.stderr)
        sys.exit(1)
    dashboards = len({where.split(":")[0] for where, _ in dashboard_expressions(dashboards_dir)})
    print(
        f"prometheus: target up; all {recording_rules} recording rules produce series; all {len(uses)} metric names "
        f"read by the rules and {dashboards} dashboards are exposed by the running Emporium and emporium-load; "
        f"Prometheus accepts all {queries} dashboard queries, {panels_with_data} of them have data now"
    )


if __name__ == "__main__":
    main()
