"""Building blocks of Grafana dashboards (JSON model, schema 39): panels laid out left to right in rows of 24
columns, a Prometheus data source chosen by a variable, and the template variables every Emporium dashboard has.
"""

DATASOURCE = {"type": "prometheus", "uid": "${datasource}"}
SELECTOR = 'job=~"$job",instance=~"$instance"'


def target(expr, legend="", exemplar=False):
    """One PromQL query of a panel; `exemplar` shows the traces behind its points (histograms only)."""
    return {"expr": expr, "legendFormat": legend, "exemplar": exemplar, "range": True}


def timeseries(title, targets, unit="short", description="", width=12, height=8, thresholds=None, stack=False):
    """A graph over time; `thresholds` (value → colour) are drawn as lines."""
    custom = {"lineWidth": 1, "fillOpacity": 10, "showPoints": "never", "spanNulls": True}
    if stack:
        custom["stacking"] = {"mode": "normal"}
    if thresholds:
        custom["thresholdsStyle"] = {"mode": "line+area" if stack else "line"}
    return _panel("timeseries", title, targets, unit, description, width, height, thresholds, custom)


def stat(title, targets, unit="short", description="", width=6, height=4, thresholds=None, mappings=None):
    """A single current value, coloured by `thresholds`."""
    panel = _panel("stat", title, targets, unit, description, width, height, thresholds, None)
    panel["options"] = {"reduceOptions": {"calcs": ["lastNotNull"]}, "colorMode": "background", "graphMode": "none"}
    if mappings:
        panel["fieldConfig"]["defaults"]["mappings"] = mappings
    return panel


def row(title):
    """A full-width heading that starts a new line of panels."""
    return {"type": "row", "title": title, "collapsed": False, "panels": [], "width": 24, "height": 1}


def _panel(kind, title, targets, unit, description, width, height, thresholds, custom):
    steps = [{"color": "green", "value": None}]
    for value, colour in sorted((thresholds or {}).items()):
        steps.append({"color": colour, "value": value})
    defaults = {"unit": unit, "thresholds": {"mode": "absolute", "steps": steps}}
    if custom:
        defaults["custom"] = custom
    return {
        "type": kind,
        "title": title,
        "description": description,
        "datasource": DATASOURCE,
        "targets": [dict(t, refId=chr(ord("A") + i), datasource=DATASOURCE) for i, t in enumerate(targets)],
        "fieldConfig": {"defaults": defaults, "overrides": []},
        "width": width,
        "height": height,
    }


def variables(*extra, identity="emporium_build_info"):
    """The data source, then job and instance from the metric `identity` has, then `extra` ones."""
    return [
        {
            "name": "datasource",
            "label": "Data source",
            "type": "datasource",
            "query": "prometheus",
            "current": {"text": "Prometheus", "value": "prometheus"},
        },
        query_variable("job", "Service", f"label_values({identity}, job)"),
        query_variable("instance", "Instance", f'label_values({identity}{{job=~"$job"}}, instance)'),
        *extra,
    ]


def query_variable(name, label, query):
    """A multi-value variable from a `label_values` query, all values selected by default."""
    return {
        "name": name,
        "label": label,
        "type": "query",
        "datasource": DATASOURCE,
        "query": {"query": query, "refId": name},
        "definition": query,
        "refresh": 2,
        "multi": True,
        "includeAll": True,
        "allValue": ".*",
        "current": {"text": "All", "value": "$__all"},
        "sort": 1,
    }


def dashboard(uid, title, description, panels, templating, links=()):
    """The dashboard, its panels placed on the grid in order."""
    placed, x, y, line_height = [], 0, 0, 0
    for number, panel in enumerate(panels, start=1):
        width, height = panel.pop("width"), panel.pop("height")
        if panel["type"] == "row" or x + width > 24:
            x, y, line_height = 0, y + line_height, 0
        panel["id"] = number
        panel["gridPos"] = {"x": x, "y": y, "w": width, "h": height}
        placed.append(panel)
        x, line_height = x + width, max(line_height, height)
        if panel["type"] == "row":
            x, y, line_height = 0, y + height, 0
    return {
        "uid": uid,
        "title": title,
        "description": description,
        "tags": ["emporium"],
        "timezone": "browser",
        "schemaVersion": 39,
        "version": 1,
        "editable": True,
        "graphTooltip": 1,
        "refresh": "30s",
        "time": {"from": "now-1h", "to": "now"},
        "templating": {"list": templating},
        "annotations": {"list": []},
        "links": [
            {"title": "Emporium dashboards", "type": "dashboards", "tags": ["emporium"], "asDropdown": True},
            *links,
        ],
        "panels": placed,
    }
