"""Writes Emporium's Grafana dashboards into dashboards/: service overview, checkout and business, SLOs and
error budgets, dependencies, telemetry self-health, and a running load test. Compose provisions them; `make test` checks that the
files are current and that every metric they read is exposed by a running Emporium.

Usage: python scripts/operations/dashboards.py [OUTPUT_DIR]   (default dashboards/)
"""

import json
import sys
from pathlib import Path

from grafana import SELECTOR, dashboard, query_variable, row, stat, target, timeseries, variables
from slo_rules import SLOS

HTTP = "http_server_request_duration_seconds"
RATE = "[$__rate_interval]"


def rate(metric, matchers="", by=""):
    grouping = f"sum by ({by}) " if by else "sum "
    extra = f",{matchers}" if matchers else ""
    return f"{grouping}(rate({metric}{{{SELECTOR}{extra}}}{RATE}))"


def ratio(numerator, denominator):
    return numerator + "\n/\n" + denominator


SERVER_ERROR = 'http_response_status_code=~"5.."'
HIT = 'result="hit"'
PAYMENT_ERROR = 'outcome="error"'


def quantile(q, histogram, matchers="", by=""):
    grouping = f"le,{by}" if by else "le"
    return f"histogram_quantile({q}, {rate(histogram + '_bucket', matchers, grouping)})"


def overview():
    route = 'http_route=~"$route"'
    return dashboard(
        "emporium-overview",
        "Emporium · Service overview",
        "Is the shop healthy, and if not, where: rate, errors and latency per route (RED), then the process.",
        [
            row("Requests (RED per route)"),
            timeseries("Requests per second by route", [target(rate(f"{HTTP}_count", route, "http_route"), "{{http_route}}")], "reqps"),
            timeseries(
                "Server errors (5xx) by route",
                [target(ratio(rate(f"{HTTP}_count", f"{route},{SERVER_ERROR}", "http_route"), rate(f"{HTTP}_count", route, "http_route")), "{{http_route}}")],
                "percentunit",
                "Share of each route's answers that were 5xx. A user's mistake is a 4xx and is not counted here.",
                thresholds={0.01: "orange", 0.05: "red"},
            ),
            timeseries("p95 latency by route", [target(quantile(0.95, HTTP, route, "http_route"), "{{http_route}}", exemplar=True)], "s",
                       "Points with a diamond are exemplars: click one to open its trace.", width=12),
            timeseries(
                "Latency p50 / p95 / p99 (selected routes)",
                [target(quantile(q, HTTP, route), f"p{int(q * 100)}", exemplar=True) for q in (0.5, 0.95, 0.99)],
                "s",
                width=12,
            ),
            timeseries("Client errors (4xx) by status", [target(rate(f"{HTTP}_count", route + ',http_response_status_code=~"4.."', "http_response_status_code"), "{{http_response_status_code}}")], "reqps", width=12),
            timeseries("Requests in flight", [target(f"sum by (http_request_method) (http_server_active_requests{{{SELECTOR}}})", "{{http_request_method}}")], width=12),
            row("Process"),
            stat("Scrape target up", [target(f'min(up{{job=~"$job",instance=~"$instance"}})')], thresholds={0: "red", 1: "green"},
                 mappings=[{"type": "value", "options": {"0": {"text": "down"}, "1": {"text": "up"}}}]),
            stat("Readiness checks passing", [target(f"min by (check) (emporium_readiness_check_up{{{SELECTOR}}})", "{{check}}")],
                 thresholds={0: "red", 1: "green"}, mappings=[{"type": "value", "options": {"0": {"text": "failing"}, "1": {"text": "ok"}}}]),
            stat("Version", [target(f"count by (version) (emporium_build_info{{{SELECTOR}}})", "{{version}}")]),
            stat("Uptime", [target(f"min(time() - process_start_time_seconds{{{SELECTOR}}})")], "s"),
            timeseries("CPU (cores)", [target(f"rate(process_cpu_seconds_total{{{SELECTOR}}}{RATE})", "{{instance}}")], width=8),
            timeseries("Resident memory", [target(f"process_resident_memory_bytes{{{SELECTOR}}}", "{{instance}}")], "bytes", width=8),
            timeseries("Open file descriptors (share of the limit)", [target(f"process_open_fds{{{SELECTOR}}} / process_max_fds{{{SELECTOR}}}", "{{instance}}")], "percentunit", width=8),
        ],
        variables(query_variable("route", "Route", f'label_values({HTTP}_count{{job=~"$job"}}, http_route)')),
    )


def business():
    per_minute = " * 60"
    return dashboard(
        "emporium-business",
        "Emporium · Checkout and business",
        "Orders, revenue and payments as the shop counts them, with what stands in a buyer's way.",
        [
            row("Orders"),
            timeseries("Orders per minute", [target(rate("emporium_orders_placed_total") + per_minute, "orders")], width=8),
            timeseries("Revenue per minute", [target(rate("emporium_order_value_sum") + per_minute + " / 100", "revenue")], "currencyUSD",
                       "Order totals placed, in the shop's currency (the metric counts minor units).", width=8),
            timeseries("Average order value", [target(ratio(rate("emporium_order_value_sum"), rate("emporium_order_value_count")) + " / 100", "average")], "currencyUSD", width=8),
            timeseries("Checkout duration p50 / p95 / p99",
                       [target(quantile(q, "emporium_checkout_duration_seconds"), f"p{int(q * 100)}", exemplar=True) for q in (0.5, 0.95, 0.99)],
                       "s", "From request to committed order, payment included.", thresholds={0.3: "red"}),
            timeseries("Stock conflicts per minute", [target(rate("emporium_stock_conflicts_total") + per_minute, "out of stock")],
                       description="Checkouts refused because another buyer took the last items."),
            row("Payments"),
            timeseries("Payment attempts by outcome", [target(rate("emporium_payments_total", by="outcome"), "{{outcome}}")], "ops", stack=True),
            timeseries("Payment provider errors",
                       [target(ratio(rate("emporium_payments_total", PAYMENT_ERROR), rate("emporium_payments_total")), "error share")],
                       "percentunit", "Attempts the provider failed (unreachable, 5xx, timeout); declines are the card's answer and not counted.",
                       thresholds={0.1: "red"}),
            row("Carts and promotions"),
            timeseries("Cart operations by kind", [target(rate("emporium_cart_operations_total", by="op"), "{{op}}")], "ops"),
            timeseries("Promo redemptions per minute by code", [target(rate("emporium_promo_redemptions_total", by="code") + per_minute, "{{code}}")]),
            timeseries("Injected faults", [target(f"max by (fault) (emporium_fault_active{{{SELECTOR}}})", "{{fault}}")],
                       description="1 while an operator's fault (admin API) is on: read the other panels with it in mind.", width=24, height=5),
        ],
        variables(),
    )


def slo_panels(slo):
    budget = 1 - slo.objective
    selector = f'slo="{slo.name}",job=~"$job"'
    return [
        row(f"{slo.name}: {slo.title}"),
        stat("Error budget left (30 days)", [target(f"min(slo:error_budget_remaining:ratio{{{selector}}})")], "percentunit",
             "1 is untouched, 0 spent, below 0 overspent.", thresholds={-1000: "red", 0: "orange", 0.25: "green"}),
        stat("SLI over 30 days", [target(f"1 - max(slo:sli_error:ratio_rate30d{{{selector}}})")], "percentunit",
             f"Objective {slo.objective:.4g}.", thresholds={-1: "red", slo.objective: "green"}),
        timeseries(
            "Burn rate by window",
            [target(f"max(slo:sli_error:ratio_rate{window}{{{selector}}}) / {budget:.4g}", window) for window in ("5m", "1h", "6h", "1d", "3d")],
            description="How many times faster than the objective allows the budget burns. Pages at 14.4 (1h and 5m) or 6 "
            "(6h and 30m), tickets at 3 (1d and 2h) or 1 (3d and 6h).",
            width=12,
            thresholds={1: "yellow", 3: "orange", 6: "red", 14.4: "purple"},
        ),
    ]


def slos():
    panels = []
    for slo in SLOS:
        panels += slo_panels(slo)
    return dashboard(
        "emporium-slo",
        "Emporium · SLOs and error budgets",
        "The three SLOs of alerts/slo.rules.yml: what is left of each 30-day budget and how fast it burns.",
        panels,
        variables(),
    )


def dependencies():
    return dashboard(
        "emporium-dependencies",
        "Emporium · Dependencies",
        "Database, Redis, cache, payment provider and outbox: which one makes the shop slow or unready.",
        [
            row("Databases (SQLite, PostgreSQL, Redis)"),
            timeseries("Query p95 by system and operation",
                       [target(quantile(0.95, "emporium_db_query_duration_seconds", by="db_system,db_operation"), "{{db_system}} {{db_operation}}", exemplar=True)], "s"),
            timeseries("Queries per second by system and table", [target(rate("emporium_db_query_duration_seconds_count", by="db_system,db_collection"), "{{db_system}} {{db_collection}}")], "ops"),
            timeseries("Calls in flight (pool use)", [target(f"sum by (db_system) (emporium_db_calls_in_flight{{{SELECTOR}}})", "{{db_system}}")],
                       description="Queries and transactions running now; near the pool's size, callers wait for a connection.", width=8),
            timeseries("Readiness checks", [target(f"min by (check) (emporium_readiness_check_up{{{SELECTOR}}})", "{{check}}")],
                       description="1 passing, 0 failing; Redis is not critical (the shop degrades without it).", width=8),
            timeseries("Cache hit ratio", [target(ratio(rate("emporium_cache_requests_total", HIT, "cache"), rate("emporium_cache_requests_total", by="cache")), "{{cache}}")],
                       "percentunit", width=8),
            timeseries("Cache lookups by result", [target(rate("emporium_cache_requests_total", by="cache,result"), "{{cache}} {{result}}")], "ops",
                       "`error`: Redis did not answer and the page came from the database."),
            timeseries("Payment provider p95 by operation",
                       [target(quantile(0.95, "emporium_payment_gateway_duration_seconds", by="operation"), "{{operation}}", exemplar=True)], "s"),
            timeseries("Payment provider calls by result", [target(rate("emporium_payment_gateway_duration_seconds_count", by="operation,result"), "{{operation}} {{result}}")], "ops"),
            row("Outbox (notifications, mail, event stream)"),
            timeseries("Outbox backlog", [target(f"max(emporium_outbox_pending{{{SELECTOR}}})", "pending events")]),
            timeseries("Oldest undelivered event", [target(f"max(emporium_outbox_oldest_age_seconds{{{SELECTOR}}})", "age")], "s", thresholds={300: "red"}),
        ],
        variables(),
    )


def telemetry():
    return dashboard(
        "emporium-telemetry",
        "Emporium · Telemetry self-health",
        "Whether the traces reach the collector: spans exported, dropped and failed exports.",
        [
            timeseries("Spans exported per second", [target(rate("telemetry_spans_exported_total"), "exported")], "ops"),
            timeseries("Spans dropped per second by reason", [target(rate("telemetry_spans_dropped_total", by="reason"), "{{reason}}")], "ops",
                       "queue_full: more spans than the exporter sends; export_failed: the collector refused or was unreachable; rejected: "
                       "the collector said so in a partial success.", thresholds={0.0001: "red"}),
            timeseries("Export failures per second by reason", [target(rate("telemetry_export_failures_total", by="reason"), "{{reason}}")], "ops",
                       "An HTTP status from the collector, or transport (unreachable, timeout).", thresholds={0.0001: "red"}),
            timeseries("Requests traced per second", [target(rate(f"{HTTP}_count"), "requests")], "reqps",
                       "Every request starts a trace; compare with spans exported (a request has several)."),
        ],
        variables(),
    )


def load_test():
    scenario = 'scenario=~"$scenario"'
    return dashboard(
        "emporium-load",
        "Emporium · Load test",
        "A running emporium-load (--metrics-address): what it sends, what fails, and latency from each request's "
        "intended start (corrected for coordinated omission), beside the shop's own dashboards.",
        [
            timeseries("Requests per second by scenario", [target(rate("emporium_load_requests_total", scenario, "scenario"), "{{scenario}}")], "reqps"),
            timeseries("Answers by status class", [target(rate("emporium_load_requests_total", scenario, "status_class"), "{{status_class}}")], "reqps", stack=True),
            timeseries("Latency p95 by step (last second)",
                       [target(f'max by (scenario, step) (emporium_load_latency_seconds{{{SELECTOR},{scenario},quantile="0.95"}})', "{{scenario}} {{step}}")],
                       "s", "From the moment the request was due, so a stalled server shows even when the generator waited."),
            timeseries("Latency p99 by step (last second)",
                       [target(f'max by (scenario, step) (emporium_load_latency_seconds{{{SELECTOR},{scenario},quantile="0.99"}})', "{{scenario}} {{step}}")], "s"),
            timeseries("Failures per second by kind", [target(rate("emporium_load_failures_total", scenario, "kind"), "{{kind}}")], "ops",
                       "timeout, connect_refused, reset, http_error, check_failed, missing_variable.", thresholds={0.0001: "red"}),
            timeseries("Active virtual users and dropped iterations",
                       [target(f"sum(emporium_load_active_vus{{{SELECTOR}}})", "active VUs"),
                        target(rate("emporium_load_dropped_iterations_total", scenario) + " * 60", "dropped per minute")],
                       description="Drops mean the generator had no free virtual user: raise max_vus, or the target is too slow."),
        ],
        variables(query_variable("scenario", "Scenario", 'label_values(emporium_load_requests_total{job=~"$job"}, scenario)'),
                  identity="emporium_load_active_vus"),
    )


DASHBOARDS = [overview, business, slos, dependencies, telemetry, load_test]


def main():
    output = Path(sys.argv[1] if len(sys.argv) > 1 else "dashboards")
    output.mkdir(parents=True, exist_ok=True)
    for build in DASHBOARDS:
        board = build()
        path = output / f"{board['uid'].removeprefix('emporium-')}.json"
        path.write_text(json.dumps(board, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
