"""heading-structure: a page's headings form an outline a screen reader user can follow."""

from __future__ import annotations

from typing import Iterator

from plainlint.analysis.analysed import AnalysedDocument
from plainlint.document import BlockKind
from plainlint.findings import Hit
from plainlint.rules.base import Option, Options, Rule


def check(doc: AnalysedDocument, options: Options) -> Iterator[Hit]:
    headings = [(i, b) for i, b in enumerate(doc.document.blocks) if b.kind is BlockKind.HEADING]
    if not headings:
        if doc.document.blocks:  # an empty page has nothing to structure
            yield Hit(
                doc.locate_block(0),
                "This page has no headings. Add a main heading (h1) and headings for each "
                "section so readers can scan the page and screen reader users can move around it.",
            )
        return
    first_level = options["first-level"]
    max_length = options["max-length"]
    # a front-matter title the site renders as the h1, unless the text has its own h1
    template_h1 = doc.document.title_is_h1 and not any(b.level == 1 for _, b in headings)
    if template_h1 and first_level == 1:
        first_level = 2
    seen_h1 = template_h1
    previous = 1 if template_h1 else 0
    for n, (i, block) in enumerate(headings):
        level = block.level
        where = doc.locate_block(i)
        if n == 0 and level != first_level:
            yield Hit(
                where,
                f"The first heading is h{level}; the page should start with an h{first_level}. "
                + ("Make this the page's main heading." if first_level == 1 else ""),
            )
        if level == 1:
            if seen_h1:
                yield Hit(
                    where,
                    "This is a second h1; a page should have one main heading. "
                    "Make this heading an h2, or split the page.",
                )
            seen_h1 = True
        if previous and level > previous + 1:
            yield Hit(
                where,
                f"Heading level jumps from h{previous} to h{level}; use h{previous + 1} so the "
                "page outline has no gaps.",
                suggestion=f"h{previous + 1}",
            )
        if not block.text.strip():
            yield Hit(where, "This heading is empty. Give it words that say what the section is about, or remove it.")
        elif len(block.text) > max_length:
            yield Hit(
                where,
                f"This heading is {len(block.text)} characters long; keep headings under "
                f"{max_length} characters so they can be scanned. Move the detail into the text below.",
            )
        previous = level


RULE = Rule(
    id="heading-structure",
    summary="Missing, duplicate, skipped, empty or over-long headings.",
    rationale=(
        "Headings let readers scan a page for the part they need, and they are how screen "
        "reader users move around it. That only works when the outline is whole: one main "
        "heading (h1), levels that go down one step at a time, and short headings that say "
        "what each section is about. Going back up any number of levels is fine."
    ),
    sources=(
        "WCAG 2.2 success criteria 1.3.1 Info and Relationships and 2.4.6 Headings and Labels",
        "GOV.UK content design: headings",
        "NHS digital service manual: headings",
    ),
    options=(
        Option(
            "first-level",
            "int",
            "The level the first heading should have: 1 for whole pages; 2 for CMS fragments "
            "whose page template supplies the h1.",
            minimum=1,
            maximum=6,
        ),
        Option("max-length", "int", "A heading with more characters than this is reported.", minimum=1),
    ),
    check=check,
    reads_sentences=False,
    examples=(
        (
            "<h1>Asthma</h1><p>Asthma affects your breathing.</p><h3>Symptoms</h3><p>You may cough.</p>",
            "<h1>Asthma</h1><p>Asthma affects your breathing.</p><h2>Symptoms</h2><p>You may cough.</p>",
        ),
    ),
)
