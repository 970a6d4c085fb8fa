"""Text bound for a terminal: control characters from stored names (ESC, BEL, ...) are
shown as visible escapes, never sent raw, so a hostile name cannot drive the terminal."""

from __future__ import annotations

import re
from typing import TextIO

_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """`text` with every control character (except newline and tab) as `\\x1b`-style escapes."""
    return _CONTROLS.sub(lambda m: m[0].encode("unicode_escape").decode("ascii"), text)


class SafeStream:
    """A text stream that passes everything through `terminal_safe`."""

    def __init__(self, stream: TextIO):
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(terminal_safe(text))
        return len(text)

    def __getattr__(self, name: str):
        return getattr(self._stream, name)
