"""The practitioner's own office: a building named where a service meets, trains or sits
("Team meeting is in Wrekin View House, room 3", "the second floor of Latterbarrow House",
"IAA at Tŷ Taf", "Canolfan Alun, upstairs"), in a text that says nothing of anyone living or
staying there. Such a name points to a service, not to a family; a hostel, a refuge or a named
house where someone stays still goes ("Shay is in room 9 at Ledgard House")."""

import regex

# A building's name: capitalised words ending in a word for an office building, or a Welsh
# building word before its name.
_BUILDING = regex.compile(
    r"(?:(?:(?:The|the|Our|our)\s+)?(?:[A-Z][\w'’\-]+\s+){1,3}(?:House|Exchange|Buildings)"
    r"|(?:Tŷ|Nhŷ|Canolfan|Ganolfan)\s+[A-Z][\w'’\-]+)"
    # Its room, numbered as offices number them ("room 2.04").
    r"(?:,\s+room\s+\d+\.\d+)?"
    # A room of the service's own building: "Room 12, Level 3", "interview room 1, room 2".
    r"|\b(?:[Rr]oom|Rm)\s+\d{1,3}[a-z]?(?:,\s+[Ll]evel\s+\d+)?"
)
# What a service does in its building.
_OFFICE_USE = regex.compile(
    r"\b(?:meetings?|meets?|training|course|refresher|(?:ground|first|second|third|fourth|top)"
    r"\s+floor|floor\s+\d|reception|car\s+park|interview\s+rooms?|meeting\s+rooms?|fire\s+drill"
    r"|drop-in|offices?|based|hot[\s\-]?desk|cyfarfod|ystafell|room\s+\d+\.\d+|level\s+\d"
    r"|takes\s+place|supervised|family\s+centre|soft\s+room)\b",
    regex.IGNORECASE,
)
# Someone living, staying or placed there, or a word for a place people stay.
_HOME_USE = regex.compile(
    r"\b(?:lives?|living|lived|stays?|staying|stayed|moved|moving|placed|housed|sleeping|slept"
    r"|resident|residents|tenancy|tenant|hostel|refuge|accommodation|b&b|foyer|curfew|address"
    r"|home|flat|bedsit|discharged|released|bail|placement|carers?|came\s+back|returned|missing"
    r"|bedroom|key\s?worker|residential|hotel|travelodge|inn|lodge|b&b|bnb|guest\s?house|premises"
    r"|ymca|shelter|hospital|ward|bay|bed)\b",
    regex.IGNORECASE,
)


# How near a word of office use must be: in the same sentence, this many characters away.
_NEAR = 60
_SENTENCE_END = regex.compile(r"[.!?;]\s")


def office_spans(text: str) -> list[tuple[int, int]]:
    """The spans of building names that, in this text, are where a service works."""
    if _HOME_USE.search(text) or not _OFFICE_USE.search(text):
        return []
    return [m.span() for m in _BUILDING.finditer(text) if _used_as_office(text, *m.span())]


def _used_as_office(text: str, start: int, end: int) -> bool:
    before = _SENTENCE_END.split(text[max(0, start - _NEAR) : start])[-1]
    after = _SENTENCE_END.split(text[end : end + _NEAR])[0]
    return bool(_OFFICE_USE.search(before) or _OFFICE_USE.search(after))


def within_office(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)
