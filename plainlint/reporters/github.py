"""GitHub Actions workflow commands: one annotation line per finding, nothing else.

``::warning file=PATH,line=L,col=C,endLine=EL,endColumn=EC,title=plainlint RULE::MESSAGE``;
error is ``::error``, warning ``::warning`` and info ``::notice``. Columns are given only
when the finding starts and ends on the same line, as GitHub accepts them only then. A
file that could not be read is ``::error file=PATH,title=plainlint::PATH reason``.
Values are escaped as GitHub's actions/toolkit does, so a "%", a newline, a ":" or a ","
in a path or message cannot end the command early or forge another one; before that, their
other control and bidi characters are shown escaped (safe_text.shown), so the log and a
terminal get no escape sequence and no override. A path that holds one no longer names the
file, so GitHub shows its findings in the run's summary rather than on the file's lines.
"""

from __future__ import annotations

from pathlib import PurePath

from plainlint.findings import Finding
from plainlint.report import Report
from plainlint.safe_text import shown

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def render(report: Report, colour: bool = False) -> str:
    lines = []
    for r in report.results:
        if r.error is not None:
            lines.append(command("error", {"file": _path(r.path), "title": "plainlint"}, f"{r.path} {r.error}"))
        lines.extend(_annotation(f) for f in r.findings)
    return "".join(line + "\n" for line in lines)


def _annotation(f: Finding) -> str:
    s = f.span
    properties: dict[str, object] = {"file": _path(f.path), "line": s.line}
    if s.line == s.end_line:
        properties.update(col=s.column, endLine=s.end_line, endColumn=s.end_column)
    else:
        properties["endLine"] = s.end_line
    properties["title"] = f"plainlint {f.rule}"
    return command(COMMANDS[f.severity.label], properties, f.message)


def command(name: str, properties: dict[str, object], message: str) -> str:
    # shown once on the whole line: its escapes hold no "%", ":", "," or line break
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return shown(f"::{name} {props}::{escape_data(message)}")


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _path(path: str) -> str:
    # forward slashes on every system; GitHub takes paths relative to the repository root
    return PurePath(path).as_posix()
