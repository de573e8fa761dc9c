"""Ratings, grades, numbered labels and rooms: what a scale, a form or a building numbers
identifies nobody.

- A rating on a scale ("RAG rated Amber", "Red within 4 hours, Amber 24 hours", "Ofsted judged
  it Good", "ROSH High") is no name, place or workplace. A colour or grade that is also a first
  name (Amber, Red, Low, Good: only the scale's own words count) is a rating only in a text about a
  scale (a rating word such as "RAG", "rated", "Ofsted", or a second colour of the scale), and
  never in a person slot ("Amber said", "Amber (14)", "spoke to Amber", "Amber's mum").
- A label before a number ("Yr 9", "Form 9R", "Section 2.3", "Principle 7", "para 4", "Grade 2")
  counts or numbers a thing: the word is no name.
- A room or floor given by its number alone ("Room 12", "Room 2.14", "rm G12", "2nd
  floor") points into a building the text does not name: it is no address. With its
  building or street ("Room 12, Riverside House", "Room 3, 61 Francis St") it is, and so is any
  room in a text about where someone stays ("a hostel in Shirley, room 14"): the rules of
  address_patterns.py find those, and the tagger's room spans are kept there.
"""

import regex

# Words of a scale: RAG colours, risk levels, inspection grades.
RATING_WORDS = frozenset(
    [
        "amber",
        "green",
        "red",
        "high",
        "medium",
        "low",
        "good",
        "outstanding",
        "inadequate",
        "requires",
        "improvement",
        "very",
        "standard",
    ]
)
# The words of a scale a name rule decides on ("Amber", "Low", "Good" are also names).
_NAME_LIKE = RATING_WORDS - {"very", "requires", "improvement"}
_COLOURS = regex.compile(r"\b(?:Red|Amber|Green)\b")
# Words that say a text is about a scale.
_SCALE_CUE = regex.compile(
    r"\b(?:(?-i:B?RAG)|rated|rating|ratings|graded|grading|re-?graded|traffic[\s-]+lights?"
    r"|ofsted|estyn|inspection|judged|judgement|judgment|bands?|banding|threshold|audit)\b",
    regex.IGNORECASE,
)
# A label that numbers what follows it.
LABELS = frozenset(
    [
        "apgar",
        "apgars",
        "appendix",
        "art",
        "article",
        "band",
        "box",
        "cat",
        "category",
        "chapter",
        "class",
        "entry",
        "floor",
        "form",
        "grade",
        "group",
        "item",
        "level",
        "line",
        "page",
        "para",
        "paragraph",
        "part",
        "phase",
        "principle",
        "priority",
        "question",
        "reg",
        "regulation",
        "room",
        "rule",
        "sch",
        "schedule",
        "sec",
        "section",
        "set",
        "stage",
        "standard",
        "step",
        "table",
        "tier",
        "version",
        "year",
        "yr",
    ]
)
_NUMBER_AFTER = regex.compile(r" (?:\d|[A-Z]\d)")
# A room or floor by its number alone: "Room 12", "Room 2.14", "rm G12", "2nd floor".
_ROOM_ONLY = regex.compile(
    r"(?:(?:the\s+)?(?:room|rm|floor|classroom|office)\.?\s+[A-Z]?\d{1,4}(?:\.\d{1,3})?[A-Za-z]?"
    r"|(?:the\s+)?(?:\d{1,2}(?:st|nd|rd|th)|ground|first|second|third|top)\s+floor)",
    regex.IGNORECASE,
)
# Where someone stays: a room there is part of an address.
_LODGING = regex.compile(
    r"\b(?:hostel|hotel|b\s?&\s?b|refuge|hmo|bedsit|foyer|travelodge|premier\s+inn|lodgings?"
    r"|(?:temporary|temp|supported|bridging|asylum|emergency)\s+(?:accommodation|accom|housing)"
    r"|children['’]?s\s+home|care\s+home|placement|staying|lives|living|sleeps|sleeping)\b",
    regex.IGNORECASE,
)


def about_a_scale(text: str, word_start: int, word_end: int) -> bool:
    """Whether `text` rates on a scale: a word that says so, or a second colour of the RAG
    scale besides the one at word_start:word_end."""
    if _SCALE_CUE.search(text):
        return True
    return any(m.span() != (word_start, word_end) for m in _COLOURS.finditer(text))


# What follows a person's name, not a rating: an age ("Amber (14)", "Amber, 14,", "Amber is
# 14"), a date of birth ("Amber, DOB ..."); a number of hours or days after it is a deadline.
_PERSON_AFTER = regex.compile(
    r"\s*\(\s*(?:\d{1,2}\s*(?:y(?:ea)?rs?|yo|m(?:onths?)?)?\s*\)|aged?\b|dob\b|d\.o\.b)"
    r"|\s*,\s*(?:aged?\b|dob\b|d\.o\.b|born\b"
    r"|\d{1,2}(?:\s*(?:yrs?|years?(?:\s+old)?|yo|y/o))?\s*(?:[,.;)]|$))"
    r"|\s+(?:is|was)\s+(?:aged\s+)?\d{1,2}\b(?!\s*(?:hours|hrs|days|weeks|h\b|%))",
    regex.IGNORECASE,
)


def person_follows(text: str, end: int) -> bool:
    return _PERSON_AFTER.match(text, end) is not None


def rating_word(lower: str) -> bool:
    return lower in _NAME_LIKE


def only_ratings(phrase: str) -> bool:
    """ "High", "Amber", "Requires Improvement", "the Red", "ROSH Medium": a scale's words only,
    after the scale's acronym if it is named."""
    words = regex.findall(r"\p{L}+", phrase)
    words = words[1:] if words[:1] in (["the"], ["The"]) else words
    while len(words) > 1 and _SCALE_NAME.fullmatch(words[0]):
        words = words[1:]
    return bool(words) and all(w.lower() in RATING_WORDS for w in words)


_SCALE_NAME = regex.compile(r"\p{Lu}{2,6}")


def label_before_number(lower: str, text: str, end: int) -> bool:
    """ "Yr 9", "Section 2.3", "Form 9R": a label, then its number."""
    return lower in LABELS and _NUMBER_AFTER.match(text, end) is not None


def room_alone(text: str, start: int, end: int) -> bool:
    """text[start:end] is a room or floor by number alone, in a text that does not say
    anyone stays there."""
    return _ROOM_ONLY.fullmatch(text, start, end) is not None and _LODGING.search(text) is None


def numbered_only(text: str, start: int, end: int, entity: str) -> bool:
    """What the tagger found at text[start:end] identifies nobody: a label before its number
    ("Principle" of "Principle 7"), a room by its number alone (see `room_alone`), or a rating
    taken for a place or a setting ("Green", "the High band"; a name is the name rules' call)."""
    return (
        label_before_number(text[start:end].lower(), text, end)
        or room_alone(text, start, end)
        or (entity != "NAME" and only_ratings(text[start:end]))
    )
