"""Neutralising dataset text before it reaches a terminal.

A dataset file is input like any other: it must not be able to move the
cursor, recolour the screen, forge an OSC 8 hyperlink or reorder text with
bidirectional overrides. Control and format characters are replaced by a
visible escape (``\\x1b``, ``\\u202e``); rich markup is never interpreted
because renderers only ever build ``rich.text.Text`` from dataset strings.
JSON output is not passed through here: ``json.dumps`` escapes control
characters itself and stays lossless.
"""

from __future__ import annotations

import re
import unicodedata

# C0 and C1 controls except tab and newline, DEL, and the Unicode format
# characters that change how text is displayed (bidi embeddings, overrides
# and isolates, zero-width joiners and marks, BOM), and the Unicode line and
# paragraph separators, which some tools split lines on.
# A pattern string, compiled (and cached by re) on first use: most text is plain ASCII and never needs it.
_UNSAFE = "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]"


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe(text: str) -> str:
    """Text with every display-changing character made visible."""
    if text.isascii() and text.isprintable():
        return text
    text = re.sub(_UNSAFE, _escape, text)
    # Anything else Unicode calls a control or format character.
    if not all(c.isprintable() or c in "\t\n" for c in text):
        text = "".join(
            c if c.isprintable() or c in "\t\n" or unicodedata.category(c)[0] not in "C" else f"\\u{ord(c):04x}"
            for c in text
        )
    return text


def cell(text: str) -> str:
    """A value for one tab-separated column: safe, on one line, with no tabs."""
    return " ".join(safe(text).split())
