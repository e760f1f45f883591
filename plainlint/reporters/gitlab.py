"""GitLab Code Quality report: a JSON list of issues (GitLab's subset of the Code Climate spec).

Each finding is an issue with GitLab's required fields: ``description`` (the message),
``check_name`` (the rule id), ``fingerprint``, ``severity`` and ``location`` (``path``,
``lines.begin`` and ``lines.end``). Severities: error is critical, warning is major,
info is info. The fingerprint is a SHA-256 of the path and the finding's own fingerprint,
so it stays the same when the file is edited elsewhere and differs from file to file.
A file that could not be read is a critical issue named ``unreadable-file`` at line 1.
Descriptions show control and bidi characters escaped (safe_text.shown), as GitLab's merge
request widget would act on them; a path stays exact, so GitLab finds the file it names.
"""

from __future__ import annotations

import hashlib
from pathlib import PurePath

from plainlint import json_text
from plainlint.report import Report
from plainlint.safe_text import shown

SEVERITIES = {"error": "critical", "warning": "major", "info": "info"}
UNREADABLE = "unreadable-file"


def render(report: Report, colour: bool = False) -> str:
    issues = []
    used: set[str] = set()

    def fingerprint(*parts: str) -> str:
        # GitLab shows issues that share a fingerprint as one; keep each issue apart
        # even if two findings in a file ever share theirs
        n = 0
        while True:
            key = "\0".join(parts) + (f"\0{n}" if n else "")
            digest = hashlib.sha256(key.encode()).hexdigest()
            if digest not in used:
                used.add(digest)
                return digest
            n += 1

    for r in report.results:
        path = _path(r.path)
        if r.error is not None:
            issues.append(
                {
                    "description": shown(f"{r.path} {r.error}"),
                    "check_name": UNREADABLE,
                    "fingerprint": fingerprint(path, UNREADABLE),
                    "severity": SEVERITIES["error"],
                    "location": {"path": path, "lines": {"begin": 1}},
                }
            )
        for f in r.findings:
            issues.append(
                {
                    "description": shown(f.message),
                    "check_name": f.rule,
                    "fingerprint": fingerprint(path, f.fingerprint),
                    "severity": SEVERITIES[f.severity.label],
                    "location": {"path": path, "lines": {"begin": f.span.line, "end": f.span.end_line}},
                }
            )
    return json_text.dumps(issues)


def _path(path: str) -> str:
    # relative to the repository root, forward slashes, no leading "./"
    return PurePath(path).as_posix()
