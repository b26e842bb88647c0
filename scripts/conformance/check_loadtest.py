"""Checks an emporium-load output directory with reference readers.

Usage: check_loadtest.py RUN_DIR JUNIT_XSD [--merged-from RUN_DIR...]

- latency.hlog is read by the HdrHistogram Python package's log reader (hdrh): every interval decodes, the
  histograms from the intended start count exactly the requests of summary.json, and their p50/p95/p99 agree
  with it. With --merged-from, the merged log's histograms equal the sum of the runs' histograms.
- junit.xml validates against the Surefire/Jenkins JUnit schema (xmlschema) and junitparser reads one test case
  per budget of summary.json, failed exactly where the budget broke.
"""
import json
import pathlib
import sys
from collections import defaultdict

import junitparser
import xmlschema
from hdrh.histogram import HdrHistogram
from hdrh.log import HistogramLogReader

# Microseconds, as emporium-load records them: 1 µs to an hour, three significant digits.
LOWEST, HIGHEST, DIGITS = 1, 3_600_000_000, 3


def fail(message):
    print(f"check_loadtest: FAIL: {message}")
    sys.exit(1)


def read_log(path):
    """The log's histograms added up per tag."""
    reader = HistogramLogReader(str(path), HdrHistogram(LOWEST, HIGHEST, DIGITS))
    by_tag = {}
    intervals = 0
    while (histogram := reader.get_next_interval_histogram()) is not None:
        intervals += 1
        tag = histogram.get_tag()
        if tag is None:
            fail(f"{path}: an interval without a tag")
        total = by_tag.setdefault(tag, HdrHistogram(LOWEST, HIGHEST, DIGITS))
        total.add(histogram)
    data_lines = sum(1 for line in path.read_text().splitlines() if line.startswith("Tag="))
    if intervals != data_lines:
        fail(f"{path}: hdrh read {intervals} of {data_lines} interval lines")
    return by_tag


def corrected_total(by_tag):
    total = HdrHistogram(LOWEST, HIGHEST, DIGITS)
    for tag, histogram in by_tag.items():
        if tag.startswith("c/"):
            total.add(histogram)
    return total


def check_log(run, summary):
    by_tag = read_log(run / "latency.hlog")
    total = corrected_total(by_tag)
    requests = summary["requests"]["total"]
    if total.get_total_count() != requests:
        fail(f"latency.hlog counts {total.get_total_count()} requests, summary.json {requests}")
    # Implementations round the rank of a percentile differently (hdrh to the nearest sample, HdrHistogram's
    # Java and Swift versions up), so the reported value must lie within one sample of hdrh's.
    one_sample = 100 / requests
    for percentile in (50, 95, 99):
        low = total.get_value_at_percentile(max(percentile - one_sample, 0)) / 1000
        high = total.get_value_at_percentile(min(percentile + one_sample, 100)) / 1000
        reported = summary["latency_ms"][f"p{percentile}"]
        if not low - 0.001 <= reported <= high + 0.001:
            fail(f"p{percentile}: summary.json says {reported} ms, hdrh reads {low}..{high} ms from latency.hlog")
    print(f"hdrhistogram: latency.hlog decodes, {len(by_tag)} series, {requests} requests, "
          f"p95 {total.get_value_at_percentile(95) / 1000} ms as in summary.json")
    return by_tag


def check_merge(merged, runs):
    added = defaultdict(lambda: HdrHistogram(LOWEST, HIGHEST, DIGITS))
    for run in runs:
        for tag, histogram in read_log(run / "latency.hlog").items():
            added[tag].add(histogram)
    if set(added) != set(merged):
        fail(f"merged tags {sorted(merged)} differ from the runs' {sorted(added)}")
    for tag, histogram in merged.items():
        expected = added[tag]
        if histogram.get_total_count() != expected.get_total_count() or \
                histogram.encode() != expected.encode():
            fail(f"{tag}: the merged histogram is not the sum of the runs' histograms")
    print(f"hdrhistogram: the merged log is exactly the sum of {len(runs)} runs' logs ({len(merged)} series)")


def check_junit(run, summary, schema_path):
    schema = xmlschema.XMLSchema(str(schema_path))
    try:
        schema.validate(str(run / "junit.xml"))
    except xmlschema.XMLSchemaValidationError as error:
        fail(f"junit.xml does not validate against {schema_path.name}: {error.reason} at {error.path}")
    report = junitparser.JUnitXml.fromfile(str(run / "junit.xml"))
    cases = [case for suite in report for case in suite]
    budgets = summary["budgets"]
    if [case.name for case in cases] != [budget["expression"] for budget in budgets]:
        fail(f"junit.xml test cases {[case.name for case in cases]} are not the budgets")
    for case, budget in zip(cases, budgets):
        if case.is_passed != budget["passed"]:
            fail(f"{case.name}: junit.xml says passed={case.is_passed}, summary.json {budget['passed']}")
    broken = sum(not budget["passed"] for budget in budgets)
    print(f"junit: junit.xml valid against {schema_path.name}; {len(cases)} test cases, {broken} failed, "
          f"as summary.json")


def main():
    run, schema = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    summary = json.loads((run / "summary.json").read_text())
    by_tag = check_log(run, summary)
    check_junit(run, summary, schema)
    if len(sys.argv) > 3 and sys.argv[3] == "--merged-from":
        check_merge(by_tag, [pathlib.Path(path) for path in sys.argv[4:]])


if __name__ == "__main__":
    main()
