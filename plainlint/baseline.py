"""Baselines: adopt plainlint on a site with known problems and report only new ones.

A baseline file lists today's findings by file, rule and the text involved (not by line,
so findings survive edits elsewhere in the file). A later run drops as many findings of
each (file, rule, text) as the baseline holds, in file order, and reports the rest.
"""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from pathlib import Path, PurePath

from plainlint import __version__, json_text
from plainlint.atomic import write_atomically
from plainlint.engine import FileResult
from plainlint.findings import Finding
from plainlint.regular_files import read_regular

BASELINE_VERSION = 1
# About 313 bytes a finding: 64 MB holds 205,000 findings, 21 times those of wcag-html's
# 647 pages, and loads in 0.8 s and 284 MB. A pipe or device given as the baseline is not read.
MAX_BASELINE_BYTES = 64 * 1024 * 1024


class BaselineError(Exception):
    """A baseline file that cannot be read or is not a plainlint baseline."""


Key = tuple[str, str, str]


def _key(f: Finding) -> Key:
    # the fingerprint's first part: a digest of the rule and the text, without its
    # occurrence number, which shifts when an identical finding is added earlier
    return (PurePath(f.path).as_posix(), f.rule, f.fingerprint.split(":")[0])


def load(path: Path) -> Counter[Key]:
    try:
        data = json.loads(read_regular(path, MAX_BASELINE_BYTES).decode("utf-8"))
        if data.get("baseline_version") != BASELINE_VERSION:
            raise BaselineError(f"{path}: not a plainlint baseline (baseline_version {BASELINE_VERSION})")
        return Counter((e["path"], e["rule"], e["fingerprint"].split(":")[0]) for e in data["findings"])
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise BaselineError(f"{path}: cannot read the baseline: {exc}") from None
    except RecursionError:  # the standard library's JSON reader recurses into every list
        raise BaselineError(f"{path}: cannot read the baseline: lists or objects nested too deeply") from None


def write(path: Path, results: list[FileResult]) -> int:
    """Record every finding of ``results``; returns how many."""
    findings = [f for r in results for f in r.findings]
    data = {
        "tool": "plainlint",
        "version": __version__,
        "baseline_version": BASELINE_VERSION,
        "findings": [
            {
                "path": PurePath(f.path).as_posix(),
                "rule": f.rule,
                "fingerprint": f.fingerprint,
                "line": f.span.line,  # for people reading the file; not used to match
                "text": f.excerpt[:200],
            }
            for f in findings
        ],
    }
    text = json_text.dumps(data)
    if (len(text) if text.isascii() else len(text.encode())) > MAX_BASELINE_BYTES:  # a later run would refuse it
        raise BaselineError(f"cannot write {path}: {len(findings)} findings are over the "
                            f"{MAX_BASELINE_BYTES // 1048576} MB a baseline may hold; check the site in parts")
    write_atomically(path, text)
    return len(findings)


def new_only(results: list[FileResult], known: Counter[Key]) -> tuple[list[FileResult], int]:
    """Results without the findings the baseline knows; and how many were dropped."""
    left = Counter(known)
    out, dropped = [], 0
    for result in results:
        kept = []
        for f in result.findings:
            k = _key(f)
            if left[k] > 0:
                left[k] -= 1
                dropped += 1
            else:
                kept.append(f)
        out.append(with_findings(result, kept) if len(kept) != len(result.findings) else result)
    return out, dropped


def with_findings(result: FileResult, kept: list[Finding]) -> FileResult:
    """The result with fewer findings; the page view's marks follow them."""
    view = result.view
    if view is not None:
        index = {id(f): i for i, f in enumerate(kept)}
        marks = [
            dataclasses.replace(m, finding=index[id(result.findings[m.finding])])
            for m in view.marks
            if id(result.findings[m.finding]) in index
        ]
        view = dataclasses.replace(view, marks=marks)
    return dataclasses.replace(result, findings=kept, view=view)
