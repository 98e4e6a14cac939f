"""The part of a call's text that says what the call is about, for the semantic model.

The EU portal's descriptions open with headings and with sentences that most calls share
("Expected Outcome:", "Project results are expected to contribute to all of the following
expected outcomes:", "Proposals should present the concrete results which will be
delivered ..."), and some titles repeat the identifier ("I3-2026-INV1 - Interregional
Innovation Investments"). The model reads only the first ``EMBEDDING_MAX_CHARS`` characters
of a call (the cost of a vector grows with its length), so every such word takes the place
of one about the topic. :func:`topic_opening` drops them from the start of a description;
what follows is left as written.

Pure functions of the text, so a call's vector is found again from its text alone.
"""

import re

# About 56 tokens of multilingual-e5-small (see embeddings.py): the cost of a vector grows
# with its tokens, and a call's title and first sentences say what it is about. 260
# characters without the openings below ranked the labelled needs as well as 320 with
# them, for a sixth fewer tokens; 240 and 220 ranked them worse (benchmarks/README.md).
EMBEDDING_MAX_CHARS = 260

# At most this many openings are dropped: a heading, then a sentence, then another heading
# is the longest run seen in the portal's data.
MAX_OPENINGS = 4

# A heading: the words before a colon, without a full stop, when they are at most
# ``HEADING_WORDS`` or name a part of a call's description ("Expected Outcome:", "Topic
# scope:", "FOR ALL THREE THEMATIC PRIORITIES:", "Expected impact at the closure of the
# project (non-exhaustive list):"); or a numbered section's name ("1. Background"). A
# sentence of the call's own ending with a colon ("Projects will help regions adapt to
# floods:") is none of these.
HEADING = re.compile(r"^\s*(?:([^.;:!?]{1,120}?)\s*:|\d+\.\s*(?:background|introduction))\s*", re.I)
HEADING_WORDS = 3
HEADING_NAMES = re.compile(
    r"\b(?:expected|outcomes?|impacts?|scope|objectives?|challenge|priorit(?:y|ies)|"
    r"deliverables?|end of the project)\b",
    re.I,
)
# LIFE's opening ("Efficient delivery of the quantified objectives by the end of the
# project.") and the health cluster's ("This topic aims at supporting activities that are
# enabling or contributing to one or several expected impacts of destination “…”. To that
# end,") come before the sentence about outcomes.
LEAD_IN = re.compile(
    r"^\s*(?:efficient delivery of the quantified objectives by the end of the project\.|"
    r"this topic aims at supporting activities that are enabling or contributing to one or "
    r"several expected impacts of destination\s*“[^”]*”\.\s*to that end,)\s*",
    re.I,
)
# A sentence about what proposals must show in general, not about the topic: it starts
# with who delivers and names expected outcomes, impacts or results.
GENERAL_SENTENCE = re.compile(
    r"^\s*(?:(?:projects?|project (?:outputs and )?results|results|proposals?|successful "
    r"proposals?|activities|applicants)(?: under this (?:topic|strand))?\s+"
    r"(?:are|is|should|will|must)\b[^.;:]{0,220}?"
    r"\b(?:expected (?:outcomes?|impacts?|results)|topic-specific impacts?|following "
    r"(?:expected )?(?:outcomes|impacts)|expected impact of this destination|expected "
    r"results set out)\b[^.;:]{0,200}[.;:])\s*",
    re.I,
)


def topic_opening(description: str) -> str:
    """``description`` without the headings and general sentences it opens with."""
    text = description or ""
    for _ in range(MAX_OPENINGS):
        shorter = text
        shorter = _without_heading(shorter)
        for pattern in (LEAD_IN, GENERAL_SENTENCE):
            shorter = pattern.sub("", shorter, count=1)
        if shorter == text:
            break
        text = shorter
    return text


def _without_heading(text: str) -> str:
    found = HEADING.match(text)
    if found is None:
        return text
    words = found.group(1)
    if words is None or len(words.split()) <= HEADING_WORDS or HEADING_NAMES.search(words):
        return text[found.end() :]
    return text


def topic_title(title: str, identifier: str) -> str:
    """The title without the identifier some portals put in front of it."""
    if identifier and title.startswith(identifier):
        rest = title[len(identifier) :].lstrip(" -–:")
        return rest or title
    return title


def embedding_text(*, title: str, identifier: str, description: str) -> str:
    """The title and the start of the description's topic, at most ``EMBEDDING_MAX_CHARS``
    characters, cut at a word."""
    text = f"{topic_title(title, identifier)}. {topic_opening(description)}"
    if len(text) <= EMBEDDING_MAX_CHARS:
        return text
    cut = text[: EMBEDDING_MAX_CHARS + 1]
    return cut[: cut.rfind(" ")] if " " in cut else cut[:EMBEDDING_MAX_CHARS]
