"""Sentences and words: what counts as one, on the text health pages contain."""

from __future__ import annotations

from plainlint.analysis.segment import segment
from plainlint.extract.html import extract_html
from tests.helpers import ROOT, run_python


def sentences(html: str) -> list[str]:
    return [s.text for s in segment(extract_html(html, "t").blocks)]


def test_decimals_doses_and_abbreviations_do_not_end_sentences():
    html = "<p>Take 2.5 mg twice a day, e.g. at breakfast. Dr. Patel will check your dose. The risk was 0.85 in the trial.</p>"
    assert sentences(html) == [
        "Take 2.5 mg twice a day, e.g. at breakfast.",
        "Dr. Patel will check your dose.",
        "The risk was 0.85 in the trial.",
    ]


def test_headings_list_items_and_lead_in_stay_apart():
    html = "<h2>Symptoms</h2><p>Symptoms include:</p><ul><li>a headache</li><li>feeling sick</li></ul><p>See a GP.</p>"
    assert sentences(html) == ["Symptoms", "Symptoms include:", "a headache", "feeling sick", "See a GP."]


def test_lead_in_inside_the_same_paragraph_as_its_list():
    html = "<div>You may notice:<ul><li>tiredness</li></ul>Call us if so.</div>"
    assert sentences(html) == ["You may notice:", "tiredness", "Call us if so."]


def test_line_breaks_end_sentences():
    assert sentences("<p>Ward 5<br>City Hospital<br>Open every day</p>") == ["Ward 5", "City Hospital", "Open every day"]


def test_question_and_exclamation_marks():
    assert sentences("<p>Is it serious? Not usually! Most people get better.</p>") == [
        "Is it serious?",
        "Not usually!",
        "Most people get better.",
    ]


def test_words_join_hyphens_and_apostrophes_but_not_punctuation():
    (s,) = segment(extract_html("<p>Don't stop your well-known 10-day course (COVID-19) \u2013 it's 5% safer.</p>", "t").blocks)
    assert [w.text for w in s.words] == ["Don't", "stop", "your", "well-known", "10-day", "course", "COVID-19", "it's", "5", "safer"]


def test_word_offsets_point_into_the_block_text():
    doc = extract_html("<h1>Title</h1><p>One. Two words here.</p>", "t")
    for s in segment(doc.blocks):
        text = doc.blocks[s.block].text
        assert text[s.start : s.end] == s.text
        for w in s.words:
            assert text[w.start : w.end] == w.text


def test_spacy_is_imported_without_its_command_line_interface_which_still_works_later():
    """In a fresh interpreter, as a cold start is: spaCy's CLI (typer, weasel, requests...)
    is not imported to tokenize, and spacy.info and spacy.cli work afterwards."""
    script = (
        "import sys\n"
        "from plainlint.analysis.segment import segment\n"
        "from plainlint.document import Block, BlockKind, SourceMap\n"
        "s = segment([Block(BlockKind.PARAGRAPH, 'Dr. Smith gave 2.5 mg. It helped.', SourceMap(), 0)])\n"
        "assert [x.text for x in s] == ['Dr. Smith gave 2.5 mg.', 'It helped.'], s\n"
        "assert 'spacy.cli' not in sys.modules and 'typer' not in sys.modules\n"
        "import spacy\n"
        "assert spacy.info(silent=True)['spacy_version'] == spacy.__version__\n"
        "import spacy.cli\n"
        "assert callable(spacy.cli.setup_cli)\n"
        "print('ok')\n"
    )
    done = run_python(script)
    assert done.stdout == "ok\n", done.stderr[-2000:]


def test_tokens_are_split_and_marked_as_by_a_blank_english_pipeline():
    """plainlint's tokenizer makes lexemes with fewer attributes; tokens and the
    punctuation flag that the sentence rule reads must not change."""
    import spacy

    from plainlint.analysis.segment import _ATTRS, tokenizer

    page = (ROOT / "examples" / "lymphoedema.html").read_text()
    texts = [b.text for b in extract_html(page, "page.html").blocks] + [
        "«Hello» — ¿qué? ‘quoted’ (a) [b] {c} ... !!! ?! 2.5mg, e.g. U.S.A. ☺ § ¶ † • ·",
        "Call 0800 123 4567 (9am–5pm). Don't stop taking it: see www.nhs.uk/medicines.",
        "pre- and post-op; COVID-19; HPV-related; “quotes”, 'single' -- --- ‐ ‑ – —",
    ]
    blank = spacy.blank("en").tokenizer
    assert len(texts) > 15
    for text in texts:
        assert tokenizer()(text).to_array(_ATTRS).tolist() == blank(text).to_array(_ATTRS).tolist()


def test_a_full_chunk_cache_splits_text_as_an_empty_one_does():
    """spaCy caches how it split each space-separated chunk, and plainlint lets that cache
    hold far more chunks than spaCy's 10,000: a site's vocabulary is larger. Whether a
    chunk comes from the cache or is split afresh must not change the tokens."""
    import spacy

    from plainlint.analysis.segment import _ATTRS, tokenizer

    ours = tokenizer()
    assert ours.max_cache_size >= 100_000
    uncached = spacy.blank("en").tokenizer
    uncached.max_cache_size = 0  # every chunk split afresh, at every use
    page = (ROOT / "examples" / "lymphoedema.html").read_text()
    texts = [b.text for b in extract_html(page, "page.html").blocks]
    # 12,000 distinct chunks, more than spaCy's default cache holds; the special cases
    # ("e.g.", "'s") end each text, as spaCy caches no chunk after one within a call
    texts += [" ".join(f"w{n}, (w{n}). w{n} w{n}-{n}" for n in range(k, k + 20)) + " e.g. it's"
              for k in range(0, 3000, 20)]
    for _ in range(2):  # the second time, every chunk is in our cache
        for text in texts:
            assert ours(text).to_array(_ATTRS).tolist() == uncached(text).to_array(_ATTRS).tolist()


def test_the_pattern_for_a_letter_or_digit_agrees_with_isalnum_on_every_code_point():
    """Sentences are split by whether a token has a letter or digit, found by a pattern
    rather than a Python loop over its characters: the two must agree everywhere."""
    import sys

    from plainlint.analysis.segment import _ALNUM

    disagree = [c for c in map(chr, range(sys.maxunicode + 1)) if (_ALNUM.search(c) is not None) != c.isalnum()]
    assert disagree == []
