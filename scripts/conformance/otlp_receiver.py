"""A minimal OTLP/HTTP receiver: stores each POST /v1/traces body (gunzipped) as a file and answers 200.

Usage: otlp_receiver.py PORT_FILE OUT_DIR   (binds an ephemeral loopback port and writes it to PORT_FILE)
"""
import gzip
import http.server
import pathlib
import sys


class Receiver(http.server.BaseHTTPRequestHandler):
    count = 0

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if self.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        if self.path != "/v1/traces" or self.headers.get("Content-Type") != "application/json":
            self.send_response(400)
            self.end_headers()
            return
        Receiver.count += 1
        (OUT / f"request-{Receiver.count:04d}.json").write_bytes(body)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    OUT = pathlib.Path(sys.argv[2])
    OUT.mkdir(parents=True, exist_ok=True)
    server = http.server.HTTPServer(("127.0.0.1", 0), Receiver)
    pathlib.Path(sys.argv[1]).write_text(str(server.server_address[1]))
    server.serve_forever()
