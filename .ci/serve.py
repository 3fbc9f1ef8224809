"""Serves a folder over HTTP on 127.0.0.1 at a free port, for the .ci/ tests: prints
the port on stdout, logs each request on stderr, and stops by itself after
--lifetime seconds (default 600) if nobody stops it. Usage: serve.py FOLDER."""

import argparse
import functools
import http.server
import sys
import threading


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder")
    parser.add_argument("--lifetime", type=float, default=600)
    args = parser.parse_args()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=args.folder)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Timer(args.lifetime, server.shutdown).start()
    print(server.server_address[1], flush=True)
    sys.stderr.reconfigure(line_buffering=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
