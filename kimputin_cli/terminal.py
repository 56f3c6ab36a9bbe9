"""Text from outside (an article, a name, a file path) made safe to show on a terminal.

An article can carry control characters: ``\\x1b[31m`` would recolour the terminal, ``\\x1b]0;…\\x07`` retitle
its window, a C1 control (U+009B is a one-character CSI) or a bidi override (U+202E) reorder what is shown.
:func:`visible` replaces each such character with its escape (``\\x1b``, ``\\u202e``), so the reader sees that
it is there and nothing acts on it.  It is pure (no rich, no click): tables, ``kp show`` and an HTML report use
it alike.  It changes what is shown only; JSON keeps the characters (``json.dumps`` escapes them itself).

It does not escape rich markup: build rich cells as ``rich.text.Text`` (never a markup string).
"""
from __future__ import annotations

import re

# C0 controls and DEL, C1 controls, the bidi embeddings/overrides/isolates and marks that reorder a line,
# the line/paragraph separators, and lone surrogates (which no terminal encoding can carry).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(m: re.Match) -> str:
    o = ord(m.group())
    return f"\\x{o:02x}" if o < 0x100 else f"\\u{o:04x}"


def visible(text: str, keep: str = "") -> str:
    """``text`` with every control character shown as its escape (``\\x1b``, ``\\x07``, ``\\u202e``).

    ``keep`` names controls to leave as they are, e.g. ``keep="\\n"`` where a line break is wanted.
    Everything else, including every printable character of any script, passes unchanged.
    """
    if not text:
        return text
    if keep:
        return _UNSAFE.sub(lambda m: m.group() if m.group() in keep else _escape(m), text)
    return _UNSAFE.sub(_escape, text)


def has_unsafe(text: str) -> bool:
    """True if :func:`visible` would change ``text``."""
    return bool(_UNSAFE.search(text))
