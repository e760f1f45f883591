"""The patterns of explanation that plainlint recognises, as regular expressions and word
lists. glosses.py decides which apply where; this file only says what they look like."""

from __future__ import annotations

import re

PAREN_AFTER = re.compile(r"\s*\(\s*([^()]{1,150}?)\s*\)")
PAREN_AFTER_PHRASE = re.compile(r"(?:\s+[\w'-]+){0,2}?\s*\(\s*([^()]{1,150}?)\s*\)")
NOT_AN_EXPLANATION = re.compile(
    r"^(?:see|page|p\.|pp\.|fig|figure|table|ref|source|for example)\b|^[\d\s.,%-]+$", re.I
)
# Brackets that talk about the thing rather than say what it is: "MRI (it is noisy)".
COMMENT = re.compile(r"^(?:it|this|that|these|they|you|we|which|there|if|when|so)\b", re.I)
CUE_AFTER = re.compile(
    r"\s*(?:,|\(|\u2013|\u2014|-)?\s*(?:also called|also known as|also named|known as|sometimes called"
    r"|often called|called|which means|which is|meaning|that is|i\.e\.)\b"
    # or after the noun the term describes: "an autologous transplant, which means..."
    r"|(?:\s+[\w'-]+){1,2}\s*,\s*(?:also called|also known as|sometimes called|which means|meaning)\b",
    re.I,
)
# the plain words after a cue, for an abbreviation: "CABG, sometimes called a heart bypass"
CUE_WORDS = re.compile(
    r"\s*,?\s*(?:also called|also known as|sometimes called|often called|known as|which means)\s+"
    r"(?:an?\s+|the\s+)?((?:[\w'-]+\s*){1,4})",
    re.I,
)
# "EVAR, where a stent graft is passed up through an artery": a procedure described
WHERE_CLAUSE = re.compile(r"\s*,\s*where\s+(?:[\w'-]+\s+){3,}", re.I)
# "orlistat for weight loss", "an SGLT2 inhibitor for diabetes": the condition it treats
FOR_WHAT = re.compile(
    r"(?:\s+[\w'-]+){0,2}?\s+for\s+((?:[a-z][\w'-]*\s*){1,3})(?:[,.;)]|$|\s+(?:such|and|or|is|are|you|take|taking)\b)"
)
# "The most common one is methotrexate", "The medical name is ankyloglossia": a sentence
# that names the term as one of a kind, or as the name of what it has described.
NAMED_AS = re.compile(
    r"(?:the|its|their|this|these|another|other)\s+(?:[\w'-]+\s+){0,3}?"
    r"(?:one|ones|name|names|types?|kinds?|forms?|versions?|example|medicines?|drugs?|tests?|treatments?)"
    r"\s+(?:is|are)\s+(?:called\s+)?(?:an?\s+|the\s+)?$",
    re.I,
)
# "the thyroid hormone, thyroxine,": plain words, then the term set off by commas
REVERSED_APPOSITION = re.compile(r"(?:the|an?|your|its)\s+((?:[\w'-]+\s+){0,2}[\w'-]+)\s*,\s*$", re.I)
# A lead-in that names the kind of the list items after it: "There are two main types of
# stimulant:", "The checkpoint inhibitors used most often are:" (not "These may include:",
# which leaves the kind to the sentence before)
KIND_LEAD_IN = re.compile(
    r"\b(?:types?|kinds?|forms?|groups?) of ([\w'-]+)[^:.]*:\s*$"
    r"|^\s*(?:the|these|some|two|three|four)\s+(?:[\w'-]+\s+){0,2}?([\w'-]+)\s+(?:used|given|offered|[\w'-]+ed)?\b[^:.]*\bare\s*:\s*$",
    re.I,
)
# the first word after "for" that makes "for" a quantity or a time, not a purpose
NOT_A_PURPOSE = frozenset("each every a an the some any all your their more less example instance".split())
TIME_WORDS = frozenset(
    "you your yourself them him her it this that these those now life long free a an the more less up all "
    "minutes hours days weeks months years day week month year while".split()
)
# "uterus, or womb,": only when the words after "or" are plain ("ezetimibe, or an injection
# called inclisiran" offers an alternative, not an explanation).
OR_PLAIN = re.compile(r"\s*,\s*or\s+((?:[\w'-]+\s*){1,4})(?:[,.;)]|$)")
# Bare kinds that say too little to explain a term: "a test called X", "treatments like X".
VAGUE = frozenset(
    "test tests treatment treatments medicine medicines drug drugs injection injections procedure procedures "
    "operation operations thing things change changes risk risks condition conditions problem problems "
    "option options type types kind kinds one ones place places area areas part parts way ways".split()
)
PLAIN_ZIPF = 3.5


# "ondansetron, a medicine to stop sickness" (or with a dash): an apposition that ends its
# clause; not a list ("an MRI, a CT scan and an X-ray").
APPOSITION = re.compile(
    r"(?:\s+[\w'-]+){0,2}?\s*(?:,|\u2013|\u2014|\s-)\s*(?:an?|the|one|made|used|taken|given|caused"
    r"|(?:at|in|inside|around|near|behind|under|above|below|on)\s+(?:the|your))\s+"
    r"(?:(?!(?:and|or)\s+(?:an?|the)\b)[\w'-]+\s+){0,5}?(?!(?:and|or)\b)[\w'-]+"
    r"\s*(?:[,.;:()]|$|\s(?:that|which|who|used|to|for|of|in|made|found|given|from|you|your|we|they"
    r"|where|when|with|caused|because)\b)",
    re.I,
)
# "vasopressors to raise their blood pressure": what it is for.
PURPOSE = re.compile(
    r"(?:\s*,\s*(?:(?:or|and)\s+)?[\w'-]+|\s+(?:or|and)\s+[\w'-]+){0,4}"
    r"(?:\s+(?!(?:to|and|or|may|might|will|would|can|could|should|must|want|wants|need|needs|is|are|has|have)\b)"
    r"[\w'-]+){0,2}?,?\s+to\s+(?:help|stop|prevent|treat|reduce|lower|raise|control|check|measure"
    r"|make|keep|protect|relieve|ease|calm|thin|kill|fight|block|find|see|test|look|get|boost|improve)\b",
    re.I,
)
# A cue phrase before the term, perhaps with modifiers or other names between:
# "bumps called hyperkeratotic follicular papules"; "also called renal dysplasia or X".
CUE_BEFORE = re.compile(
    r"(also called|also known as|known as|sometimes called|often called|is called|are called|called"
    r"|named|termed)\s+[\"\u201c\u2018']?(?:(?:an?|the)\s+)?"
    r"(?:[\w'-]+[\"\u201d\u2019']?(?:\s+|\s*,\s*)(?:(?:or|and)\s+)?){0,4}[\"\u201c\u2018']?$",
    re.I,
)
# Words CUE_BEFORE cannot match without (in lower case, on ASCII text).
CUE_BEFORE_NEEDS = ("called", "known as", "named", "termed")
# An example of a plainly named kind: "anti-sickness medicines, such as ondansetron or X".
EXAMPLE_OF = re.compile(
    r"(\w[\w'-]*(?:\s+\([^()]{1,40}\))?)[\s,]+(?:such as|like|containing|e\.g\.,?|for example,?)\s+"
    r"(?:[\w'-]+(?:\s+[\w'-]+){0,2}(?:\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+)){0,5}$",
    re.I,
)
EXAMPLE_OF_NEEDS = ("such as", "like", "containing", "e.g.", "for example")
# "X means/refers to/stands for ..." defines X; "X is/are ..." only when what follows
# reads as a description ("is a test", "are cells that", "is treatment with drugs"),
# not a comment on it ("your prognosis is good").
CATEGORY = (
    r"medicines?|drugs?|tests?|scans?|treatments?|therap(?:y|ies)|procedures?|operations?|conditions?|diseases?"
    r"|illness(?:es)?|infections?|virus(?:es)?|bacteria|hormones?|chemicals?|substances?|proteins?|enzymes?"
    r"|glands?|organs?|tubes?|muscles?|nerves?|cells?|tissues?|types?|kinds?|groups?|parts?|devices?|machines?"
    r"|doctors?|specialists?|professionals?|nurses?|problems?|symptoms?|signs?|emergency|blockage|swelling"
    r"|growths?|lumps?|bumps?|sacs?|layers?|fluid|liquid|areas?|spots?|patches|membranes?|vessels?|bones?"
    r"|structures?|parasites?|worms?|insects?|surgery|operations?|ways?|changes?|creams?|tablets?|pills?"
)
FUNCTION_VERBS = (
    r"carries|carry|stores|store|makes|make|produces|produce|controls|control|helps|help|pumps|pump|filters"
    r"|filter|absorbs|absorb|protects|protect|measures|measure|shows|show|checks|check|records|record|treats"
    r"|treat|prevents|prevent|stops|stop|relieves|relieve|reduces|reduce|lowers|lower|raises|raise|calms|calm"
    r"|kills|kill|blocks|block|relaxes|relax|thins|thin|works by|uses|use|lets|let|allows|allow|happens|happen"
    r"|looks at|look at|tells|tell|fights|fight|damages|damage|affects|affect|causes|cause|cuts|cut|removes"
    r"|remove|replaces|replace|narrows|narrow|widens|widen|opens|open|keeps|keep|turns|turn|copies|copy|slows"
    r"|slow|attacks|attack|targets|target|finds|find|focuses|focus|eases|ease|boosts|boost|clears|clear"
    r"|attaches|attach|destroys|destroy|breaks down|break down|carries|supplies|supply|drains|drain"
)
# The next sentence goes on about it: "Some people get myalgia. This means aching muscles."
# ("It is done in hospital." says nothing about what it is.)
ANAPHORA = re.compile(
    r"^(?:this|it|these|they|that)(?:\s+\w+ly)?(?:\s+(?:test|scan|medicine|drug|treatment|procedure|operation|condition)\s+\w"
    r"|\s+(?:is|are|was)\s+(?:an?|the|when|where|how|what)\b|['\u2019]s\s+(?:an?|the|when|where)\b"
    r"|\s+(?:is|are)\s+(?!why\b|because\b|also\b|not\b)(?:[\w'-]+\s+){0,2}?(?:" + CATEGORY + r")\b"
    rf"|\s+(?:means|mean|{FUNCTION_VERBS})\b)",
    re.I,
)
# "sertraline, which can be taken...": no; "ramipril, which relax your blood vessels": yes.
WHICH_DOES = re.compile(
    rf"(?:\s+(?:or\s+|and\s+)?[\w'-]+){{0,2}}?\s*,?\s*which\s+(?:(?:{FUNCTION_VERBS})\s"
    rf"|(?:is|are)\s+(?:taken|used|given|put)\b"
    rf"|(?:is|are)\s+(?:an?\s+)?(?:[\w'-]+\s+){{0,2}}(?:{CATEGORY})\b)",
    re.I,
)
MODALS = r"(?:will|may|might|can|could|should|must|would|is|are|was|were|and|or|to)\b"
DEFINING_VERB = re.compile(
    r"(?:s|es)?(?:\s*\([^()]*\))?"
    rf"(?:(?:\s*\([^()]*\)|\s*,[^,]{{1,60}},)*(?:\s+(?!{MODALS})[\w'-]+)?,?\s+(?:{FUNCTION_VERBS})\s+\S"
    r"|(?:\s+(?!(?:is|are|was|were|means?|will|may|might|can|could|should|must|would|and|or)\b)[\w'-]+"
    r"|\s*\([^()]*\)|\s*,[^,]{1,40},|\s+(?:and|or)\s+[\w'-]+){0,4}?"
    r",?\s+(?:(?:means|mean|refers to|refer to|describes|describe|stands for)\s+\S"
    r"|(?:is|are|was|were)\s+(?:(?:a|an|the|one|any|some|something|someone|when|where|what|how)\b"
    r"|(?:just\s+)?(?:above|below|behind|inside|under|underneath|beneath|next to|on top of)\s+(?:the|your)\b"
    rf"|(?:[\w'-]+\s+){{0,3}}?(?:{CATEGORY})\b"
    r"|\w+(?:\s+\w+){0,2}?\s+(?:that|which|who|where|used|with|for|of|caused)\b)))",
    re.I,
)
# What may come before a term at the start of a defining sentence: "A", "The", "Your",
# and up to two modifiers ("Leptomeningeal metastases mean...").
DEFINITION_LEAD = re.compile(
    r"^(?:(?:an?|the|your|this|these)\s+)?(?:[\w\u2019'-]+,?\s+){0,2}"
    r"(?:(?:such as|like|including|called)\s+(?:[\w\u2019'-]+\s+){0,2})?$",
    re.I,
)
OPEN_PAREN_BEFORE = re.compile(r"\(\s*(?:the\s+|an?\s+)?(?:[\w'-]+\s+){0,2}$", re.I)
CLOSE_PAREN_AFTER = re.compile(r"[^()]{0,40}\)")
# "To control your heart rate, you may take diltiazem": the sentence opens with the purpose.
PURPOSE_FIRST = re.compile(r"to\s+[\w'-]+\b[^,]{0,80},", re.I)
DASH_GLOSS = re.compile(r"(?:\s+[\w'-]+){0,2}?\s*(?:\u2013|\u2014|\s-)\s+[^\W\d_]", re.I)
COLON_DEFINITION = re.compile(r"\s*:\s*(?:an?|the)\s+\w", re.I)
ALIAS_LEAD = re.compile(
    r"(?:also called|also known as|sometimes called|other names(?: for (?:it|this))?(?: are| include)?)\s*:$", re.I
)
GLOSSARY_LINK = re.compile(r"gloss|dictionar|defin|/terms?/|#", re.I)
WORD = re.compile(r"[^\W\d_][\w\u2019'-]*")
