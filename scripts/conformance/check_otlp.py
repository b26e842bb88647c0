"""Validates captured OTLP/HTTP JSON bodies with the reference protobuf definitions.

Usage: check_otlp.py CAPTURE_DIR TRACE_ID:PARENT_SPAN_ID...
Each body must parse as an ExportTraceServiceRequest once its hex ids are turned into base64 (as OTLP/JSON
requires), ids must be lowercase hex of the right length, enums integers and 64-bit integers strings; and
for each TRACE_ID:PARENT_SPAN_ID a server span must continue that incoming traceparent (same trace id,
parent = the caller's span id).
"""
import base64
import json
import pathlib
import re
import sys

from google.protobuf import json_format
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest

ID_LENGTHS = {"traceId": 32, "spanId": 16, "parentSpanId": 16}


def fail(message):
    print(f"check_otlp: FAIL: {message}")
    sys.exit(1)


def hex_ids_to_base64(span, where):
    for key, length in ID_LENGTHS.items():
        if key in span:
            if not re.fullmatch(f"[0-9a-f]{{{length}}}", span[key]):
                fail(f"{where}: {key} {span[key]!r} is not {length} lowercase hex digits")
            span[key] = base64.b64encode(bytes.fromhex(span[key])).decode()
    for link in span.get("links", []):
        hex_ids_to_base64(link, where + " link")


def check_types(span, where):
    if not isinstance(span["kind"], int):
        fail(f"{where}: kind must be an integer, got {span['kind']!r}")
    for key in ("startTimeUnixNano", "endTimeUnixNano"):
        if not isinstance(span[key], str) or not span[key].isdigit():
            fail(f"{where}: {key} must be a decimal string, got {span[key]!r}")
    if not isinstance(span.get("status", {}).get("code", 0), int):
        fail(f"{where}: status.code must be an integer")
    for attribute in span.get("attributes", []):
        value = attribute["value"]
        if "intValue" in value and not isinstance(value["intValue"], str):
            fail(f"{where}: intValue of {attribute['key']} must be a string")


def main(capture_dir, *parents):
    bodies = sorted(pathlib.Path(capture_dir).glob("*.json"))
    if not bodies:
        fail(f"no OTLP request was captured in {capture_dir}")
    wanted = {tuple(pair.split(":")) for pair in parents}
    continued = {}
    span_count = 0
    for path in bodies:
        document = json.loads(path.read_text())
        original = json.loads(path.read_text())
        for resource_spans in document["resourceSpans"]:
            for scope_spans in resource_spans["scopeSpans"]:
                for index, span in enumerate(scope_spans["spans"]):
                    where = f"{path.name} span {index} ({span.get('name')})"
                    check_types(span, where)
                    key = (span["traceId"], span.get("parentSpanId"))
                    if key in wanted and span["kind"] == 2:
                        continued[key] = span["name"]
                    hex_ids_to_base64(span, where)
                    span_count += 1
        request = json_format.Parse(json.dumps(document), ExportTraceServiceRequest())
        if not request.resource_spans:
            fail(f"{path.name}: no resourceSpans")
        names = {a["key"] for a in original["resourceSpans"][0]["resource"]["attributes"]}
        for required in ("service.name", "service.version", "host.name", "process.pid"):
            if required not in names:
                fail(f"{path.name}: resource lacks {required}")
    for trace_id, parent_span_id in sorted(wanted - continued.keys()):
        fail(f"no server span continued traceparent {trace_id}/{parent_span_id}")
    print(f"check_otlp: {len(bodies)} requests, {span_count} spans parsed by opentelemetry-proto; "
          f"server spans {sorted(continued.values())} continue the incoming traceparents")


if __name__ == "__main__":
    main(*sys.argv[1:])
