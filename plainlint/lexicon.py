"""The jargon lexicon: bundled terms with plain alternatives, and a fast matcher.

Terms live in ``plainlint/data/lexicon.tsv`` (built by ``tools/build_lexicon.py`` from
the NHS A to Z of health writing, plainlanguage.gov and the HealthCare.gov glossary,
plus a short list of our own; see NOTICE).  Pages say "metastases", "biopsies" and
"lumbar-puncture" while the lexicon lists "metastasis", "biopsy" and "lumbar puncture",
so the Lexicon expands every term into its inflected and spelling variants once, at
construction, and compiles them into ONE trie-shaped regular expression: ``find`` is
then a single left-to-right scan however many terms there are.

Case: a term written in lower case matches in any case ("Prognosis", "PROGNOSIS").  A
term with capitals (an abbreviation or a name) needs those capitals in the text
("GUM clinic" matches "GUM Clinic" but not "gum clinic"); its lower-case letters may
be in any case, so the term still matches in a Title Case or ALL CAPS heading.
"""

from __future__ import annotations

import functools
import importlib.resources
import re
import string
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType

__all__ = [
    "CATEGORIES",
    "SOURCES",
    "Lexicon",
    "Match",
    "Term",
    "build_lexicon",
    "bundled_terms",
]

CATEGORIES: frozenset[str] = frozenset({"medical", "insurance", "complex", "false-friend"})
SOURCES: frozenset[str] = frozenset(
    {"nhs", "plainlanguage", "healthcare-gov", "plainlint", "config"}
)
TSV_HEADER = ("term", "alternative", "source", "category")
ALT_SEPARATOR = " | "  # between several alternatives in the TSV's alternative column


@dataclass(frozen=True, slots=True)
class Term:
    """One lexicon entry: a word or phrase readers may not know, and what to say instead."""

    term: str  # canonical form as in the TSV
    alternative: str | None  # plain words, several separated by " | ", or None
    source: str  # nhs | plainlanguage | healthcare-gov | plainlint | config
    category: str  # medical | insurance | complex | false-friend


@dataclass(frozen=True, slots=True)
class Match:
    """Where a term occurs in a text; ``text[start:end] == match.text``."""

    start: int  # character offsets into the text passed to find()
    end: int  # exclusive
    text: str  # the matched text as written
    term: Term


# --- variants -----------------------------------------------------------------------

_VOWELS = frozenset("aeiou")
_WORD = re.compile(r"\w")
# Characters outside ASCII that a case-insensitive match never folds, and lower() leaves as
# they are: spaces, punctuation, symbols, arrows (a test checks every code point). Most web
# text is ASCII and these; the lexicon scans such text in lower case (see Lexicon.find).
UNCASED = "\u00a0-\u00b4\u00b6-\u00bf\u00d7\u00f7\u2000-\u206f\u20a0-\u20cf\u2190-\u23ff\u2500-\u27bf\ufffd"
_FOLDED = re.compile(f"[^\x00-\x7f{UNCASED}]")
# Runs that may separate the words of a multi-word term: white space and hyphens.
_SEP_CHARS = "\\s\\-\u2010\u2011"
_SEP_RE = re.compile(f"[{_SEP_CHARS}]+")
_APOSTROPHES = "'\u2019"
# Last words that take no inflection ("in order to", "prior to", "in accordance with").
_FUNCTION_WORDS = frozenset(
    {"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "than",
     "that", "the", "to", "upon", "with"}
)  # fmt: skip
# Endings of nouns and adjectives: no -ed/-ing forms ("diuretic", "positive", "renal").
_NO_VERB_FORMS = (
    "sis", "itis", "us", "um", "a", "ae", "ic", "ics", "al", "ous", "ive", "ary", "ogy",
    "ist", "ism", "ity", "ia", "tion", "sion", "ness", "ing", "ed",
)  # fmt: skip


def _is_consonant(ch: str) -> bool:
    return ch.isalpha() and ch not in _VOWELS


def _word_forms(word: str) -> set[str]:
    """Inflected forms of one word (itself included).

    Over-generation is harmless: a form that is not an English word never occurs in a
    text, so the rules stay simple and cover the usual English and Latin/Greek endings.
    """
    forms = {word}
    if len(word) < 3 or not word.isalpha():
        return forms
    if word.isupper():  # an abbreviation: only the plural ("GUM clinics")
        forms.add(word + "s")
        return forms
    w = word
    # plurals
    if w.endswith("sis"):  # metastasis -> metastases
        forms.add(w[:-2] + "es")
    elif w.endswith("us") and not w.endswith("ous"):  # fetus -> fetuses, bronchus -> bronchi
        forms.update((w + "es", w[:-2] + "i"))
    elif w.endswith("um"):  # bacterium -> bacteria, maximum -> maximums
        forms.update((w + "s", w[:-2] + "a"))
    elif w.endswith("ma"):  # carcinoma -> carcinomas, carcinomata
        forms.update((w + "s", w + "ta"))
    elif w.endswith("a"):  # vertebra -> vertebrae, formula -> formulas
        forms.update((w + "e", w + "s"))
    elif w.endswith("ion") and len(w) > 3 and w[-4] not in "st":  # criterion -> criteria
        forms.update((w + "s", w[:-2] + "a"))
    elif w.endswith(("ex", "ix")):  # appendix -> appendices
        forms.update((w + "es", w[:-2] + "ices"))
    elif w.endswith("y") and _is_consonant(w[-2]):  # biopsy -> biopsies
        forms.add(w[:-1] + "ies")
    elif w.endswith(("ss", "x", "z", "ch", "sh")):
        forms.add(w + "es")
    elif not w.endswith(("s", "is")):  # faeces, females: already plural
        forms.add(w + "s")
    # verb forms
    if not w.endswith(_NO_VERB_FORMS):
        if w.endswith("ee"):  # guarantee
            forms.update((w + "d", w + "ing"))
        elif w.endswith("e"):  # terminate
            forms.update((w + "d", w[:-1] + "ing"))
        elif w.endswith("y") and _is_consonant(w[-2]):  # modify
            forms.update((w[:-1] + "ied", w + "ing"))
        else:
            forms.update((w + "ed", w + "ing"))
            if (
                _is_consonant(w[-1])
                and w[-1] not in "wxy"
                and w[-2] in _VOWELS
                and _is_consonant(w[-3])
            ):  # occur -> occurred, occurring (and the common misspelling "occured")
                forms.update((w + w[-1] + "ed", w + w[-1] + "ing"))
    return forms


_IZE = re.compile(r"i([sz])(e|ed|es|ing|ation|ations|er|ers)$")
_DIGRAPH = re.compile(r"([ao])e(?=[a-z])")  # medial ae/oe: haemorrhage, oesophagus


def _variants(term: str) -> set[str]:
    """All written forms of a term: inflections of its last word, UK/US spellings,
    hyphenated or joined ("anti-emetic", "antiemetic"), with or without an apostrophe.
    """
    words = term.split()
    last = words[-1] if words else ""
    head = term[: len(term) - len(last)]
    if len(words) > 1 and last.lower() in _FUNCTION_WORDS:
        forms = {last}
    elif "-" in last:  # inflect the last part of a hyphenated word: "out-of-pocket cost"
        stem, _, tail = last.rpartition("-")
        forms = {f"{stem}-{f}" for f in _word_forms(tail)}
    else:
        forms = _word_forms(last)
    out: set[str] = set()
    for form in forms:
        v = head + form
        out.add(v)
        out.add(_IZE.sub(lambda m: "i" + ("z" if m[1] == "s" else "s") + m[2], v))
    for v in list(out):
        if not any(c.isupper() for c in v):
            out.add(_DIGRAPH.sub("e", v))  # haemorrhage -> hemorrhage
    for v in list(out):
        if "-" in v:
            out.add(v.replace("-", ""))
        if "'" in v or "\u2019" in v:
            out.add(v.replace("'", "").replace("\u2019", ""))
    return out


def _key(text: str) -> str:
    """Lookup key: lower case, separators removed, curly apostrophes made straight."""
    return _SEP_RE.sub("", text).replace("\u2019", "'").lower()


def _has_upper(text: str) -> bool:
    return any(c.isupper() for c in text)


def _case_ok(written: str, variant: str) -> bool:
    """True if every capital in ``variant`` is a capital in ``written`` too."""
    if not _has_upper(variant):
        return True
    a = _SEP_RE.sub("", written).replace("\u2019", "'")
    b = _SEP_RE.sub("", variant).replace("\u2019", "'")
    return len(a) == len(b) and all(y == x for x, y in zip(a, b, strict=True) if y.isupper())


# --- the trie regex -------------------------------------------------------------------

_SEP = "\x00"  # trie edge: a run of separators
_APOS = "\x01"  # trie edge: a straight or curly apostrophe
_END = ""  # trie key marking that a variant ends here
_Trie = dict[str, "_Trie"]


def _units(variant: str) -> list[str]:
    """Split a variant into trie edges: lower-case characters, _SEP and _APOS."""
    units: list[str] = []
    for ch in variant:
        if ch.isspace() or ch in "-\u2010\u2011":
            if units and units[-1] != _SEP:
                units.append(_SEP)
        elif ch in _APOSTROPHES:
            units.append(_APOS)
        else:
            units.append(ch.lower())
    while units and units[-1] == _SEP:
        units.pop()
    return units


def _trie_regex(node: _Trie) -> str:
    """Render a trie as a regex whose first successful path is the longest one.

    Edges out of a node are disjoint (different characters), and an optional group
    is greedy, so the engine tries to go deeper before it accepts a shorter term.
    """
    branches = []
    for unit in sorted(k for k in node if k != _END):
        if unit == _SEP:
            edge = f"[{_SEP_CHARS}]+"
        elif unit == _APOS:
            edge = f"[{_APOSTROPHES}]"
        else:
            edge = re.escape(unit)
        branches.append(edge + _trie_regex(node[unit]))
    if not branches:
        return ""
    if len(branches) == 1 and _END not in node:
        return branches[0]
    group = "(?:" + "|".join(branches) + ")"
    return group + "?" if _END in node else group


class Lexicon:
    """A set of terms and a compiled matcher for all their written forms.

    If two terms have the same canonical form, the later one wins, so user terms
    passed after the bundled ones override them.  A variant that two terms share
    belongs to the term whose canonical form it is, else to the earlier term.
    """

    __slots__ = ("_terms", "_variants", "_pattern", "_lower_pattern")

    def __init__(self, terms: Iterable[Term]) -> None:
        by_id: dict[str, Term] = {}
        for t in terms:
            if not t.term.strip():
                continue
            ident = t.term if _has_upper(t.term) else t.term.lower()
            by_id.pop(ident, None)  # re-insert so order follows the last definition
            by_id[ident] = t
        self._terms: tuple[Term, ...] = tuple(by_id.values())
        # key -> [(term, variant)], case-sensitive candidates first
        self._variants: dict[str, list[tuple[Term, str]]] = {}
        written: set[str] = set()  # every form, even one whose key another term owns
        for t in self._terms:
            self._register(t, t.term)
        for t in self._terms:
            for v in sorted(_variants(t.term)):
                self._register(t, v)
                written.add(v)
        trie: _Trie = {}
        for v in written:
            node = trie
            for unit in _units(v):
                node = node.setdefault(unit, {})
            node[_END] = {}
        body = _trie_regex(trie)
        self._pattern = re.compile(rf"(?<!\w)(?:{body})(?!\w)" if body else r"(?!)", re.IGNORECASE)
        # The same pattern, case-sensitive, for text in lower case (see find): the regex
        # engine passes over a branch on its first character only when that must match
        # exactly, which made the scan twice as fast. Not when a character of the terms
        # folds to an ASCII letter ("ı" matches "i" ignoring case), which lower() cannot mimic.
        folds = any(re.match(re.escape(c), a, re.IGNORECASE) for c in set(body) if not c.isascii()
                    for a in string.ascii_letters)
        self._lower_pattern = None if folds else re.compile(self._pattern.pattern)

    def _register(self, term: Term, variant: str) -> None:
        candidates = self._variants.setdefault(_key(variant), [])
        cased = _has_upper(variant)
        for other, v in candidates:
            if other is term or (not cased and not _has_upper(v)) or (cased and v == variant):
                return  # already has its owner
        candidates.append((term, variant))
        candidates.sort(key=lambda c: not _has_upper(c[1]))  # stable: cased first

    def _lookup(self, written: str) -> Term | None:
        for term, variant in self._variants.get(_key(written), ()):
            if _case_ok(written, variant):
                return term
        return None

    def find(self, text: str) -> list[Match]:
        """Non-overlapping matches, left to right, the longest term at each position."""
        out: list[Match] = []
        search, scanned = self._pattern.search, text
        if self._lower_pattern is not None and (text.isascii() or _FOLDED.search(text) is None):
            # no character here that a case-insensitive match folds but lower() does not:
            # the lower-case text has the same length and the same matches, found faster
            search, scanned = self._lower_pattern.search, text.lower()
        pos = 0
        while (m := search(scanned, pos)) is not None:
            start, end = m.span()
            term = self._lookup(text[start:end])
            if term is None:  # the longest form failed the case check: try shorter ones
                end, term = self._shorter(text, start, end)
                if term is None:
                    pos = start + 1
                    continue
            out.append(Match(start, end, text[start:end], term))
            pos = end
        return out

    def _shorter(self, text: str, start: int, end: int) -> tuple[int, Term | None]:
        """Rare path: longest shorter match at ``start`` that passes the case check."""
        fullmatch = self._pattern.fullmatch
        for e in range(end - 1, start, -1):
            # fullmatch treats e as the end of the text, so check the word boundary here
            if _WORD.match(text, e) is None and fullmatch(text, start, e) is not None:
                term = self._lookup(text[start:e])
                if term is not None:
                    return e, term
        return end, None

    def get(self, term: str) -> Term | None:
        """The entry for a canonical or inflected form ("metastases" -> metastasis)."""
        return self._lookup(term.strip())

    def __len__(self) -> int:
        return len(self._terms)

    def __iter__(self) -> Iterator[Term]:
        return iter(self._terms)


# --- bundled data ------------------------------------------------------------------


@functools.cache
def bundled_terms() -> tuple[Term, ...]:
    """The terms in plainlint/data/lexicon.tsv, read once per process."""
    resource = importlib.resources.files("plainlint").joinpath("data/lexicon.tsv")
    lines = resource.read_text(encoding="utf-8").splitlines()
    if not lines or tuple(lines[0].split("\t")) != TSV_HEADER:
        raise ValueError("lexicon.tsv: missing or wrong header line")
    terms = []
    for n, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != 4 or not fields[0]:
            raise ValueError(f"lexicon.tsv line {n}: expected 4 tab-separated fields")
        term, alternative, source, category = fields
        terms.append(Term(term, alternative or None, source, category))
    return tuple(terms)


def build_lexicon(
    categories: Iterable[str],
    extra: Mapping[str, str | None] = MappingProxyType({}),
    allow: Iterable[str] = (),
) -> Lexicon:
    """Bundled terms of the given categories, plus ``extra``, minus ``allow``.

    ``extra`` maps a term to its plain alternative (or None); these terms get source
    "config" and category "medical" and override a bundled term of the same form.
    ``allow`` removes terms whose canonical form matches, ignoring case and hyphens.
    Raises ValueError on an unknown category, so a typo in a config file is not
    silently ignored.
    """
    wanted = set(categories)
    unknown = wanted - CATEGORIES
    if unknown:
        raise ValueError(
            f"unknown lexicon categor{'ies' if len(unknown) > 1 else 'y'}: "
            f"{', '.join(sorted(unknown))} (known: {', '.join(sorted(CATEGORIES))})"
        )
    allowed = {_key(a) for a in allow}
    terms = [t for t in bundled_terms() if t.category in wanted]
    terms += [
        Term(k.strip(), (v or "").strip() or None, "config", "medical") for k, v in extra.items()
    ]
    return Lexicon(t for t in terms if _key(t.term) not in allowed)
