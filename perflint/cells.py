"""Text measured in terminal cells, and wrapped to a width: Chinese characters are two cells
wide; Chinese may break between any two characters, a Latin word (an option, a code, a number)
never breaks, and a line never starts with closing punctuation.

Fast by construction, since the terminal report wraps every message of a run: widths are counted
by one regular expression (C speed), and a line's break is found by bisection over the text
rather than character by character.
"""
from __future__ import annotations

import functools
import re

# East Asian Wide and Fullwidth ranges (Ambiguous characters such as “ ” are one cell, as in rich)
_WIDE_RANGES = ("\u1100-\u115f\u231a\u231b\u2329\u232a\u23e9-\u23ec\u2e80-\u303e\u3041-\u33ff"
                "\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff"
                "\ufe10-\ufe19\ufe30-\ufe6f\uff00-\uff60\uffe0-\uffe6\U0001f300-\U0001f64f"
                "\U0001f900-\U0001f9ff\U00020000-\U0003fffd")
# the narrow characters are counted (fewer than the wide ones in Chinese text: quicker)
_NARROW = re.compile(f"[^{_WIDE_RANGES}]")
#: punctuation a line never starts with (it stays with the character before it)
NO_LINE_START = frozenset("）》」』】〕，。、；：！？”’%)]},.;:!?")
_LATIN = re.compile(r"[0-9A-Za-z_\-./:%+#@&=≥≤<>~]")


def cells(text: str) -> int:
    """Terminal cells ``text`` takes."""
    return len(text) if text.isascii() else 2 * len(text) - len(_NARROW.findall(text))


def _fit(text: str, width: int) -> int:
    """The most characters of ``text`` that fit in ``width`` cells (at least one)."""
    if cells(text) <= width:
        return len(text)
    low, high = 1, min(len(text), width)          # text[:low] fits, text[:high + 1] may not
    while low < high:
        middle = (low + high + 1) // 2
        if cells(text[:middle]) <= width:
            low = middle
        else:
            high = middle - 1
    return low


@functools.lru_cache(maxsize=1 << 15)
def wrap(text: str, width: int) -> tuple[str, ...]:
    """One paragraph (no newline) in lines of at most ``width`` cells (a Latin word longer than a
    line is cut)."""
    width = max(width, 4)
    lines: list[str] = []
    text = text.strip()
    while text:
        k = _fit(text, width)
        if k < len(text):
            # a closing mark never starts a line: the character before it goes down with it
            while k > 1 and _next_visible(text, k) in NO_LINE_START:
                k -= 1
            # nor is a Latin word cut: back to where it starts, when it starts on this line
            if _LATIN.match(text[k]) and _LATIN.match(text[k - 1]):
                start = k
                while start > 0 and _LATIN.match(text[start - 1]):
                    start -= 1
                if start > 0 and text[start] not in NO_LINE_START:
                    k = start
        lines.append(text[:k].rstrip())
        text = text[k:].lstrip()
    return tuple(lines) or ("",)


def _next_visible(text: str, k: int) -> str:
    """The first character at or after ``k`` that is not a space (what the next line starts with)."""
    while k < len(text) and text[k].isspace():
        k += 1
    return text[k] if k < len(text) else ""


def pad(text: str, width: int, right: bool = False) -> str:
    """``text`` padded with spaces to ``width`` cells (on the left when ``right``)."""
    gap = " " * max(0, width - cells(text))
    return gap + text if right else text + gap
