"""A byte-level client for ``plainlint lsp``: starts the server as a subprocess, writes
any bytes to it, hostile or not, and collects what it answers and what it prints on
standard error. For the hostile language-server tests, which must write what no real
client library would.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def frame(body: bytes | str | dict) -> bytes:
    """One well-formed message."""
    if isinstance(body, dict):
        body = json.dumps(body)
    if isinstance(body, str):
        body = body.encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def request(msg_id: int | str, method: str, params=None) -> dict:
    return {"jsonrpc": "2.0", "id": msg_id, "method": method, "params": params}


def notification(method: str, params=None) -> dict:
    return {"jsonrpc": "2.0", "method": method, "params": params}


def did_open(uri: str, text: str, version: int = 1, language: str = "html") -> dict:
    item = {"uri": uri, "languageId": language, "version": version, "text": text}
    return notification("textDocument/didOpen", {"textDocument": item})


class Server:
    """``python -m plainlint lsp`` on pipes. Use as a context manager: the process is
    killed on the way out, whatever happened."""

    def __init__(self, root: Path, init_options: dict | None = None, env: dict | None = None) -> None:
        env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONDONTWRITEBYTECODE="1", **(env or {}))
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "plainlint", "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, cwd=root, env=env,
        )  # fmt: skip
        self.root = root
        self.init_options = init_options
        self.messages: queue.Queue[dict] = queue.Queue()
        self.seen: list[dict] = []
        self.stderr = bytearray()
        threading.Thread(target=self._read_stdout, daemon=True).start()
        self._stderr_reader = threading.Thread(target=self._read_stderr, daemon=True)
        self._stderr_reader.start()

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc) -> None:
        self.kill()

    def kill(self) -> None:
        """Stop the server as an editor would (SIGTERM: it stops its workers and removes
        its folder), and kill it if that does not do."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.proc.wait(10)

    def wait(self, timeout: float) -> int:
        """Wait for the server to end, and for all it wrote on standard error."""
        code = self.proc.wait(timeout)
        self._stderr_reader.join(timeout)
        return code

    # --- reading -----------------------------------------------------------------------

    def _read_stdout(self) -> None:
        out = self.proc.stdout
        while True:
            length = None
            while True:  # headers, strictly: the server must write well-formed frames
                line = out.readline()
                if not line:
                    return
                if line == b"\r\n":
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            body = out.read(length)
            self.messages.put(json.loads(body))

    def _read_stderr(self) -> None:
        while chunk := self.proc.stderr.read1(65536):
            self.stderr += chunk

    def wait_for(self, match, timeout: float) -> dict:
        """The first message from the server for which ``match`` is true."""
        for seen in self.seen:
            if match(seen):
                return seen
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"nothing matching within {timeout} s; stderr:\n{self.stderr.decode(errors='replace')}")
            try:
                msg = self.messages.get(timeout=left)
            except queue.Empty:
                continue
            self.seen.append(msg)
            if match(msg):
                return msg

    def response(self, msg_id, timeout: float = 30) -> dict:
        return self.wait_for(lambda m: m.get("id") == msg_id and "method" not in m, timeout)

    def diagnostics(self, uri: str, timeout: float = 60) -> dict:
        """The first publishDiagnostics for ``uri``."""

        def match(m):
            return m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri

        return self.wait_for(match, timeout)["params"]

    # --- writing -----------------------------------------------------------------------

    def write(self, data: bytes) -> None:
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, message: dict) -> None:
        self.write(frame(message))

    def initialize(self, timeout: float = 60, initialized: bool = True) -> dict:
        """Initialize; then say ``initialized``, on which the server starts loading
        spaCy for the first page (seconds of CPU that a test of framing can do without)."""
        params = {"processId": None, "rootUri": self.root.as_uri(), "capabilities": {}}
        if self.init_options is not None:
            params["initializationOptions"] = self.init_options
        self.send(request("init", "initialize", params))
        answer = self.response("init", timeout)
        if initialized:
            self.send(notification("initialized", {}))
        return answer

    def shutdown(self, timeout: float = 30) -> dict:
        """Ask the server to shut down and exit; the answer to shutdown."""
        self.send(request("bye", "shutdown"))
        answer = self.response("bye", timeout)
        self.send(notification("exit"))
        self.wait(timeout)
        return answer
