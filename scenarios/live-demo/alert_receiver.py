#!/usr/bin/env python3
"""A tiny webhook receiver for the live demo: prints every JSON body POSTed to it.

    python3 scenarios/live-demo/alert_receiver.py [PORT]   # default 8765, on 127.0.0.1

(`python3 -m http.server` answers only GET, so it cannot receive a webhook.)
"""
import http.server
import json
import sys


class Receiver(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        try:
            print(json.dumps(json.loads(body), indent=None), flush=True)
        except ValueError:
            print(body.decode(errors="replace"), flush=True)
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8765
    print(f"listening on http://127.0.0.1:{port}/", flush=True)
    http.server.HTTPServer(("127.0.0.1", port), Receiver).serve_forever()
