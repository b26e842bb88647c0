"""Opens an emporium-load report.html in headless Chromium and checks what it rendered.

Usage: check_report.py REPORT_HTML SCREENSHOT_PNG

Chromium loads the file with the network switched off (a self-contained report needs none), dumps the DOM it
built and takes a screenshot. The DOM must hold the four charts, each with drawn lines (or a "no samples"
note), the budget table with a row per budget of summary.json, and no scripts.
"""
import json
import pathlib
import subprocess
import sys
from html.parser import HTMLParser

CHROMIUM = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>"]


def fail(message):
    print(f"check_report: FAIL: {message}")
    sys.exit(1)


class RenderedReport(HTMLParser):
    """Counts the charts, their drawn shapes, budget rows and scripts of the DOM Chromium dumped."""

    def __init__(self):
        super().__init__()
        self.charts = []  # per chart: shapes drawn, and whether it says "no samples"
        self.in_chart = False
        self.in_budgets = False
        self.budget_rows = 0
        self.scripts = 0
        self.headings = []
        self.in_heading = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "svg" and "chart" in attributes.get("class", ""):
            self.charts.append({"shapes": 0, "empty": False})
            self.in_chart = True
        elif tag in ("polyline", "circle") and self.in_chart:
            self.charts[-1]["shapes"] += 1
        elif tag == "script":
            self.scripts += 1
        elif tag == "h2":
            self.in_heading = True
        elif tag == "tr" and self.in_budgets:
            self.budget_rows += 1

    def handle_endtag(self, tag):
        if tag == "svg":
            self.in_chart = False
        elif tag == "h2":
            self.in_heading = False
        elif tag == "table":
            self.in_budgets = False

    def handle_data(self, data):
        if self.in_chart and data.strip() == "no samples":
            self.charts[-1]["empty"] = True
        if self.in_heading:
            self.headings.append(data.strip())
            self.in_budgets = data.strip() == "Budgets"


def main():
    report, screenshot = pathlib.Path(sys.argv[1]).resolve(), pathlib.Path(sys.argv[2]).resolve()
    summary = json.loads((report.parent / "summary.json").read_text())
    url = report.as_uri()
    dom = subprocess.run(CHROMIUM + ["--dump-dom", url], capture_output=True, text=True, timeout=120)
    if dom.returncode != 0 or "<svg" not in dom.stdout:
        fail(f"chromium could not render {report}: {dom.stderr[-2000:]}")
    parsed = RenderedReport()
    parsed.feed(dom.stdout)
    if len(parsed.charts) != 4:
        fail(f"expected 4 charts, Chromium's DOM has {len(parsed.charts)}")
    for index, chart in enumerate(parsed.charts):
        if chart["shapes"] == 0 and not chart["empty"]:
            fail(f"chart {index + 1} draws nothing and does not say why")
    if parsed.scripts:
        fail("the report carries scripts")
    budgets = len(summary["budgets"])
    if parsed.budget_rows != budgets + 1:  # the header row and one per budget
        fail(f"the budget table has {parsed.budget_rows - 1} rows, summary.json {budgets} budgets")
    shot = subprocess.run(CHROMIUM + [f"--screenshot={screenshot}", "--window-size=1000,2400", url],
                          capture_output=True, text=True, timeout=120)
    if shot.returncode != 0 or not screenshot.exists() or screenshot.stat().st_size < 20_000:
        fail(f"chromium took no screenshot: {shot.stderr[-2000:]}")
    drawn = sum(chart["shapes"] for chart in parsed.charts)
    print(f"chromium: report.html rendered offline: 4 charts ({drawn} lines), {budgets} budgets, "
          f"sections {', '.join(h for h in parsed.headings if h)}; screenshot {screenshot}")


if __name__ == "__main__":
    main()
