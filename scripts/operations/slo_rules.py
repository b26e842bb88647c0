"""Writes alerts/slo.rules.yml: the recording rules of Emporium's three SLOs and their multi-window,
multi-burn-rate alerts (REFERENCE.md; Google's SRE workbook, "Alerting on SLOs").

Every SLO is a ratio of bad events to all events. The rules record that ratio per window as
`slo:sli_error:ratio_rate<window>{slo="..."}`, the objective as `slo:objective:ratio`, and what is left of the
30-day error budget as `slo:error_budget_remaining:ratio`. Each SLO has a paging alert (2 % of the budget
in an hour, or 5 % in six) and a ticket (10 % in a day, or in three days at the rate that would spend it all).

Usage: python scripts/operations/slo_rules.py [OUTPUT]   (default alerts/slo.rules.yml)
"""

import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

# Runbooks are sections of docs/OPERATIONS.md, one per alert; the link is relative to the repository.
RUNBOOKS = "docs/OPERATIONS.md"
REQUESTS = "http_server_request_duration_seconds"
WINDOWS = ["5m", "30m", "1h", "2h", "6h", "1d", "3d", "30d"]


@dataclass
class SLO:
    """One objective: `bad` and `total` are PromQL expressions with `$window` where the range goes."""

    name: str
    alert: str
    objective: float
    title: str
    bad: str
    total: str

    def ratio(self, window):
        """Bad over total; with no bad event yet (no 5xx series at all) the ratio is 0, not missing."""
        return f"(\n  ({self.bad})\n  or\n  0 * ({self.total})\n)\n/\n({self.total})".replace("$window", window)


def latency_slo(name, alert, title, objective, selector, threshold):
    """An SLO whose bad events are requests slower than `threshold` seconds (a bucket bound)."""
    def rate(series, selector):
        return f"sum by (job) (rate({REQUESTS}_{series}{{{selector}}}[$window]))"

    return SLO(
        name=name,
        alert=alert,
        objective=objective,
        title=title,
        bad=rate("count", selector) + "\n-\n" + rate("bucket", f'{selector},le="{threshold}"'),
        total=rate("count", selector),
    )


SLOS = [
    SLO(
        name="api-availability",
        alert="APIAvailability",
        objective=0.999,
        title="99.9 % of /api/v1 requests answer without a server error (5xx), over 30 days",
        bad=f'sum by (job) (rate({REQUESTS}_count{{http_route=~"/api/v1/.+",http_response_status_code=~"5.."}}[$window]))',
        total=f'sum by (job) (rate({REQUESTS}_count{{http_route=~"/api/v1/.+"}}[$window]))',
    ),
    latency_slo(
        "checkout-latency",
        "CheckoutLatency",
        "99 % of checkouts (POST /api/v1/orders) answer within 300 ms, over 30 days",
        0.99,
        'http_request_method="POST",http_route="/api/v1/orders"',
        "0.3",
    ),
    latency_slo(
        "catalog-latency",
        "CatalogLatency",
        "95 % of catalog reads (GET /api/v1/products…, /api/v1/categories) answer within 100 ms, over 30 days",
        0.95,
        'http_request_method="GET",http_route=~"/api/v1/(products|categories).*"',
        "0.1",
    ),
]

# (severity, long window, short window, burn factor, budget spent when it fires)
BURN_RATES = {
    "page": [("1h", "5m", 14.4, "2 %"), ("6h", "30m", 6, "5 %")],
    "ticket": [("1d", "2h", 3, "10 %"), ("3d", "6h", 1, "10 %")],
}
ALERT_SUFFIX = {"page": "BudgetBurnFast", "ticket": "BudgetBurnSlow"}


def recording_rules(slo):
    rules = [{"record": "slo:objective:ratio", "expr": f"vector({slo.objective})", "labels": {"slo": slo.name}}]
    for window in WINDOWS:
        rules.append(
            {"record": f"slo:sli_error:ratio_rate{window}", "expr": slo.ratio(window), "labels": {"slo": slo.name}}
        )
    rules.append(
        {
            "record": "slo:error_budget_remaining:ratio",
            "expr": f'1 - slo:sli_error:ratio_rate30d{{slo="{slo.name}"}} / {1 - slo.objective:.4g}',
            "labels": {"slo": slo.name},
        }
    )
    return rules


def burn_alert(slo, severity):
    budget = 1 - slo.objective
    conditions = [
        f'(\n  slo:sli_error:ratio_rate{long}{{slo="{slo.name}"}} > {factor} * {budget:.4g}\n'
        f'  and\n  slo:sli_error:ratio_rate{short}{{slo="{slo.name}"}} > {factor} * {budget:.4g}\n)'
        for long, short, factor, _ in BURN_RATES[severity]
    ]
    name = slo.alert + ALERT_SUFFIX[severity]
    (first_long, _, _, first_spent), (second_long, _, _, second_spent) = BURN_RATES[severity]
    spending = f"{first_spent} of the 30-day error budget in {first_long}, or {second_spent} in {second_long}"
    return {
        "alert": name,
        "expr": "\nor\n".join(conditions),
        "for": "2m" if severity == "page" else "15m",
        "labels": {"severity": severity, "slo": slo.name},
        "annotations": {
            "summary": f"{slo.name}: the error budget burns too fast ({severity})",
            "description": (
                f"SLO: {slo.title}. On {{{{ $labels.job }}}}, a share of {{{{ printf \"%.4f\" $value }}}} of requests "
                f"were bad over the long window, where the objective allows {budget:.4g}: fast enough to spend "
                f"{spending}."
            ),
            "runbook_url": f"{RUNBOOKS}#{name.lower()}",
            "dashboard": "emporium-slo",
        },
    }


def rule_file():
    groups = []
    for slo in SLOS:
        groups.append({"name": f"slo-{slo.name}-recording", "rules": recording_rules(slo)})
        groups.append({"name": f"slo-{slo.name}-alerts", "rules": [burn_alert(slo, s) for s in BURN_RATES]})
    return {"groups": groups}


class _LiteralDumper(yaml.SafeDumper):
    """Writes multi-line strings (the PromQL expressions) as literal blocks, so the file reads like PromQL."""


_LiteralDumper.add_representer(
    str,
    lambda dumper, text: dumper.represent_scalar(
        "tag:yaml.org,2002:str", text, style="|" if "\n" in text else None
    ),
)

HEADER = """\
# Generated by scripts/operations/slo_rules.py from the SLOs defined there; edit that file and run
# `make operations`. `make test` checks this file is current, then runs promtool on it.
"""


def main():
    output = Path(sys.argv[1] if len(sys.argv) > 1 else "alerts/slo.rules.yml")
    text = yaml.dump(rule_file(), Dumper=_LiteralDumper, sort_keys=False, width=120, allow_unicode=True)
    output.write_text(HEADER + text)


if __name__ == "__main__":
    main()
