"""A grid of the ways people write phone numbers, dates, addresses, postcodes and case numbers.

Each grammar below enumerates the forms of one kind of identifier (groupings, separators,
prefixes, spellings, words around it) and puts each form in a sentence of the kind a
practitioner writes. Deterministic: the same grid every run, no randomness. Used by
tests/privacy/test_grid.py to measure what the anonymiser catches, class by class.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import cycle, product


@dataclass(frozen=True)
class GridItem:
    entity: str
    form: str  # the grammar's branch, to tell which forms are missed
    text: str
    secret: str


def _place(entity: str, form: str, frames: "Iterator[str]", written: str) -> GridItem:
    """`written` in the next frame; the secret is all of it, or the part in [[ ]] (a label or a
    second number around it stays in the text)."""
    frame = next(frames)
    secret = written.partition("[[")[2].partition("]]")[0] if "[[" in written else written
    text = frame.replace("{x}", written.replace("[[", "").replace("]]", ""))
    return GridItem(entity, form, text, secret)


# --- (a) phone numbers ------------------------------------------------------------------------

# National digits, with the grouping people give each.
_MOBILES = ["07700900123", "07912345678", "07411223344"]
_LANDLINES = {
    "01134960718": (4, 3, 4),  # Leeds
    "02079460592": (3, 4, 4),  # London
    "01632960471": (5, 6),  # a five-digit area code
    "0169772345": (6, 4),  # a six-digit area code, ten digits in all
    "02920180446": (3, 4, 4),  # Cardiff
}
_ELEVEN = [(5, 6), (5, 3, 3), (4, 3, 4), (3, 4, 4), (4, 4, 3), (5, 2, 2, 2), (11,), (4, 7)]
_TEN = [(6, 4), (5, 5), (4, 3, 3), (10,)]
_SEPARATORS = [" ", "", "-", "."]
_EXTENSIONS = [" ext 22", " ext. 2245", " x331", " extension 14", ", ext 4", " (ext 203)"]

PHONE_FRAMES = [
    "call mum on {x}",
    "Mum's mobile: {x}.",
    "her number is {x}, text first",
    "{x} - dad's new number",
    "tel {x}",
    "can you ring her on {x}?",
    "new no. for nan ({x}) from today",
    "contact via {x} after 5pm",
    "Dad gave {x} as the best number.",
    "mob:{x}",
    "left a voicemail on {x} at 10am",
    "{x}",
    "she said the number was {x} but it rang out",
    "MUM - {x}",
    "aunt has a new phone {x} and is happy to be contacted",
    "ring nan {x} if no answer",
    "WhatsApp {x}",
    "texted from {x} last night",
    "his mob is {x};",
    "Contact number for the family: {x}",
    "tried {x} twice, no reply",
    '"{x}" is what she wrote on the form',
    "number given was {x}!",
    "the school has {x} for dad",
]


def _grouped(digits: str, groups: tuple[int, ...], sep: str) -> str:
    parts, at = [], 0
    for size in groups:
        parts.append(digits[at : at + size])
        at += size
    return sep.join(parts)


def _phone_written() -> Iterator[tuple[str, str]]:
    """(form, number) for every grouping and separator, nationally and internationally."""
    numbers = [(d, _ELEVEN) for d in _MOBILES] + [
        (d, [g, *(_ELEVEN if len(d) == 11 else _TEN)]) for d, g in _LANDLINES.items()
    ]
    for (digits, groupings), sep in product(numbers, _SEPARATORS):
        for groups in groupings:
            yield f"national {groups} '{sep}'", _grouped(digits, groups, sep)
    for digits, groupings in numbers:
        natural = groupings[0]
        rest = digits[1:]
        tail = _grouped(rest, (natural[0] - 1, *natural[1:]), " ")
        for prefix in ("+44 ", "+44", "0044 ", "+44 (0)", "+44 (0) ", "+44(0)", "00 44 "):
            yield f"international '{prefix}'", prefix + tail
        yield "international no spaces", "+44" + rest
        yield "international hyphens", "+44-" + _grouped(rest, (natural[0] - 1, *natural[1:]), "-")
        first, *others = _grouped(digits, natural, " ").split(" ")
        yield "brackets round the area code", f"({first}) " + " ".join(others)
        yield "brackets, no space", f"({first})" + "".join(others)
        yield "+44 brackets", f"+44 ({first[1:]}) " + " ".join(others)


def _phone_odd() -> Iterator[tuple[str, str]]:
    """Spacing and prefixes typed unevenly."""
    for digits in ["07700900123", "01134960718"]:
        yield "digit by digit", " ".join(digits)
        yield "digit by digit with dashes", "-".join(digits)
        yield "double space", digits[:5] + "  " + digits[5:]
        yield "space, dash, space", digits[:5] + " - " + digits[5:]
        yield "(+44)", "(+44) " + digits[1:5] + " " + digits[5:]
        yield "+44 0", "+44 0" + digits[1:5] + " " + digits[5:]
        yield "0044 (0)", "0044 (0)" + digits[1:5] + " " + digits[5:]
        yield "glued to its label", "tel:[[" + digits + "]]"
        yield "glued to its label", "Mob.[[" + digits + "]]"
        yield "with its owner after", f"[[{digits[:5]} {digits[5:]}]] (mum)"
        yield "said with dashes", "-".join(_said(digits, "oh", False, False).split())
        yield (
            "said in groups",
            _said(digits[:5], "oh", False, False)
            + ", "
            + _said(digits[5:8], "oh", False, False)
            + ", "
            + _said(digits[8:], "oh", False, False),
        )
        yield "zeros in words, rest in figures", "zero " + digits[1:5] + " " + digits[5:]
        yield "words then figures", "zero seven seven zero zero " + digits[5:]


def _phone_extended() -> Iterator[tuple[str, str]]:
    for digits, ext in zip(cycle(list(_LANDLINES)), _EXTENSIONS, strict=False):
        yield f"extension '{ext}'", _grouped(digits, _LANDLINES[digits], " ") + ext


def _phone_pairs() -> Iterator[tuple[str, str]]:
    """Two numbers joined: each is a secret (the word between them need not go)."""
    for a, b in [("07700 900123", "0113 496 0718"), ("07700900123", "07912345678")]:
        for join in (" / ", "/", " or ", ", ", " and "):
            form = f"two numbers '{join.strip()}'"
            yield form, f"[[{a}]]{join}{b}"
            yield form, f"{a}{join}[[{b}]]"


_DIGIT_WORDS = {
    "0": "oh", "1": "one", "2": "two", "3": "three", "4": "four",
    "5": "five", "6": "six", "7": "seven", "8": "eight", "9": "nine",
}  # fmt: skip


def _said(digits: str, zero: str, repeats: bool, comma: bool) -> str:
    """Digits dictated one by one; runs said as "double" and "triple" when `repeats`."""
    words: list[str] = []
    i = 0
    while i < len(digits):
        run = 1
        while repeats and i + run < len(digits) and digits[i + run] == digits[i] and run < 3:
            run += 1
        word = zero if digits[i] == "0" else _DIGIT_WORDS[digits[i]]
        words.append({1: word, 2: f"double {word}", 3: f"triple {word}"}[run])
        i += run
        if comma and i in (5,):
            words[-1] += ","
    return " ".join(words)


def _phone_dictated() -> Iterator[tuple[str, str]]:
    for digits in ["07700900123", "07911222333", "01134960718", "07811000456"]:
        ways = product(("oh", "zero", "nought", "o"), (False, True), (False, True))
        for zero, repeats, comma in ways:
            yield (
                f"dictated zero={zero} repeats={repeats} comma={comma}",
                _said(digits, zero, repeats, comma),
            )
        # Mixed: the first group in figures, the rest in words, and the other way round.
        yield "dictated after figures", digits[:5] + " " + _said(digits[5:], "oh", True, False)
        yield "figures after words", _said(digits[:5], "oh", True, False) + " " + digits[5:]
        if digits.startswith("07"):  # a mobile said without its zero
            yield "dictated without its zero", _said(digits[1:], "oh", True, False)
    yield "dictated plus four four", "plus four four seven seven double oh nine oh oh one two three"


def phone_items() -> list[GridItem]:
    frames = cycle(PHONE_FRAMES)
    items = []
    for source in (_phone_written, _phone_odd, _phone_extended, _phone_pairs, _phone_dictated):
        for form, number in source():
            items.append(_place("PHONE", form, frames, number))
    # Lower case and upper case frames are in the list; a number dictated after a phone word
    # needs one ("without its zero" only after a label).
    return items


# --- (b) dates --------------------------------------------------------------------------------

_MONTHS_FULL = ["January", "March", "April", "June", "September", "November", "December"]
_MONTHS_SHORT = ["Jan", "Mar", "Apr", "Jun", "Sept", "Sep", "Nov", "Dec", "Feb", "Aug", "Oct"]
_MONTHS_MISSPELT = [
    "Febuary", "Feburary", "Janurary", "Janaury", "Apirl", "Agust", "Augest", "Septmber",
    "Setpember", "Ocotber", "Novmber", "Novemeber", "Decmber", "Decemeber",
]  # fmt: skip
_WEEKDAYS_FULL = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_WEEKDAYS_SHORT = ["Mon", "Tue", "Tues", "Wed", "Weds", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun"]
_WEEKDAYS_MISSPELT = [
    "Wensday", "Wendsday", "Wednsday", "Thrusday", "Thursady", "Tuseday", "Teusday", "Satuday",
    "Firday", "Munday", "Saturdy", "Fryday",
]  # fmt: skip

DATE_FRAMES = [
    "seen {x}",
    "on {x} mum rang",
    "{x} - HV visit",
    "home visit {x}, no answer",
    "since {x} no contact",
    "Dad says it happened {x}.",
    "by {x}?",
    "next review {x}",
    "strategy meeting held {x} (virtual)",
    "school said he was absent {x} and again after",
    "She disclosed to the teacher {x}",
    "CP conference booked for {x}",
    "reported missing {x}, found later",
    "{x}: mum rang the office",
    "nan had them {x} overnight",
    "the incident was {x} at the park",
]


def _ordinal(day: int) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def _date_numeric() -> Iterator[tuple[str, str]]:
    for (day, month), sep in product([(3, 4), (14, 11), (28, 2), (9, 12)], "/.-"):
        for dd, mm in product((str(day), f"{day:02}"), (str(month), f"{month:02}")):
            for year in ("2024", "24", "1998", "09"):
                yield f"d{sep}m{sep}y{len(year)}", f"{dd}{sep}{mm}{sep}{year}"
            yield f"d{sep}m no year", f"{dd}{sep}{mm}"
    for sep in "-/.":
        yield f"iso '{sep}'", f"2024{sep}11{sep}14"
    yield "iso with time", "2024-11-14T09:30"
    yield "spaced slashes", "14 / 11 / 2024"
    yield "one-digit year", "3/4/9"


def _cases(word: str) -> list[str]:
    return [word, word.lower(), word.upper()]


def _date_named_month() -> Iterator[tuple[str, str]]:
    months = (
        [(f"full {m}", m) for m in _MONTHS_FULL]
        + [(f"short {m}", m) for m in _MONTHS_SHORT]
        + [(f"misspelt {m}", m) for m in _MONTHS_MISSPELT]
    )
    shapes = [
        "{d} {M}", "{o} {M}", "{o} of {M}", "the {o} of {M}", "{M} {d}", "{M} {o}",
        "{M} the {o}", "{d} {M} {Y}", "{o} {M} {Y}", "{o} of {M}, {Y}", "{M} {o} {Y}",
        "{M} {d}, {Y}", "{d} {M} '{y}", "{d}-{M}-{Y}", "{d}{M}{y}", "{M} {Y}", "{M}. {Y}",
        "{d} {M}. {Y}",
    ]  # fmt: skip
    for i, ((kind, month), shape) in enumerate(product(months, shapes)):
        cased = _cases(month)[i % 3]
        day = [3, 14, 21, 30][i % 4]
        yield f"{kind} '{shape}'", shape.format(d=day, o=_ordinal(day), M=cased, Y="2024", y="24")


def _date_weekday() -> Iterator[tuple[str, str]]:
    days = (
        [(f"full {w}", w) for w in _WEEKDAYS_FULL]
        + [(f"short {w}", w) for w in _WEEKDAYS_SHORT]
        + [(f"misspelt {w}", w) for w in _WEEKDAYS_MISSPELT]
    )
    shapes = [
        "last {w}", "next {w}", "this {w}", "this coming {w}", "{w} nite", "{w} night",
        "{w} morning", "{w} pm", "{w} afternoon", "{w} just gone", "{w} gone", "{w} 14th",
        "{w} 14/11", "{w} the 14th", "{w} 14th Nov", "{w} 14 November 2024", "{w}, 14th",
        "last {w} night", "{w} eve", "{w} at 3pm",
    ]  # fmt: skip
    for i, ((kind, day), shape) in enumerate(product(days, shapes)):
        yield f"{kind} '{shape}'", shape.format(w=_cases(day)[i % 3])
    # "on Saturday": the preposition stays in the text, the day goes.
    for i, (kind, day) in enumerate(days):
        yield f"{kind} 'on {{w}}'", _cases(day)[i % 2]


def _date_other() -> Iterator[tuple[str, str]]:
    for cue, date in product(
        ("w/c", "W/C", "wc", "w/b", "week commencing", "week beginning"),
        ("4th March", "4/3", "4th", "4 Mar 2024", "04/03/24"),
    ):
        yield f"week '{cue}' {date}", f"{cue} {date}"
    for label, date in product(
        ("DOB", "dob", "d.o.b", "D.O.B.", "DOB:", "d.o.b.:", "born", "date of birth", "Born on"),
        ("14/03/2015", "14.03.15", "14-3-2015", "14th March 2015", "14 Mar 15", "140315",
         "14/03/15", "March 2015"),
    ):  # fmt: skip
        yield f"dob '{label}' {date}", f"{label} [[{date}]]"
    for said in ("oh three oh four nineteen", "twelve ten oh nine", "two one one one twenty ten"):
        yield f"dob 'DOB' said {said}", f"DOB [[{said}]]"
    for said in (
        "the third of April twenty nineteen", "third of April", "April the third",
        "the fourteenth of March two thousand and nine", "the twenty third of May",
        "the twenty-first of June twenty twenty four", "the 3rd of the 4th",
        "the first of December", "the second of March", "May the fourth",
        "the thirty first of October", "the fifth of November nineteen ninety eight",
    ):  # fmt: skip
        yield "dictated", said
    for named in (
        "Boxing Day", "Christmas Day", "Christmas Eve", "New Year's Eve", "New Years Day",
        "Eid", "Diwali", "Bonfire Night", "Halloween", "Easter Sunday", "Good Friday",
        "Mothers Day", "Valentine's Day", "St Patrick's Day", "boxing day", "christmas eve",
        "Easter Monday", "Eid al-Adha",
    ):  # fmt: skip
        yield "named day", named
    for relative in (
        "last weekend", "the weekend just gone", "weekend just gone", "last Thursday",
        "Monday just gone", "next weekend", "this weekend", "Friday before last",
    ):  # fmt: skip
        yield "relative", relative
    # Round six: ordinals listed, weeks of a month, seasons and months of a year, a month's day
    # named by this or next month.
    for listed in (
        "the 8th, 9th and 11th", "the 8th and 9th", "3rd & 5th", "the 14th-16th", "2nd, 4th, 6th",
    ):  # fmt: skip
        yield "ordinals listed", listed
    for week, month in product(
        ("the 2nd week of", "2nd wk of", "the first week of", "the last week in", "3rd week of"),
        ("Jan", "March", "Sept", "november"),
    ):
        yield f"week of a month '{week}'", f"{week} {month}"
    for season, year in product(
        ("summer", "the summer of", "Autumn term", "spring", "Easter", "Christmas", "winter"),
        ("2023", "'24"),
    ):
        yield f"season '{season}'", f"{season} {year}"
    for months in ("Sept-Dec 23", "Jan to March 2024", "Oct–Nov '22", "april-june 2021"):
        yield "months of a year", months
    for named in ("the 1st of next month", "the 17th of this month", "the third of next month"):
        yield "of this or next month", named


# After "on" (which stays in the text).
ON_FRAMES = ["seen on {x} by the GP", "on {x} she was upset", "Mum rang on {x}.", "due on {x}?"]
DOB_FRAMES = ["{x}", "Child A, {x}, lives with mum", "sibling {x} also at home", "baby ({x})"]


def date_items() -> list[GridItem]:
    frames, on_frames, dob_frames = cycle(DATE_FRAMES), cycle(ON_FRAMES), cycle(DOB_FRAMES)
    items = []
    for source in (_date_numeric, _date_named_month, _date_weekday, _date_other):
        for form, date in source():
            if form.endswith("'on {w}'"):
                items.append(_place("DATE", form, on_frames, date))
            elif form.startswith("dob "):
                items.append(_place("DATE", form, dob_frames, date))
            else:
                items.append(_place("DATE", form, frames, date))
    return items


# --- (c) addresses, postcodes, case numbers --------------------------------------------------

ADDRESS_FRAMES = [
    "lives at {x} with mum",
    "new address: {x}",
    "family moved to {x} last month",
    "visited {x}, no answer",
    "{x} - mum and 2 children",
    "staying at {x} for now.",
    "Address {x}",
    "police attended {x} after a call",
]
_ADDRESSES = [
    ("number street type", "14 Ashdown Road"), ("short type", "12b Station Rd"),
    ("lower case", "36 parkwood rd"), ("direction", "22 Cowbridge Road West"),
    ("three words", "16 Foundry Mill Mount"), ("odd type", "5 Sandhill Oval"),
    ("range", "14-16 High Street"), ("said number", "number nineteen Cedar Grove"),
    ("said number", "forty two Bramble Close"), ("no and number", "no 7 Elm Close"),
    ("flat in a building on a street", "flat 6, Ashley Court, Leopold St"),
    ("flat in a building", "flat 21, Lovell Park Towers"),
    ("flat at a number", "flat 2, 15 Cross Flatts Grove"),
    ("flat at a number", "Flat 5, 2 Gipton Sq"),
    ("flat in a house", "flat 9 Beckett House"), ("room in a house", "room 8, Clarence House"),
    ("glasgow flat", "flat 3/2, 41 Garscube Road"),
    ("named house", "Rose Cottage, Haddon"), ("named house", "The Laurels, Park Avenue"),
    ("farm", "Highfield Farm"), ("named house with street", "Greenacres, Moor Lane"),
    ("caravan", "caravan 12 on Cottingley Springs site"), ("pitch", "pitch 6"),
    ("plot at a park", "plot 4, Meadow View Caravan Park"),
    ("static caravan", "static caravan on Cliff Lane"),
    ("flat above a shop", "the flat above the chippy on Harehills Road"),
    ("descriptive", "the end house on Spencer Place"),
    ("welsh", "12 Heol y Nant"), ("welsh", "Fflat 2, 31 Stryd Fawr"), ("welsh", "Tŷ Coch"),
    ("welsh", "3 Maes yr Haf"), ("welsh farm", "Fferm Pen-y-Bryn"),
    ("with town", "11 Ardgowan Street, Greenock"),
]  # fmt: skip
_POSTCODES = [
    "LS11 5AB", "ls11 5ab", "LS115AB", "LS11  5AB", "M14 6BW", "CF23 9XY", "SW1A 1AA",
    "B15 2TT", "L S 11 5 A B", "BD7 1DP", "NP20 4GH", "EC1V 9HX",
]  # fmt: skip
POSTCODE_FRAMES = [
    "postcode {x}",
    "moved to {x} area",
    "address ends {x}.",
    "{x}",
    "lives in {x} with nan",
    "new postcode is {x}, same street",
]
_CASE_NUMBERS = [
    ("slashed", "13/204417/26"), ("slashed", "MAR/1187/24"), ("force slashed", "WMP/23/44910"),
    ("alnum", "MOS-558812"), ("alnum", "MASH-24-118392"), ("alnum", "LS26C00411"),
    ("prefixed", "LCS 0098812"), ("prefixed", "FD 3318207"), ("letter digits", "K0988174"),
    ("digits", "1043329"), ("log of a day", "1120 of 14/11"), ("pnc", "08/112233X"),
    ("dashed", "NYP-12-0934-24"), ("dashed", "GMP-221124-0418"),
]  # fmt: skip
CASE_FRAMES = [
    "crime ref {x}",
    "police ref: {x}",
    "Mosaic {x}",
    "ref {x} for this one",
    "log {x}",
    "case number {x}.",
    "{x} refers",
    "hospital no {x}",
    "quote {x} when you ring",
]


# A numbered street, axis by axis: each value of each axis meets many of the others.
_HOUSE_NUMBERS = ["14", "14a", "no 14", "number 14", "forty two", "14-16", "3", "127"]
_STREET_NAMES = ["Ashdown", "Cross Flatts", "St Mary's", "Queen's Park", "Moor View", "Beech"]
_STREET_TYPES = [
    "Road", "Street", "Avenue", "Lane", "Close", "Drive", "Crescent", "Grove", "Terrace",
    "Gardens", "Place", "Mount", "View", "Walk", "Way", "Fold", "Garth", "Rise", "Court", "Mews",
    "Rd", "St", "Ave", "Cres", "Gdns", "Terr", "Pl", "Cl", "Dr", "Ln",
]  # fmt: skip
_SHORT_TYPES = {"Rd", "St", "Ave", "Cres", "Gdns", "Terr", "Pl", "Cl", "Dr", "Ln"}
_UNITS = ["", "flat 3, ", "Flat 3 ", "flat 3/2, ", "apartment 4, ", "room 2, ", "Flat B, "]
_LOCALITIES = ["", ", Leeds", ", Harehills", " Cardiff"]
STREET_FRAMES = [
    "lives at {x}",
    "{x}",
    "mum's new place is {x}",
    "went to {x} to see him",
    "outside {x} at 9pm",
    "visit to {x} today, mum in",
    "police called to {x}",
    "his dad's house, {x}, is small",
    "address: {x}.",
    "now at {x} with her partner",
    "they've moved into {x}",
]
_DESCRIBED = [
    ("named house", "Rose Cottage"), ("named farm", "Ivy House Farm"),
    ("named house", "The Laurels, Park Avenue"), ("welsh house", "Tŷ Gwyn"),
    ("above a shop", "the flat above the chippy on Harehills Road"),
    ("above a shop", "the flat above the bookies on Roundhay Rd"),
    ("next to a shop", "the house next to the Co-op on Beech Lane"),
    ("end terrace", "the end terrace on Spencer Place"),
    ("bedsit", "the bedsit over the Spar on Kirkstall Road"),
    ("caravan", "the caravan behind the Red Lion"),
    ("pitch", "pitch 14 at Cottingley Springs"), ("plot", "plot 3, Greenfields site"),
    ("welsh street", "Ffordd y Capel"), ("welsh street", "5 Heol Las"),
    ("welsh street", "Maes y Coed"), ("welsh street", "7 Bryn Glas"),
    ("caravan", "static caravan 6, Sandy Bay Holiday Park"),
    ("boat", "the narrowboat moored at Rodley"),
]  # fmt: skip


def _numbered_streets() -> Iterator[tuple[str, str]]:
    numbers, names, units, places = (
        cycle(_HOUSE_NUMBERS),
        cycle(_STREET_NAMES),
        cycle(_UNITS),
        cycle(_LOCALITIES),
    )
    for street_type in _STREET_TYPES:
        for case in ("as written", "lower case"):
            number, name, unit, place = next(numbers), next(names), next(units), next(places)
            address = f"{unit}{number} {name} {street_type}"
            if case == "lower case":
                # (A town typed in lower case is a place's to find, not the address's.)
                address = f"[[{address.lower()}]]{place.lower()}"
            else:
                address += place
            kind = "short type" if street_type in _SHORT_TYPES else "full type"
            yield f"numbered street, {kind}, {case}", address


def address_items() -> list[GridItem]:
    frames = cycle(ADDRESS_FRAMES)
    items = [_place("ADDRESS", form, frames, a) for form, a in _ADDRESSES]
    frames = cycle(ADDRESS_FRAMES[1:] + ADDRESS_FRAMES[:1])
    items += [_place("ADDRESS", form, frames, a) for form, a in _ADDRESSES]
    frames = cycle(STREET_FRAMES)
    items += [_place("ADDRESS", form, frames, a) for form, a in _numbered_streets()]
    items += [_place("ADDRESS", form, frames, a) for form, a in _DESCRIBED]
    items += [_place("ADDRESS", form, frames, a) for form, a in _DESCRIBED]
    return items


def postcode_items() -> list[GridItem]:
    return [
        GridItem("POSTCODE", "postcode", frame.replace("{x}", code), code)
        for code, frame in product(_POSTCODES, POSTCODE_FRAMES)
    ]


# With no label: the shape alone says it is a reference.
UNLABELLED_CASE_FRAMES = [
    "{x} refers",
    "re {x}",
    "see {x} on Niche",
    "strategy for {x} tomorrow",
    "the crime, {x}, is being reviewed",
    "({x})",
]
_UNLABELLED_CASES = [
    ("slashed", "13/204417/26"), ("letters and digits", "LS26C00411"), ("alnum", "MOS-558812"),
    ("force slashed", "WMP/23/44910"), ("dashed", "NYP-12-0934-24"), ("pnc", "08/112233X"),
    ("letter digits", "K0988174"), ("alnum", "MASH-24-118392"), ("dashed", "GMP-221124-0418"),
]  # fmt: skip
_CASE_LABELS = [
    "ref", "crime no", "CAD", "log no.", "URN", "PNC", "MASH ref", "Mosaic ID", "LCS no",
    "Niche ref", "incident number", "occurrence", "our ref:", "Crime Ref -", "referral #",
]  # fmt: skip


def case_number_items() -> list[GridItem]:
    frames = cycle(UNLABELLED_CASE_FRAMES)
    items = [_place("CASE_NUMBER", f"unlabelled {f}", frames, c) for f, c in _UNLABELLED_CASES]
    items += [_place("CASE_NUMBER", f"unlabelled {f}", frames, c) for f, c in _UNLABELLED_CASES]
    refs = cycle(["13/204417/26", "1043329", "LS26C00411", "0934", "2024-0001234", "MOS 558812"])
    items += [
        GridItem("CASE_NUMBER", f"label '{label}'", f"{label} {ref} for mum", ref)
        for label, ref in zip(_CASE_LABELS, refs, strict=False)
    ]
    for a, b in [
        ("13/204417/26", "13/204418/26"),
        ("1043329", "1043330"),
        ("MOS-558812", "MOS-558813"),
    ]:
        for join in (" / ", ", ", " & "):
            items.append(GridItem("CASE_NUMBER", f"pair '{join.strip()}'", f"refs {a}{join}{b}", b))
    frames = cycle(CASE_FRAMES)
    items += [_place("CASE_NUMBER", form, frames, c) for form, c in _CASE_NUMBERS]
    frames = cycle(CASE_FRAMES[4:] + CASE_FRAMES[:4])
    items += [_place("CASE_NUMBER", form, frames, c) for form, c in _CASE_NUMBERS]
    # Pairs.
    items += [
        GridItem("CASE_NUMBER", "pair", f"crime refs {a} and {b}", b)
        for a, b in [("13/204417/26", "13/204418/26"), ("1043329", "1043330")]
    ]
    items.append(GridItem("CASE_NUMBER", "pair", "log 0455 (Friday) and 0461", "0461"))
    return items


def grid() -> list[GridItem]:
    return phone_items() + date_items() + address_items() + postcode_items() + case_number_items()
