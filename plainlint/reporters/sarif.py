"""SARIF 2.1.0 report, for GitHub code scanning and other SARIF viewers.

One run. The driver lists every rule with its summary, its rationale and the guidance
it follows; each finding is a result pointing at its region. plainlint's positions are
already SARIF's: 1-based lines and columns, the end column just after the last
character, columns counted in characters (``columnKind`` unicodeCodePoints). A file
that could not be read is a tool execution notification, not a result, and makes the
invocation unsuccessful. Message texts show control and bidi characters escaped
(safe_text.shown), as code scanning would act on them; a path is a percent-encoded URI.
"""

from __future__ import annotations

import re
from pathlib import PurePath
from urllib.parse import quote

from plainlint import __version__, json_text
from plainlint.config import load_config
from plainlint.findings import Finding
from plainlint.report import Report
from plainlint.rules import RULES, Rule
from plainlint.safe_text import shown

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "plainlintFingerprint/v1"
SRCROOT = "%SRCROOT%"  # the conventional base for paths relative to the checkout

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#&])")


def render(report: Report, colour: bool = False) -> str:
    rule_ids = list(RULES)
    index = {rule_id: i for i, rule_id in enumerate(rule_ids)}
    # rules.yml's shipped severities; each result carries the severity actually in force
    defaults = load_config().rules
    results = []
    notifications = []
    for r in report.results:
        if r.error is not None:
            notifications.append(
                {
                    "level": "error",
                    "message": {"text": shown(f"{r.path} {r.error}")},
                    "locations": [{"physicalLocation": {"artifactLocation": artifact_location(r.path)}}],
                }
            )
        results.extend(_result(f, index) for f in r.findings)
    invocation: dict = {"executionSuccessful": not notifications}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    log = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "plainlint",
                        "version": __version__,
                        "rules": [_rule(RULES[i], LEVELS[defaults[i].severity.label]) for i in rule_ids],
                    }
                },
                "invocations": [invocation],
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json_text.dumps(log)


def artifact_location(path: str) -> dict:
    """A relative path stays relative (to ``%SRCROOT%``, the checkout), with forward
    slashes and percent-encoded as a URI; an absolute path becomes a ``file:`` URI."""
    pure = PurePath(path)
    if pure.is_absolute():
        return {"uri": pure.as_uri()}
    # ":" stays encoded, so "a:b.html" cannot be read as a URI with the scheme "a"
    return {"uri": quote(pure.as_posix(), safe="/!$&'()*+,;=@"), "uriBaseId": SRCROOT}


def _rule(rule: Rule, level: str) -> dict:
    guidance_text = "\n".join(f"- {s}" for s in rule.sources)
    guidance_markdown = "\n".join(f"- {_markdown(s)}" for s in rule.sources)
    explain = f"plainlint explain {rule.id}"
    # input-limits has no examples: a page that passes a cap is too big to show
    what = "for examples of text it reports and text it accepts" if rule.examples else "for what it reports and why"
    return {
        "id": rule.id,
        "name": "".join(part.capitalize() for part in rule.id.split("-")),
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.rationale},
        "help": {
            "text": f"{rule.rationale}\n\nGuidance:\n{guidance_text}\n\n"
            f"Run {explain} {what}.",
            "markdown": f"{_markdown(rule.rationale)}\n\n**Guidance**\n\n{guidance_markdown}\n\n"
            f"Run `{explain}` {what}.",
        },
        "defaultConfiguration": {"level": level},
        "properties": {"tags": ["plain-language"]},
    }


def _result(f: Finding, index: dict[str, int]) -> dict:
    result: dict = {"ruleId": f.rule}
    if f.rule in index:
        result["ruleIndex"] = index[f.rule]
    result.update(
        {
            "level": LEVELS[f.severity.label],
            "message": {"text": shown(f.message)},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": artifact_location(f.path),
                        "region": {
                            "startLine": f.span.line,
                            "startColumn": f.span.column,
                            "endLine": f.span.end_line,
                            "endColumn": f.span.end_column,
                        },
                    }
                }
            ],
            "partialFingerprints": {FINGERPRINT_KEY: f.fingerprint},
        }
    )
    return result


def _markdown(text: str) -> str:
    """Plain text, escaped so Markdown shows it as written (an HTML comment in a
    rationale would otherwise vanish)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)
