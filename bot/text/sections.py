"""Long mrkdwn split into Slack section-sized pieces, at line ends where it can be."""

from __future__ import annotations

import re

from dialogs.validation import SECTION_TEXT_LIMIT

QUOTE = "> "
_ENTITY_START = re.compile(r"&[a-z]{0,3}$")  # a cut here would break "&amp;", "&lt;", "&gt;"


def split_sections(text: str, limit: int = SECTION_TEXT_LIMIT) -> list[str]:
    """`text` as pieces of at most `limit` characters, joined at line breaks. A line too long
    for one piece is cut at a space (or anywhere but inside an escape), and a quoted line's
    pieces each stay quoted, so a cut never turns user text into the summary's own lines."""
    pieces: list[str] = []
    current = ""
    for line in text.split("\n"):
        for part in _cut_line(line, limit):
            joined = f"{current}\n{part}" if current else part
            if len(joined) <= limit:
                current = joined
                continue
            if current.strip():
                pieces.append(current)
            current = part
    if current.strip():
        pieces.append(current)
    return pieces


def _cut_line(line: str, limit: int) -> list[str]:
    if len(line) <= limit:
        return [line]
    prefix = QUOTE if line.startswith(QUOTE) else ""
    rest = line[len(prefix) :]
    width = limit - len(prefix)
    parts: list[str] = []
    while len(rest) > width:
        cut = _cut_at(rest, width)
        parts.append(prefix + rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        parts.append(prefix + rest)
    return parts


def _cut_at(text: str, width: int) -> int:
    space = text.rfind(" ", width // 2, width + 1)
    if space > 0:
        return space
    broken = _ENTITY_START.search(text[:width])
    return broken.start() if broken and broken.start() > 0 else width
