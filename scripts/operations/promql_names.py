"""The metric names a PromQL expression reads, for checking dashboards and rules against what Emporium exposes.

Strips what is not a metric name: string literals, label matchers, ranges, grouping clauses, Grafana variables,
function names (a name followed by `(`), keywords and numbers. Recording-rule names (with a `:`) are returned
too; the caller decides which of them a rule file records.
"""

import re

KEYWORDS = {
    "and", "or", "unless", "by", "without", "on", "ignoring", "group_left", "group_right", "offset", "bool",
    "inf", "nan", "atan2", "topk", "bottomk", "quantile", "count_values",
}
_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|`[^`]*`')
_MATCHERS = re.compile(r"\{[^{}]*\}")
_RANGES = re.compile(r"\[[^\]]*\]")
_GROUPING = re.compile(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")
_VARIABLES = re.compile(r"\$\{[^}]*\}|\$\w+")
_NAME = re.compile(r"(?<![\w:.])([a-zA-Z_:][a-zA-Z0-9_:]*)(?![\w:])(\s*\()?")


def metric_names(expression):
    """The set of metric names in `expression`."""
    text = _VARIABLES.sub("0", expression)
    text = _STRINGS.sub('""', text)
    text = _MATCHERS.sub("", text)
    text = _RANGES.sub("", text)
    text = _GROUPING.sub("", text)
    names = set()
    for match in _NAME.finditer(text):
        name, call = match.group(1), match.group(2)
        if call or name.lower() in KEYWORDS or re.fullmatch(r"[0-9eE.+-]+", name):
            continue
        names.add(name)
    return names
