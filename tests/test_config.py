"""Settings: packaged defaults, discovery, merging, and errors that point at the line."""

from __future__ import annotations

import pytest

from plainlint.config import ConfigError, defaults_text, discover, load_config
from plainlint.findings import Severity
from plainlint.rules import RULES
from tests.helpers import ROOT


def test_packaged_defaults_are_the_documented_rules_yml():
    assert defaults_text() == (ROOT / "rules.yml").read_text(encoding="utf-8")


def test_defaults_cover_every_rule_and_option():
    config = load_config()
    assert set(config.rules) == set(RULES)
    for rule_id, rule in RULES.items():
        assert set(config.rules[rule_id].options) == {o.name for o in rule.options}
    assert config.fail_on is Severity.WARNING
    assert config.rules["sentence-length"].options["max-words"] == 25


def test_user_settings_override_and_merge(settings):
    config = settings(
        "fail-on: error\n"
        "rules:\n"
        "  sentence-length:\n"
        "    max-words: 20\n"
        "  unexplained-jargon:\n"
        "    terms: {haematoma: bruise}\n"
        "  reading-grade:\n"
        "    enabled: false\n"
    )
    assert config.fail_on is Severity.ERROR
    assert config.rules["sentence-length"].options["max-words"] == 20
    assert config.rules["sentence-length"].options["average-words"] == 20  # untouched default
    assert config.rules["unexplained-jargon"].options["terms"] == {"haematoma": "bruise"}
    assert config.rules["reading-grade"].enabled is False


def test_discovery_finds_nearest_file_in_parents(tmp_path):
    (tmp_path / ".plainlint.yml").write_text("fail-on: info\n")
    deep = tmp_path / "site" / "pages"
    deep.mkdir(parents=True)
    assert discover(deep) == tmp_path / ".plainlint.yml"
    assert load_config(search_from=deep).fail_on is Severity.INFO
    (deep / "rules.yml").write_text("fail-on: never\n")
    assert load_config(search_from=deep).fail_on is None


def errors_of(settings, text: str) -> str:
    with pytest.raises(ConfigError) as info:
        settings(text)
    return str(info.value)


def test_unknown_key_names_file_line_and_suggests(settings):
    message = errors_of(settings, "rules:\n  sentence-length:\n    max-word: 20\n")
    assert message.endswith('rules.yml:3: unknown key "max-word" in rules.sentence-length; did you mean "max-words"?')


def test_unknown_rule_is_an_error(settings):
    message = errors_of(settings, "rules:\n  sentence-lenght:\n    enabled: false\n")
    assert 'rules.yml:2: unknown key "sentence-lenght" in rules; did you mean "sentence-length"?' in message


def test_wrong_types_are_errors_with_lines(settings):
    message = errors_of(
        settings,
        "fail-on: sometimes\n"
        "rules:\n"
        "  reading-grade:\n"
        "    max-grade: eight\n"
        "    formula: gunning\n"
        "  heading-structure:\n"
        "    first-level: 9\n"
        "  unexplained-jargon:\n"
        "    allow: NHS\n",
    )
    lines = message.splitlines()
    assert len(lines) == 5
    assert lines[0].endswith("rules.yml:1: fail-on must be one of error, warning, info, never, not 'sometimes'")
    assert "rules.yml:4: max-grade must be a number" in lines[1]
    assert "rules.yml:5: formula must be one of flesch-kincaid, smog" in lines[2]
    assert "rules.yml:7: first-level must be at most 6, not 9" in lines[3]
    assert "rules.yml:9: allow must be a list" in lines[4]


def test_bad_selector_and_bad_yaml(settings):
    assert "rules.yml:2: include is not a valid CSS selector" in errors_of(settings, "content:\n  include: 'main >> p'\n")
    bad_indent = "rules:\n  sentence-length: {}\n    max-words: 20\n"
    assert "rules.yml:3: not valid YAML" in errors_of(settings, bad_indent)


def test_yaml_is_loaded_safely(settings):
    message = errors_of(settings, "fail-on: !!python/object/apply:os.system ['echo hacked']\n")
    assert "not valid YAML" in message


def test_empty_settings_file_means_defaults(settings, tmp_path):
    path = tmp_path / "empty.yml"
    path.write_text("# nothing changed\n")
    assert load_config(path).rules == load_config().rules
