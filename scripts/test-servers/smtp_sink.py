"""A real SMTP server (aiosmtpd) for the mailer tests: accepts mail, with or without AUTH PLAIN as
emporium/secret, and spools each message to SPOOL_DIR as NAME.eml plus NAME.json (envelope sender and
recipients).

Usage: smtp_sink.py PORT_FILE SPOOL_DIR   (writes the port it listens on to PORT_FILE)
"""
import json
import pathlib
import signal
import socket
import sys
import threading
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Spool:
    def __init__(self, directory):
        self.directory = directory

    async def handle_DATA(self, server, session, envelope):
        name = f"{time.time_ns()}"
        (self.directory / f"{name}.eml").write_bytes(envelope.original_content)
        meta = {"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos}
        (self.directory / f"{name}.json").write_text(json.dumps(meta))
        return "250 OK: queued"


def authenticate(server, session, envelope, mechanism, auth_data):
    accepted = isinstance(auth_data, LoginPassword) and auth_data.login == b"emporium" and auth_data.password == b"secret"
    # handled=False: aiosmtpd answers 535 itself (with the default handled=True it would say nothing).
    return AuthResult(success=accepted, handled=False)


def main(port_file, spool):
    directory = pathlib.Path(spool)
    directory.mkdir(parents=True, exist_ok=True)
    with socket.socket() as probe:  # aiosmtpd's controller cannot start on port 0
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Spool(directory), hostname="127.0.0.1", port=port, authenticator=authenticate,
                            auth_require_tls=False, auth_required=False)
    controller.start()
    pathlib.Path(port_file).write_text(str(port))
    stopped = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopped.set())
    stopped.wait()
    controller.stop()


if __name__ == "__main__":
    main(*sys.argv[1:3])
