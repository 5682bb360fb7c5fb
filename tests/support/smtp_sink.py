"""An SMTP server on loopback for MediBook's tests (aiosmtpd, installed by scripts/bootstrap).

Usage: smtp_sink.py MAILDIR [DELAY_SECONDS]
Stores every message it accepts in the Maildir MAILDIR, then waits DELAY_SECONDS before
answering the end of DATA (to cut a send short after the message has arrived). Prints
"ready PORT" once listening; stops when its standard input closes.
"""
import asyncio
import mailbox
import socket
import sys

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, maildir, delay):
        self.box = mailbox.Maildir(maildir, create=True)
        self.delay = delay

    async def handle_DATA(self, server, session, envelope):
        self.box.add(envelope.original_content)
        if self.delay:
            await asyncio.sleep(self.delay)
        return "250 Message accepted for delivery"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    maildir = sys.argv[1]
    delay = float(sys.argv[2]) if len(sys.argv) > 2 else 0.0
    port = free_port()
    controller = Controller(Sink(maildir, delay), hostname="127.0.0.1", port=port)
    controller.start()
    print(f"ready {port}", flush=True)
    try:
        sys.stdin.read()
    finally:
        controller.stop()


main()
