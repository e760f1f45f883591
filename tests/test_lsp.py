"""The language server (``plainlint lsp``), driven over stdio by pytest-lsp as an editor
would drive it: diagnostics at exact UTF-16 ranges, quick fixes applied to the text,
debounced changes, saves, hovers, settings reloads and malformed messages.

Most tests share one server (module scope: starting one loads spaCy, a few seconds);
each works in its own folder with its own documents.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import re
import sys
from pathlib import Path

import pytest

pytest.importorskip("pytest_lsp")

import pytest_lsp  # noqa: E402
from lsprotocol import types as t  # noqa: E402
from pygls.exceptions import JsonRpcInvalidParams, JsonRpcMethodNotFound  # noqa: E402
from pygls.protocol import default_converter  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities  # noqa: E402
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features  # noqa: E402

from plainlint.findings import Span  # noqa: E402
from plainlint.lsp.features import jargon_fixes, suppress_fix  # noqa: E402
from plainlint.lsp.positions import PositionMap  # noqa: E402
from tests.helpers import run_python  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SERVER = [sys.executable, "-m", "plainlint", "lsp"]
module_loop = pytest.mark.asyncio(loop_scope="module")

FILLER = (
    "You can call the team on any day of the week. They will talk with you about what "
    "happens next and answer your questions. Bring a list of your medicines to each visit. "
    "A friend or family member can come with you if you like. "
) * 4

PAGE = f"""<!DOCTYPE html>
<html lang="en">
<head><title>After your scan</title></head>
<body>
<main>
  <h1>After your scan</h1>
  <p>Waiting is hard 😀 so your prognosis is the first thing we talk about.</p>
  <p>{FILLER}</p>
    <p>Ask for an MRI if you are worried.</p>
</main>
</body>
</html>
"""

MARKDOWN = f"""# After your scan

Waiting is hard.
We will talk about your prognosis first.

{FILLER}
"""


# --- the client ---------------------------------------------------------------------


def _record_publish(client: LanguageClient, params: t.PublishDiagnosticsParams):
    client.diagnostics[params.uri] = params.diagnostics
    client.published.append(params)


def _record_registration(client: LanguageClient, params: t.RegistrationParams):
    client.registrations.append(params)


def _make_client() -> LanguageClient:
    client = LanguageClient(converter_factory=default_converter)
    features = dict(DEFAULT_CLIENT_FEATURES)
    features[t.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = _record_publish
    features[t.CLIENT_REGISTER_CAPABILITY] = _record_registration
    register_lsp_features(client, features)
    client.published = []
    client.registrations = []
    return client


CONFIG = ClientServerConfig(server_command=SERVER, client_factory=_make_client)


@pytest_lsp.fixture(config=CONFIG, scope="module")
async def client(lsp_client: LanguageClient, tmp_path_factory):
    root = tmp_path_factory.mktemp("workspace")
    await lsp_client.initialize_session(
        t.InitializeParams(capabilities=client_capabilities("visual-studio-code"), root_uri=root.as_uri())
    )
    yield
    await lsp_client.shutdown_session()


async def published(client, uri: str, *, version: int | None = None, since: int = 0, timeout: float = 20):
    """The first diagnostics published for ``uri`` (and ``version``) after the
    ``since``-th publication."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        for params in client.published[since:]:
            if params.uri == uri and (version is None or params.version == version):
                return list(params.diagnostics)
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"no diagnostics for {uri} version {version}; got {client.published[since:]}")
        await asyncio.sleep(0.02)


async def message(client, since: int, timeout: float = 20):
    """The first message the server showed after the ``since``-th: it is sent after the
    diagnostics, so it may not have arrived when they have."""
    deadline = asyncio.get_running_loop().time() + timeout
    while len(client.messages) <= since:
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"no message shown after the {since}th")
        await asyncio.sleep(0.02)
    return client.messages[since]


def open_doc(client, path: Path, text: str, language: str = "html", version: int = 1) -> str:
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    client.text_document_did_open(t.DidOpenTextDocumentParams(t.TextDocumentItem(uri, language, version, text)))
    return uri


def change_doc(client, uri: str, text: str, version: int) -> None:
    client.text_document_did_change(
        t.DidChangeTextDocumentParams(
            t.VersionedTextDocumentIdentifier(version=version, uri=uri),
            [t.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


def utf16_range(text: str, needle: str, occurrence: int = 1) -> t.Range:
    """The LSP range of the n-th ``needle``, counted independently of the server."""
    index = -1
    for _ in range(occurrence):
        index = text.index(needle, index + 1)

    def position(offset: int) -> t.Position:
        line = text.count("\n", 0, offset)
        start = text.rfind("\n", 0, offset) + 1
        return t.Position(line, len(text[start:offset].encode("utf-16-le")) // 2)

    return t.Range(position(index), position(index + len(needle)))


def apply_edit(text: str, edit: t.WorkspaceEdit, uri: str) -> str:
    """Apply a WorkspaceEdit's text edits for ``uri`` to ``text`` (UTF-16 positions)."""
    if edit.document_changes:
        edits = [e for change in edit.document_changes if change.text_document.uri == uri for e in change.edits]
    else:
        edits = list(edit.changes[uri])
    lines = text.split("\n")

    def offset(p: t.Position) -> int:
        before = sum(len(line) + 1 for line in lines[: p.line])
        units, i, line = 0, 0, lines[p.line]
        while units < p.character:
            units += 2 if ord(line[i]) > 0xFFFF else 1
            i += 1
        return before + i

    for e in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[: offset(e.range.start)] + e.new_text + text[offset(e.range.end) :]
    return text


def by_code(diagnostics, code: str) -> list[t.Diagnostic]:
    return [d for d in diagnostics if d.code == code]


async def actions_for(client, uri: str, diagnostic: t.Diagnostic) -> list[t.CodeAction]:
    return await client.text_document_code_action_async(
        t.CodeActionParams(
            t.TextDocumentIdentifier(uri), diagnostic.range, t.CodeActionContext(diagnostics=[diagnostic])
        )
    )


# --- positions and fixes, without a server ------------------------------------------------


def test_positions_count_utf16_utf8_and_utf32_units_and_every_line_ending():
    text = "a😀b é\r\nx😀 term\ry"
    # plainlint: lines end at "\n" only; "term" is on its line 2, columns 4 to 8 (code points)
    span = Span(2, 4, 2, 8)
    for encoding, start in (("utf-16", 4), ("utf-8", 6), ("utf-32", 3)):
        pm = PositionMap(text, encoding)
        rng = pm.span_range(span)
        assert (rng.start.line, rng.start.character, rng.end.character) == (1, start, start + 4), encoding
        assert pm.text[slice(*pm.range_offsets(rng))] == "term"
    pm = PositionMap(text)
    assert pm.position(text.index("y")) == t.Position(2, 0)  # a lone "\r" ends a line for LSP
    assert pm.position(text.index("\n")) == t.Position(0, 6)  # inside "\r\n": the line's end
    assert pm.offset_at(t.Position(0, 2)) == 1  # half an emoji is the emoji
    assert pm.offset_at(t.Position(0, 99)) == text.index("\r")  # past the end of a line
    assert pm.offset_at(t.Position(9, 0)) == len(text)


def test_suppress_fix_adds_a_line_above_or_keeps_markdown_blocks_whole():
    def fixed(text: str, needle: str, markdown: bool) -> str:
        pm = PositionMap(text)
        fix = suppress_fix(pm, text.index(needle), "unexplained-jargon", markdown)
        for start, end, new in sorted(fix.edits, reverse=True):
            text = text[:start] + new + text[end:]
        return text

    html = "<main>\r\n    <p>Ask for an MRI.</p>\r\n</main>\r\n"
    assert fixed(html, "MRI", False) == (
        "<main>\r\n    <!-- plainlint-disable-next-line unexplained-jargon -->\r\n    <p>Ask for an MRI.</p>\r\n</main>\r\n"
    )
    above = "<!-- plainlint-disable-next-line sentence-length -->\n<p>Ask for an MRI.</p>"
    assert fixed(above, "MRI", False).startswith("<!-- plainlint-disable-next-line sentence-length unexplained-jargon -->\n<p>")
    # Markdown: a paragraph's first line, or a heading, takes a comment line above; a
    # paragraph's later line, a list item or a quote gets it at the end of the line
    assert fixed("Intro.\n\nAsk for an MRI.\n", "MRI", True) == (
        "Intro.\n\n<!-- plainlint-disable-next-line unexplained-jargon -->\nAsk for an MRI.\n"
    )
    assert fixed("Intro.\nAsk for an MRI.  \nMore.", "MRI", True) == (
        "Intro.\nAsk for an MRI. <!-- plainlint-disable-line unexplained-jargon -->  \nMore."
    )
    assert fixed("- one\n- an MRI", "MRI", True) == "- one\n- an MRI <!-- plainlint-disable-line unexplained-jargon -->"
    assert fixed("Text.\n## The MRI", "MRI", True) == (
        "Text.\n<!-- plainlint-disable-next-line unexplained-jargon -->\n## The MRI"
    )


def test_jargon_fixes_keep_a_and_an_agreeing_and_capitals():
    text = "It is an ulcer. Prognosis is good."

    def fixed(term: str, plain: str) -> list[str]:
        start = text.index(term)
        out = []
        for fix in jargon_fixes(text, start, start + len(term), term, plain):
            new = text
            for a, b, insert in sorted(fix.edits, reverse=True):
                new = new[:a] + insert + new[b:]
            out.append(new)
        return out

    assert fixed("ulcer", "sore") == [
        "It is a sore. Prognosis is good.",
        "It is a sore (ulcer). Prognosis is good.",
        "It is an ulcer (…). Prognosis is good.",
    ]
    assert fixed("Prognosis", "outlook")[:2] == [
        "It is an ulcer. Outlook is good.",
        "It is an ulcer. Outlook (prognosis) is good.",
    ]


def test_a_page_that_cannot_be_checked_gets_one_diagnostic_not_a_crash():
    from unittest import mock

    from plainlint.lsp.checking import Settings, Snapshot, run_check

    snap = Snapshot("file:///site/page.html", 1, "<p>Hello</p>", markdown=False)
    with mock.patch("plainlint.lsp.checking.check_source", side_effect=RecursionError("deep")):
        outcome = run_check(snap, Settings())
    [note] = outcome.checked.diagnostics
    assert note.severity == t.DiagnosticSeverity.Error and "nested too deeply" in note.message
    assert "RecursionError" in outcome.failure  # the traceback, for the server's log

    huge = Snapshot("untitled:Untitled-2", 1, "word " * 2_200_000, markdown=True)
    [note] = run_check(huge, Settings()).checked.diagnostics
    assert note.severity == t.DiagnosticSeverity.Information and "over the 10 MB limit" in note.message


# --- the server over stdio ------------------------------------------------------------


@module_loop
async def test_open_reports_findings_at_exact_utf16_ranges_with_the_reading_grade(client, tmp_path):
    from plainlint.config import load_config
    from plainlint.engine import check_source
    from plainlint.metrics import Grading, file_metrics

    uri = open_doc(client, tmp_path / "page.html", PAGE)
    diagnostics = await published(client, uri, version=1)
    jargon = {PAGE[slice(*_offsets(PAGE, d.range))]: d for d in by_code(diagnostics, "unexplained-jargon")}
    assert set(jargon) == {"prognosis", "MRI"}, diagnostics
    prognosis = jargon["prognosis"]
    assert prognosis.range == utf16_range(PAGE, "prognosis")  # after an emoji: two UTF-16 units
    assert prognosis.range.start.character == len("  <p>Waiting is hard 😀 so your ") + 1
    assert jargon["MRI"].range == utf16_range(PAGE, "MRI")
    assert prognosis.severity == t.DiagnosticSeverity.Warning
    assert prognosis.source == "plainlint"
    assert prognosis.message.startswith('"prognosis" is a specialist word')
    href = prognosis.code_description.href
    assert href.startswith((ROOT / "docs" / "rules.md").as_uri() + "#L")
    line = int(href.rsplit("#L", 1)[1])
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8").splitlines()[line - 1].startswith("**unexplained-jargon.**")

    # the reading grade: an Information diagnostic on the first line of the text
    config = load_config()
    metrics = file_metrics(check_source(PAGE, "page.html", config), Grading.from_options(config.rules["reading-grade"].options))
    [grade] = [d for d in by_code(diagnostics, "reading-grade") if d.severity == t.DiagnosticSeverity.Information]
    assert grade.message.startswith(f"Reading grade {metrics['grade']:.1f} (Flesch-Kincaid), reading age ")
    assert "the target is grade 8 or lower" in grade.message
    assert grade.range == utf16_range(PAGE, "<h1>After your scan</h1>")


def _offsets(text: str, rng: t.Range) -> tuple[int, int]:
    lines = text.split("\n")

    def offset(p: t.Position) -> int:
        line, units, i = lines[p.line], 0, 0
        while units < p.character:
            units += 2 if ord(line[i]) > 0xFFFF else 1
            i += 1
        return sum(len(x) + 1 for x in lines[: p.line]) + i

    return offset(rng.start), offset(rng.end)


@module_loop
async def test_markdown_by_language_id_and_other_languages_left_alone(client, tmp_path):
    since = len(client.published)
    other = open_doc(client, tmp_path / "notes.txt", "Your prognosis.", language="plaintext")
    uri = "untitled:Untitled-1"
    client.text_document_did_open(t.DidOpenTextDocumentParams(t.TextDocumentItem(uri, "markdown", 1, MARKDOWN)))
    diagnostics = await published(client, uri, version=1, since=since)
    [prognosis] = by_code(diagnostics, "unexplained-jargon")
    assert prognosis.range == utf16_range(MARKDOWN, "prognosis")
    assert all(p.uri != other for p in client.published[since:])


@module_loop
async def test_quick_fixes_replace_gloss_and_suppress_then_diagnostics_update(client, tmp_path):
    uri = open_doc(client, tmp_path / "fix.html", PAGE)
    diagnostics = await published(client, uri, version=1)
    prognosis = next(d for d in diagnostics if d.code == "unexplained-jargon" and d.range == utf16_range(PAGE, "prognosis"))
    actions = await actions_for(client, uri, prognosis)
    titles = [a.title for a in actions]
    assert titles == [
        'Use "outlook"',
        'Write "outlook (prognosis)"',
        'Explain "prognosis" in brackets: "prognosis (…)"',
        "Switch off unexplained-jargon for this line",
    ]
    assert actions[0].is_preferred and all(a.kind == t.CodeActionKind.QuickFix for a in actions)
    assert apply_edit(PAGE, actions[1].edit, uri) == PAGE.replace("your prognosis", "your outlook (prognosis)")
    assert apply_edit(PAGE, actions[2].edit, uri) == PAGE.replace("your prognosis", "your prognosis (…)")
    text = apply_edit(PAGE, actions[0].edit, uri)
    assert text == PAGE.replace("your prognosis", "your outlook")

    change_doc(client, uri, text, 2)
    diagnostics = await published(client, uri, version=2)
    [mri] = by_code(diagnostics, "unexplained-jargon")
    assert mri.range == utf16_range(text, "MRI")
    actions = await actions_for(client, uri, mri)
    assert [a.title for a in actions] == [
        'Spell out "MRI": "… (MRI)"',
        "Switch off unexplained-jargon for this line",
    ]
    assert apply_edit(text, actions[0].edit, uri) == text.replace("an MRI", "an … (MRI)")
    text = apply_edit(text, actions[1].edit, uri)
    assert "\n    <!-- plainlint-disable-next-line unexplained-jargon -->\n    <p>Ask for an MRI" in text

    change_doc(client, uri, text, 3)
    diagnostics = await published(client, uri, version=3)
    assert by_code(diagnostics, "unexplained-jargon") == []
    # an action for a diagnostic whose text has changed since is not offered
    assert not await actions_for(client, uri, mri)


@module_loop
async def test_markdown_suppression_keeps_the_paragraph_whole(client, tmp_path):
    uri = open_doc(client, tmp_path / "page.md", MARKDOWN, language="markdown")
    [prognosis] = by_code(await published(client, uri, version=1), "unexplained-jargon")
    action = (await actions_for(client, uri, prognosis))[-1]
    text = apply_edit(MARKDOWN, action.edit, uri)
    assert "We will talk about your prognosis first. <!-- plainlint-disable-line unexplained-jargon -->\n" in text
    change_doc(client, uri, text, 2)
    assert by_code(await published(client, uri, version=2), "unexplained-jargon") == []


@module_loop
async def test_changes_are_debounced_and_stale_results_dropped_then_save_checks(client, tmp_path):
    uri = open_doc(client, tmp_path / "typing.html", PAGE)
    await published(client, uri, version=1)
    since = len(client.published)
    text = PAGE
    for version in range(2, 7):  # typing: each change well inside the debounce time
        text = text.replace("worried.", "worried. Ask us.", 1)
        change_doc(client, uri, text, version)
        await asyncio.sleep(0.05)
    await published(client, uri, version=6, since=since)
    await asyncio.sleep(0.4)
    assert [p.version for p in client.published[since:] if p.uri == uri] == [6]

    since = len(client.published)
    client.text_document_did_save(t.DidSaveTextDocumentParams(t.TextDocumentIdentifier(uri)))
    assert by_code(await published(client, uri, version=6, since=since), "unexplained-jargon")

    client.text_document_did_close(t.DidCloseTextDocumentParams(t.TextDocumentIdentifier(uri)))
    assert await published(client, uri, since=since + 1) == []


@module_loop
async def test_hover_explains_the_rule_and_the_grade(client, tmp_path):
    uri = open_doc(client, tmp_path / "hover.html", PAGE)
    await published(client, uri, version=1)
    rng = utf16_range(PAGE, "prognosis")
    inside = t.Position(rng.start.line, rng.start.character + 3)
    hover = await client.text_document_hover_async(t.HoverParams(t.TextDocumentIdentifier(uri), inside))
    assert hover.range == rng
    assert hover.contents.kind == t.MarkupKind.Markdown
    text = hover.contents.value
    for part in (
        "**plainlint: unexplained-jargon** (warning)",
        "Medical and specialist terms",  # the summary
        "Good health writing puts the plain words first",  # the rationale
        "Reported:\n```html\n<p>Your prognosis depends",  # the examples
        "Not reported:\n```html\n<p>Your outlook (prognosis)",
        "- WCAG 2.2 success criteria 3.1.3 Unusual Words",  # the guidance
    ):
        assert part in text, part
    nothing = t.Position(rng.start.line, 4)  # "<p>W": no finding there
    assert await client.text_document_hover_async(t.HoverParams(t.TextDocumentIdentifier(uri), nothing)) is None
    h1 = utf16_range(PAGE, "After your scan</h1>").start
    grade = await client.text_document_hover_async(t.HoverParams(t.TextDocumentIdentifier(uri), h1))
    assert "**plainlint: reading grade**" in grade.contents.value
    assert "By formula: Flesch-Kincaid" in grade.contents.value


@module_loop
async def test_settings_reload_on_watched_file_change_and_before_each_check(client, tmp_path):
    for _ in range(500):  # the server asks to watch settings files just after initialisation
        if client.registrations:
            break
        await asyncio.sleep(0.01)
    watched = [
        w["globPattern"]
        for r in client.registrations
        for reg in r.registrations
        if reg.method == t.WORKSPACE_DID_CHANGE_WATCHED_FILES
        for w in reg.register_options["watchers"]
    ]
    assert sorted(watched) == ["**/.plainlint.yaml", "**/.plainlint.yml", "**/rules.yml"]
    site = tmp_path / "site"
    site.mkdir()
    settings = tmp_path / "rules.yml"
    uri = open_doc(client, site / "page.html", PAGE)
    assert by_code(await published(client, uri, version=1), "unexplained-jargon")

    def settings_changed(kind=t.FileChangeType.Changed):
        client.workspace_did_change_watched_files(
            t.DidChangeWatchedFilesParams([t.FileEvent(settings.as_uri(), kind)])
        )

    since = len(client.published)
    settings.write_text("rules:\n  unexplained-jargon:\n    enabled: false\n", encoding="utf-8")
    settings_changed(t.FileChangeType.Created)
    diagnostics = await published(client, uri, since=since)
    assert by_code(diagnostics, "unexplained-jargon") == [] and by_code(diagnostics, "reading-grade")

    # invalid settings: an error on the page and on the settings file's line, a message
    since, shown = len(client.published), len(client.messages)
    settings.write_text("rules:\n  unexplained-jargon:\n    enabeld: false\n", encoding="utf-8")
    settings_changed()
    [error] = await published(client, uri, since=since)
    assert error.severity == t.DiagnosticSeverity.Error and error.code == "invalid-settings"
    assert "line 3: unknown key \"enabeld\"" in error.message and 'did you mean "enabled"?' in error.message
    [on_file] = await published(client, settings.as_uri(), since=since)
    assert on_file.range.start.line == 2 and on_file.range.start.character == 4
    shown_message = await message(client, shown)
    assert shown_message.type == t.MessageType.Error
    assert "invalid settings" in shown_message.message

    # fixed, with no notification: the next check (a save here) looks at the file's stamp
    since = len(client.published)
    settings.write_text("rules:\n  sentence-length:\n    max-words: 5\n", encoding="utf-8")
    client.text_document_did_save(t.DidSaveTextDocumentParams(t.TextDocumentIdentifier(uri)))
    diagnostics = await published(client, uri, since=since)
    assert by_code(diagnostics, "unexplained-jargon") and by_code(diagnostics, "sentence-length")
    assert await published(client, settings.as_uri(), since=since) == []  # its errors cleared


@module_loop
async def test_malformed_messages_get_errors_and_the_server_keeps_working(client, tmp_path):
    protocol = client.protocol

    def send_raw(body: bytes) -> None:
        protocol.writer.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    async def raw_request(msg_id: str, method: str, params) -> object:
        future: concurrent.futures.Future = concurrent.futures.Future()
        protocol._request_futures[msg_id] = future  # as pygls' client does for its own requests
        send_raw(json.dumps({"jsonrpc": "2.0", "id": msg_id, "method": method, "params": params}).encode())
        return await asyncio.wait_for(asyncio.wrap_future(future), 10)

    with pytest.raises(JsonRpcInvalidParams):
        await raw_request("bad-params", t.TEXT_DOCUMENT_HOVER, {"textDocument": {"uri": 5}, "position": "x"})
    with pytest.raises(JsonRpcMethodNotFound):
        await client.protocol.send_request_async("plainlint/noSuchMethod", None)
    client.protocol.notify("plainlint/noSuchNotification", None)
    send_raw(b"{this is not json")
    never = (tmp_path / "never.html").as_uri()
    change_doc(client, never, "<p>prognosis</p>", 2)
    client.text_document_did_close(t.DidCloseTextDocumentParams(t.TextDocumentIdentifier(never)))
    assert await client.text_document_hover_async(
        t.HoverParams(t.TextDocumentIdentifier(never), t.Position(0, 4))
    ) is None

    uri = open_doc(client, tmp_path / "after.html", PAGE)
    assert by_code(await published(client, uri, version=1), "unexplained-jargon")
    assert all(p.uri != never or p.diagnostics == [] for p in client.published)


# --- a client that speaks UTF-8 and cannot watch files (Neovim 0.11) --------------------


@pytest_lsp.fixture(config=CONFIG)
async def neovim(lsp_client: LanguageClient, tmp_path):
    await lsp_client.initialize_session(
        t.InitializeParams(capabilities=client_capabilities("neovim@v0.11"), root_uri=tmp_path.as_uri())
    )
    yield
    await lsp_client.shutdown_session()


@pytest.mark.asyncio
async def test_utf8_positions_and_settings_looked_at_without_file_watching(neovim, tmp_path):
    uri = open_doc(neovim, tmp_path / "page.html", PAGE)
    diagnostics = await published(neovim, uri, version=1)
    [prognosis] = [d for d in diagnostics if d.code == "unexplained-jargon" and d.range.start.line == 6]
    prefix = "  <p>Waiting is hard 😀 so your "
    assert prognosis.range.start.character == len(prefix.encode("utf-8"))  # the emoji is 4 bytes
    assert prognosis.code_description is None  # Neovim does not take codeDescription
    assert neovim.registrations == []

    since = len(neovim.published)
    (tmp_path / ".plainlint.yml").write_text("rules:\n  unexplained-jargon:\n    enabled: false\n", encoding="utf-8")
    diagnostics = await published(neovim, uri, since=since, timeout=10)  # within one look (2 s)
    assert by_code(diagnostics, "unexplained-jargon") == []


def test_help_lists_lsp_without_importing_pygls():
    script = (
        "import sys, plainlint.cli\ntry:\n    plainlint.cli.main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print('pygls' in sys.modules, 'spacy' in sys.modules)"
    )
    done = run_python(script)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert re.search(r"^\s+lsp\s", out, re.M)
    assert out.strip().endswith("False False")
