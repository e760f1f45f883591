"""plainlint/lsp/framing.py: what pygls is handed for each way a client can frame its
messages, right or wrong; and a canary that runs pygls' own reading loop over it, which
fails if pygls stops reading its input as framing.py expects."""

from __future__ import annotations

import asyncio
import io
import json
import os
import threading
import time

import pytest

pytest.importorskip("pygls")

from pygls.io_ import StdinAsyncReader, run_async  # noqa: E402

from plainlint.lsp.framing import FramedInput  # noqa: E402

HOVER = json.dumps({
    "jsonrpc": "2.0", "id": 1, "method": "textDocument/hover",
    "params": {"textDocument": {"uri": "file:///site/a.html"}, "position": {"line": 0, "character": 4}},
}).encode()  # fmt: skip
SHUTDOWN = b'{"jsonrpc": "2.0", "id": 2, "method": "shutdown"}'
TYPE = b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n"


def frame(body: bytes) -> bytes:
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def read_all(data: bytes, **options) -> tuple[list[bytes], list[str]]:
    """The bodies pygls would be given for ``data``, read as pygls reads, and the lines
    reported."""
    reports: list[str] = []
    framed = FramedInput(io.BytesIO(data), reports.append, **options)
    bodies = []
    while header := framed.readline():
        assert header.startswith(b"Content-Length: ") and header.endswith(b"\r\n")
        assert framed.readline() == b"\r\n"
        bodies.append(framed.read(int(header[16:])))
    return bodies, reports


def test_well_formed_frames_pass_unchanged_with_or_without_content_type():
    data = frame(HOVER) + b"content-length: %d\r\n" % len(SHUTDOWN) + TYPE + b"\r\n" + SHUTDOWN + b"\r\n"
    assert read_all(data) == ([HOVER, SHUTDOWN], [])


@pytest.mark.parametrize(
    "bad, report",
    [
        # the body is shorter than said: the next header shows where it ended
        (b"Content-Length: 500\r\n\r\n" + HOVER, "larger than its body (%d bytes): took the body up to the next" % len(HOVER)),
        (b"Content-Length: 500\r\n\r\n" + HOVER + TYPE, "took the body up to the next message"),
        (b"Content-Length: 500\r\n\r\n" + HOVER[:-5], "dropped a message cut short by the next one"),
        (b"Content-Length: -5\r\n\r\n{}", "not a number of bytes: -5"),
        (b"Content-Length: five\r\n\r\n{}", "not a number of bytes: five"),
        (b"Content-Length: 0\r\n\r\n", "an empty message"),
        (TYPE + b"\r\n{}", "without a Content-Length header"),
        (b"Content-Length: 2\r\n{}", "headers not ended by a blank line"),
        (b"Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}", "two different Content-Length headers"),
        (b"Content-Length: 2\r\n" + b"X-Pad: 1\r\n" * 40 + b"\r\n{}", "too many header lines"),
        (b"Content-Length: 2" + b" " * 2000 + b"\r\n\r\n{}", "a header line too long"),
        (b"x" * 300_000, "skipped 300,000 bytes that are not an LSP message"),
        (b"Content-Length: 1000000000000\r\n\r\n{}", "skipped a message of 1,000,000,000,000 bytes"),
        (b"Content-Length: 200000\r\n\r\n" + b"x" * 200_000, "skipped a message of 200,000 bytes"),
    ],
    ids=["longer", "longer-then-content-type", "longer-and-cut", "negative", "not-a-number", "zero", "no-length",
         "no-blank-line", "two-lengths", "many-lines", "long-line", "junk", "huge", "over-the-limit"],
)
def test_a_bad_frame_is_reported_once_and_the_next_message_arrives(bad, report):
    bodies, reports = read_all(bad + frame(SHUTDOWN), max_message=100_000)
    assert bodies[-1] == SHUTDOWN
    assert len(reports) == 1 and report in reports[0], reports
    assert len(bodies) == 1 or (len(bodies) == 2 and bodies[0] == HOVER)


def test_a_body_shorter_than_said_is_taken_when_the_client_then_waits():
    """The client sends one request with too large a Content-Length and waits for its
    answer: after ``stall`` seconds without a byte, a whole JSON object is taken."""
    read_fd, write_fd = os.pipe()
    reports: list[str] = []
    framed = FramedInput(os.fdopen(read_fd, "rb"), reports.append, stall=0.2)
    with os.fdopen(write_fd, "wb", buffering=0) as client:
        client.write(b"Content-Length: 5000\r\n\r\n" + HOVER)
        began = time.monotonic()
        assert framed.readline() == b"Content-Length: %d\r\n" % len(HOVER)
        assert time.monotonic() - began < 30
        assert framed.readline() == b"\r\n" and framed.read(len(HOVER)) == HOVER
        assert reports == [f"a message's Content-Length (5,000) is larger than its body ({len(HOVER)} bytes): "
                           "took the body as it was"]
        client.write(frame(SHUTDOWN))
        assert framed.readline() == b"Content-Length: %d\r\n" % len(SHUTDOWN)


def test_a_prefix_of_a_body_is_not_taken_for_a_whole_one():
    """A slow client: a pause in the middle of a body is waited out."""
    read_fd, write_fd = os.pipe()
    reports: list[str] = []
    framed = FramedInput(os.fdopen(read_fd, "rb"), reports.append, stall=0.05)

    def client() -> None:
        with os.fdopen(write_fd, "wb", buffering=0) as out:
            data = frame(HOVER)
            out.write(data[:40])
            time.sleep(0.5)
            out.write(data[40:])

    threading.Thread(target=client).start()
    assert read_all_from(framed) == [HOVER] and reports == []


def read_all_from(framed: FramedInput) -> list[bytes]:
    bodies = []
    while header := framed.readline():
        framed.readline()
        bodies.append(framed.read(int(header[16:])))
    return bodies


def test_headers_found_in_a_document_do_not_cut_its_message():
    """A page about HTTP, with headers in its text: JSON escapes their line breaks."""
    text = "Content-Length: 12\r\n\r\nContent-Type: text/html\r\n" * 3
    body = json.dumps({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"text": text}}).encode()
    assert read_all(frame(body) + frame(SHUTDOWN)) == ([body, SHUTDOWN], [])


def test_a_large_body_is_read_in_one_piece_at_memory_speed():
    body = json.dumps({"jsonrpc": "2.0", "method": "x", "params": {"text": "Bring a list. " * 400_000}}).encode()
    began = time.process_time()
    assert read_all(frame(body) * 3) == ([body] * 3, [])
    assert time.process_time() - began < 5  # about 20 ms here; a guard against a scan per byte


# --- the canary ----------------------------------------------------------------------


class _Recorder:
    """Stands in for pygls' protocol: records what pygls' reading loop parsed."""

    def __init__(self) -> None:
        self.messages: list[dict] = []

    def structure_message(self, data):
        return data

    def handle_message(self, message) -> None:
        self.messages.append(message)


def test_canary_pygls_reads_its_input_as_framing_py_expects():
    """pygls' reading loop (pygls.io_.run_async, as LanguageServer.start_io runs it) over
    a FramedInput: bad frames are dropped, good ones arrive, and the end of the input ends
    the loop. If this fails, pygls reads differently now: see framing.py."""
    data = (b"Content-Length: 500\r\n\r\n" + HOVER + frame(SHUTDOWN) + b"Content-Length: nine\r\n\r\n{}"
            + b"junk" * 100 + frame(SHUTDOWN))  # fmt: skip
    reports: list[str] = []
    protocol = _Recorder()
    reader = StdinAsyncReader(FramedInput(io.BytesIO(data), reports.append))
    asyncio.run(asyncio.wait_for(run_async(threading.Event(), reader, protocol), 30))
    assert protocol.messages == [json.loads(HOVER), json.loads(SHUTDOWN), json.loads(SHUTDOWN)]
    assert len(reports) == 2
