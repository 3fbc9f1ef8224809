"""The measurements of benches/scale.sh, on one generated corpus, and its table.

    python3 benches/scale.py measure BINARY ROOT RUNS EDITS   prints one JSON line
    python3 benches/scale.py table RESULTS                    prints the Markdown table

`measure` times the whole `check`, a one-file `check` (what pre-commit runs) and
the language server over stdio, driven by the small LSP client below. Wall times
are taken around each process; the peak memory of a check is its ru_maxrss
(os.wait4 on that child alone); the server's is VmHWM from /proc before it exits.
"""

import json
import os
import pathlib
import queue
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ENV = dict(os.environ, MATRIXLINT_TODAY="2026-06-15", MATRIXLINT_LOG="warn")
# The named file of a one-file check, and the open document of the server.
NAMED = "cells/m0/B3.yaml"
# Any single wait longer than this is a failure of the bench, not a figure.
DEADLINE = 300.0


def fail(message):
    sys.exit(f"scale.py: {message}")


def timed_run(argv):
    """Wall seconds and peak resident KiB of one process (its output discarded)."""
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=errors, env=ENV)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode not in (0, 1):  # 1: findings (the generated cells have some)
            errors.seek(0)
            fail(f"{' '.join(argv)} exited {child.returncode}: {errors.read().decode(errors='replace')[:2000]}")
    return wall, usage.ru_maxrss


def summary(values):
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "n": len(values)}


class Cache:
    """The corpus's persistent cache, when the binary has one (`check --help` names --no-cache)."""

    def __init__(self, binary, root):
        text = subprocess.run([binary, "check", "--help"], capture_output=True, text=True, env=ENV).stdout
        self.present = "--no-cache" in text
        self.whole = [binary, "check", "--root", root]
        self.folder = pathlib.Path(root) / ".matrixlint"

    def modes(self):
        return ["cold", "warm"] if self.present else ["none"]

    def begin(self, mode):
        """Before a series of warm runs, a whole check fills the cache."""
        if mode == "warm":
            timed_run(self.whole)

    def prepare(self, mode):
        """Before each cold run nothing of the corpus's .matrixlint/ is left (the
        generated corpus keeps nothing else there)."""
        if mode == "cold":
            shutil.rmtree(self.folder, ignore_errors=True)


def measure_checks(root, runs, cache):
    one_argv = cache.whole + [os.path.join(root, NAMED)]
    results = {}
    for mode in cache.modes():
        for name, argv in (("whole", cache.whole), ("one", one_argv)):
            cache.begin(mode)
            walls, peaks = [], []
            for _ in range(runs):
                cache.prepare(mode)
                wall, peak = timed_run(argv)
                walls.append(wall)
                peaks.append(peak)
            results[f"{name}-{mode}"] = {"wall": summary(walls), "rss_kib": summary(peaks)}
    if cache.present and not cache.folder.exists():
        results["warning"] = f"the binary has --no-cache but wrote no {cache.folder}: cold runs may be warm"
    return results


class Server:
    """`matrixlint server` over stdio: JSON-RPC frames in, a reader thread that
    stamps each incoming message with its arrival time."""

    def __init__(self, binary, root):
        self.root = root
        self.errors = tempfile.TemporaryFile()
        self.started = time.perf_counter()
        self.process = subprocess.Popen([binary, "server"], cwd=root, env=ENV, stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=self.errors)
        self.incoming = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.process.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    self.incoming.put(None)
                    return
                if not line.strip():
                    break
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            self.incoming.put((time.perf_counter(), json.loads(out.read(length))))

    def send(self, message):
        body = json.dumps(dict(message, jsonrpc="2.0")).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.process.stdin.flush()

    def notify(self, method, params):
        self.send({"method": method, "params": params})

    def wait_for(self, wanted):
        """The arrival time and the next message matching `wanted` (others are dropped;
        the server's own requests are answered)."""
        deadline = time.perf_counter() + DEADLINE
        while True:
            try:
                item = self.incoming.get(timeout=max(0.0, deadline - time.perf_counter()))
            except queue.Empty:
                fail(f"the server sent nothing wanted in {DEADLINE} s; {self.stderr()}")
            if item is None:
                fail(f"the server stopped; {self.stderr()}")
            arrived, message = item
            if "method" in message and "id" in message:
                self.send({"id": message["id"], "result": None})
            if wanted(message):
                return arrived, message

    def request(self, method, params):
        self.next_id += 1
        ident = self.next_id
        self.send({"id": ident, "method": method, "params": params})
        return self.wait_for(lambda m: m.get("id") == ident and "method" not in m)[1]

    def published(self, uri, version):
        """The arrival time of the diagnostics of `uri` at `version`."""
        return self.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                             and m["params"]["uri"] == uri and m["params"].get("version") == version)[0]

    def initialize(self):
        uri = pathlib.Path(self.root).as_uri()
        self.request("initialize", {
            "processId": None, "rootUri": uri, "workspaceFolders": [{"uri": uri, "name": "corpus"}],
            "capabilities": {"general": {"positionEncodings": ["utf-16"]},
                             "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": True}},
                             "textDocument": {"publishDiagnostics": {"relatedInformation": True}}}})
        self.notify("initialized", {})

    def open(self, path, text):
        uri = pathlib.Path(path).as_uri()
        self.notify("textDocument/didOpen",
                    {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}})
        return uri

    def change(self, uri, version, change):
        self.notify("textDocument/didChange",
                    {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]})

    def peak_kib(self):
        with open(f"/proc/{self.process.pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
        return None

    def stderr(self):
        self.errors.seek(0)
        return "stderr: " + self.errors.read().decode(errors="replace")[-2000:]

    def stop(self):
        self.request("shutdown", None)
        self.notify("exit", None)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start(binary, root, path, text):
    """A server initialized with one document open; the seconds from starting the
    process to the first diagnostics of that document."""
    server = Server(binary, root)
    server.initialize()
    uri = server.open(path, text)
    return server, uri, server.published(uri, 1) - server.started


class IndexEdit:
    """Changes the `cell:` value of the open document to another cell of its
    matrix (a duplicate, so its diagnostics change too) and back, by turns."""

    def __init__(self, text):
        line = text.splitlines().index("cell: B3")
        self.range = {"start": {"line": line, "character": 6}, "end": {"line": line, "character": 8}}
        self.version = 1

    def send(self, server, uri):
        """Sends the next edit; returns the seconds to its diagnostics."""
        self.version += 1
        sent = time.perf_counter()
        server.change(uri, self.version, {"range": self.range, "text": "B4" if self.version % 2 == 0 else "B3"})
        return server.published(uri, self.version) - sent


def measure_server(binary, root, runs, edits, cache, window):
    path = os.path.join(root, NAMED)
    with open(path) as file:
        text = file.read()
    results = {}
    for mode in cache.modes():
        startups = []
        cache.begin(mode)
        for _ in range(runs):
            cache.prepare(mode)
            server, _, seconds = start(binary, root, path, text)
            startups.append(seconds)
            server.stop()
        results[f"startup-{mode}"] = summary(startups)

    server, uri, _ = start(binary, root, path, text)
    # A server that answers before its index is complete finishes loading first.
    time.sleep(window)
    edit = IndexEdit(text)
    waits = []
    for _ in range(edits):
        time.sleep(0.05)  # paced like typing, so that no edit queues behind the last
        waits.append(edit.send(server, uri))
    results["edit"] = summary(waits) | {"p95": sorted(waits)[round(0.95 * (len(waits) - 1))]}

    # After each change of settings, edits one after another (each sent 30 ms after
    # the last is answered, beyond the server's 20 ms debounce, so that a wait is
    # the server's and not the debounce's) for `window` seconds, long enough for a
    # reload to end.
    after = []
    for _ in range(runs):
        time.sleep(0.2)
        server.notify("workspace/didChangeConfiguration", {"settings": {}})
        until = time.perf_counter() + window
        while time.perf_counter() < until:
            after.append(edit.send(server, uri))
            time.sleep(0.03)
    results["after-settings"] = summary(after)
    results["server_rss_kib"] = server.peak_kib()
    server.stop()
    return results


def measure(binary, root, runs, edits):
    if not os.path.exists(os.path.join(root, "cells/m0/B4.yaml")):
        fail("the corpus needs at least 9 cells (the open cell B3 is edited into a duplicate of B4)")
    cache = Cache(binary, root)
    files = list(pathlib.Path(root).glob("cells/*/*.yaml"))
    result = {"cells": len(files), "bytes": sum(f.stat().st_size for f in files), "cache": cache.present}
    result |= measure_checks(root, runs, cache)
    # Long enough for the server to load the corpus (or reload it after a change of settings).
    window = max(0.5, 2 * result[f"whole-{cache.modes()[0]}"]["wall"]["median"])
    result |= measure_server(binary, root, runs, edits, cache, window)
    print(json.dumps(result))


if __name__ == "__main__":
    if len(sys.argv) == 6 and sys.argv[1] == "measure":
        measure(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
    elif len(sys.argv) == 3 and sys.argv[1] == "table":
        from scale_table import table
        table(sys.argv[2])
    else:
        fail("usage: scale.py measure BINARY ROOT RUNS EDITS | scale.py table RESULTS")
