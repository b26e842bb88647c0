"""Parses Prometheus text 0.0.4 and OpenMetrics 1.0 output with the prometheus_client reference parsers.

Usage: check_metrics.py DIR
DIR holds fixture.prom / fixture.om (written by the Swift tests: escaping, exemplars, every kind) and
scrape.prom / scrape.om (scraped from a running `emporium serve`).
"""
import pathlib
import sys

from prometheus_client.openmetrics.parser import text_string_to_metric_families as parse_openmetrics
from prometheus_client.parser import text_string_to_metric_families as parse_text

AWKWARD_PATH = 'C:\\dir\\"quoted"\nnext'
TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"


def fail(message):
    print(f"check_metrics: FAIL: {message}")
    sys.exit(1)


def families(parser, path):
    try:
        return {family.name: family for family in parser(path.read_text())}
    except Exception as error:  # the parsers raise ValueError and friends on malformed input
        fail(f"{path.name}: {error}")


def check_fixture_text(path):
    parsed = families(parse_text, path)
    escapes = parsed.get("escapes")
    if escapes is None or escapes.samples[0].labels["path"] != AWKWARD_PATH:
        fail(f"{path.name}: the escaped label value did not round-trip: {escapes and escapes.samples[0].labels}")
    if 'a newline and "quotes"' not in escapes.documentation:
        fail(f"{path.name}: HELP text did not round-trip: {escapes.documentation!r}")
    if parsed["unicode"].samples[0].labels["name"] != "café ☕":
        fail(f"{path.name}: UTF-8 label value did not round-trip")
    return len(parsed)


def check_fixture_openmetrics(path):
    parsed = families(parse_openmetrics, path)
    if parsed["escapes"].samples[0].labels["path"] != AWKWARD_PATH:
        fail(f"{path.name}: the escaped label value did not round-trip")
    exemplars = [s.exemplar for f in parsed.values() for s in f.samples if s.exemplar]
    if not any(e.labels.get("trace_id") == TRACE_ID for e in exemplars):
        fail(f"{path.name}: no exemplar carries trace_id {TRACE_ID}")
    kinds = {f.name: f.type for f in parsed.values()}
    if kinds.get("orders") != "counter" or kinds.get("request_duration_seconds") != "histogram":
        fail(f"{path.name}: unexpected family types {kinds}")
    return len(parsed), len(exemplars)


def check_scrape(path, parser):
    parsed = families(parser, path)
    for required in ("http_server_request_duration_seconds", "process_resident_memory_bytes", "emporium_build_info"):
        if required not in parsed:
            fail(f"{path.name}: family {required} is missing (have {sorted(parsed)})")
    return len(parsed)


def main(directory):
    directory = pathlib.Path(directory)
    text_families = check_fixture_text(directory / "fixture.prom")
    om_families, exemplars = check_fixture_openmetrics(directory / "fixture.om")
    scraped_text = check_scrape(directory / "scrape.prom", parse_text)
    scraped_om = check_scrape(directory / "scrape.om", parse_openmetrics)
    print(f"check_metrics: fixtures parsed ({text_families} text families, {om_families} OpenMetrics families, "
          f"{exemplars} exemplars); live scrape parsed ({scraped_text} text, {scraped_om} OpenMetrics families)")


if __name__ == "__main__":
    main(sys.argv[1])
