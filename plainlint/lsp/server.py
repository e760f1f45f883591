"""``plainlint lsp``: a Language Server Protocol server over stdio, built on pygls.

A front end like the command line: it hands each open HTML or Markdown document to the
engine and turns the findings into diagnostics, hovers and quick fixes. Checks run in
worker processes (workers.py), so the event loop stays free to answer requests and one
document's check never waits for another's; a change waits ``DEBOUNCE`` seconds for the
next one, a newer change stops the check of the older text, a check over its time is
stopped, and results for an older version than the editor's are dropped. What the client
sends is read through framing.py, which hands pygls only well-formed messages.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from lsprotocol import types as t
from pygls.exceptions import JsonRpcException, JsonRpcInvalidParams
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method
from pygls.uris import from_fs_path, to_fs_path

from plainlint import __version__
from plainlint.config import CONFIG_NAMES
from plainlint.lsp import logs
from plainlint.lsp.checking import Outcome, Settings, SettingsKey, Snapshot
from plainlint.lsp.features import (
    JARGON,
    SOURCE,
    Checked,
    Fix,
    hover_markdown,
    jargon_fixes,
    settings_file_diagnostics,
    suppress_fix,
)
from plainlint.lsp.framing import FramedInput
from plainlint.lsp.positions import UTF16, PositionMap
from plainlint.lsp.workers import CheckPool

DEBOUNCE = 0.3  # seconds after a change before checking
POLL = 2.0  # seconds between looks at settings files, for clients that cannot watch files
CHECK_TIMEOUT = 30.0  # seconds a check may take (the checkTimeout initialization option)
MAX_CHECK_TIMEOUT = 3600.0
WORKERS = max(2, min(4, os.cpu_count() or 2))  # pages checked at once
LANGUAGES = {"html": False, "markdown": True}  # languageId: is Markdown
SUFFIXES = {".html": False, ".htm": False, ".xhtml": False, ".md": True, ".markdown": True}

logger = logging.getLogger("plainlint.lsp")


class _Protocol(LanguageServerProtocol):
    """pygls' protocol, made to answer malformed requests instead of dropping them."""

    def structure_message(self, data):
        try:
            return super().structure_message(data)
        except JsonRpcException:
            # pygls gives up on a request whose params do not fit its method, and sends
            # nothing back: the client would wait for ever. Answer it with the error.
            if isinstance(data, dict) and data.get("id") is not None and "method" in data:
                error = JsonRpcInvalidParams(f"Invalid params for {data['method']}")
                self._send_response(data["id"], None, error.to_response_error())
            raise

    def handle_message(self, message):
        if not hasattr(message, "jsonrpc"):  # a JSON array, number or string, or an object without "jsonrpc"
            self._server.problem(f"dropped a message that is not a JSON-RPC message (a JSON {_json_kind(message)})")
            return
        super().handle_message(message)

    @lsp_method(t.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: t.DidChangeTextDocumentParams):
        if unquote(params.text_document.uri) not in self.workspace.text_documents:
            logger.warning("didChange for a document that is not open: %s", params.text_document.uri)
            return
        yield from super().lsp_text_document__did_change(params)


def _json_kind(value) -> str:
    kinds = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
    return kinds.get(type(value), "number")


@dataclass
class _Doc:
    uri: str
    markdown: bool
    path: Path | None  # on disk
    folder: Path | None  # where its settings are looked for
    pending: asyncio.Task | None = None
    checked: Checked | None = None
    settings_key: SettingsKey | None = None


def _path(uri: str) -> Path | None:
    if urlparse(uri).scheme != "file":
        return None
    fs_path = to_fs_path(uri)
    return Path(fs_path) if fs_path else None


def _language(language_id: str, uri: str) -> bool | None:
    """True for Markdown, False for HTML, None for a document plainlint does not check."""
    if language_id in LANGUAGES:
        return LANGUAGES[language_id]
    suffix = Path(urlparse(uri).path).suffix.lower()
    return SUFFIXES.get(suffix)


class PlainlintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(
            "plainlint", __version__, text_document_sync_kind=t.TextDocumentSyncKind.Full, protocol_cls=_Protocol
        )
        self.docs: dict[str, _Doc] = {}
        self.pool = CheckPool(WORKERS)
        self.check_timeout = CHECK_TIMEOUT
        self.loop: asyncio.AbstractEventLoop | None = None  # once initialized
        self.throttle = logs.Throttle()
        self.input: FramedInput | None = None  # what the client sends, once serving
        self.settings_errors: dict[Path, str] = {}  # settings files whose problems are shown
        self.encoding = UTF16
        self.links = False  # whether the client takes codeDescription
        self.versioned_edits = False  # whether the client takes documentChanges
        self.background: set[asyncio.Task] = set()

        self._on(t.INITIALIZE, self.on_initialize)
        self._on(t.INITIALIZED, self.on_initialized)
        self._on(t.SHUTDOWN, self.on_shutdown)
        self._on(t.TEXT_DOCUMENT_DID_OPEN, self.on_open)
        self._on(t.TEXT_DOCUMENT_DID_CHANGE, self.on_change)
        self._on(t.TEXT_DOCUMENT_DID_SAVE, self.on_save, t.SaveOptions(include_text=False))
        self._on(t.TEXT_DOCUMENT_DID_CLOSE, self.on_close)
        self._on(t.WORKSPACE_DID_CHANGE_WATCHED_FILES, self.on_watched_files)
        self._on(t.TEXT_DOCUMENT_HOVER, self.on_hover)
        self._on(
            t.TEXT_DOCUMENT_CODE_ACTION,
            self.on_code_action,
            t.CodeActionOptions(code_action_kinds=[t.CodeActionKind.QuickFix]),
        )

    def _on(self, method: str, handler, options=None) -> None:
        """Register a method of this server as the handler of an LSP method."""

        def handle(params):
            return handler(params)

        handle.__name__ = handler.__name__
        self.feature(method, options)(handle)

    # --- messages to the client -----------------------------------------------------

    def log(self, message: str, kind: t.MessageType = t.MessageType.Log) -> None:
        self.window_log_message(t.LogMessageParams(kind, message))

    def report_server_error(self, error: Exception, source) -> None:
        """pygls' default pops up every error, including a client's malformed message:
        log it instead, on one line (problems the user can act on are shown on purpose)."""
        if source is JsonRpcException and isinstance(error, (ValueError, RecursionError)):
            self.problem(f"dropped a message that is not valid JSON: {logs.exception_line(error)}")
        else:
            self.problem(logs.exception_line(error))

    def problem(self, line: str) -> None:
        """One line about a bad message or a failure, on standard error and in the
        client's log; from any thread. Throttled: a client cannot flood either."""
        line = self.throttle(logs.one_line(line))
        if line is None:
            return
        logger.warning("%s", line)
        if self.loop is not None and not self.loop.is_closed():
            self.loop.call_soon_threadsafe(self._log_quietly, f"plainlint: {line}")

    def _log_quietly(self, message: str) -> None:
        try:
            self.log(message, t.MessageType.Warning)
        except Exception:  # noqa: BLE001 - the transport may be gone
            pass

    def shutdown(self) -> None:
        """Stop reading (pygls waits for its reader thread), then the workers."""
        if self.input is not None:
            self.input.close()
        self.pool.close()
        super().shutdown()

    def publish(self, uri: str, diagnostics: list[t.Diagnostic], version: int | None = None) -> None:
        self.text_document_publish_diagnostics(t.PublishDiagnosticsParams(uri, diagnostics, version))

    def _spawn(self, coroutine) -> asyncio.Task:
        task = asyncio.get_running_loop().create_task(coroutine)
        self.background.add(task)
        task.add_done_callback(self.background.discard)
        return task

    # --- lifecycle --------------------------------------------------------------------

    def on_initialize(self, params: t.InitializeParams) -> None:
        self.loop = asyncio.get_running_loop()
        options = params.initialization_options
        timeout = options.get("checkTimeout") if isinstance(options, dict) else None
        if timeout is None:
            return
        if isinstance(timeout, (int, float)) and not isinstance(timeout, bool) and 0 < timeout <= MAX_CHECK_TIMEOUT:
            self.check_timeout = float(timeout)
        else:
            self.problem(f"checkTimeout must be a number of seconds from 0 to {MAX_CHECK_TIMEOUT:g}, not "
                         f"{timeout!r}: using {CHECK_TIMEOUT:g}")

    def on_initialized(self, params: t.InitializedParams) -> None:
        caps = self.client_capabilities
        self.encoding = str(getattr(self.workspace.position_encoding, "value", self.workspace.position_encoding))
        publish = caps.text_document.publish_diagnostics if caps.text_document else None
        self.links = bool(publish and publish.code_description_support)
        edit = caps.workspace.workspace_edit if caps.workspace else None
        self.versioned_edits = bool(edit and edit.document_changes)
        watched = caps.workspace.did_change_watched_files if caps.workspace else None
        self._spawn(self._warm_up())
        if watched and watched.dynamic_registration:
            self._spawn(self._watch_settings())
        else:
            self._spawn(self._poll_settings())

    def on_shutdown(self, params: None) -> None:
        for doc in self.docs.values():
            if doc.pending:
                doc.pending.cancel()
        self.pool.close()

    async def _warm_up(self) -> None:
        """Start a worker, which loads spaCy, word frequencies and the lexicon, before the
        first page arrives."""
        began = time.perf_counter()
        try:
            await self.pool.start()
        except Exception as exc:  # noqa: BLE001 - a failed start is tried again for each page
            self.log(f"plainlint: starting a check worker failed: {logs.exception_line(exc)}", t.MessageType.Warning)
            return
        self.log(f"plainlint {__version__}: ready in {time.perf_counter() - began:.1f} s", t.MessageType.Info)

    async def _watch_settings(self) -> None:
        watchers = [t.FileSystemWatcher(glob_pattern=f"**/{name}") for name in CONFIG_NAMES]
        registration = t.Registration(
            id=str(uuid.uuid4()),
            method=t.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=t.DidChangeWatchedFilesRegistrationOptions(watchers=watchers),
        )
        try:
            await self.client_register_capability_async(t.RegistrationParams([registration]))
        except Exception as exc:  # noqa: BLE001 - fall back on looking at the files
            self.log(f"plainlint: cannot watch settings files ({exc}); looking at them every {POLL:g} s instead")
            await self._poll_settings()

    async def _poll_settings(self) -> None:
        """For clients that cannot watch files: check again any open page whose nearest
        settings file is another one, or was changed, since its last check."""
        while True:
            await asyncio.sleep(POLL)
            for doc in list(self.docs.values()):
                idle = doc.pending is None or doc.pending.done()
                if idle and doc.settings_key is not None and Settings.key(doc.folder) != doc.settings_key:
                    self.schedule(doc, 0)

    # --- documents --------------------------------------------------------------------

    def on_open(self, params: t.DidOpenTextDocumentParams) -> None:
        item = params.text_document
        markdown = _language(item.language_id, item.uri)
        if markdown is None:
            return
        path = _path(item.uri)
        root = self.workspace.root_path
        folder = path.parent if path else (Path(root) if root else None)
        old = self.docs.get(item.uri)
        if old and old.pending:
            old.pending.cancel()
        doc = self.docs[item.uri] = _Doc(item.uri, markdown, path, folder)
        self.schedule(doc, 0)

    def on_change(self, params: t.DidChangeTextDocumentParams) -> None:
        doc = self.docs.get(params.text_document.uri)
        if doc is not None:
            self.schedule(doc, DEBOUNCE)

    def on_save(self, params: t.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        if Path(urlparse(uri).path).name in CONFIG_NAMES:
            self.settings_changed()
        elif (doc := self.docs.get(uri)) is not None:
            self.schedule(doc, 0)

    def on_close(self, params: t.DidCloseTextDocumentParams) -> None:
        doc = self.docs.pop(params.text_document.uri, None)
        if doc is not None:
            if doc.pending:
                doc.pending.cancel()
            self.publish(doc.uri, [])

    def on_watched_files(self, params: t.DidChangeWatchedFilesParams) -> None:
        if any(Path(unquote(urlparse(c.uri).path)).name in CONFIG_NAMES for c in params.changes):
            self.settings_changed()

    def settings_changed(self) -> None:
        self.pool.generation += 1
        for doc in self.docs.values():
            self.schedule(doc, 0)

    # --- checking ---------------------------------------------------------------------

    def schedule(self, doc: _Doc, delay: float) -> None:
        """Check ``doc`` after ``delay`` seconds, in place of any check not yet started."""
        if doc.pending and not doc.pending.done():
            doc.pending.cancel()
        doc.pending = asyncio.get_running_loop().create_task(self._check(doc, delay))

    def _current(self, uri: str):
        return self.workspace.text_documents.get(unquote(uri))

    async def _check(self, doc: _Doc, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        current = self._current(doc.uri)
        if current is None:
            return
        snap = Snapshot(
            doc.uri, current.version, current.source, doc.markdown, doc.path, doc.folder, self.encoding, self.links
        )
        outcome = await self.pool.check(snap, self.check_timeout)
        current = self._current(doc.uri)
        if self.docs.get(doc.uri) is not doc or current is None or current.version != snap.version:
            return  # closed, or edited since: a newer check is on its way
        doc.checked = outcome.checked
        doc.settings_key = outcome.settings_key
        self.publish(doc.uri, outcome.checked.diagnostics, snap.version)
        self._show_settings(outcome)
        if outcome.failure:
            self.log(f"plainlint: could not check {doc.uri}:\n{outcome.failure}", t.MessageType.Error)

    def _show_settings(self, outcome: Outcome) -> None:
        """Show a settings file's problems on it, and once in a message; clear them when
        the file is fixed or gone."""
        path = outcome.settings_key[0]
        if outcome.settings_error is not None and path is not None:
            if self.settings_errors.get(path) != outcome.settings_error:
                self.settings_errors[path] = outcome.settings_error
                self.publish(from_fs_path(str(path)), settings_file_diagnostics(path, outcome.settings_error))
                self.window_show_message(
                    t.ShowMessageParams(
                        t.MessageType.Error,
                        f"plainlint: invalid settings, so pages using them are not checked.\n{outcome.settings_error}",
                    )
                )
        for errored in list(self.settings_errors):
            if (errored == path and outcome.settings_error is None) or not errored.exists():
                del self.settings_errors[errored]
                self.publish(from_fs_path(str(errored)), [])
                self.log(f"plainlint: the settings in {errored} are no longer in error")

    # --- requests ---------------------------------------------------------------------

    def _fresh(self, uri: str) -> tuple[_Doc, Checked, PositionMap] | None:
        """The document's last check, if it was of the text the editor has now."""
        doc = self.docs.get(uri)
        current = self._current(uri)
        if doc is None or doc.checked is None or current is None or doc.checked.text != current.source:
            return None
        checked = doc.checked
        return doc, checked, checked.pm or PositionMap(checked.text, self.encoding)

    def on_hover(self, params: t.HoverParams) -> t.Hover | None:
        fresh = self._fresh(params.text_document.uri)
        if fresh is None:
            return None
        _, checked, pm = fresh
        hits = checked.at(pm.offset_at(params.position))
        if not hits:
            return None
        return t.Hover(
            contents=t.MarkupContent(t.MarkupKind.Markdown, hover_markdown(hits, checked.metrics)),
            range=pm.range(hits[0].start, hits[0].end),
        )

    def on_code_action(self, params: t.CodeActionParams) -> list[t.CodeAction] | None:
        uri = params.text_document.uri
        doc, current = self.docs.get(uri), self._current(uri)
        only = params.context.only
        if doc is None or current is None or (only and not any(t.CodeActionKind.QuickFix.startswith(k) for k in only)):
            return None
        text = current.source
        pm = PositionMap(text, self.encoding)
        actions = []
        for diagnostic in params.context.diagnostics:
            if diagnostic.source != SOURCE:
                continue
            data = diagnostic.data if isinstance(diagnostic.data, dict) else self._data_for(doc, diagnostic)
            rule = (data or {}).get("rule")
            if not rule:
                continue  # the reading grade, or a settings problem: nothing to fix here
            start, end = pm.range_offsets(diagnostic.range)
            if text[start:end] != data.get("text"):
                continue  # the text has changed under the diagnostic since it was checked
            fixes = []
            if rule == JARGON:
                fixes = jargon_fixes(text, start, end, data.get("term") or text[start:end], data.get("suggestion"))
            fixes.append(suppress_fix(pm, start, rule, doc.markdown))
            actions += [self._action(fix, diagnostic, pm, uri, current.version) for fix in fixes]
        return actions

    @staticmethod
    def _data_for(doc: _Doc, diagnostic: t.Diagnostic) -> dict | None:
        """For clients that do not send diagnostics' data back: find it by range and code."""
        if doc.checked is None:
            return None
        for placed in doc.checked.placed:
            d = placed.diagnostic
            if d.range == diagnostic.range and d.code == diagnostic.code and isinstance(d.data, dict):
                return d.data
        return None

    def _action(self, fix: Fix, diagnostic: t.Diagnostic, pm: PositionMap, uri: str, version) -> t.CodeAction:
        edits = [t.TextEdit(pm.range(start, end), new) for start, end, new in fix.edits]
        if self.versioned_edits:
            identifier = t.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version)
            edit = t.WorkspaceEdit(document_changes=[t.TextDocumentEdit(identifier, edits)])
        else:
            edit = t.WorkspaceEdit(changes={uri: edits})
        return t.CodeAction(
            fix.title, kind=t.CodeActionKind.QuickFix, diagnostics=[diagnostic], is_preferred=fix.preferred or None,
            edit=edit,
        )


def make_server() -> PlainlintServer:
    return PlainlintServer()


def _private_streams():
    """The client's streams, on new descriptors; descriptors 0 and 1 become /dev/null and
    standard error, so that nothing else in this process or its workers (a library that
    prints, a C extension writing to descriptor 1) can read from or write into them."""
    stdin, stdout = os.fdopen(os.dup(0), "rb"), os.fdopen(os.dup(1), "wb")
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    return stdin, stdout


def _exit_on(signum, frame) -> None:
    raise SystemExit(128 + signum)


def serve() -> None:
    """Serve over stdin and stdout until the client says exit, its input ends, or a
    SIGTERM or SIGHUP (an editor closing; the terminal gone) ends it cleanly: the workers
    stop and the fork server's folder is removed."""
    logs.configure()
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _exit_on)
    stdin, stdout = _private_streams()
    server = make_server()
    server.input = FramedInput(stdin, server.problem)
    try:
        server.start_io(server.input, stdout)
    finally:
        server.pool.close()
    # Out at once, as cli.run does too: multiprocessing's clean-up at exit would try again
    # to remove the fork server's folder that pool.close() removed, with a traceback.
    sys.stderr.flush()
    os._exit(0)
