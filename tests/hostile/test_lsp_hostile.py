"""A hostile client of ``plainlint lsp``, byte by byte: malformed frames and messages,
then a request that must still be answered; documents big enough to hold up the others;
a server killed in the middle of a check. The server runs as a subprocess, as an editor
starts it, and is killed on the way out of each test.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

import pytest

pytest.importorskip("pygls")

from tests.hostile.lsp_wire import Server, did_open, frame, notification, request  # noqa: E402

ANSWERED_WITHIN = 30  # seconds: a guard, not a measurement; answers take milliseconds

HOVER = request(
    "after", "textDocument/hover",
    {"textDocument": {"uri": "file:///site/never-opened.html"}, "position": {"line": 0, "character": 0}},
)  # fmt: skip
SHUTDOWN = json.dumps(request("bye-early", "shutdown")).encode()
OPEN = json.dumps(did_open("file:///site/a.html", "<p>Ask your GP.</p>")).encode()

ATTACKS = {
    # pygls reads 500 bytes: the rest of this body is the next message's header and part
    # of its body; then it waits for ever for the rest
    "content-length-larger-than-body": b"Content-Length: 500\r\n\r\n" + OPEN,
    "content-length-negative": b"Content-Length: -5\r\n\r\n{}",
    "content-length-not-a-number": b"Content-Length: ten\r\n\r\n{}",
    "content-length-huge": b"Content-Length: 1000000000000\r\n\r\n{}",
    "content-length-smaller-than-body": b"Content-Length: 10\r\n\r\n" + OPEN,
    "headers-without-blank-line": b"Content-Length: 2\r\n{}",
    "bytes-that-are-not-a-message": b"x" * 200_000,
    "invalid-json": frame(b'{"jsonrpc": "2.0", "method": '),
    "invalid-utf-8": frame(b'{"jsonrpc": "2.0", "method": "\xff\xfe"}'),
    "json-array": frame(b"[1, 2, 3]"),
    "json-number": frame(b"42"),
    "json-nested-deeply": frame(b"[" * 100_000 + b"]" * 100_000),
    "wrong-param-types": frame(request("typed", "textDocument/hover", {"textDocument": {"uri": 5}, "position": "x"})),
    "wrong-param-types-notification": frame(notification("textDocument/didOpen", {"textDocument": {"text": 5}})),
}


def assert_clean_stderr(server: Server) -> None:
    err = server.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err
    for line in err.splitlines():
        assert line.startswith("plainlint lsp: ") and len(line) < 400, line


@pytest.mark.parametrize("attack", ATTACKS, ids=list(ATTACKS))
def test_a_malformed_message_is_survived_and_the_next_request_answered(attack, tmp_path):
    with Server(tmp_path) as server:
        server.initialize(initialized=False)
        server.write(ATTACKS[attack])
        server.send(HOVER)
        answer = server.response("after", ANSWERED_WITHIN)
        assert answer.get("result") is None and "error" not in answer
        if attack == "wrong-param-types":
            assert server.response("typed", 1)["error"]["code"] == -32602  # invalid params
        assert server.shutdown(ANSWERED_WITHIN) == {"jsonrpc": "2.0", "id": "bye", "result": None}
        assert server.proc.returncode == 0
        assert_clean_stderr(server)
        assert server.stderr.strip(), "nothing said about the bad message"


def test_a_request_with_too_large_a_content_length_is_answered_when_the_client_waits(tmp_path):
    """Nothing follows the request: the server does not wait for ever for the rest."""
    with Server(tmp_path) as server:
        server.initialize(initialized=False)
        body = json.dumps(HOVER).encode()
        server.write(b"Content-Length: %d\r\n\r\n" % (len(body) + 100) + body)
        assert server.response("after", ANSWERED_WITHIN)["result"] is None
        assert_clean_stderr(server)


# --- documents that hold up others ------------------------------------------------------

SENTENCES = (
    "You can call the team on any day of the week about part {i}.",
    "They will talk with you about what happens next and answer your questions.",
    "Bring a list of your medicines to visit {i}, and a friend if you like.",
    "The nurse checks your blood pressure and asks how you have been sleeping.",
)


def prose(megabytes: float) -> str:
    """An HTML page of plain prose, about ``megabytes`` MB, in numbered sections."""
    parts, size, i = [], 0, 0
    while size < megabytes * 1_000_000:
        paragraph = " ".join(s.format(i=i) for s in SENTENCES * 3)
        part = f"<h2>Part {i}</h2>\n<p>{paragraph}</p>\n"
        parts.append(part)
        size += len(part)
        i += 1
    return "<!DOCTYPE html>\n<html lang='en'><body><main><h1>Your visits</h1>\n" + "".join(parts) + "</main></body></html>\n"


SMALL = "<h1>After your scan</h1><p>Your prognosis depends on the MRI scan. Ask your GP.</p>\n"
HUGE_MB = 4  # about 5 s of checking alone, on one core of a 2-core Xeon; 15 s when busy


def publications(server: Server) -> list[tuple[str, int | None]]:
    return [(m["params"]["uri"], m["params"].get("version")) for m in server.seen
            if m.get("method") == "textDocument/publishDiagnostics"]  # fmt: skip


def test_a_huge_document_does_not_hold_up_a_small_one(tmp_path):
    huge, small = (tmp_path / "huge.html").as_uri(), (tmp_path / "small.html").as_uri()
    with Server(tmp_path) as server:
        server.initialize()
        server.send(did_open(huge, prose(HUGE_MB)))
        server.send(did_open(small, SMALL))
        diagnostics = server.diagnostics(small, 120)["diagnostics"]
        assert any(d["code"] == "unexplained-jargon" for d in diagnostics)
        assert publications(server) == [(small, 1)], "the small page waited for the huge one"
        assert server.shutdown(ANSWERED_WITHIN)["result"] is None  # at once, though a check runs
        assert_clean_stderr(server)


def test_a_newer_version_stops_the_check_of_the_older_one(tmp_path):
    """Two huge pages, two workers; the first page is then cut down to a small one. Its
    new version must not wait for either huge check."""
    first, second = (tmp_path / "first.html").as_uri(), (tmp_path / "second.html").as_uri()
    text = prose(HUGE_MB)
    with Server(tmp_path) as server:
        server.initialize()
        server.send(did_open(first, text))
        server.send(did_open(second, text))
        time.sleep(1)  # both checks under way
        change = {"textDocument": {"uri": first, "version": 2}, "contentChanges": [{"text": SMALL}]}
        server.send(notification("textDocument/didChange", change))
        assert server.diagnostics(first, 120)["version"] == 2
        assert publications(server) == [(first, 2)], "the new version waited for a huge check"
        assert server.shutdown(ANSWERED_WITHIN)["result"] is None
        assert_clean_stderr(server)


def test_a_check_over_its_time_is_stopped_with_a_diagnostic_that_says_so(tmp_path):
    huge = (tmp_path / "huge.html").as_uri()
    with Server(tmp_path, init_options={"checkTimeout": 0.5}) as server:
        server.initialize()
        server.send(did_open(huge, prose(HUGE_MB)))
        [note] = server.diagnostics(huge, 120)["diagnostics"]
        assert note["range"] == {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}
        assert note["message"].startswith("plainlint stopped checking this page after 0.5 s")
        assert server.shutdown(ANSWERED_WITHIN)["result"] is None
        assert_clean_stderr(server)


def test_a_document_over_the_size_limit_gets_one_diagnostic_and_no_check(tmp_path):
    big = (tmp_path / "big.md").as_uri()
    text = "Your prognosis depends on the MRI scan.\n\n" * 280_000  # 11.2 MB
    with Server(tmp_path) as server:
        server.initialize()
        server.send(did_open(big, text, language="markdown"))
        [note] = server.diagnostics(big, 120)["diagnostics"]
        assert note["range"]["start"] == {"line": 0, "character": 0}
        assert note["message"].startswith("plainlint did not check this page: it is 10.9 MB, over the 10 MB limit")
        assert_clean_stderr(server)


# --- a server that dies -----------------------------------------------------------------


def _children(pid: int) -> set[int]:
    """Every process descended from ``pid``, from /proc."""
    found, parents = set(), {pid}
    while parents:
        new = set()
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = (entry / "stat").read_text()
                except OSError:
                    continue
                if int(stat.rsplit(")", 1)[1].split()[1]) in parents and int(entry.name) not in found:
                    new.add(int(entry.name))
        found |= new
        parents = new
    return found


def _workers(server: int) -> set[int]:
    """The processes forked by the fork server, a child of the server."""
    descendants = _children(server)
    grandchildren = {p for c in descendants for p in _children(c)}
    return {p for c in descendants - grandchildren for p in _children(c)}


@contextlib.contextmanager
def _removed(folder: Path):
    try:
        yield
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_killing_the_server_in_the_middle_of_a_check_leaves_no_process_behind(tmp_path):
    huge = (tmp_path / "huge.html").as_uri()
    temp = Path(tempfile.mkdtemp(prefix="lsp-", dir="/tmp"))  # for the folder kill -9 leaves
    with Server(tmp_path, env={"TMPDIR": str(temp)}) as server, _removed(temp):
        server.initialize()
        server.send(did_open(huge, prose(HUGE_MB)))
        time.sleep(2)
        left = _children(server.proc.pid)
        os.kill(server.proc.pid, signal.SIGKILL)
        server.proc.wait(10)
        deadline = time.monotonic() + 30
        while any(_alive(p) for p in left) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not [p for p in left if _alive(p)]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_worker_killed_in_the_middle_of_a_check_gives_a_diagnostic_and_is_replaced(tmp_path):
    """The out-of-memory killer, or a user, kills the checking processes."""
    huge, small = (tmp_path / "huge.html").as_uri(), (tmp_path / "small.html").as_uri()
    with Server(tmp_path) as server:
        server.initialize()
        server.send(did_open(huge, prose(HUGE_MB)))
        deadline = time.monotonic() + 60
        while not _workers(server.proc.pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(1)  # the page sent to one of them
        for pid in _workers(server.proc.pid):
            os.kill(pid, signal.SIGKILL)
        [note] = server.diagnostics(huge, 120)["diagnostics"]
        assert note["message"] == "plainlint could not check this page: its check stopped unexpectedly"
        server.send(did_open(small, SMALL))
        assert any(d["code"] == "unexplained-jargon" for d in server.diagnostics(small, 120)["diagnostics"])
        assert_clean_stderr(server)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("how", ["exit", "SIGTERM", "end of input"])
def test_a_server_stopped_in_the_middle_of_a_check_leaves_no_process_and_no_folder(how, tmp_path):
    """An editor closing says exit, or sends SIGTERM, or closes the pipe."""
    temp = Path(tempfile.mkdtemp(prefix="lsp-", dir="/tmp"))  # short: a socket's path goes in it
    with Server(tmp_path, env={"TMPDIR": str(temp)}) as server, _removed(temp):
        server.initialize()
        server.send(did_open((tmp_path / "huge.html").as_uri(), prose(HUGE_MB)))
        deadline = time.monotonic() + 60
        while not _workers(server.proc.pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(1)
        left = _children(server.proc.pid)
        assert list(temp.iterdir()), "the fork server's folder is not in TMPDIR: this test tests nothing"
        if how == "exit":
            server.shutdown(ANSWERED_WITHIN)
        elif how == "SIGTERM":
            server.proc.send_signal(signal.SIGTERM)
        else:
            server.proc.stdin.close()
        server.wait(ANSWERED_WITHIN)
        deadline = time.monotonic() + 30
        while any(_alive(p) for p in left) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not [p for p in left if _alive(p)]
        assert list(temp.iterdir()) == []
        assert_clean_stderr(server)
