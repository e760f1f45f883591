"""Settings: the packaged defaults, a user's rules.yml over them, validated once.

Every error names the file, the line and the key, and says what would be accepted,
because a CI gate that fails on a typo must say exactly where the typo is. Each error is
one line, its control and bidi characters escaped (safe_text.printable): a key can hold
anything YAML can write ("\\e]52;c;..." writes a terminal's clipboard).
"""

from __future__ import annotations

import difflib
import fnmatch
import math
import reprlib
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path, PurePosixPath
from typing import Any, Iterable, Mapping

import yaml

from plainlint.extract.html import Scope
from plainlint.extract.selectors import compile_selector
from plainlint.findings import Severity
from plainlint.regular_files import read_regular
from plainlint.rules import RULES, Option
from plainlint.safe_text import printable

CONFIG_NAMES = (".plainlint.yml", ".plainlint.yaml", "rules.yml")
FAIL_ON = ("error", "warning", "info", "never")
SEVERITIES = ("error", "warning", "info")
MAX_TERM_CHARS = 200  # longer than any real term; the lexicon's matcher nests a level per character
# The packaged defaults are 4 KB; 1 MB holds about 29,000 jargon terms with their plain
# words, and PyYAML's pure-Python parser takes about 2 s of CPU over it.
MAX_SETTINGS_BYTES = 1024 * 1024
MAX_FILE_SIZE_MB = 1024  # max-file-size-mb: a page of a gigabyte is not a web page


class ConfigError(Exception):
    """Invalid settings; the message lists each problem as ``file:line: what is wrong``."""


@dataclass(frozen=True)
class RuleSettings:
    enabled: bool
    severity: Severity
    options: Mapping[str, Any]


@dataclass(frozen=True)
class Override:
    """Rule settings for the files matching any of ``patterns``."""

    patterns: tuple[str, ...]
    rules: Mapping[str, Any]  # validated raw settings, merged over the base ones


@dataclass(frozen=True)
class Config:
    fail_on: Severity | None  # None: never fail on findings
    max_file_bytes: int
    scope: Scope
    rules: Mapping[str, RuleSettings]
    files: tuple[str, ...]  # the settings files read, defaults first
    overrides: tuple[Override, ...] = ()
    root: Path | None = None  # the folder of the settings file: override patterns are relative to it
    select: frozenset[str] | None = None  # from the command line: only these rules run
    ignore: frozenset[str] = frozenset()  # from the command line: these rules never run
    data: Mapping[str, Any] = field(default_factory=dict, repr=False)  # the merged raw settings
    _derived: dict = field(default_factory=dict, repr=False, compare=False)  # for_path's results

    def with_selection(self, select: Iterable[str] = (), ignore: Iterable[str] = ()) -> Config:
        """The same settings with ``--select`` and ``--ignore`` applied; unknown rule ids
        raise ConfigError with a suggestion."""
        chosen = [*select, *ignore]
        unknown = [r for r in chosen if r not in RULES]
        if unknown:
            hints = []
            for rule_id in unknown:
                close = difflib.get_close_matches(rule_id, list(RULES), n=1)
                hint = f'; did you mean "{close[0]}"?' if close else ""
                hints.append(printable(f'unknown rule "{rule_id}"{hint}'))
            raise ConfigError("\n".join(hints) + f"\nknown rules: {', '.join(RULES)}")
        config = replace(self, select=frozenset(select) or None, ignore=frozenset(ignore))
        return _build(dict(config.data), config.files, config)

    def for_path(self, path: Path | str) -> Config:
        """The settings for one file: the overrides whose patterns match it, in order,
        merged over these. Patterns are matched against the path relative to the
        settings file's folder (or as given, for files outside it); ``*`` matches "/" too."""
        matching = tuple(i for i, o in enumerate(self.overrides) if _matches(o.patterns, path, self.root))
        if not matching:
            return self
        if matching not in self._derived:
            data = dict(self.data)
            for i in matching:
                data = _merge(data, {"rules": self.overrides[i].rules})
            self._derived[matching] = _build(data, self.files, self)
        return self._derived[matching]


def defaults_text() -> str:
    return resources.files("plainlint").joinpath("defaults.yml").read_text(encoding="utf-8")


def discover(start: Path) -> Path | None:
    """The nearest settings file in ``start`` or one of its parents: any entry of that name
    but a folder, so that a pipe, device or link in its place is reported (by
    ``load_config``), not skipped for a settings file further up."""
    start = start.resolve()
    for folder in (start, *start.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_symlink() or (candidate.exists() and not candidate.is_dir()):
                return candidate
    return None


def load_config(path: Path | None = None, *, search_from: Path | None = None) -> Config:
    """Defaults, overlaid with ``path`` or with the file discovered from ``search_from``."""
    merged = _validated(defaults_text(), "plainlint/defaults.yml")
    files = ["(defaults)"]
    named = path is not None
    if path is None and search_from is not None:
        path = discover(search_from)
    if path is not None:
        # a settings file found by searching may come with the files checked (a pull
        # request's rules.yml): a link there is not followed, as links in checked folders are not
        try:
            text = read_regular(path, MAX_SETTINGS_BYTES, follow_symlinks=named).decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            hint = " (name it with --config to use it)" if not named and path.is_symlink() else ""
            raise ConfigError(printable(f"{path}: cannot read the settings file: {exc}{hint}")) from None
        merged = _merge(merged, _validated(text, str(path)))
        files.append(str(path))
    return _build(merged, tuple(files), root=path.resolve().parent if path is not None else None)


def _matches(patterns: tuple[str, ...], path: Path | str, root: Path | None) -> bool:
    candidates = [PurePosixPath(Path(path).as_posix()).as_posix().removeprefix("./")]
    if root is not None:
        try:
            candidates.insert(0, Path(path).resolve().relative_to(root).as_posix())
        except (ValueError, OSError, RuntimeError):
            pass  # outside the settings file's folder, or a symlink loop: match the path as given
    return any(fnmatch.fnmatchcase(c, p.removeprefix("./")) for c in candidates for p in patterns)



def _merge(base: dict, over: dict) -> dict:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)  # so extra jargon terms add to the defaults
        else:
            out[key] = value
    return out


def _build(data: dict, files: tuple[str, ...], like: Config | None = None, root: Path | None = None) -> Config:
    """A Config from merged raw settings; ``like`` carries over the root, overrides and
    command-line selection of the Config it derives from."""
    select = like.select if like else None
    ignore = like.ignore if like else frozenset()
    rules = {}
    for rule_id, rule in RULES.items():
        raw = data["rules"][rule_id]
        enabled = (rule_id in select) if select is not None else raw["enabled"]
        rules[rule_id] = RuleSettings(
            enabled and rule_id not in ignore,
            Severity.parse(raw["severity"]),
            {o.name: raw[o.name] for o in rule.options},
        )
    fail_on = None if data["fail-on"] == "never" else Severity.parse(data["fail-on"])
    content = data["content"]
    overrides = like.overrides if like else tuple(
        Override(tuple(o["files"]), o.get("rules", {})) for o in data.get("overrides", ())
    )
    return Config(
        fail_on,
        int(data["max-file-size-mb"] * 1024 * 1024),
        Scope(" ".join(content["include"].split()), " ".join(content["exclude"].split())),
        rules,
        files,
        overrides,
        like.root if like else root,
        select,
        ignore,
        data,
    )


# --- validation ------------------------------------------------------------------


class _Checker:
    def __init__(self, filename: str, lines: dict[tuple, int]) -> None:
        self.filename = filename
        self.lines = lines
        self.errors: list[str] = []

    def error(self, path: tuple, message: str) -> None:
        self.at(self.lines.get(path) or self.lines.get(path[:-1]) or 1, message)

    def at(self, line: int, message: str) -> None:
        self.errors.append(printable(f"{self.filename}:{line}: {message}"))

    def mapping(self, path: tuple, value: Any, allowed: Mapping[str, Any]) -> dict:
        """Check a mapping's keys against ``allowed`` (key -> checker) and return the valid ones."""
        name = _name(path)
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
_MERGE = "tag:yaml.org,2002:merge"


def _name(path: tuple) -> str:
    return ".".join(map(str, path)) or "the top level"


def _kind(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, float) and not math.isfinite(value):
        return "YAML's special number"  # .inf, -.inf, .nan
    return {bool: "true/false", int: "a number", float: "a number", str: "text", list: "a list", dict: "a mapping"}.get(
        type(value), type(value).__name__
    )


_REPR = reprlib.Repr()
_REPR.maxstring = _REPR.maxother = 80


def _repr(value: Any) -> str:
    """A value for a message, cut short: a YAML alias can make a list of a billion items."""
    return _REPR.repr(value)


def _one_of(c: _Checker, choices: tuple[str, ...]):
    def check(path: tuple, value: Any) -> Any:
        if value not in choices:
            c.error(path, f'{path[-1]} must be one of {", ".join(choices)}, not {_repr(value)}')
            return _INVALID
        return value

    return check


def _selector(c: _Checker):
    def check(path: tuple, value: Any) -> Any:
        if not isinstance(value, str):
            c.error(path, f"{path[-1]} must be a CSS selector in quotes, not {_kind(value)}")
            return _INVALID
        if value.strip():
            try:
                compile_selector(value)  # soupsieve's errors, or none for a selector matched natively
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
        elif kind == "number":  # .inf and .nan are numbers to YAML, not to a setting
            ok = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
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
            long = [k for k in value if len(k) > MAX_TERM_CHARS] if ok else []
            if long:  # the lexicon's matcher nests a level per character
                c.error(path, f"{name}: a term may have at most {MAX_TERM_CHARS} characters, "
                        f"not {len(long[0])} ({long[0][:30]!r}...)")
                return _INVALID
        else:
            ok, want = isinstance(value, str), "text"
        if not ok:
            want += " (or null)" if option.nullable else ""
            c.error(path, f"{name} must be {want}, not {_kind(value)} {_repr(value)}"[:200])
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


def _positive(c: _Checker, maximum: float):
    def check(path: tuple, value: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= maximum:
            c.error(path, f"{path[-1]} must be a number above 0 and at most {maximum:g}, not {_repr(value)}")
            return _INVALID
        return value

    return check


def _overrides(c: _Checker, rules_checker):
    """``overrides``: a list of {files: [patterns], rules: {rule settings}}."""
    def check(path: tuple, value: Any) -> Any:
        if not isinstance(value, list):
            c.error(path, f"overrides must be a list of {{files: [...], rules: {{...}}}} entries, not {_kind(value)}")
            return _INVALID
        out = []
        for i, item in enumerate(value):
            here = (*path, i)
            entry = c.mapping(here, item, {"files": _patterns(c), "rules": rules_checker})
            if isinstance(item, dict) and "files" not in item:
                c.error(here, "each entry of overrides needs files: a list of path patterns")
            elif "files" in entry:
                out.append(entry)
        return out

    return check


def _patterns(c: _Checker):
    def check(path: tuple, value: Any) -> Any:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
            c.error(path, f"files must be a list of path patterns such as [\"news/*\"], not {_kind(value)}")
            return _INVALID
        return value

    return check


def _validated(text: str, filename: str) -> dict:
    """Parse and check one settings file; raise ConfigError listing every problem."""
    lines: dict[tuple, int] = {}
    c = _Checker(filename, lines)
    try:  # parsed once; the nodes give each key's line before they are made into values
        loader = yaml.SafeLoader(text)  # its reader refuses control characters at once
        root = loader.get_single_node()
        if root is None:
            return {}
        _record_lines(root, lines, c)  # first: making values merges "<<: *base" into the nodes
        data = loader.construct_document(root)
        loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        problem = getattr(exc, "problem", None) or str(exc)
        raise ConfigError(printable(f"{filename}:{line}: not valid YAML: {problem}")) from None
    except RecursionError:  # PyYAML builds nested lists and mappings by recursion
        raise ConfigError(printable(f"{filename}:1: not valid YAML: lists or mappings nested too deeply")) from None
    if data is None:
        return {}
    rules = {rule_id: _rule_checker(c, rule_id) for rule_id in RULES}
    content = {"include": _selector(c), "exclude": _selector(c)}
    rules_checker = lambda path, value: c.mapping(path, value, rules)  # noqa: E731
    top = {
        "fail-on": _one_of(c, FAIL_ON),
        "max-file-size-mb": _positive(c, MAX_FILE_SIZE_MB),
        "content": lambda path, value: c.mapping(path, value, content),
        "rules": rules_checker,
        "overrides": _overrides(c, rules_checker),
    }
    result = c.mapping((), data, top)
    if c.errors:
        raise ConfigError("\n".join(c.errors))
    return result


def _record_lines(root: yaml.Node, lines: dict[tuple, int], c: _Checker) -> None:
    """Remember the line of every key, so errors can point at it, and report a key given
    twice in one mapping (YAML would keep the last without a word). Each node is entered
    once: an alias (``*name``) is a node already seen, and following aliases again and
    again takes exponential time ("billion laughs") or never ends (a list that holds itself)."""
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, tuple]] = [(root, ())]
    while stack:
        node, path = stack.pop()
        lines.setdefault(path, node.start_mark.line + 1)
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            first: dict[tuple[str, str], int] = {}
            for key, _ in node.value:
                if isinstance(key, yaml.ScalarNode) and key.tag != _MERGE:  # "<<: *base" may repeat keys
                    line = key.start_mark.line + 1
                    if (key.tag, key.value) in first:
                        c.at(line, f'"{key.value}" is given twice in {_name(path)} (also on line '
                             f"{first[key.tag, key.value]}); YAML would keep only the last: remove one")
                    first.setdefault((key.tag, key.value), line)
            for key, value in reversed(node.value):
                if not isinstance(key, yaml.ScalarNode):
                    continue  # a list or mapping as a key: refused when the values are made
                child = (*path, key.value)
                lines[child] = key.start_mark.line + 1
                stack.append((value, child))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(((item, (*path, i)) for i, item in reversed(list(enumerate(node.value)))))
