"""Places named by what they are: a capitalised run ending in a kind of setting ("Rosewood
Academy", "Elm Tree Medical Centre", "the Meadows estate", "Hartley Haulage"), a Welsh one
opening with it ("Ysgol Bryn Gwyn", "Meddygfa Tywyn"), the same in lower case after a cue ("at
brookside primary"), a saint's school ("attends St Anne's", "at st marys") and a workplace after
"works at/for" ("works at Greggs"). Generic ones ("the Primary School", "the sexual health
clinic", "a council estate", "works for the NHS") stay: no word of them names anything."""

from collections.abc import Iterator
from functools import cache

import regex

from bot.privacy.capitalised import CAP, RUN, distinctive, leading_trimmed, words_of
from bot.privacy.date_patterns import is_weekday
from bot.privacy.gazetteer import heads, large_area, settlement, word_set
from bot.privacy.lexicon import (
    ACRONYMS,
    FUNCTION_WORDS,
    NOT_NAMES,
    PEOPLES,
    SERVICES,
    WELSH_SENTENCE_WORDS,
    describing,
    ordinary,
    plain_word,
)
from bot.privacy.quasi_types import QuasiFinding

# Words that open a setting's name: "Ysgol Bryn Gwyn", "Meddygfa Tywyn", "Jamia Masjid Ghausia".
_OPENERS = {
    "ysgol": "SCHOOL",
    "coleg": "SCHOOL",
    "meddygfa": "HEALTH_SETTING",
    "ysbyty": "HEALTH_SETTING",
    "uned": "HEALTH_SETTING",  # a unit: "Uned Eos"
    "fferyllfa": "HEALTH_SETTING",
    "masjid": "ORG",
    "jamia": "ORG",
    "gurdwara": "ORG",
    "cafe": "ORG",
    "café": "ORG",
}
_WELSH_PAIRS = {
    "canolfan iechyd": "HEALTH_SETTING",
    "cylch meithrin": "SCHOOL",
    "cartref gofal": "ORG",  # a care home
}
# Hospitals known by their letters, which the field's acronyms list also holds (not initials).
HOSPITAL_ACRONYMS = frozenset({"lgi", "rvi", "bri", "qmc", "jr", "mri", "uhw", "qe", "rlh"})
_NOT_EMPLOYERS = frozenset({"nhs", "council", "police", "army", "navy", "raf", "dwp", "hmrc"})
_SAINT_NOT_SCHOOL = (
    r"(?:Road|Rd|Street|St|Lane|Avenue|Close|Way|Hospital|Hospice|Church|Trust|Ambulance"
    r"|Cathedral|Ward|Court|House|Place|Square|Park)"
)
_WORD = regex.compile(r"\S+")
_PLACE_BEFORE = regex.compile(
    r"\b(?i:at|in|into|outside|near|around|round|from|by|behind)\s+(?:(?i:the)\s+)?$"
)

# Kinds of workplace, community, home and health setting written in lower case after a name:
# "St Wilfrid's church", "the Laurels nursing home", "Marshalls quarry", "Horizon Care fostering
# agency", "St George's walk-in centre", "the Bridge Street methadone clinic", "Hyde Park corner".
_KIND_TAILS = (
    r"church|chapel|mosque|masjid|gurdwara|mandir|temple|kingdom\s+hall|synagogue"
    r"|(?:nursing|care|residential|children['’]?s)\s+home|quarry|warehouse|factory|depot"
    r"|fost(?:er|ering)\s+agency|fostering|food\s?bank|pub|takeaway|restaurant|caf[eé]"
    r"|car\s+wash|barbers|salon|(?:youth|boxing|football|rugby|cricket|social)\s+club|gym"
    r"|hospital|infirmary|hospice|walk-?\s?in(?:\s+cent(?:re|er))?"
    r"|(?:methadone|drugs?|sexual\s+health|fracture|eye|fertility)\s+clinic|clinic|corner"
    r"|birth\s+cent(?:re|er)|community\s+hall|scouts?\s+hut|sixth\s+form"
)
_CITY_HEADS = frozenset({"hospital", "infirmary", "hospice", "walk-in"})
_SCAN = regex.compile(
    rf"(?:\b[Tt]he\s+)?\b(?P<run>{RUN})"
    r"(?:\s+(?P<tail>travell?ers['’]?\s+site|gypsy\s+site|caravan\s+site|estate|site"
    r"|primary(?:\s+school)?|acc?ad[ae]m[e]?y|nurs[eu]?r?y|infants|juniors|school|college"
    r"|surg[eu]?r?y|practice|medical\s+cent(?:re|er)|health\s+cent(?:re|er)|clinic|area|village"
    r"|farm|refuge|hostel|flats|car\s+park|shopping\s+cent(?:re|er)|retail\s+park|precinct"
    r"|(?:neonatal\s+|maternity\s+|mental\s+health\s+|children['’]s\s+)?(?:unit|ward)|maternity"
    rf"|{_KIND_TAILS}))?\b"
)
_SCHOOL_CUE = (
    r"(?:attends|attend|attending|attended|goes\s+to|go\s+to|going\s+to|went\s+to|started\s+at"
    r"|starts\s+at|pupil\s+at|place\s+at|transferred\s+to|moved\s+to|from|at|to|in|and)"
)
_SAINT = regex.compile(
    # The name whole (atomic), so that "St Giles Trust" is not read as a school "St Gile".
    rf"\b(?:St\.?|Saint)\s+(?>{CAP})(?!\s+{_SAINT_NOT_SCHOOL}\b)"
    rf"|(?<=\b{_SCHOOL_CUE}\s+)(?:st\.?|saint)\s+[a-z]+['’]?s\b(?!\s+(?i:{_SAINT_NOT_SCHOOL})\b)",
)
# Words after which a capitalised name is a school's ("Year 9 at Brinsworth",
# "the teacher at Oakfield", "excluded from Kingsmead").
_AT_SCHOOL = regex.compile(
    r"\b(?i:pupil\s+at|(?:year|yr|y)\s?\d{1,2}\s+at|reception\s+at"
    r"|(?:school|teacher|head|headteacher|dsl|senco|tutor|nursery)\s+(?:at|from)"
    r"|(?:deputy\s+head|head\s+of\s+year|family\s+liaison(?:\s+officer)?|learning\s+mentor"
    r"|pastoral\s+(?:lead|manager|worker)|school\s+nurse|attendance\s+officer)\s+(?:at|from|for)"
    r"|excluded\s+from|started\s+at|transferred\s+to|moved\s+schools?\s+to)\s+"
    # "the DSL at the Vale": a school known by its short name, with "the".
    rf"(?:(?-i:the)\s+)?(?P<school>{RUN})"
)
_LOWER_HEADS = (
    r"primary\s+school|primary|acc?ad[ae]m[e]?y|infants|juniors|nurs[eu]?r?y|college|junior\s+school|infant\s+school|high\s+school"
    r"|grammar\s+school|pre-?school|surg[eu]?r?y|medical\s+cent(?:re|er)|health\s+cent(?:re|er)"
    r"|medical\s+practice|dental\s+practice|junior|(?:children['’]s\s+)?hospital"
    r"|estate|travell?ers['’]?\s+site"
)
_LOWER = regex.compile(
    r"(?:\b(?:at|to|from|by|attends|attending|attended|in|on|is|with|near)|(?<!\S)@)\s{1,3}"
    # Speech-to-text capitalises only a name's first word: "Bankside view primary".
    rf"(?P<found>(?:the\s+)?(?P<mods>\p{{Lu}}?[a-z][a-z'’\-]+\s+(?:[a-z][a-z'’\-]+\s+){{0,2}}?)"
    rf"(?P<head>{_LOWER_HEADS}))\b"
)
# "works at", "works nights at", "works in the kitchen at", "is a cleaner at", "employed by".
_WORK_CUE = (
    r"\b(?i:(?:works?|working|worked|job|jobs|shifts?|nights|days|lates|earlies|hours|employed"
    r"|employer|cleans|cleaning|cleaner|cook|chef|carer|driver|mechanic|manager|assistant"
    r"|waitress|barmaid|barman|staff|runs|manages|owns)(?:\s+[\w'’\-]+){0,4}?"
    r"\s+(?:at|for|by|is))\s+"
)
_WORKPLACE = regex.compile(
    rf"(?:{_WORK_CUE}|\b(?:runs|owns|manages)\s+)(?P<org>(?:the\s+)?{RUN}(?:\s+(?:and|&)\s+{RUN})?)"
)
# "applying for a job at McDonald's": not where anyone works yet.
_SEEKING = regex.compile(r"\b(?i:apply|applying|applied|looking|wants?|interview)\b[^.;\n]*$")
_CHAINS = regex.compile(
    rf"{_WORK_CUE}(?P<org>(?i:(?:the\s+)?(?:co-?op|tesco|asda|aldi|lidl|greggs|mcdonalds|kfc"
    r"|amazon|sainsburys|morrisons|primark|b&m|home\s+bargains|boots|costa|subway|iceland|argos"
    r"|wetherspoons|spoons|nandos|domino'?s|poundland)))\b"
)


# Compiled once: regex's own cache costs a lookup per call.
_IN_OR_ON = regex.compile(r"\s+(?:in|on)\s+")
_WALK_IN = regex.compile(r"walk[\s-]*in")
_SHORT_CAPITALS = regex.compile(r"\p{Lu}{2,4}")


@cache
def generic() -> frozenset[str]:
    """Words of a run that name no particular setting: kinds of setting, times, languages."""
    return word_set("generic_words") | word_set("not_places")


def find(text: str) -> Iterator[QuasiFinding]:
    for m in _SCAN.finditer(text):
        yield from _classified(text, m)
    for m in _LOWER.finditer(text, overlapped=True):
        yield from _lower_case(m)
    yield from _after_school_cue(text)
    for m in _SAINT.finditer(text):
        town = settlement(m.group())
        # Not "St Helens", "St Albans": a town; "St Mary's" (a hamlet too) stays a school.
        if town is None or town.population < _TOWN_SIZE:
            yield QuasiFinding("SCHOOL", m.start(), m.end(), "saint's school")
    for m in _WORKPLACE.finditer(text):
        words = words_of(m["org"])
        # "Royal Mail", "the Job Centre", "Manchester University NHS Foundation Trust"
        national = _national(m["org"]) or _public_body(words)
        if (
            distinctive(words, generic() | _NOT_EMPLOYERS)
            and not _big_place(words)
            and not national
            and not _SEEKING.search(text, max(0, m.start() - 40), m.start() + 1)
        ):
            yield QuasiFinding("ORG", m.start("org"), m.end("org"), "workplace after a work cue")
    for m in _CHAINS.finditer(text):
        if not _SEEKING.search(text, max(0, m.start() - 40), m.start() + 1):
            yield QuasiFinding("ORG", m.start("org"), m.end("org"), "workplace after a work cue")


def _after_school_cue(text: str) -> Iterator[QuasiFinding]:
    for m in _AT_SCHOOL.finditer(text):
        name = _IN_OR_ON.split(m["school"], maxsplit=1)[0]  # "Kingsmead in May"
        words = words_of(name)
        if words[-1].lower() in _NOT_SCHOOL_ENDS:
            continue  # "transferred to Long-Term Team"
        first = words[0].lower().removesuffix("'s")
        if (
            distinctive(words, generic())
            and not ordinary(first)
            and first not in NOT_NAMES
            and not _big_place(words)  # "school nurse for Leeds"
        ):
            start = m.start("school")
            yield QuasiFinding("SCHOOL", start, start + len(name), "name after a school cue")


def _classified(text: str, m: regex.Match[str]) -> Iterator[QuasiFinding]:
    start = leading_trimmed(text, m.start(), m.end())
    spans = [(w.start(), w.end()) for w in _WORD.finditer(text, start, m.end())]
    words = [text[a:b] for a, b in spans]
    lower = [w.lower().replace("’", "'").strip(",.;:()").removesuffix("'s") for w in words]
    for i, word in enumerate(lower[:-1]):
        # "Meddygfa'r Llan": 'r is "the".
        word = word.removesuffix("'r")
        kind = _OPENERS.get(word) or _WELSH_PAIRS.get(f"{word} {lower[i + 1]}")
        # "yr ysgol unrhyw rôl": "any", a word of the sentence, not the school's name.
        if kind and distinctive(words[i + 1 :], generic() | WELSH_SENTENCE_WORDS):
            yield QuasiFinding(kind, spans[i][0], m.end(), "opened by its kind")
            return
    if m["tail"]:
        tail = _WALK_IN.sub("walk-in", m["tail"].lower()).split()
        kind = heads().get("-".join(tail[-2:])) or heads().get(tail[-1], "PLACE")
        named = [
            w
            for (a, _), w in zip(spans, words, strict=True)
            if a < m.end("run") and w.lower() not in _ASKING
        ]
        # "a Leeds hospital", "the Brook clinic" (a national service): nothing local.
        big = (kind != "HEALTH_SETTING" or tail[-1] in _CITY_HEADS) and _big_place(named)
        # "Merseyside Police's Protecting Vulnerable People unit": a police force's unit.
        service = any(_bare(w) in word_set("not_venues") for w in named)
        # "the Brook clinic": a national service; "the Coptic church": a faith, not a church.
        plain = generic() | PEOPLES | word_set("faiths")
        plain |= SERVICES if kind == "HEALTH_SETTING" else frozenset()
        telling = distinctive(named, plain) or (
            kind == "HEALTH_SETTING" and any(_hospital_acronym(w) for w in named)
        )
        telling = telling and not all(describing(w) for w in named)  # "Welsh-speaking area"
        # "Sleep clinic for children with autism": a kind of clinic, capitalised as it starts
        # the sentence.
        telling = telling and not (
            tail[-1] in ("clinic", "clinics") and _kind_starting_a_sentence(text, start, named)
        )
        if telling and not big and not service and not _method_follows(text, m.end()):
            yield QuasiFinding(kind, start, m.end(), f"named {kind.lower()}")
        return
    # The rightmost head with a telling word before it: "Rosewood Academy DSL" is a school.
    for i in range(len(words) - 1, 0, -1):
        two_word = heads().get(f"{lower[i - 1]}-{lower[i]}")
        kind = two_word or heads().get(lower[i], "")
        # The name is before the head, both of a two-word head's words ("Medical Centre").
        name_end = i - 1 if two_word else i
        if (
            kind == "PLACE"
            and lower[i] in ("centre", "center")
            and not _PLACE_BEFORE.search(text, 0, start)
        ):
            continue  # "The Harbour Centre is a SARC": a service; "is now at the Becklin Centre"
        if lower[i] == "unit" and ("referral" in lower or "pupil" in lower):
            kind = "SCHOOL"
        # A hospital keeps its city's name ("Leeds General Infirmary") and still points to one.
        big = kind != "HEALTH_SETTING" and _big_place(words[:i])
        # "the Job Centre", "the Trussell Trust foodbank": a service, not a local setting.
        service = any(w in word_set("not_venues") for w in lower[:i])
        # "the Leeds Practice Model", "All Wales School Liaison Core Programme": a method.
        method = (
            lower[i + 1] in word_set("method_nouns")
            if i + 1 < len(lower)
            else _method_follows(text, m.end())  # "Bruising in Non-Mobile Infants protocol"
        )
        named = [w for w in words[:name_end] if w.lower() not in _ASKING]
        if kind and distinctive(named, generic()) and not big and not service and not method:
            # "Langley Park School for Girls", "Northfield School and Sports College", "New
            # Testament Church of God", "Co-op Academy Nightingale": to the end.
            rest = lower[i + 1 :]
            # (Not a time or a place after it: "Kestrel FC on Saturdays", "... in Leeds".)
            goes_on = bool(rest) and (
                rest[0] in ("for", "and", "&", "of")
                or (not _when_after(rest) and distinctive(words[i + 1 :], generic()))
            )
            end = m.end() if goes_on else spans[i][1]
            yield QuasiFinding(kind, start, end, f"named {kind.lower()}")
            return


def _kind_starting_a_sentence(text: str, start: int, named: list[str]) -> bool:
    """One capitalised word of the language, or of two joined by a hyphen ("Tongue-tie"),
    that starts the sentence before a lower-case head."""
    before = text[:start].rstrip(" \t")
    if len(named) != 1 or (before and before[-1] not in ".!?:;\n"):
        return False
    return plain_word(named[0].lower())


def _when_after(rest: list[str]) -> bool:
    """The words after a setting's name say when: "on Saturdays", "every Tuesday"."""
    return (
        len(rest) > 1
        and rest[0] in ("on", "every")
        and (is_weekday(rest[1]) or is_weekday(rest[1].removesuffix("s")))
    )


# "Should school tell mum", "Does school need": a verb asking, not a name.
_ASKING = frozenset(
    [
        "should",
        "does",
        "do",
        "did",
        "can",
        "could",
        "will",
        "would",
        "must",
        "may",
        "might",
        "shall",
        "is",
        "was",
        "has",
        "have",
        "had",
        "are",
        "were",
        "need",
        "needs",
    ]
)


def _lower_case(m: regex.Match[str]) -> Iterator[QuasiFinding]:
    head = m["head"]
    if head.startswith("surg") or head.endswith(("centre", "center", "practice", "hospital")):
        kind = "HEALTH_SETTING"
    elif head.endswith(("estate", "site")):
        kind = "PLACE"
    else:
        kind = "SCHOOL"
    mods = m["mods"].split()
    if _method_follows(m.string, m.end("found")):
        return  # "the bruising in non-mobile infants protocol"
    if distinctive(mods, generic()) and not any(w in FUNCTION_WORDS for w in mods):
        yield QuasiFinding(kind, m.start("found"), m.end("found"), f"lower-case {kind.lower()}")


_NEXT_WORD = regex.compile(r"[ \t]+([\w\-]+)")


def _method_follows(text: str, end: int) -> bool:
    """A word for a document, a method or a service right after a setting's kind: "the All
    Wales practice guide", "Betsi school nursing", "CWPT school nurses"."""
    m = _NEXT_WORD.match(text, end)
    return m is not None and m[1].lower() in word_set("method_nouns")


def _bare(word: str) -> str:
    return word.lower().replace("’", "'").strip(",.;:()").removesuffix("'s")


def _big_place(words: list[str]) -> bool:
    """Every telling word is a city or an area ("a Leeds school", "Kent County Council")."""
    telling = [w for w in words if distinctive([w], generic())]
    if not telling:
        return False
    name = " ".join(telling)
    place = settlement(name)
    return large_area(name) or (place is not None and not place.small)


def _hospital_acronym(word: str) -> bool:
    """ "the LGI neonatal unit": an acronym that names one hospital, not a kind of unit or a
    field's service ("the ADHD clinic", "the HV clinic")."""
    lower = word.lower()
    return (
        bool(_SHORT_CAPITALS.fullmatch(word))
        and lower not in word_set("health_units")
        and (lower not in ACRONYMS or lower in HOSPITAL_ACRONYMS)
    )


_TOWN_SIZE = 10_000
# A team or a service, not a school, after "transferred to" or "from".
_NOT_SCHOOL_ENDS = frozenset(["team", "service", "services", "hub", "panel", "unit", "board"])
_PUBLIC_BODY_WORDS = frozenset(
    ["nhs", "university", "hospitals", "health", "teaching", "foundation"]
)


def _public_body(words: list[str]) -> bool:
    """An NHS trust or a health board, as a practitioner's employer ("Betsi Cadwaladr University
    Health Board", "Leeds Teaching Hospitals NHS Trust"): it serves an area, not a family."""
    bare = [_bare(w) for w in words]
    ends = bare[-1:] == ["trust"] or bare[-2:] == ["health", "board"]
    return ends and any(w in _PUBLIC_BODY_WORDS for w in bare[:-1])


def _national(org: str) -> bool:
    name = " ".join(words_of(org.lower())).removeprefix("the ")
    return name in word_set("national_employers")
