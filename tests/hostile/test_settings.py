"""Hostile settings: YAML that would run code, expand without end or nest without end;
numbers that are not numbers; terms and selectors that could make matching hang. Each is
refused with exit code 2 and a message naming the file and line, or runs in bounded time."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from plainlint.cli import main
from plainlint.config import ConfigError
from plainlint.engine import check_source
from plainlint.lexicon import build_lexicon

PAGE = "<main><h1>Scans</h1>\n<p>Your prognosis is good. You need an MRI.</p></main>\n"


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "page.html").write_text(PAGE)
    return tmp_path


def run_with(project, settings: str):
    (project / "rules.yml").write_text(settings)
    return CliRunner().invoke(main, ["check", "--no-cache", "page.html"])


def test_a_yaml_tag_that_would_run_a_command_is_refused_and_runs_nothing(project):
    marker = project / "ran"
    for tag in ("!!python/object/apply:os.system", "!!python/object/apply:subprocess.call",
                "!!python/object/new:os.system"):  # fmt: skip
        result = run_with(project, f"fail-on: {tag} [\"touch {marker}\"]\n")
        assert result.exit_code == 2
        assert "rules.yml:1: not valid YAML: could not determine a constructor for the tag" in result.output
        assert not marker.exists()
    # and in a real process, where a constructor would really run
    (project / "rules.yml").write_text(f"rules: !!python/object/apply:os.system [\"touch {marker}\"]\n")
    done = subprocess.run([sys.executable, "-m", "plainlint", "check", "--no-cache", "page.html"],
                          capture_output=True, text=True, timeout=120, cwd=project)
    assert done.returncode == 2 and "not valid YAML" in done.stderr
    assert not marker.exists()


def test_billion_laughs_is_refused_quickly(project):
    laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[n]
        laughs.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    laughs.append("rules:\n  unexplained-jargon:\n    allow: *i")
    start = time.perf_counter()
    result = run_with(project, "\n".join(laughs) + "\n")
    assert time.perf_counter() - start < 20  # it took minutes, following every alias again
    assert result.exit_code == 2
    assert 'rules.yml:2: unknown key "b" in the top level' in result.output
    assert "rules.yml:12: allow must be a list of words in [brackets], not a list" in result.output


@pytest.mark.parametrize(
    "settings, message",
    [
        ("rules: &r\n  x: *r\n", 'rules.yml:2: unknown key "x" in rules'),  # a mapping that holds itself
        ("overrides: &o\n  - *o\n", "rules.yml:1: overrides.0 must be a mapping of keys to values, not a list"),
        ("rules: " + "[" * 5000 + "]" * 5000 + "\n", "rules.yml:1: not valid YAML: lists or mappings nested too deeply"),
        ("max-file-size-mb: .inf\n", "rules.yml:1: max-file-size-mb must be a number above 0 and at most 1024, not inf"),
        ("max-file-size-mb: .nan\n", "rules.yml:1: max-file-size-mb must be a number above 0 and at most 1024, not nan"),
        ("max-file-size-mb: -1\n", "rules.yml:1: max-file-size-mb must be a number above 0 and at most 1024, not -1"),
        # a finite number past what a whole number of bytes can be made from: OverflowError before
        ("max-file-size-mb: 1.0e+308\n",
         "rules.yml:1: max-file-size-mb must be a number above 0 and at most 1024, not 1e+308"),
        ("max-file-size-mb: 99999999999999999999999\n", "max-file-size-mb must be a number above 0 and at most 1024"),
        ("rules:\n  reading-grade:\n    max-grade: .nan\n", "rules.yml:3: max-grade must be a number"),
        ("rules:\n  sentence-length:\n    max-words: 1e400\n", "rules.yml:3: max-words must be a whole number"),
        ("rules:\n  unexplained-jargon:\n    terms:\n      ? " + "a" * 100_000 + "\n      : null\n",
         "rules.yml:3: terms: a term may have at most 200 characters, not 100000"),
        ("content:\n  include: '" + ":is(" * 20_000 + "main" + ")" * 20_000 + "'\n",
         "rules.yml:2: include is not a valid CSS selector"),
        ("content:\n  exclude: '" + ", ".join(f"div.c{i}" for i in range(20_000)) + "'\n",
         "rules.yml:2: exclude is not a valid CSS selector"),
        ("content:\n  include: 'main:has(:has(p))'\n", "rules.yml:2: include is not a valid CSS selector"),
        ("\x00\n", "rules.yml:1: not valid YAML"),
        ("fail-on: [unclosed\n", "not valid YAML"),
        ("- a\n- b\n", "the top level must be a mapping of keys to values, not a list"),
    ],
)
def test_hostile_settings_exit_2_naming_file_and_line(project, settings, message):
    start = time.perf_counter()
    result = run_with(project, settings)
    assert time.perf_counter() - start < 20
    assert result.exit_code == 2, result.output
    assert "plainlint: invalid settings" in result.output
    assert message in result.output, result.output


@pytest.mark.parametrize(
    "settings, message",
    [
        ("fail-on: error\nmax-file-size-mb: 5\nfail-on: never\n",
         'rules.yml:3: "fail-on" is given twice in the top level (also on line 1)'),
        ("rules:\n  sentence-length:\n    max-words: 20\n    enabled: true\n    max-words: 90\n",
         'rules.yml:5: "max-words" is given twice in rules.sentence-length (also on line 3)'),
        ("rules:\n  reading-grade: {enabled: true, enabled: false}\n",
         'rules.yml:2: "enabled" is given twice in rules.reading-grade (also on line 2)'),
        ("rules:\n  unexplained-jargon:\n    terms:\n      myalgia: muscle pain\n      myalgia: null\n",
         'rules.yml:5: "myalgia" is given twice in rules.unexplained-jargon.terms (also on line 4)'),
        ("overrides:\n  - files: [a]\n    files: [b]\n",
         'rules.yml:3: "files" is given twice in overrides.0 (also on line 2)'),
    ],
)
def test_a_key_given_twice_is_a_settings_error_naming_both_lines(project, settings, message):
    result = run_with(project, settings)  # YAML keeps the last without a word: "never" passed every run
    assert result.exit_code == 2, result.output
    assert "plainlint: invalid settings" in result.output
    assert message in result.output


def test_keys_repeated_through_a_yaml_merge_are_not_duplicates(settings):
    config = settings("rules:\n  sentence-length: &base\n    severity: info\n    max-words: 30\n"
                      "  hard-sentences:\n    <<: {severity: info, max-grade: 10}\n    max-grade: 14\n")
    assert config.rules["hard-sentences"].options["max-grade"] == 14
    assert config.rules["sentence-length"].options["max-words"] == 30


def test_a_settings_file_is_parsed_once(project, monkeypatch):
    import yaml

    from plainlint.config import load_config

    (project / "rules.yml").write_text("fail-on: error\nrules:\n  sentence-length:\n    max-words: 20\n")
    parsed = []
    real_init = yaml.SafeLoader.__init__

    def counting(self, stream):
        parsed.append(stream)
        real_init(self, stream)

    monkeypatch.setattr(yaml.SafeLoader, "__init__", counting)
    config = load_config(project / "rules.yml")
    assert config.rules["sentence-length"].options["max-words"] == 20
    assert sum("max-words: 20" in text for text in parsed) == 1  # was twice: yaml.compose, then yaml.safe_load


def test_settings_file_that_is_not_utf_8_or_not_a_file(project):
    (project / "rules.yml").write_bytes(b"fail-on: \xff\n")
    result = CliRunner().invoke(main, ["check", "--no-cache", "page.html"])
    assert result.exit_code == 2 and "rules.yml: cannot read the settings file" in result.output
    (project / "rules.yml").unlink()
    (project / "rules.yml").mkdir()  # a folder of that name is not a settings file: skipped
    assert CliRunner().invoke(main, ["check", "--no-cache", "page.html"]).exit_code == 1


# --- user terms cannot make matching hang -------------------------------------------------------

REDOS = "a" * 60 + "!"  # what "(a+)+$" takes exponential time on, were it a pattern


def test_a_term_that_looks_like_a_pattern_is_matched_as_text(settings):
    config = settings("rules:\n  unexplained-jargon:\n    terms:\n      '(a+)+$': null\n      'x.*': null\n"
                      "      '[': null\n      '\\\\': null\n      'a|b': null\n      'enzyme (thing)': null\n")
    start = time.perf_counter()
    result = check_source(f"<h1>Test</h1><p>Here is {REDOS} and xyz and a|b and enzyme (thing).</p>", "p.html", config)
    assert time.perf_counter() - start < 5
    found = {f.excerpt for f in result.findings if f.rule == "unexplained-jargon"}
    assert "enzyme (thing)" in found and "xyz" not in found
    lexicon = build_lexicon(["medical"], {"(a+)+$": None, "a|b": None, "x.*": None})
    assert [m.text for m in lexicon.find(f"Here is (a+)+$ and a|b and xyz and {REDOS}.")] == ["(a+)+$", "a|b"]


def test_ten_thousand_terms_load_and_match_in_bounded_time(settings):
    import random

    rng = random.Random(9)
    terms = {"".join(rng.choices("abcdefghijklmnopqrstuvwxyz", k=rng.randint(5, 14))) for _ in range(10_000)}
    text = "rules:\n  unexplained-jargon:\n    terms:\n" + "".join(f"      {t}: null\n" for t in sorted(terms))
    text += "      zzsecretterm: plain words\n"
    config = settings(text)
    start = time.perf_counter()
    result = check_source("<h1>Test</h1><p>Your zzsecretterm is fine. " + REDOS * 100 + "</p>", "p.html", config)
    assert time.perf_counter() - start < 30
    assert any(f.excerpt == "zzsecretterm" for f in result.findings)


def test_a_term_at_the_length_limit_works(settings):
    term = "ab" * 100
    config = settings(f"rules:\n  unexplained-jargon:\n    terms:\n      {term}: null\n      {term[:-1]}x: null\n")
    result = check_source(f"<h1>Test</h1><p>See {term} here.</p>", "p.html", config)
    assert any(f.excerpt == term for f in result.findings)
    with pytest.raises(ConfigError, match="at most 200 characters"):
        settings(f"rules:\n  unexplained-jargon:\n    terms:\n      {term}a: null\n")


def test_a_heavy_but_valid_selector_runs_in_bounded_time(settings):
    config = settings("content:\n  include: '" + " ".join(["div"] * 40) + " p, :is(" * 1 + "main)'\n"
                      "  exclude: 'div:not(:has(span)) div:not(:has(b)) p:nth-child(2n+1):not(:first-child)'\n")
    page = "<div>" * 3000 + "<p>Your prognosis.</p>" * 50 + "</div>" * 3000
    start = time.perf_counter()
    check_source(page, "p.html", config)
    assert time.perf_counter() - start < 30


def test_an_overrides_pattern_cannot_hang(project):
    (project / "rules.yml").write_text("overrides:\n  - files: ['" + "*" * 5000 + "a[b']\n    rules: {}\n")
    start = time.perf_counter()
    result = CliRunner().invoke(main, ["check", "--no-cache", "page.html"])
    assert time.perf_counter() - start < 20 and result.exit_code == 1

