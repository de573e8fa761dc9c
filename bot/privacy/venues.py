"""Settings named by the slot they stand in rather than by a kind word: what follows a verb or a
form field that only a place, a workplace or a health setting can fill.

- After a health cue ("taken to", "admitted to", "seen at", "born at", "inpatient at"): a
  hospital by its local name ("the LGI", "Airedale", "Northern General", "jimmys").
- After a hang-out cue ("hangs around", "round the back of", "meet down", "found at"): where
  young people gather ("the Arches", "the White Rose", "aldi", "Pats").
- After a venue cue ("drinks at", "plays for", "trains at", "volunteers at", "attends the"):
  a pub, a club, a church ("the Red Lion", "Bramley Phoenix").
- A record form's field: "School: …", "GP - …", "Employer: …".
- In lower case, after a cue: a workplace ("works at kwik fit"), a locality ("lives in
  harehills"), a school ("yr 8 at allerton grange"), a hospital or practice ("at pinderfields
  hospital", "registered at park edge practice").
- A GP practice by its doctors ("Dr Ahmed and Partners").

What stays: agencies, services, programmes and meetings (`gazetteer/not_venues.txt`, the
field's acronyms, `words/services.txt`), cities and larger areas, a settlement (the settlement
rules type it), a first name alone (the name rules do)."""

from collections.abc import Iterator
from functools import cache

import regex

from bot.privacy.capitalised import RUN, distinctive
from bot.privacy.gazetteer import large_area, settlement, word_set
from bot.privacy.lexicon import (
    ACRONYMS,
    CAPITAL_ACRONYMS,
    FUNCTION_WORDS,
    PEOPLES,
    SERVICES,
    SPEECH_VERBS,
    TITLES,
    WELSH_SENTENCE_WORDS,
    english_words,
    listed,
    near_english,
    ordinary,
    plain_word,
)
from bot.privacy.named_places import HOSPITAL_ACRONYMS, generic
from bot.privacy.quasi_types import QuasiFinding

_HEALTH_CUE = (
    r"(?:taken|rushed|admitted|transferred|brought|conveyed|blue[\s-]?lighted|readmitted)"
    r"\s+(?:back\s+)?(?:in)?to|seen\s+(?:at|in)|born\s+(?:at|in)|deliver(?:ed|ing|s)?\s+(?:at|in)"
    r"|gave\s+birth\s+(?:at|in)|inpatient\s+(?:at|in|on)|discharged\s+from|treated\s+at"
    r"|scan\s+at|appointment\s+at|appt\s+at"
)
_HANGOUT_CUE = (
    r"(?:hang(?:s|ing)?|hung)\s+(?:out|around|round|about)(?:\s+(?:at|in|by|near|outside|down))?"
    r"|(?:round|around|behind)\s+the\s+back\s+of|(?:meet|meets|meeting|met)\s+(?:up\s+)?"
    r"(?:at|down|up|outside|in|by)|(?:found|spotted|located|picked\s+up|dropped\s+off|stopped"
    r"|seen)(?:\s+(?:him|her|them|us|me))?\s+(?:at|outside|near|behind|round|around|down|up)"
    r"|(?:go|goes|going|went|gone)\s+(?:down|up|round)|(?:chill(?:s|ing)?|smok(?:e|es|ing)|vap(?:e|es|ing))"
    r"\s+(?:at|in|down|up|round|behind|outside)"
)
_VENUE_CUE = (
    r"(?:plays?|playing|played)\s+(?:football\s+|rugby\s+|cricket\s+)?for|trains?\s+(?:at|with)"
    r"|training\s+(?:at|with)|volunteers?\s+(?:at|with|for)|volunteering\s+(?:at|with|for)"
    r"|helps?\s+out\s+at|member\s+of|regular\s+at|drinks?\s+(?:at|in)|drinking\s+(?:at|in)"
    r"|placed\s+at|(?P<needs_the>(?:goes|go|going|went)\s+to|attends?|attending"
    r"|met\s+(?:\w+\s+){1,3}?at)"
)
_CUED = regex.compile(
    rf"\b(?i:(?P<health>{_HEALTH_CUE})|(?P<hangout>{_HANGOUT_CUE})|(?P<venue>{_VENUE_CUE}))\s+"
    rf"(?P<the>(?i:the)\s+)?(?P<run>{RUN}|(?-i:[a-z][a-z'’\-]{{2,}}))"
)
# Cues only a hospital follows, and the hospitals the field's acronym list already holds.
_ONLY_HOSPITAL = regex.compile(
    r"(?i:taken|rushed|admitted|readmitted|conveyed|blue|born|deliver|gave|inpatient|discharged)"
)
# A lower-case kind word after a capitalised one makes it a modifier: "the Polish shop".
_KIND_AFTER = regex.compile(
    r"\s+(?:club|clubs|class|classes|group|groups|session|sessions|lessons?|team|shop|shops"
    r"|school|church|mosque|centre|service|project|course|programme|meeting|party)\b"
)
_NOT_NAME_ENDS = frozenset(
    {"has", "had", "have", "is", "was", "were", "are", "before", "now", "today", "again", "too"}
    | {"yesterday", "since", "until", "but", "and", "then", "still", "last", "this", "next"}
)
_FIELDS = {
    "school": "SCHOOL",
    "nursery": "SCHOOL",
    "college": "SCHOOL",
    "setting": "SCHOOL",
    "gp": "HEALTH_SETTING",
    "gp surgery": "HEALTH_SETTING",
    "surgery": "HEALTH_SETTING",
    "gp practice": "HEALTH_SETTING",
    "hospital": "HEALTH_SETTING",
    "employer": "ORG",
    "workplace": "ORG",
    "work": "ORG",
    "works": "ORG",
    "place of worship": "ORG",
    "church": "ORG",
    "mosque": "ORG",
    "club": "ORG",
    "area": "PLACE",
    "estate": "PLACE",
    "village": "PLACE",
    "locality": "PLACE",
}
_FIELD = regex.compile(
    # A few spaces before the label, not any white space: from every line start a run of
    # blank lines would be scanned to its end again (quadratic on hostile input).
    r"(?:^|(?<=[\n;|]))[ \t]{0,8}(?P<label>(?i:gp\s+surgery|gp\s+practice|place\s+of\s+worship|"
    + "|".join(k for k in _FIELDS if " " not in k)
    + r"))\s*[:\-–]\s*(?P<value>[^,.;\n()|]{2,60})"
)
# "works at kwik fit": a work cue then a lower-case word that is no word of the language.
_LOWER_WORK = regex.compile(
    r"\b(?i:works?|working|worked|job|shifts?)\s+(?:\w+\s+){0,2}?(?:at|for)\s+"
    r"(?P<org>(?-i:[a-z][a-z'’&\-]+(?:\s+[a-z][a-z'’&\-]+)?))\b"
)
_LOWER_PLACE = regex.compile(
    r"\b(?i:(?:lives?|living|lived|staying|stays|stayed|based|settled|grew\s+up)\s+(?:in|at|on)"
    r"|(?:moved|moving|relocated)\s+(?:back\s+)?to|originally\s+from|(?:nan|gran|nana|grandma"
    r"|grandad|grandparents|aunty|auntie|aunt|uncle|dad|mum|family)['’]?s?\s+(?:is\s+|are\s+"
    r"|lives\s+)?in)\s+(?P<place>(?-i:[a-z][a-z'’\-]{4,}))\b"
)
_LOWER_SCHOOL = regex.compile(
    r"\b(?i:(?:year|yr|y)\s?\d{1,2}|reception|nursery|pupil|dsl|senco|head|teacher)\s+(?:at|@)\s+"
    r"(?P<school>(?-i:[a-z][a-z'’\-]{3,}(?:\s+[a-z][a-z'’\-]{3,})?))\b"
)
# "at Bankside in reception", "St Mary's in year 3": a name then a school year.
_IN_YEAR = regex.compile(
    rf"\b(?i:at|to)\s+(?P<school>{RUN})\s+(?i:in\s+(?:reception|nursery|year\s?\d|yr\s?\d|y\d))"
)
# "abbeyfield surgery", "northfield academy", "abu bakr mosque": a name typed in lower case
# before the kind of place it names. The name must be no word of the language.
_LOWER_NAMED = regex.compile(
    r"(?<![\w'’\-])(?P<mods>[a-z][a-z'’\-]{2,}(?:\s+[a-z][a-z'’\-]{2,}){0,2}?)\s+"
    r"(?P<head>primary|academy|college|nursery|school|surgery|practice|clinic|mosque|masjid"
    r"|church|chapel|gurdwara|mandir|temple|(?:medical|health)\s+cent(?:re|er))\b"
)
# "ysgol y graig", "ysgol bryn coch": a Welsh school's name after its kind, in lower case (not
# "ysgol gynradd", a primary school, nor "ysgol uwchradd").
_LOWER_YSGOL = regex.compile(
    r"\bysgol\s+(?:(?:y|yr)\s+[a-z][a-z'’\-]{2,}|(?!(?:gynradd|uwchradd|feithrin|arbennig)\b)"
    r"[a-z][a-z'’\-]{2,})\b"
)
_CONTRACTION = regex.compile(r"['’](?:ll|re|ve|d|m|t)$|n['’]t$")
_LOWER_NAMED_KIND = {
    **dict.fromkeys(["primary", "academy", "college", "nursery", "school"], "SCHOOL"),
    **dict.fromkeys(["surgery", "practice", "clinic", "medical", "health"], "HEALTH_SETTING"),
    **dict.fromkeys(
        ["mosque", "masjid", "church", "chapel", "gurdwara", "mandir", "temple"], "ORG"
    ),
}
# A health setting typed in lower case is named after its place ("abbeyfield surgery", "moor
# lane clinic"); before "surgery" or "clinic" a word of medicine is a kind ("bariatric
# surgery", "ortho clinic").
_PLACE_ENDINGS = (
    "field",
    "fields",
    "gate",
    "wood",
    "woods",
    "ley",
    "leigh",
    "ton",
    "ham",
    "bury",
    "borough",
    "dale",
    "side",
    "brook",
    "bridge",
    "well",
    "wells",
    "moor",
    "lands",
    "view",
    "vale",
    "park",
    "hill",
    "hills",
    "croft",
    "lea",
    "ford",
    "mead",
    "worth",
    "thorpe",
    "by",
    "stead",
    "stow",
    "combe",
    "cliffe",
    "mouth",
    "wick",
    "green",
    "lane",
    "road",
    "street",
    "house",
    "hall",
)
_LOWER_HEALTH = regex.compile(
    r"\b(?i:at|to|from|in|with)\s+(?P<found>(?:the\s+)?(?P<mods>[a-z][a-z'’\-]{3,}"
    r"(?:\s+[a-z][a-z'’\-]{3,})?)\s+(?:hospital|infirmary|practice|walk[\s-]?in(?:\s+centre)?))\b"
)
_LOWER_PRACTICE = regex.compile(
    r"\b(?i:registered\s+(?:at|with)|gp\s+(?:is|at)|at)\s+(?P<found>(?:the\s+)?"
    r"(?P<mods>[a-z][a-z'’\-]+(?:\s+[a-z][a-z'’\-]+){0,2}?)\s+(?:practice|surgery))\b"
)
# "the walk in at Wharfedale", "Ward 11 at the QE": the hospital a unit is at.
_UNIT_AT = regex.compile(
    r"(?:\b(?i:the)\s+)?\b(?i:walk[\s-]?in(?:\s+cent(?:re|er))?|ward\s+\w+|unit"
    # A hospital's department by its acronym: "NNU at Pinderfields", "seen in ED at the RVI".
    r"|(?-i:NNU|SCBU|NICU|PICU|HDU|ED|A&E|CAU|CDU|MAU|EPAU))\s+(?i:at|in)\s+"
    r"(?:(?i:the)\s+)?(?P<hospital>\p{Lu}[\w'’\-]*(?:\s+\p{Lu}[\w'’\-]*){0,2})"
)
# "Khan's have cut his hours": a business called after its owner, spoken of as its staff.
_OWNERS = regex.compile(
    r"\b(?P<shop>\p{Lu}\p{Ll}+['’]s)\s+(?i:have|are|were|haven['’]t|aren['’]t)\b"
)
_PARTNERS = regex.compile(
    r"\b(?:Drs?\.?|Doctors?)\s+\p{Lu}[\p{L}'’\-]+(?:\s+(?:and|&)\s+(?i:partners)"
    r"|(?:\s*(?:,|and|&)\s*\p{Lu}[\p{L}'’\-]+){1,4}\s+(?:surgery|practice|Surgery|Practice))\b"
)
_HANGOUT_SHOPS = frozenset(
    {"aldi", "lidl", "asda", "tesco", "tescos", "morrisons", "sainsburys", "greggs", "spar"}
    | {"nisa", "maccies", "maccys", "mcdonalds", "kfc", "subway", "costa", "co-op", "coop"}
    | {"iceland", "farmfoods", "poundland", "primark", "wetherspoons", "spoons", "b&m"}
)


# Compiled once: regex's own cache costs a lookup per call.
_ON_OR_IN = regex.compile(r"\s+(?:on|in)\s+")
_SHORT_CAPITALS = regex.compile(r"\p{Lu}{2,4}")
_PLURAL_OR_POSSESSIVE = regex.compile(r"\p{Lu}\p{Ll}+(?:['’]s|s)")


@cache
def _stop() -> frozenset[str]:
    """Words that make a run a service, programme, meeting or team rather than a venue."""
    return word_set("not_venues") | SERVICES | word_set("not_places") | word_set("faiths")


def find(text: str) -> Iterator[QuasiFinding]:
    for m in _CUED.finditer(text, overlapped=True):
        found = _cued(text, m)
        if found:
            yield found
    for m in _FIELD.finditer(text):
        found = _field(m)
        if found:
            yield found
    yield from _lower_case(text)
    for m in _IN_YEAR.finditer(text):
        if _venue_like(m["school"].split(), strict=True):
            yield QuasiFinding("SCHOOL", m.start("school"), m.end("school"), "name in a year")
    for m in _UNIT_AT.finditer(text):
        # Not "the unit in March", "a unit in Wales".
        if _a_hospital(m["hospital"].split()):
            yield QuasiFinding("HEALTH_SETTING", m.start(), m.end(), "hospital of a unit")
    for m in _OWNERS.finditer(text):
        bare = m["shop"].lower()[:-2]
        if not (
            bare in ("let", "it", "that", "what", "there", "here", "who", "he", "she")
            or bare in _stop()
            or bare in FUNCTION_WORDS
            or bare in generic()
            or large_area(bare)
        ):
            yield QuasiFinding("ORG", m.start("shop"), m.end("shop"), "business by its owner")
    for m in _PARTNERS.finditer(text):
        yield QuasiFinding("HEALTH_SETTING", m.start(), m.end(), "a practice by its doctors")


def _cued(text: str, m: regex.Match[str]) -> QuasiFinding | None:
    # "the White Rose on Saturdays", "Pinderfields in May": the venue ends before "on"/"in".
    run = _ON_OR_IN.split(m["run"], maxsplit=1)[0].rstrip(",.;:")
    start = m.start("the") if m["the"] else m.start("run")
    end = m.start("run") + len(run)
    if run.islower():
        return _lower_after_cue(m, run, start, end)
    words = run.split()
    if m["needs_the"] and not m["the"]:
        return None  # "goes to Leeds", "attends Oakfield" (the school rules' part)
    if not m["health"] and _KIND_AFTER.match(text, end):
        return None  # "goes to the Trampoline club": a kind of club (a named one has its tail)
    if m["health"]:
        return _health(m, words, start, end)
    if m["hangout"] and _shop_name(words):
        return QuasiFinding("PLACE", start, end, "shop as a hang-out")
    # "plays for England", "went down the Leeds Road"; a first name alone ("met Tyler at")
    if not _venue_like(words, strict=not m["the"]):
        return None
    if m["hangout"]:
        return QuasiFinding("PLACE", start, end, "place after a hang-out cue")
    return QuasiFinding("ORG", start, end, "venue after a cue")


def _health(m: regex.Match[str], words: list[str], start: int, end: int) -> QuasiFinding | None:
    if len(words) == 1 and _SHORT_CAPITALS.fullmatch(words[0]):
        # "taken to the LGI"; not "taken to A&E", "admitted to PICU", "attended ICPC".
        # Only after a cue that only a hospital fills ("the LADO" is sent, not admitted, to).
        lower = words[0].lower()
        field = lower in ACRONYMS and lower not in HOSPITAL_ACRONYMS
        if field or lower in word_set("health_units") or not _ONLY_HOSPITAL.match(m["health"]):
            return None
        return QuasiFinding("HEALTH_SETTING", start, end, "hospital after a health cue")
    if not _venue_like(words, strict=True) or settlement(" ".join(words)) is not None:
        return None  # "born in Harrogate": the settlement rules' place
    return QuasiFinding("HEALTH_SETTING", start, end, "hospital after a health cue")


def _lower_after_cue(m: regex.Match[str], word: str, start: int, end: int) -> QuasiFinding | None:
    if m["hangout"] and word in _HANGOUT_SHOPS:
        return QuasiFinding("PLACE", start, end, "shop as a hang-out")
    if m["hangout"] and not m["the"] and _unknown_word(word):
        return QuasiFinding("PLACE", start, end, "locality as a hang-out")  # "round seacroft"
    # "seen at jimmys": a hospital nicknamed after its saint is no word of the language either.
    if m["health"] and not m["the"] and _unknown_word(word, names_ok=True):
        return QuasiFinding("HEALTH_SETTING", start, end, "hospital in lower case")
    return None


def _a_hospital(words: list[str]) -> bool:
    """The hospital a unit is at: "the General", "the LGI", "Calderdale"; not "March", "Wales"."""
    bare = [w.lower().strip(",.;:").removesuffix("'s") for w in words]
    if len(bare) == 1 and bare[0] in HOSPITAL_ACRONYMS:
        return True
    field = any(w in _stop() or w in ACRONYMS or w in FUNCTION_WORDS for w in bare)
    return not field and not large_area(" ".join(words)) and not _big(words)


def _shop_name(words: list[str]) -> bool:
    """ "hangs around at Pats", "met up at Nandos": a shop called after its owner or a chain."""
    if len(words) != 1 or not _PLURAL_OR_POSSESSIVE.fullmatch(words[0]):
        return False
    bare = words[0].lower().replace("’", "'").removesuffix("'s").removesuffix("s")
    return bare in _HANGOUT_SHOPS or not (
        bare in _stop() or large_area(bare) or bare in word_set("not_places")
    )


def _venue_like(words: list[str], strict: bool) -> bool:
    """A run that names one venue: some word tells it apart, no word makes it a service or a
    programme, it is no city, area or settlement, and (without "the") no lone first name or
    word of the language."""
    bare = [w.lower().replace("’", "'").strip(",.;:").removesuffix("'s") for w in words]
    # "the MACE", "the Dorset MACE": a panel known by its acronym in capitals.
    capitals = {b for b, w in zip(bare, words, strict=True) if w.isupper()}
    if any(
        w in _stop()
        or w.removesuffix("s") in word_set("not_venues")
        or w in ACRONYMS
        or (w in CAPITAL_ACRONYMS and w in capitals)
        for w in bare
    ):
        return False
    if bare[0] in TITLES or (len(bare) == 1 and bare[0] in PEOPLES):
        return False  # "met Dr Patel at": a person; "the Roma community" (not "the White Rose")
    if not distinctive(words, generic()):
        return False
    name = " ".join(words)
    if large_area(name) or _big(words):
        return False
    if strict and len(bare) == 1 and (ordinary(bare[0]) or listed(bare[0])):
        return False
    return not (len(bare) == 1 and bare[0] in FUNCTION_WORDS)


def _big(words: list[str]) -> bool:
    telling = [w for w in words if w.lower() not in word_set("sports_words")]
    name = " ".join(telling)
    place = settlement(name)
    return bool(telling) and (large_area(name) or (place is not None and not place.small))


def _field(m: regex.Match[str]) -> QuasiFinding | None:
    kind = _FIELDS[" ".join(m["label"].lower().split())]
    value = m["value"].strip()
    words = value.split()
    bare = [w.lower().strip("'’") for w in words]
    if not words or any(w in _stop() for w in bare):
        return None
    telling = [
        w
        for w, b in zip(words, bare, strict=True)
        if (w[0].isupper() and distinctive([w], generic()) and not plain_word(b))
        or _unknown_word(b)
    ]
    if not telling or _big(telling):
        return None
    start = m.start("value") + (len(m["value"]) - len(m["value"].lstrip()))
    return QuasiFinding(kind, start, start + len(value), "form field")


def _lower_case(text: str) -> Iterator[QuasiFinding]:
    for m in _LOWER_WORK.finditer(text):
        words = m["org"].split()
        if _unknown_word(words[0]):
            start = m.start("org")
            end = start + (len(words[0]) if len(_name_words(words)) == 1 else len(m["org"]))
            yield QuasiFinding("ORG", start, end, "workplace in lower case")
    for m in _LOWER_PLACE.finditer(text):
        if _unknown_word(m["place"]) and not large_area(m["place"]):
            place = settlement(m["place"])
            if place is None or place.small:
                yield QuasiFinding(
                    "PLACE", m.start("place"), m.end("place"), "locality in lower case"
                )
    for m in _LOWER_SCHOOL.finditer(text):
        words = _name_words(m["school"].split())
        if any(_unknown_word(w, names_ok=True) for w in words):
            start = m.start("school")
            end = start + (len(words[0]) if len(words) == 1 else len(m["school"]))
            yield QuasiFinding("SCHOOL", start, end, "school in lower case")
    for m in _LOWER_HEALTH.finditer(text):
        mods = m["mods"].split()
        if _unknown_word(mods[0]) and not _big(mods):
            yield QuasiFinding(
                "HEALTH_SETTING", m.start("found"), m.end("found"), "lower-case health setting"
            )
    for m in _LOWER_YSGOL.finditer(text):
        last = m.group().split()[-1]
        # Not "ysgol wants", "yr ysgol heddiw" (today).
        if last not in english_words() and last not in FUNCTION_WORDS | WELSH_SENTENCE_WORDS:
            yield QuasiFinding("SCHOOL", m.start(), m.end(), "welsh school in lower case")
    for m in _LOWER_NAMED.finditer(text):
        found = _lower_named(m)
        if found is not None:
            yield found
    for m in _LOWER_PRACTICE.finditer(text):
        mods = m["mods"].split()
        plain = any(w in FUNCTION_WORDS or w in _stop() for w in mods)
        one_plain_word = len(mods) == 1 and plain_word(mods[0])
        if distinctive(mods, generic()) and not plain and not one_plain_word:
            yield QuasiFinding(
                "HEALTH_SETTING", m.start("found"), m.end("found"), "lower-case practice"
            )


def _lower_named(m: regex.Match[str]) -> QuasiFinding | None:
    """The name before the kind of place, from its first word that is no word of the language
    ("at abbeyfield surgery" -> "abbeyfield surgery"); none when every word is one."""
    position = m.start("mods")
    mods = m["mods"].split()
    for n, word in enumerate(mods):
        start = m.string.index(word, position)
        if _a_name_word(word) and all(
            w not in FUNCTION_WORDS and w not in english_words() for w in mods[n + 1 :]
        ):
            kind = _LOWER_NAMED_KIND[m["head"].split()[0]]
            if kind == "HEALTH_SETTING" and not mods[-1].endswith(_PLACE_ENDINGS):
                return None
            return QuasiFinding(kind, start, m.end(), "named place in lower case")
        position = start + len(word)
    return None


def _a_name_word(word: str) -> bool:
    """No word of the language, nor a contraction ("they'll"), a plural's apostrophe ("kids'")
    or a likeness ("chhaupadi-like")."""
    if _CONTRACTION.search(word) or word.endswith(("'", "’", "-like")) or word in ACRONYMS:
        return False  # "they'll", "kids'", "chhaupadi-like", "a sen school"
    return _unknown_word(word, names_ok=True) and not near_english(word)


def _name_words(words: list[str]) -> list[str]:
    """The words of a lower-case name: "kwik fit", "allerton grange"; not "oakfield said"."""
    if len(words) > 1 and (
        words[1] in FUNCTION_WORDS or words[1] in SPEECH_VERBS or words[1] in _NOT_NAME_ENDS
    ):
        return words[:1]
    return words


def _unknown_word(lower: str, names_ok: bool = False) -> bool:
    """No word of the language, of the field or (unless `names_ok`) a first name: only a name
    of a place fits."""
    bare = lower.replace("’", "'").removesuffix("'s")
    return (
        len(bare) > 2
        and not ordinary(bare)
        and not plain_word(bare)
        and bare.rstrip("s") not in english_words()
        and bare not in _stop()
        and bare not in generic()
        and bare not in FUNCTION_WORDS
        and (names_ok or not (listed(bare) or listed(bare.removesuffix("s"))))
    )
