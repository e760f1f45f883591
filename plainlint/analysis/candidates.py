"""Candidate jargon on a page: lexicon terms, abbreviations and rare words, in reading order.

Three sources, because none is enough alone: a curated lexicon knows that "prognosis"
is jargon though it is not rare; word frequency catches "leptomeninges", which no list
has; abbreviations are found by their shape. Names of people, places and products are
not jargon, nor are numbers, units, addresses or code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Iterable

from plainlint.analysis.analysed import AnalysedDocument
from plainlint.analysis.rarity import zipf
from plainlint.analysis.segment import is_address
from plainlint.analysis.segment import texts as word_texts
from plainlint.document import BlockKind
from plainlint.lexicon import Lexicon, Term, bundled_terms

# Two or more capitals, possibly with digits, lower case letters or "&" among them:
# MRI, CSF, CT, mRNA, HbA1c, A&E, COVID-19. A trailing "s" is a plural (GPs, MRIs).
# (The lookahead skips, at C speed, the many tokens with fewer than two capitals.)
_ABBREVIATION = re.compile(r"(?<![\w&-])(?=[\w&-]*?[A-Z][\w&-]*?[A-Z])([A-Za-z0-9&]+(?:-[A-Za-z0-9&]+)*)(?![\w&-])")
# What every match of _ABBREVIATION holds: two capitals in one run of its characters.
_TWO_CAPITALS = re.compile(r"[A-Z][\w&-]*?[A-Z]")
# Roman numerals as used in text ("type II", "stage III"); MD, CD and MI are abbreviations.
_ROMAN = re.compile(r"^(?=[XVI])X{0,3}(?:IX|IV|V?I{0,3})$")
_PLACE = re.compile(
    r"\s+(?:Unit|Department|Clinic|Centre|Center|Service|Services|Team|Ward|Hospital|Trust|Society|Foundation"
    r"|Nurses?|Specialists?)\b"
)
_GENE = re.compile(r"\s+(?:genes?|mutations?|status|receptors?)\b")
_PART = re.compile(r"([A-Za-z0-9&]+)")
_NUMBERED = re.compile(r"\b(?:stage|type|grade|class|phase|part|chapter|level|section|step|volume|vol\.?)\s+$", re.I)
_IDENTIFIER = re.compile(r"^[A-Z]+\d{2,}$")  # "SCR18", "ARIA16": codes, not words
# A form's or certificate's name: "form AA1", "an SR1 form", "form FP92A".
_FORM_BEFORE = re.compile(r"\bforms?\s+$", re.I)
_FORM_AFTER = re.compile(r"\s+(?:forms?|certificates?)\b", re.I)
# An ALL-CAPS word this common in lower case is a shouted word ("AND", "NOTE"), not an
# abbreviation; "AIDS" (4.3) and "HIV" (4.2) stay abbreviations.
_SHOUTED_ZIPF = 5.0
_UNITS = frozenset("mmol mcg mmhg kcal kgs mls bpm".split())
# Greek and Latin word parts that build medical terms: a word of this shape is checked
# even when it is fairly common in general text ("neuropathy" 2.8, "coronary" 3.4).
_MEDICAL_SHAPE = re.compile(
    r"(?:pathy|pathies|itis|osis|oses|aemia|emia|ectomy|otomy|ostomy|plasty|scopy|graphy|gram|ologist|ology"
    r"|iatrist|iatrician|oma|omas|algia|uria|cyte|cytes|plasia|trophy|lysis|pnoea|pnea|ectasis|megaly"
    r"|genic|toxic|coccus|cocci)$"
    r"|^(?:cardio|neuro|nephr|hepat|gastr|oste|haem|hem[ao]|hypo|hyper|dys|brady|tachy|angio|arteri|thromb"
    r"|myo|derm|endo|enter|pulmon|bronch|laryng|pharyng|ophthalm|oto|rhino|uro|gyn|obstet|onco|immuno"
    r"|glyc|lipo|lymph|leuk|erythro|crani|cerebr|mening|spinal|vertebr|thorac|abdomin|colo|recto|cervic|ovari"
    r"|uter|prostat|thyr|adren|pancrea|renal|coron|congenit|ather|embol|aneur|steno|ischa?em)",
    re.I,
)
_MEDICAL_SHAPE_ZIPF = 3.5
_EXPANSION = re.compile(r"\s*\(\s*([^()]{3,120}?)\s*\)")
_LETTERS = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?")


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One use of a candidate term."""

    key: str  # what "the same term" means: canonical lexicon form, abbreviation, or word
    kind: str  # "term" (from the lexicon) | "abbreviation" | "rare"
    sentence: int  # index into the document's sentences
    block: int
    start: int  # offsets into the block's text
    end: int
    text: str
    term: Term | None = None

    @property
    def abbreviation(self) -> bool:
        return self.kind == "abbreviation"


@cache
def everyday_words() -> frozenset[str]:
    """Health words most readers know though they are rare in general text ("inhaler"),
    and the words of the lexicon's plain alternatives ("womb", "outlook")."""
    text = resources.files("plainlint").joinpath("data", "everyday.txt").read_text(encoding="utf-8")
    words = {line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#")}
    for term in bundled_terms():
        for alternative in (term.alternative or "").split(" | "):
            words.update(w.lower() for w in _LETTERS.findall(alternative))
        if term.category == "complex" and " " not in term.term:
            words.add(term.term.lower())  # "drowsy": a plainer word exists, but it is no jargon
    return frozenset(words)


def long_form_matches(abbreviation: str, candidate: str) -> bool:
    """Do the abbreviation's letters appear in order in ``candidate``, the first one
    starting a word? The core test of Schwartz and Hearst's algorithm."""
    short = [c for c in abbreviation.lower() if c.isalnum()]
    long = candidate.lower()
    if not short or len(long) <= len(short):
        return False
    li = len(long) - 1
    for si in range(len(short) - 1, -1, -1):
        c = short[si]
        while li >= 0 and (long[li] != c or (si == 0 and li > 0 and long[li - 1].isalnum())):
            li -= 1
        if li < 0:
            return False
        li -= 1
    return True


def _tokens(text: str):
    """Abbreviation-shaped tokens; a hyphenated word also yields its parts, so that
    "HPV-related" offers "HPV" while "COVID-19" stays whole."""
    for m in _ABBREVIATION.finditer(text):
        yield m
        if "-" in m.group(1) and sum(c.isupper() for c in m.group(1)) * 2 < sum(c.isalpha() for c in m.group(1)):
            yield from _PART.finditer(text, m.start(1), m.end(1))


_KEYWORD_REACH = 8  # characters: the longest word _NUMBERED or _FORM_BEFORE ends with ("chapter"), and one


def _ends_before(regex: re.Pattern, text: str, end: int) -> re.Match | None:
    """``regex.search(text, 0, end)`` for a pattern ending in a short word, white space and $
    ("stage ", "form "): only the few characters before that white space are searched, so
    a sentence of 200,000 abbreviations costs each one the same (the search from 0 tried
    every character before each one)."""
    start = end
    while start > 0 and text[start - 1].isspace():
        start -= 1
    return regex.search(text, max(0, start - _KEYWORD_REACH), end)


def find_abbreviations(text: str) -> list[tuple[int, int, str]]:
    """(start, end, abbreviation) for each abbreviation-like token in ``text``."""
    if _TWO_CAPITALS.search(text) is None:
        return []  # most sentences: _ABBREVIATION's look-ahead fails at every word
    found = []
    for m in _tokens(text):
        token = m.group(1)
        if sum(c.isupper() for c in token) < 2 or token[0].isdigit():
            continue  # "1-800-MEDICARE" is a phone number
        if all(len(part) == 1 for part in token.split("-")):
            continue  # "A-Z", "T-B-A": letters, not an abbreviation
        letters = [c for c in token if c.isalpha()]
        capitals = sum(c.isupper() for c in letters)
        if capitals < 2 or capitals * 2 < len(letters):
            continue  # "McDonald", "iPhone": names, not abbreviations
        numeral = _ROMAN.match(token) and (token != "IV" or _ends_before(_NUMBERED, text, m.start(1)))
        if numeral or _IDENTIFIER.match(token):
            continue  # "stage II", "stage IV" (but "an IV drip" is intravenous); "SCR18"
        if any(c.isdigit() for c in token) and (
            _ends_before(_FORM_BEFORE, text, m.start(1)) or _FORM_AFTER.match(text, m.end(1))
        ):
            continue  # "form AA1": the name of a form
        key = token[:-1] if token.endswith("s") and token[:-1].isupper() else token
        if _GENE.match(text, m.end(1)):
            continue  # "the GLA gene", "your HER2 status": a gene's or marker's symbol is its name
        if re.search(r"\d\s*$", text[max(0, m.start(1) - 3):m.start(1)]):
            continue  # "800 IU", "5 mmHg": a unit after a number
        if key.isalpha() and key.isupper() and (len(key) > 5 or zipf(key.lower()) >= _SHOUTED_ZIPF):
            continue  # "IMPORTANT", "AND": shouting, not an abbreviation
        found.append((m.start(1), m.end(1), key))
    return found


@lru_cache(maxsize=65536)
def _rarity(word: str) -> tuple[float, str]:
    """(Zipf, key) of a word, crediting a plural or possessive with its commoner base."""
    lower = word.lower().replace("\u2019", "'")
    best, key = zipf(lower), lower
    for base in (lower[:-2] if lower.endswith("'s") else "", lower[:-1] if lower.endswith("s") else "",
                 lower[:-2] if lower.endswith("es") else ""):
        if len(base) >= 3:
            z = zipf(base)
            if z > best:
                best, key = z, base
    return max(best, _freq(key)), key


_US = {"ise": "ize", "iser": "izer", "isation": "ization", "our": "or", "ae": "e", "oe": "e", "tre": "ter"}
_US_SPELLING = re.compile(r"isation|iser|ise(?=[sd]?$)|our(?=s?$)|(?<=[a-z])ae|(?<=[a-z])oe|tre(?=s?$)")


def _freq(word: str) -> float:
    """Zipf of a word or of its US spelling, whichever is higher: English word lists count
    "stabilizer" and "anemia" more often than "stabiliser" and "anaemia"."""
    us = _US_SPELLING.sub(lambda m: _US[m.group()], word)
    return zipf(word) if us == word else max(zipf(word), zipf(us))


_SUFFIXES = ("ability", "ness", "less", "like", "ful", "ish", "ies", "ly", "ed", "ing", "er", "ers", "y")
_PREFIXES = ("re", "un", "non", "over", "under", "pre", "mis", "out")
_COMMON = 3.0  # Zipf of a stem that makes a derived word ordinary ("slurred", "fluttering")
_COMPOUND_TAIL = 3.2
_LONGEST_HEAD = 24  # letters; the longest common English words have about 20


@lru_cache(maxsize=65536)
def ordinary_form(word: str) -> bool:
    """Is a rare word an everyday word dressed up: derived ("puffiness", "remapped") or a
    compound of two common words ("freephone", "balloonlike")? Medical words are built
    from Greek and Latin parts that are rare on their own, so they stay candidates."""
    w = word.lower()
    for suffix in _SUFFIXES:
        base = w[: -len(suffix)]
        if w.endswith(suffix) and len(base) >= 3:
            stems = {base, base + "e", base[:-1] if base[-1] == base[-2] else base, base + "y", base + "le",
                     base[:-1] + "y", base + "able"}
            if any(_freq(stem) >= _COMMON for stem in stems):
                return True
    for prefix in _PREFIXES:
        if w.startswith(prefix) and len(w) - len(prefix) >= 4 and _freq(w[len(prefix) :]) >= _COMMON:
            return True
    # a compound of two common words ("freephone"); after a common word of four letters
    # or more, the second may be less common ("stomachaches": "aches" is 3.3), but not
    # after a short one, which may be a Latin prefix ("con" + "genital"). A common word is
    # short, so the head is looked for in the first _LONGEST_HEAD letters only: each look-up
    # costs the length of the word, and a 10,000-letter run must not cost 10,000 of them.
    return any(
        zipf(w[:i]) >= 4.0 and (zipf(w[i:]) >= 4.0 or (i >= 4 and _freq(w[i:]) >= _COMPOUND_TAIL))
        for i in range(3, min(len(w) - 2, _LONGEST_HEAD + 1))
    )


class _Names:
    """Which capitalised words are names: written capitalised mid-sentence, never in lower case.

    The page's words are read on the first question: a third of pages never ask one
    (no capitalised rare word), and reading every word was an eighth of the candidate search.
    """

    def __init__(self, doc: AnalysedDocument) -> None:
        self._doc: AnalysedDocument | None = doc
        self.lower: set[str] = set()
        self.capital_mid: set[str] = set()

    def _read(self) -> None:
        doc, self._doc = self._doc, None
        assert doc is not None
        blocks = doc.document.blocks
        lower, capital_mid = self.lower, self.capital_mid
        for s in doc.sentences:
            words = s.words
            lower.update(filter(str.islower, word_texts(words)))
            if len(words) > 1 and blocks[s.block].kind is not BlockKind.HEADING:
                capital_mid.update(t.lower() for t in word_texts(words[1:]) if t[:1].isupper() and not t.islower())

    def is_name(self, word: str, at_start: bool, following: str = "") -> bool:
        if not word[:1].isupper() or word.isupper():
            return False
        if _PLACE.match(following):
            return True  # "Endoscopy Unit", "Rheumatology Clinic": the name of a place
        if self._doc is not None:
            self._read()
        lower = word.lower()
        if not at_start:
            return lower not in self.lower
        return lower in self.capital_mid and lower not in self.lower


class _Taken:
    """Which characters of a sentence a candidate already covers: a byte per character,
    so checking a span costs its length, however many candidates came before."""

    def __init__(self, length: int) -> None:
        self._covered = bytearray(length)

    def add(self, start: int, end: int) -> None:
        self._covered[start:end] = b"\x01" * (end - start)

    def overlaps(self, start: int, end: int) -> bool:
        return self._covered.find(1, start, end) != -1

    def contains(self, start: int, end: int) -> bool:
        return self._covered.find(0, start, end) == -1


def find_candidates(
    doc: AnalysedDocument,
    lexicon: Lexicon,
    allow: Iterable[str],
    abbreviations: bool,
    rare_zipf: float,
) -> list[Occurrence]:
    """Every use of a lexicon term, an abbreviation or a rare word, in reading order."""
    allowed = frozenset(a.casefold() for a in allow)
    blocks = doc.document.blocks
    names = _Names(doc) if rare_zipf > 0 else None
    everyday = everyday_words() if rare_zipf > 0 else frozenset()
    verdicts = _verdicts(rare_zipf, allowed, everyday)  # once a page, not once a sentence
    if len(verdicts) > 200_000:  # an editor's session may see many pages
        verdicts.clear()
    found: list[Occurrence] = []
    for si, sentence in enumerate(doc.sentences):
        base = sentence.start
        text = blocks[sentence.block].text[base : sentence.end]
        heading = blocks[sentence.block].kind is BlockKind.HEADING
        here: list[Occurrence] = []
        taken = _Taken(len(text))
        for m in lexicon.find(text):
            taken.add(m.start, m.end)
            here.append(
                Occurrence(m.term.term, "term", si, sentence.block, base + m.start, base + m.end, m.text, m.term)
            )
        if abbreviations:
            expansions = _Taken(len(text))
            for start, end, key in find_abbreviations(text):
                if key.casefold() in allowed or taken.overlaps(start, end):
                    continue
                taken.add(start, end)
                here.append(
                    Occurrence(key, "abbreviation", si, sentence.block, base + start, base + end, text[start:end])
                )
                expansion = _EXPANSION.match(text, end)
                if expansion and long_form_matches(key, expansion.group(1)):
                    expansions.add(*expansion.span(1))  # "GFR (glomerular filtration rate)"
                    taken.add(*expansion.span(1))
            # the words that spell an abbreviation out are its explanation, not new jargon
            here = [o for o in here if o.kind != "term" or not expansions.contains(o.start - base, o.end - base)]
        if names is not None:
            here += _rare_words(sentence, text, base, si, heading, taken, names, allowed, everyday, rare_zipf,
                                verdicts)
        here.sort(key=lambda o: o.start)
        found += here
    return found


@lru_cache(maxsize=65536)
def _rare_key(piece: str, rare_zipf: float, allowed: frozenset[str], everyday: frozenset[str]) -> str | None:
    """The key of a word rare enough to be a candidate, wherever it is; else None."""
    if piece.lower() in _UNITS or not (piece.islower() or piece.istitle()):
        return None  # units; ALL CAPS and mixed case are abbreviations or product names
    z, key = _rarity(piece)
    limit = max(rare_zipf, _MEDICAL_SHAPE_ZIPF) if _MEDICAL_SHAPE.search(piece) else rare_zipf
    if z < limit and key not in allowed and key not in everyday and piece.lower() not in everyday \
            and not ordinary_form(piece):
        return key
    return None


_UNSEEN = object()


@lru_cache(maxsize=8)
def _verdicts(rare_zipf: float, allowed: frozenset[str], everyday: frozenset[str]) -> dict[str, str | None]:
    """word -> `_rare_key` for these settings: a plain dict, as most words of a page are
    looked up many times and lru_cache's key of four arguments costs more than the dict."""
    return {}


def _rare_words(sentence, text, base, si, heading, taken, names, allowed, everyday, rare_zipf,
                verdicts) -> list[Occurrence]:
    out = []
    for word in sentence.words:
        piece = word.text
        if len(piece) < 5:
            continue  # too short to be checked
        if piece.isalpha():  # most words: one part, no prefix, not an address
            key = verdicts.get(piece, _UNSEEN)
            if key is _UNSEEN:
                key = verdicts[piece] = _rare_key(piece, rare_zipf, allowed, everyday)
            if key is None:
                continue
            start = word.start - base
            end = start + len(piece)
            if not taken.overlaps(start, end) and not names.is_name(
                    piece, at_start=start == 0 or heading, following=text[end : end + 14]):
                out.append(Occurrence(key, "rare", si, sentence.block, base + start, base + end, piece))
            continue
        if is_address(piece):
            continue  # web and email addresses, file names
        previous = None
        for part in _LETTERS.finditer(word.text):  # each part of "anti-inflammatory"
            prefix, previous = previous, part
            piece = part.group()
            # what the word is (cached), before where it is (each use)
            key = _rare_key(piece, rare_zipf, allowed, everyday) if len(piece) >= 5 else None
            if key is None:
                continue
            start = word.start - base + part.start()
            end = start + len(piece)
            if taken.overlaps(start, end):
                continue
            if not names.is_name(piece, at_start=start == 0 or heading, following=text[end : end + 14]):
                if prefix is not None and len(prefix.group()) < 5 and word.text[prefix.end() : part.start()] == "-":
                    # "pre-eclampsia" is another condition than "eclampsia": the prefix is part of the term
                    start = word.start - base + prefix.start()
                    piece = text[start:end]
                    key = piece.lower()
                out.append(Occurrence(key, "rare", si, sentence.block, base + start, base + end, piece))
    return out
