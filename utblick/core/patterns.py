"""Patterns that staff store (registration numbers, diarienummer), matched in linear time.

Python's ``re`` backtracks: a stored ``^(a+)+$`` makes one 28-character input take seconds,
doubling with every character. RE2 (google-re2) matches in time linear in the input and
refuses the constructs that need backtracking (back-references, lookaround), so every
stored pattern is compiled and matched here, and only here.
"""

from __future__ import annotations

import functools

import re2
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# RE2's memory budget for one compiled pattern; a pattern that needs more is refused.
PATTERN_MAX_MEMORY = 1 << 20
# RE2's \w is ASCII only (Python's re is Unicode): "^\w+ \d{4}$" would refuse "Ärende 2024".
# Staff write patterns as Python's re reads them, so \w and \W mean any letter or digit.
WORD = r"\p{L}\p{N}_"


def unicode_words(pattern: str) -> str:
    r"""``pattern`` with ``\w`` and ``\W`` as Python's re reads them (Unicode letters and
    digits), inside and outside character classes; an escaped backslash stays as it is."""
    out = []
    in_class = False
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\" and index + 1 < len(pattern):
            escaped = pattern[index + 1]
            if escaped == "w":
                out.append(WORD if in_class else f"[{WORD}]")
            elif escaped == "W" and not in_class:
                out.append(f"[^{WORD}]")
            else:  # \W inside a class has no simple equivalent: RE2's own meaning.
                out.append(char + escaped)
            index += 2
            continue
        if char == "[" and not in_class:
            in_class = True
            out.append(char)
            # "]" right after "[" or "[^" is a literal, not the end of the class.
            for literal in ("^]", "^", "]"):
                if pattern.startswith(literal, index + 1):
                    out.append(literal)
                    index += len(literal)
                    break
        elif char == "]" and in_class:
            in_class = False
            out.append(char)
        else:
            out.append(char)
        index += 1
    return "".join(out)


@functools.lru_cache(maxsize=256)
def compile_pattern(pattern: str):
    """The compiled pattern; raises ``re2.error`` for one RE2 cannot (or may not) compile."""
    options = re2.Options()
    options.log_errors = False
    options.max_mem = PATTERN_MAX_MEMORY
    return re2.compile(unicode_words(pattern), options)


def validate_pattern(pattern: str) -> str:
    """Raise a ValidationError (for the form) unless RE2 compiles the pattern."""
    try:
        compile_pattern(pattern)
    except re2.error as error:
        raise ValidationError(
            _(
                "The pattern cannot be used. Write a regular expression without "
                "back-references (\\1) and without lookaround ((?=…), (?<=…)), "
                "e.g. ^KS \\d{4}/\\d{1,6}$."
            ),
            code="pattern",
        ) from error
    return pattern


def fullmatches(pattern: str, text: str) -> bool:
    """Does the whole text match the stored pattern? A stored pattern RE2 cannot compile
    (saved before patterns were checked with RE2) checks nothing rather than blocking every
    entry: the settings form asks for a usable one on the next save."""
    try:
        compiled = compile_pattern(pattern)
    except re2.error:
        return True
    return compiled.fullmatch(text) is not None
