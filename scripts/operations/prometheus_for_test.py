"""Writes a test copy of compose/prometheus/prometheus.yml: the same rules and jobs, with the Emporium job
scraping TARGET, the emporium-load job LOAD_TARGET, Prometheus scraping itself on its own PORT, rule files read from RULES_DIR, every interval 1 s
(so rules and alerts move within a short test) and no Alertmanager (the test reads alerts from Prometheus' API).

Usage: prometheus_for_test.py SOURCE DESTINATION TARGET LOAD_TARGET PORT RULES_DIR
"""

import sys
from pathlib import Path

import yaml


def main():
    source, destination, target, load_target, port, rules = sys.argv[1:7]
    config = yaml.safe_load(Path(source).read_text())
    config["global"].update(scrape_interval="1s", scrape_timeout="900ms", evaluation_interval="1s")
    config["rule_files"] = [str(Path(rules).resolve() / Path(pattern).name) for pattern in config["rule_files"]]
    config.pop("alerting", None)
    targets = {"emporium": target, "emporium-load": load_target, "prometheus": f"127.0.0.1:{port}"}
    jobs = [job for job in config["scrape_configs"] if job["job_name"] in targets]
    if {job["job_name"] for job in jobs} != set(targets):
        sys.exit(f"{source}: expected the scrape jobs {sorted(targets)}, found {[j['job_name'] for j in jobs]}")
    for job in jobs:
        job.pop("scrape_interval", None)
        job["static_configs"] = [{"targets": [targets[job["job_name"]]]}]
    config["scrape_configs"] = jobs
    Path(destination).write_text(yaml.safe_dump(config, sort_keys=False))


if __name__ == "__main__":
    main()
