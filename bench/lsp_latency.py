"""Latency of `plainlint lsp` on a 5,000-word page, driven over stdio like an editor.

    python bench/lsp_latency.py [--edits 30] [--bursts 5]

Starts the real server (`python -m plainlint lsp`) with pygls' client and opens a page
of about 5,000 words (examples/lymphoedema.html's main text, repeated under numbered
headings). Then it measures, from the moment the client sends each message:

- edit: one didChange after a pause, to the publishDiagnostics for that version
  (includes the server's 300 ms debounce);
- burst: 15 didChanges 80 ms apart, as while typing, from the last one to its
  publishDiagnostics, and how many publications the burst caused;
- hover during a check: a hover request sent while a check of the page is running in
  a worker, to its answer (the event loop must stay free);
- check alone: the engine on the same page in this process, for comparison.

The hover asks about a finding ("MLD"), so its answer is built, not empty.

Prints the median and 95th percentile (nearest rank) of each.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import math
import statistics
import sys
import time
from pathlib import Path

from lsprotocol import types as t
from pygls.lsp.client import LanguageClient

ROOT = Path(__file__).resolve().parents[1]
DEBOUNCE = 0.3


def page(words: int = 5000) -> str:
    """The example page's main text repeated under numbered h2s, to ``words`` words."""
    source = (ROOT / "examples" / "lymphoedema.html").read_text(encoding="utf-8")
    head, rest = source.split("<main>", 1)
    body, tail = rest.split("</main>", 1)
    part = body.split("</h1>", 1)[1]  # keep one h1
    count = len(part.split())
    copies = max(1, math.ceil(words / count))
    parts = [part.replace("<h2>", f"<h2>Part {i + 1}: ", 1) for i in range(copies)]
    return f"{head}<main>{body.split('</h1>', 1)[0]}</h1>{''.join(parts)}</main>{tail}"


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def report(name: str, values: list[float]) -> None:
    ms = [v * 1000 for v in values]
    print(f"{name:<34} n={len(ms):<3} median {statistics.median(ms):7.0f} ms   p95 {p95(ms):7.0f} ms"
          f"   min {min(ms):6.0f}   max {max(ms):6.0f}")


async def run(edits: int, bursts: int) -> None:
    text = page()
    client = LanguageClient("plainlint-bench", "1")
    arrivals: dict[int | None, float] = {}
    publications: list[int | None] = []

    @client.feature(t.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(params: t.PublishDiagnosticsParams) -> None:
        arrivals[params.version] = time.perf_counter()
        publications.append(params.version)

    @client.feature(t.WINDOW_LOG_MESSAGE)
    def on_log(params: t.LogMessageParams) -> None:
        pass

    async def published(version: int, timeout: float = 60) -> float:
        deadline = time.perf_counter() + timeout
        while version not in arrivals:
            if time.perf_counter() > deadline:
                raise TimeoutError(f"no diagnostics for version {version}")
            await asyncio.sleep(0.001)
        return arrivals[version]

    started = time.perf_counter()
    await client.start_io(sys.executable, "-m", "plainlint", "lsp")
    await client.initialize_async(
        t.InitializeParams(capabilities=t.ClientCapabilities(), root_uri=(ROOT / "bench").as_uri())
    )
    client.initialized(t.InitializedParams())
    uri = (ROOT / "bench" / "lsp_latency_page.html").as_uri()  # never written: the text is sent
    version = 1
    sent = time.perf_counter()
    client.text_document_did_open(t.DidOpenTextDocumentParams(t.TextDocumentItem(uri, "html", version, text)))
    first = await published(version) - sent
    print(f"page: {len(text.split()):,} whitespace-separated tokens, {len(text):,} characters")
    print(f"server start to first diagnostics: {await published(version) - started:.1f} s "
          f"(open to first diagnostics {first:.1f} s: spaCy and the lexicon loading)")

    def change(new_text: str) -> float:
        nonlocal version
        version += 1
        client.text_document_did_change(
            t.DidChangeTextDocumentParams(
                t.VersionedTextDocumentIdentifier(version=version, uri=uri),
                [t.TextDocumentContentChangeWholeDocument(text=new_text)],
            )
        )
        return time.perf_counter()

    marker = "This swelling"
    edit_latency = []
    for i in range(edits):
        text = text.replace(marker, f"Note {i}. {marker}", 1)
        sent = change(text)
        edit_latency.append(await published(version) - sent)
        await asyncio.sleep(0.2)

    burst_latency, burst_publications = [], []
    for _ in range(bursts):
        before = len(publications)
        for k in range(15):
            text = text.replace(marker, f"x{k} {marker}", 1)
            sent = change(text)
            await asyncio.sleep(0.08)
        burst_latency.append(await published(version) - sent)
        await asyncio.sleep(0.5)
        burst_publications.append(len(publications) - before)

    hover_busy, hover_idle = [], []
    at = text.index("MLD")  # a finding, on a line the edits leave alone
    position = t.Position(text.count("\n", 0, at), at - text.rfind("\n", 0, at) - 1)
    for i in range(edits):
        await asyncio.sleep(0.3)
        began = time.perf_counter()
        hover = await client.text_document_hover_async(t.HoverParams(t.TextDocumentIdentifier(uri), position))
        hover_idle.append(time.perf_counter() - began)
        assert hover is not None and "unexplained-jargon" in hover.contents.value
        text = text.replace(marker, f"y{i} {marker}", 1)
        change(text)
        await asyncio.sleep(DEBOUNCE + 0.03)  # the check has started in the worker
        began = time.perf_counter()
        await client.text_document_hover_async(t.HoverParams(t.TextDocumentIdentifier(uri), position))
        hover_busy.append(time.perf_counter() - began)
        await published(version)

    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()

    sys.path.insert(0, str(ROOT))
    from plainlint.config import load_config
    from plainlint.engine import check_source

    config = load_config()
    check_source(text, "page.html", config)
    gc.collect()
    gc.freeze()  # as the server does after warming up
    alone = []
    for _ in range(edits):
        began = time.perf_counter()
        result = check_source(text, "page.html", config)
        alone.append(time.perf_counter() - began)

    print(f"words counted by plainlint: {result.counts.words:,}; findings: {len(result.findings)}\n")
    report("edit -> publishDiagnostics", edit_latency)
    report("  of which beyond the debounce", [v - DEBOUNCE for v in edit_latency])
    report("burst end -> publishDiagnostics", burst_latency)
    print(f"{'  publications per 15-change burst':<34} {burst_publications}")
    report("hover while a check runs", hover_busy)
    report("hover while idle", hover_idle)
    report("check_source alone (in process)", alone)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=30)
    parser.add_argument("--bursts", type=int, default=5)
    args = parser.parse_args()
    asyncio.run(run(args.edits, args.bursts))


if __name__ == "__main__":
    main()
