"""Checks that every alert in alerts/ has severity, summary, description and a runbook_url pointing at its own
section of docs/OPERATIONS.md, that every such section belongs to an alert, and that every alert has a
promtool test case (alerts/tests/) naming it.

Usage: check_runbooks.py ALERTS_DIR OPERATIONS_MD
"""

import re
import sys
from pathlib import Path

import yaml


def main():
    alerts_dir, operations = Path(sys.argv[1]), Path(sys.argv[2])
    headings = {h.lower(): h for h in re.findall(r"^### (\w+)$", operations.read_text(), re.MULTILINE)}
    tests = "\n".join(path.read_text() for path in (alerts_dir / "tests").glob("*.test.yml"))
    failures, alerts = [], []
    for path in sorted(alerts_dir.glob("*.rules.yml")):
        for group in yaml.safe_load(path.read_text())["groups"]:
            for rule in (r for r in group["rules"] if "alert" in r):
                name = rule["alert"]
                alerts.append(name)
                annotations = rule.get("annotations", {})
                if rule.get("labels", {}).get("severity") not in ("page", "ticket"):
                    failures.append(f"{name}: severity must be page or ticket")
                for key in ("summary", "description", "runbook_url"):
                    if not annotations.get(key):
                        failures.append(f"{name}: no {key}")
                url = annotations.get("runbook_url", "")
                if url != f"docs/OPERATIONS.md#{name.lower()}" or name.lower() not in headings:
                    failures.append(f"{name}: runbook_url {url!r} is not a section of {operations}")
                if not re.search(rf"alertname: {name}\n\s+exp_alerts:\n\s+- exp_labels", tests):
                    failures.append(f"{name}: no promtool test in which it fires")
                if not re.search(rf"alertname: {name}(,|\n)\s*exp_alerts: \[\]", tests):
                    failures.append(f"{name}: no promtool test in which it stays quiet")
    for heading in set(headings) - {a.lower() for a in alerts}:
        failures.append(f"{operations}: the runbook {headings[heading]} has no alert")
    if failures:
        sys.exit("\n".join(f"runbooks: FAIL: {f}" for f in failures))
    print(f"runbooks: all {len(alerts)} alerts have a runbook section, annotations, and a firing and a quiet test")


if __name__ == "__main__":
    main()
