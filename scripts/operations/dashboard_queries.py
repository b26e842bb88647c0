"""The PromQL that Grafana dashboards run: every panel target and every `label_values(...)` variable query."""

import json
import re
from pathlib import Path

_LABEL_VALUES = re.compile(r"label_values\((.*),\s*\w+\)\s*$")


def dashboard_expressions(directory):
    """(`file: panel or variable`, expression) for every query of every dashboard in `directory`."""
    for path in sorted(Path(directory).glob("*.json")):
        board = json.loads(path.read_text())
        for panel in board["panels"]:
            for query in panel.get("targets", []):
                yield f"{path.name}: {panel['title']}", query["expr"]
        for variable in board["templating"]["list"]:
            if variable["type"] == "query":
                match = _LABEL_VALUES.match(variable["definition"])
                if match:
                    yield f"{path.name}: ${variable['name']}", match.group(1)
