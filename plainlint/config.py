"""Settings: the packaged defaults, a user's rules.yml over them, validated once.

Every error names the file, the line and the key, and says what would be accepted,
because a CI gate that fails on a typo must say exactly where the typo is.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Mapping

import yaml

from plainlint.extract.html import Scope
from plainlint.findings import Severity
from plainlint.rules import RULES, Option

CONFIG_NAMES = (".plainlint.yml", ".plainlint.yaml", "rules.yml")
FAIL_ON = ("error", "warning", "info", "never")
SEVERITIES = ("error", "warning", "info")


class ConfigError(Exception):
    """Invalid settings; the message lists each problem as ``file:line: what is wrong``."""


@dataclass(frozen=True)
class RuleSettings:
    enabled: bool
    severity: Severity
    options: Mapping[str, Any]


@dataclass(frozen=True)
class Config:
    fail_on: Severity | None  # None: never fail on findings
    max_file_bytes: int
    scope: Scope
    rules: Mapping[str, RuleSettings]
    files: tuple[str, ...]  # the settings files read, defaults first


def defaults_text() -> str:
    return resources.files("plainlint").joinpath("defaults.yml").read_text(encoding="utf-8")


def discover(start: Path) -> Path | None:
    """The nearest settings file in ``start`` or one of its parents."""
    start = start.resolve()
    for folder in (start, *start.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
    return None


def load_config(path: Path | None = None, *, search_from: Path | None = None) -> Config:
    """Defaults, overlaid with ``path`` or with the file discovered from ``search_from``."""
    merged = _validated(defaults_text(), "plainlint/defaults.yml")
    files = ["(defaults)"]
    if path is None and search_from is not None:
        path = discover(search_from)
    if path is not None:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: cannot read the settings file: {exc}") from None
        merged = _merge(merged, _validated(text, str(path)))
        files.append(str(path))
    return _build(merged, tuple(files))


def _merge(base: dict, over: dict) -> dict:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)  # so extra jargon terms add to the defaults
        else:
            out[key] = value
    return out


def _build(data: dict, files: tuple[str, ...]) -> Config:
    rules = {}
    for rule_id, rule in RULES.items():
        raw = data["rules"][rule_id]
        rules[rule_id] = RuleSettings(
            raw["enabled"],
            Severity.parse(raw["severity"]),
            {o.name: raw[o.name] for o in rule.options},
        )
    fail_on = None if data["fail-on"] == "never" else Severity.parse(data["fail-on"])
    content = data["content"]
    return Config(
        fail_on,
        int(data["max-file-size-mb"] * 1024 * 1024),
        Scope(" ".join(content["include"].split()), " ".join(content["exclude"].split())),
        rules,
        files,
    )


# --- validation ------------------------------------------------------------------


class _Checker:
    def __init__(self, filename: str, lines: dict[tuple, int]) -> None:
        self.filename = filename
        self.lines = lines
        self.errors: list[str] = []

    def error(self, path: tuple, message: str) -> None:
        line = self.lines.get(path) or self.lines.get(path[:-1]) or 1
        self.errors.append(f"{self.filename}:{line}: {message}")

    def mapping(self, path: tuple, value: Any, allowed: Mapping[str, Any]) -> dict:
        """Check a mapping's keys against ``allowed`` (key -> checker) and return the valid ones."""
        name = ".".join(map(str, path)) or "the top level"
        if not isinstance(value, dict):
            self.error(path, f"{name} must be a mapping of keys to values, not {_kind(value)}")
            return {}
        out = {}
        for key, item in value.items():
            if key not in allowed:
                close = difflib.get_close_matches(str(key), list(allowed), n=1)
                hint = f'; did you mean "{close[0]}"?' if close else f"; known keys: {', '.join(allowed)}"
                self.error((*path, key), f'unknown key "{key}" in {name}{hint}')
                continue
            checked = allowed[key]((*path, key), item)
            if checked is not _INVALID:
                out[key] = checked
        return out


_INVALID = object()


def _kind(value: Any) -> str:
    if value is None:
        return "empty"
    return {bool: "true/false", int: "a number", float: "a number", str: "text", list: "a list", dict: "a mapping"}.get(
        type(value), type(value).__name__
    )


def _one_of(c: _Checker, choices: tuple[str, ...]):
    def check(path: tuple, value: Any) -> Any:
        if value not in choices:
            c.error(path, f'{path[-1]} must be one of {", ".join(choices)}, not {value!r}')
            return _INVALID
        return value

    return check


def _selector(c: _Checker):
    def check(path: tuple, value: Any) -> Any:
        import soupsieve

        if not isinstance(value, str):
            c.error(path, f"{path[-1]} must be a CSS selector in quotes, not {_kind(value)}")
            return _INVALID
        if value.strip():
            try:
                soupsieve.compile(value)
            except Exception as exc:  # soupsieve raises several types for bad selectors
                c.error(path, f"{path[-1]} is not a valid CSS selector: {str(exc).splitlines()[0]}")
                return _INVALID
        return value

    return check


def _option(c: _Checker, option: Option):
    def check(path: tuple, value: Any) -> Any:
        name = path[-1]
        kind = option.kind
        if value is None and option.nullable:
            return None
        if kind == "bool":
            ok = isinstance(value, bool)
            want = "true or false"
        elif kind == "int":
            ok = isinstance(value, int) and not isinstance(value, bool)
            want = "a whole number"
        elif kind == "number":
            ok = isinstance(value, (int, float)) and not isinstance(value, bool)
            want = "a number"
        elif kind == "choice":
            ok = value in option.choices
            want = "one of " + ", ".join(option.choices)
        elif kind == "str-list":
            ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
            want = "a list of words in [brackets]"
            if ok and option.choices:
                bad = [v for v in value if v not in option.choices]
                if bad:
                    c.error(path, f"{name} may only contain {', '.join(option.choices)}; not {', '.join(bad)}")
                    return _INVALID
        elif kind == "term-map":
            ok = isinstance(value, dict) and all(
                isinstance(k, str) and (v is None or isinstance(v, str)) for k, v in value.items()
            )
            want = "a mapping of term: plain alternative (or null)"
        else:
            ok, want = isinstance(value, str), "text"
        if not ok:
            want += " (or null)" if option.nullable else ""
            c.error(path, f"{name} must be {want}, not {_kind(value)} {value!r}"[:200])
            return _INVALID
        if option.minimum is not None and value < option.minimum:
            c.error(path, f"{name} must be at least {option.minimum:g}, not {value}")
            return _INVALID
        if option.maximum is not None and value > option.maximum:
            c.error(path, f"{name} must be at most {option.maximum:g}, not {value}")
            return _INVALID
        return value

    return check


def _rule_checker(c: _Checker, rule_id: str):
    rule = RULES[rule_id]
    allowed = {
        "enabled": _option(c, Option("enabled", "bool", "")),
        "severity": _one_of(c, SEVERITIES),
        **{o.name: _option(c, o) for o in rule.options},
    }
    return lambda path, value: c.mapping(path, value, allowed)


def _positive(c: _Checker):
    def check(path: tuple, value: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
            c.error(path, f"{path[-1]} must be a number above 0, not {value!r}")
            return _INVALID
        return value

    return check


def _validated(text: str, filename: str) -> dict:
    """Parse and check one settings file; raise ConfigError listing every problem."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        problem = getattr(exc, "problem", None) or str(exc)
        raise ConfigError(f"{filename}:{line}: not valid YAML: {problem}") from None
    if data is None:
        return {}
    lines: dict[tuple, int] = {}
    _record_lines(root, (), lines)
    c = _Checker(filename, lines)
    rules = {rule_id: _rule_checker(c, rule_id) for rule_id in RULES}
    content = {"include": _selector(c), "exclude": _selector(c)}
    top = {
        "fail-on": _one_of(c, FAIL_ON),
        "max-file-size-mb": _positive(c),
        "content": lambda path, value: c.mapping(path, value, content),
        "rules": lambda path, value: c.mapping(path, value, rules),
    }
    result = c.mapping((), data, top)
    if c.errors:
        raise ConfigError("\n".join(c.errors))
    return result


def _record_lines(node: yaml.Node, path: tuple, lines: dict[tuple, int]) -> None:
    """Remember the line of every key, so errors can point at it."""
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            child = (*path, key.value)
            _record_lines(value, child, lines)
            lines[child] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _record_lines(item, (*path, i), lines)
