"""The practitioner's own office: a building named where a service meets, trains or sits
("Team meeting is in Wrekin View House, room 3", "the second floor of Latterbarrow House",
"IAA at Tŷ Taf", "Canolfan Alun, upstairs"), in a text that says nothing of anyone living or
staying there. Such a name points to a service, not to a family; a hostel, a refuge or a named
house where someone stays still goes ("Shay is in room 9 at Ledgard House")."""

import regex

from bot.privacy.lexicon import ambiguous, listed

# A building's name: capitalised words ending in a word for an office building, or a Welsh
# building word before its name.
# (Words on one line, no possessive among them: "Kelly Smith's House" is a person's; from the
# first letter of a word only, so a long run of capitals is not tried from each of its letters.)
_BUILDING = regex.compile(
    r"(?:(?:(?:The|the|Our|our)[ \t]+)?(?<![\w'’\-])(?:[A-Z][\w\-]*[a-z][\w\-]*[ \t]+){1,3}"
    r"(?:House|Exchange|Buildings)\b"
    r"|(?<![\w'’\-])(?:Tŷ|Nhŷ|Canolfan|Ganolfan)[ \t]+[A-Z][\w\-]+)"
    # Its room, numbered as offices number them ("room 2.04").
    r"(?:,[ \t]+room[ \t]+\d+\.\d+)?"
    # A room of the service's own building: "Room 12, Level 3", "interview room 1, room 2".
    r"|\b(?:[Rr]oom|Rm)[ \t]+\d{1,3}[a-z]?(?:,[ \t]+[Ll]evel[ \t]+\d+)?"
)
# What a service does in its building.
_OFFICE_USE = regex.compile(
    r"\b(?:meetings?|meets?|training|course|refresher|(?:ground|first|second|third|fourth|top)"
    r"\s+floor|floor\s+\d|reception|car\s+park|interview\s+rooms?|meeting\s+rooms?|fire\s+drill"
    r"|drop-in|offices?|hot[\s\-]?desk|cyfarfod|room\s+\d+\.\d+|level\s+\d"
    r"|takes\s+place|supervised|family\s+centre|soft\s+room)\b",
    regex.IGNORECASE,
)
# Someone living, staying or placed there, or a word for a place people stay.
_HOME_USE = regex.compile(
    r"\b(?:lives?|living|lived|stays?|staying|stayed|moved|moving|placed|housed|sleeping|slept"
    r"|resident|residents|tenancy|tenant|hostel|refuge|accommodation|b&b|foyer|curfew|address"
    r"|home|flat|bedsit|discharged|released|bail|placement|carers?|came\s+back|returned|missing"
    r"|bedroom|key\s?worker|residential|hotel|travelodge|inn|lodge|bnb|guest\s?house|premises"
    r"|ymca|shelter|hospital|ward|bay|bed|lodgings|sofa|visited|visit|seen|picked\s+up|cse|cce"
    r"|exploit\w*|disclosed|works?|working|worked|employed|employer|job|shifts?"
    # Welsh: lives, stays, home, refuge.
    r"|byw|aros|cartref|gartref|lloches)\b",
    regex.IGNORECASE,
)


_WELSH_BUILDING_WORDS = frozenset(["Tŷ", "Nhŷ", "Canolfan", "Ganolfan"])
# How near a word of office use must be: in the same sentence, this many characters away.
_NEAR = 60
_SENTENCE_END = regex.compile(r"[.!?;]\s|\n")


def office_spans(text: str) -> list[tuple[int, int]]:
    """The spans of building names that, in this text, are where a service works."""
    if _HOME_USE.search(text) or not _OFFICE_USE.search(text):
        return []
    return [
        m.span()
        for m in _BUILDING.finditer(text)
        if _used_as_office(text, *m.span()) and names_nobody(text, m.span())
    ]


def _used_as_office(text: str, start: int, end: int) -> bool:
    before = _SENTENCE_END.split(text[max(0, start - _NEAR) : start])[-1]
    after = _SENTENCE_END.split(text[end : end + _NEAR])[0]
    return bool(_OFFICE_USE.search(before) or _OFFICE_USE.search(after))


def within_office(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def names_nobody(text: str, span: tuple[int, int]) -> bool:
    """No word of the building's name is a first name of the lists ("Tyler Grant House")."""
    return not any(
        listed(w) and not ambiguous(w)
        for w in regex.findall(r"[A-Z][\w\-]+", text[span[0] : span[1]])
        if w not in _WELSH_BUILDING_WORDS
    )
