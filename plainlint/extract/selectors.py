"""CSS selectors for a page's content and its exclusions, matched without soupsieve when simple.

beautifulsoup4 hands CSS selectors to soupsieve, a complete CSS engine, and that costs more
than ``content.include`` and ``content.exclude`` need: importing soupsieve and compiling a
first selector took about 0.15 s of every cold start, and its general matcher a tenth of
the time spent checking a site; it also needs beautifulsoup4's tree, which costs twice as
much as reading the parser's events (`html_events.py`). Those selectors are nearly always simple, the defaults
included, so this module parses a small grammar itself and matches it with a few look-ups
per element::

    list      = complex ("," complex)*
    complex   = compound ((white space | ">") compound)*
    compound  = [name | "*"] ("#" name | "." name | attribute | ":not(" list ")")*
    attribute = "[" name "]" | "[" name ("=" | "~=") (name | quoted string) "]"

with ASCII names, no escapes and no comments. Any other selector (``:has()``, ``^=``,
``+``, ``\\31``, ...) goes to soupsieve (and the page through the tree), so every selector
a user writes keeps working, and soupsieve alone says whether a selector is valid CSS.

On the html.parser trees plainlint builds, a match is exactly soupsieve's (the tests
compare the two on real and hostile pages):

- tag and attribute names match whatever their case (html.parser lower-cases the tree's,
  so an attribute is looked up by its lower-case name);
- ``#id`` and ``.class`` are case-sensitive, and the classes are beautifulsoup4's tokens;
- attribute values are case-sensitive, except those of the HTML attributes that the HTML
  standard lists as not (``type``, ``lang``, ``dir``...), compared in ASCII lower case;
- a multi-valued attribute (``class``, ``rel``) is its tokens joined by single spaces, and
  ``~=`` looks for a token between CSS white space; an empty ``~=`` value, or one with
  white space in it, matches nothing;
- an element's ancestors end below the document and at a ``<template>``, whose content
  is not part of the page; ``select`` goes into no ``<template>`` below where it starts;
- ``select`` returns the matches in document order, never the element it starts from,
  and the document itself matches nothing.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable, Protocol

from bs4 import BeautifulSoup, Tag


class Selector(Protocol):
    """What extraction needs of a compiled selector; soupsieve's ``SoupSieve`` has it too."""

    def select(self, tag: Tag) -> list[Tag]: ...

    def match(self, tag: Tag) -> bool: ...


@lru_cache(maxsize=64)
def compile_selector(text: str) -> Selector:
    """The native matcher when ``text`` is in the grammar above, else soupsieve's.

    Raises what soupsieve raises for a selector that is not valid CSS.
    """
    parsed = _Parser(text).parse()
    if parsed is not None:
        return NativeSelector(text, parsed)
    import soupsieve

    return soupsieve.compile(text)


# HTML attributes whose values selectors compare case-insensitively in an HTML document:
# https://html.spec.whatwg.org/multipage/semantics-other.html#case-sensitivity-of-selectors
# (soupsieve's list, which the tests check against it).
HTML_CASE_INSENSITIVE_ATTRIBUTES = frozenset(
    "accept accept-charset align alink axis bgcolor charset checked clear codetype color compact declare "
    "defer dir direction disabled enctype face frame hreflang http-equiv lang language link media method "
    "multiple nohref noresize noshade nowrap readonly rel rev rules scope scrolling selected shape target "
    "text type valign valuetype vlink".split()
)

_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def _lower(text: str) -> str:
    """ASCII letters in lower case, the rest as is: CSS compares names this way, not by ``str.lower``."""
    return text.lower() if text.isascii() else text.translate(_ASCII_LOWER)


# --- the grammar --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Attribute:
    name: str  # in lower case
    op: str  # "" (present), "=" or "~="
    value: str | None  # in lower case when ignore_case; None: a "~=" that matches nothing
    ignore_case: bool


@dataclass(frozen=True, slots=True)
class _Compound:
    tag: str | None  # in lower case; None for "*" or none given
    ids: tuple[str, ...]
    classes: tuple[str, ...]
    attributes: tuple[_Attribute, ...]
    negations: tuple[tuple[_Complex, ...], ...]  # each a :not() of a selector list

    @property
    def needs_attributes(self) -> bool:
        return bool(self.ids or self.classes or self.attributes)


@dataclass(frozen=True, slots=True)
class _Complex:
    compounds: tuple[_Compound, ...]  # left to right
    combinators: tuple[str, ...]  # " " or ">", between consecutive compounds


class _Unsupported(Exception):
    """Outside the grammar, or not CSS at all: soupsieve decides."""


_WHITE_SPACE = " \t\n\r\f"  # CSS white space
_NAME = re.compile(r"(?:--|-?[A-Za-z_])[-A-Za-z0-9_]*")
_STRING = re.compile(r"\"[^\"\\\n\r\f]*\"|'[^'\\\n\r\f]*'")
# Bounds that keep matching's recursion shallow and stay far inside soupsieve's own limit
# (8,192 parts): bigger selectors are left to soupsieve, which refuses or matches them.
_MAX_PARTS = 500
_MAX_COMPOUNDS = 16  # in one complex selector
_MAX_NESTING = 4  # :not() inside :not()


class _Parser:
    """Recursive descent over the grammar; raises _Unsupported on anything else."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.at = 0
        self.parts = 0

    def parse(self) -> tuple[_Complex, ...] | None:
        try:
            parsed = self.selector_list(0)
        except _Unsupported:
            return None
        return parsed if self.at == len(self.text) else None

    def peek(self) -> str:
        return self.text[self.at] if self.at < len(self.text) else ""

    def white_space(self) -> bool:
        start = self.at
        while self.at < len(self.text) and self.text[self.at] in _WHITE_SPACE:
            self.at += 1
        return self.at > start

    def name(self) -> str:
        m = _NAME.match(self.text, self.at)
        if m is None:
            raise _Unsupported
        self.at = m.end()
        if self.peek() == "\\" or self.peek() >= "\x80":  # escapes and non-ASCII names are soupsieve's
            raise _Unsupported
        return m.group()

    def selector_list(self, nesting: int) -> tuple[_Complex, ...]:
        if nesting > _MAX_NESTING:
            raise _Unsupported
        items = []
        while True:
            self.white_space()
            items.append(self.complex(nesting))
            self.white_space()
            if self.peek() != ",":
                return tuple(items)
            self.at += 1

    def complex(self, nesting: int) -> _Complex:
        compounds = [self.compound(nesting)]
        combinators = []
        while True:
            spaced = self.white_space()
            following = self.peek()
            if following == ">":
                self.at += 1
                self.white_space()
                combinators.append(">")
            elif spaced and following and following not in ",)":
                combinators.append(" ")
            else:
                break
            compounds.append(self.compound(nesting))
        if len(compounds) > _MAX_COMPOUNDS:
            raise _Unsupported
        return _Complex(tuple(compounds), tuple(combinators))

    def compound(self, nesting: int) -> _Compound:
        start = self.at
        tag = None
        if self.peek() == "*":
            self.at += 1
        elif _NAME.match(self.text, self.at):
            tag = _lower(self.name())
        ids: list[str] = []
        classes: list[str] = []
        attributes: list[_Attribute] = []
        negations: list[tuple[_Complex, ...]] = []
        while True:
            following = self.peek()
            if following == "#":
                self.at += 1
                ids.append(self.name())
            elif following == ".":
                self.at += 1
                classes.append(self.name())
            elif following == "[":
                attributes.append(self.attribute())
            elif following == ":":
                negations.append(self.negation(nesting))
            else:
                break
            self.parts += 1
        self.parts += 1
        if self.at == start or self.parts > _MAX_PARTS:
            raise _Unsupported
        return _Compound(tag, tuple(ids), tuple(classes), tuple(attributes), tuple(negations))

    def attribute(self) -> _Attribute:
        self.at += 1  # "["
        self.white_space()
        name = _lower(self.name())
        self.white_space()
        op = "~=" if self.text.startswith("~=", self.at) else "=" if self.peek() == "=" else ""
        value: str | None = ""
        if op:
            self.at += len(op)
            self.white_space()
            quoted = _STRING.match(self.text, self.at)
            if quoted:
                self.at = quoted.end()
                value = quoted.group()[1:-1]
            else:
                value = self.name()
            self.white_space()
        if self.peek() != "]":  # a case flag (i, s), or not CSS
            raise _Unsupported
        self.at += 1
        ignore_case = name in HTML_CASE_INSENSITIVE_ATTRIBUTES
        if ignore_case:
            value = _lower(value)
        if op == "~=" and (not value or any(c in _WHITE_SPACE for c in value)):
            value = None
        return _Attribute(name, op, value, ignore_case)

    def negation(self, nesting: int) -> tuple[_Complex, ...]:
        self.at += 1  # ":"
        if _lower(self.name()) != "not" or self.peek() != "(":
            raise _Unsupported
        self.at += 1
        inner = self.selector_list(nesting + 1)
        if self.peek() != ")":
            raise _Unsupported
        self.at += 1
        return inner


# --- matching -----------------------------------------------------------------------


_TOKENS = re.compile(r"[^ \t\n\r\f]+")  # a "~=" list's tokens, split on CSS white space only
_ABSENT = object()


def _is_template(tag: Tag) -> bool:
    name = tag.name
    return len(name) == 8 and _lower(name) == "template"


def _parent(tag: Tag) -> Tag | None:
    """The parent a selector sees: none above the document's top element or inside a <template>."""
    parent = tag.parent
    if parent is None or isinstance(parent, BeautifulSoup) or _is_template(parent):
        return None
    return parent


class NativeSelector:
    """A selector list in the grammar above, matched over a beautifulsoup4 tree."""

    __slots__ = ("text", "_complexes", "_by_tag", "_by_attributes", "_attribute_names", "_anything", "_by_name")

    def __init__(self, text: str, complexes: tuple[_Complex, ...]) -> None:
        self.text = text
        self._complexes = complexes
        # Sorted by what an element needs to match the last compound, so most elements are
        # passed over after a dictionary look-up: its tag name, or one of these attributes.
        by_tag: dict[str, list[_Complex]] = {}
        by_attributes: list[_Complex] = []
        attribute_names: set[str] = set()
        anything: list[_Complex] = []
        for complex_ in complexes:
            last = complex_.compounds[-1]
            if last.tag is not None:
                by_tag.setdefault(last.tag, []).append(complex_)
            elif last.needs_attributes:
                by_attributes.append(complex_)
                attribute_names.add(last.attributes[0].name if last.attributes else "id" if last.ids else "class")
            else:
                anything.append(complex_)
        self._by_tag = {tag: tuple(items) for tag, items in by_tag.items()}
        self._by_attributes = tuple(by_attributes)
        self._attribute_names = frozenset(attribute_names)
        self._anything = tuple(anything)
        self._by_name: dict[str, tuple[_Complex, ...]] = {}  # the tree's tag names, as written

    def _candidates(self, name: str) -> tuple[_Complex, ...]:
        """The complex selectors an element of this name can match whatever its attributes."""
        candidates = self._by_name.get(name)
        if candidates is None:
            candidates = self._by_tag.get(_lower(name), ()) + self._anything
            if len(self._by_name) < 1000:  # a page of made-up names must not grow it without end
                self._by_name[name] = candidates
        return candidates

    def __repr__(self) -> str:
        return f"NativeSelector({self.text!r})"

    def select(self, tag: Tag) -> list[Tag]:
        """The elements below ``tag`` that match, in document order."""
        match = _Match()
        found = []
        by_name, by_attributes, attribute_names = self._by_name, self._by_attributes, self._attribute_names
        pending = list(reversed(tag.contents))  # ``tag`` itself is entered even if a <template>
        while pending:
            node = pending.pop()
            if not isinstance(node, Tag):
                continue
            name = node.name
            candidates = by_name.get(name)
            if candidates is None:
                candidates = self._candidates(name)
            if (candidates and match.any(node, candidates)) or (
                by_attributes and not attribute_names.isdisjoint(node.attrs) and match.any(node, by_attributes)
            ):
                found.append(node)
            if node.contents and not (len(name) == 8 and _is_template(node)):
                pending.extend(reversed(node.contents))
        return found

    def matching(self) -> Callable[[Any], bool]:
        """A test of single elements for one page, whose tree does not change while it is
        used: any object with a tag's ``name``, ``attrs`` and ``parent`` (html_events'
        elements, whose top-level parent is None). Same look-ups as ``select``."""
        match = _Match()
        by_name, by_attributes, attribute_names = self._by_name, self._by_attributes, self._attribute_names

        def matches(element: Any) -> bool:
            candidates = by_name.get(element.name)
            if candidates is None:
                candidates = self._candidates(element.name)
            return bool(candidates and match.any(element, candidates)) or bool(
                by_attributes and not attribute_names.isdisjoint(element.attrs) and match.any(element, by_attributes))

        return matches

    def match(self, tag: Tag) -> bool:
        """Whether ``tag`` itself matches."""
        return isinstance(tag, Tag) and not isinstance(tag, BeautifulSoup) and _Match().any(tag, self._complexes)


class _Match:
    """Matching for one select() or match() call, while the tree does not change.

    A descendant combinator tries every ancestor; for each one and each element on the
    walk, the result is kept (does this element, or one above it, match what is left of
    the selector?), so the next walk through the same elements stops there at once and
    deep pages stay linear, as in soupsieve.
    """

    __slots__ = ("_above",)

    def __init__(self) -> None:
        self._above: dict[tuple[int, int], dict[int, bool]] = {}

    def any(self, tag: Tag, complexes: tuple[_Complex, ...]) -> bool:
        return any(self.complex(tag, c, len(c.compounds) - 1) for c in complexes)

    def complex(self, tag: Tag, complex_: _Complex, last: int) -> bool:
        """Whether ``tag`` matches ``complex_`` up to its compound ``last``, right to left."""
        if not self.compound(tag, complex_.compounds[last]):
            return False
        if last == 0:
            return True
        if complex_.combinators[last - 1] == ">":
            parent = _parent(tag)
            return parent is not None and self.complex(parent, complex_, last - 1)
        known = self._above.setdefault((id(complex_), last - 1), {})
        walked: list[int] = []
        found = False
        node: Tag | None = tag
        while (node := _parent(node)) is not None:  # type: ignore[arg-type]
            key = id(node)
            if key in known:
                found = known[key]
                break
            walked.append(key)
            if self.complex(node, complex_, last - 1):
                found = True
                break
        for key in walked:
            known[key] = found
        return found

    def compound(self, tag: Tag, compound: _Compound) -> bool:
        if compound.tag is not None and _lower(tag.name) != compound.tag:
            return False
        attrs = tag.attrs
        if compound.ids:
            value = attrs.get("id")
            value = "" if value is None else value
            if any(i != value for i in compound.ids):
                return False
        if compound.classes:
            classes = attrs.get("class")
            classes = [] if classes is None else _TOKENS.findall(classes) if isinstance(classes, str) else classes
            if any(c not in classes for c in compound.classes):
                return False
        for attribute in compound.attributes:
            raw = attrs.get(attribute.name, _ABSENT)
            if raw is _ABSENT:
                return False
            if not attribute.op:
                continue
            if attribute.value is None:
                return False
            value = "" if raw is None else raw if isinstance(raw, str) else " ".join(raw)  # type: ignore[arg-type]
            if attribute.ignore_case:
                value = _lower(value)
            if attribute.op == "=" and value != attribute.value:
                return False
            if attribute.op == "~=" and attribute.value not in _TOKENS.findall(value):
                return False
        return not any(self.any(tag, negation) for negation in compound.negations)
