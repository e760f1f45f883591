"""Render one MedQuAD question/answer pair as a small HTML page (stdlib only).

MedQuAD (CC BY 4.0) is read from ../shared/corpus/medquad at evaluation time; its text is
never copied into the project. Labels in labels.yml refer to the page as rendered here.

    python bench/jargon_eval/medquad.py 4_MPlus_Health_Topics_QA/0000001.xml 1
"""
from __future__ import annotations

import html
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

MEDQUAD_DIR = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "medquad"

_SPLIT = re.compile(r"(?:\s*\n\s*|\s{2,})")


def _qa(xml_path: Path, pid: str) -> tuple[str, str]:
    root = ET.parse(xml_path).getroot()
    for pair in root.iter("QAPair"):
        if pair.get("pid") == str(pid):
            q = (pair.findtext("Question") or "").strip()
            a = pair.findtext("Answer") or ""
            return q, a
    raise KeyError(f"no QAPair pid={pid} in {xml_path}")


def medquad_page(xml_path: Path, pid: str) -> str:
    """<main><h1>{question}</h1> then the answer: split on runs of 2+ spaces or newlines into
    paragraphs; a paragraph starting with "- " becomes an <li> (consecutive ones in one <ul>);
    a short paragraph (<= 8 words) ending in ":" stays a <p>; a paragraph like "Summary :" or
    "What are the symptoms of X?" (<= 12 words, no final '.') becomes an <h2>.
    Text is HTML-escaped.</main>"""
    question, answer = _qa(Path(xml_path), pid)
    out = ["<main>", f"<h1>{html.escape(question)}</h1>"]
    in_list = False
    for par in (p.strip() for p in _SPLIT.split(answer)):
        if not par:
            continue
        if par.startswith("- "):
            if not in_list:
                out.append("<ul>")
                in_list = True
            out.append(f"<li>{html.escape(par[2:].strip())}</li>")
            continue
        if in_list:
            out.append("</ul>")
            in_list = False
        words = par.split()
        text = html.escape(par)
        if re.fullmatch(r".*\S\s+:", par) and len(words) <= 12:
            out.append(f"<h2>{html.escape(par[:-1].strip())}</h2>")  # "Summary :"
        elif par.endswith(":") and len(words) <= 8:
            out.append(f"<p>{text}</p>")
        elif len(words) <= 12 and not par.endswith((".", ":")):
            out.append(f"<h2>{text}</h2>")
        else:
            out.append(f"<p>{text}</p>")
    if in_list:
        out.append("</ul>")
    out.append("</main>")
    return "\n".join(out) + "\n"


def page_text(page_html: str) -> str:
    """Visible text of a rendered page (tags removed, entities unescaped)."""
    return html.unescape(re.sub(r"<[^>]+>", " ", page_html))


if __name__ == "__main__":
    rel, pid = sys.argv[1], sys.argv[2]
    sys.stdout.write(medquad_page(MEDQUAD_DIR / rel, pid))
