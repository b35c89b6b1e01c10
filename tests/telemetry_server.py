#!/usr/bin/env python3
"""telemetry_server.py: a loopback HTTP server for tests/telemetry.bats.

Listens on 127.0.0.1 (a free port, written to --port-file), logs every
request as one JSON line to --log, and answers by --mode:
  ok    200           fail  500           slow  sleeps --delay seconds, then 200
It stops after --max-requests requests or --lifetime seconds, whichever is
first, so a test that goes wrong cannot leave it running.
"""
import argparse
import http.server
import json
import os
import threading
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mode", choices=["ok", "fail", "slow"], default="ok")
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--log", required=True)
    ap.add_argument("--delay", type=float, default=5.0)
    ap.add_argument("--max-requests", type=int, default=20)
    ap.add_argument("--lifetime", type=float, default=60.0)
    args = ap.parse_args()
    count = [0]

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            n = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(n).decode("utf-8", "replace")
            with open(args.log, "a") as f:
                f.write(json.dumps({"method": "POST", "path": self.path,
                                    "content_type": self.headers.get("Content-Type"),
                                    "body": body}) + "\n")
            count[0] += 1
            if args.mode == "slow":
                time.sleep(args.delay)
            status = 500 if args.mode == "fail" else 200
            self.send_response(status)
            self.send_header("Content-Length", "2")
            self.end_headers()
            try:
                self.wfile.write(b"{}")
            except (BrokenPipeError, ConnectionResetError):
                pass
            if count[0] >= args.max_requests:
                threading.Thread(target=server.shutdown, daemon=True).start()

        do_GET = do_POST
        do_PUT = do_POST

        def log_message(self, *a):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Timer(args.lifetime, server.shutdown).start()
    with open(args.port_file + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(args.port_file + ".tmp", args.port_file)
    server.serve_forever()
    os._exit(0)


if __name__ == "__main__":
    main()
