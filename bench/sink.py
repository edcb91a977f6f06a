"""A webhook sink on 127.0.0.1 that records when each alert arrives.

Speaks HTTP/1.1 with keep-alive, as libcurl expects, answers 200 to every POST,
and keeps (arrival time on the monotonic clock, parsed JSON body) for each one.
"""

import http.server
import json
import threading
import time


class Sink:
    """Starts on a free port; `received` holds (seconds, payload) in arrival order."""

    def __init__(self):
        self.received = []
        self.changed = threading.Condition()
        sink = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Headers and body leave in separate writes; with Nagle on, the body would
            # wait for the client's delayed ACK (40 ms) and the sink would measure itself.
            disable_nagle_algorithm = True

            def do_POST(self):
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length)
                arrived = time.monotonic()
                self.send_response(200)
                self.send_header("Content-Length", "2")
                self.send_header("Content-Type", "text/plain")
                self.end_headers()
                self.wfile.write(b"ok")
                try:
                    payload = json.loads(body)
                except ValueError:
                    payload = {"raw": body.decode("utf-8", "replace")}
                with sink.changed:
                    sink.received.append((arrived, payload))
                    sink.changed.notify_all()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def wait_for(self, predicate, timeout, since=0.0):
        """The first (seconds, payload) that arrived after `since` and matches `predicate`,
        or None after `timeout` s."""
        deadline = time.monotonic() + timeout
        with self.changed:
            while True:
                for entry in self.received:
                    if entry[0] >= since and predicate(entry[1]):
                        return entry
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self.changed.wait(left)

    def wait_count(self, count, timeout):
        """True once `count` messages have arrived, False after `timeout` s."""
        deadline = time.monotonic() + timeout
        with self.changed:
            while len(self.received) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self.changed.wait(left)
            return True

    def clear(self):
        with self.changed:
            self.received.clear()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
