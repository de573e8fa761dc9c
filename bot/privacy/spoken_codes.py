"""Codes said aloud and typed by speech-to-text: references, registrations, postcodes and NI
numbers spelled letter by letter or with the spelling alphabet ("C R stroke 0 0 4 7 1 9 stroke
25", "Charlie Yankee 68 Victor Kilo Papa", "Quebec Quebec one two three four five six
Charlie"), and addresses said with their dots and slashes ("d naylor at example dot org",
"www dot example dot net slash schools", "kiki underscore campbell 14").

A run of spelled atoms (single letters, spelling-alphabet words, digits, digit words, and the
words said for / - _ .) is decoded into the code it spells, and the code's shape says what it
is. A run counts only when it is spelled: it holds single letters or a said separator as well as
digits, or (digits alone) it follows a word for a reference. Everything here is one pass over
the words, linear in the text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from bot.privacy.quasi_types import QuasiFinding
from bot.privacy.recognizers import public_digits

_WORD = regex.compile(r"[^\W_]+(?:['’][^\W_]+)?|[/_\-–.:@]")

_SPELLING_ALPHABET = {
    "alpha": "A", "alfa": "A", "bravo": "B", "charlie": "C", "delta": "D", "echo": "E",
    "foxtrot": "F", "golf": "G", "hotel": "H", "india": "I", "juliet": "J", "juliett": "J",
    "kilo": "K", "lima": "L", "mike": "M", "november": "N", "oscar": "O", "papa": "P",
    "quebec": "Q", "romeo": "R", "sierra": "S", "tango": "T", "uniform": "U", "victor": "V",
    "whiskey": "W", "whisky": "W", "xray": "X", "x-ray": "X", "yankee": "Y", "zulu": "Z",
}  # fmt: skip
_DIGIT_WORDS = {
    "zero": "0", "oh": "0", "nought": "0", "one": "1", "two": "2", "three": "3", "four": "4",
    "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9", "ten": "10",
    "eleven": "11", "twelve": "12", "thirteen": "13", "fourteen": "14", "fifteen": "15",
    "sixteen": "16", "seventeen": "17", "eighteen": "18", "nineteen": "19", "twenty": "20",
    "thirty": "30", "forty": "40", "fifty": "50", "sixty": "60", "seventy": "70",
    "eighty": "80", "ninety": "90",
}  # fmt: skip
_REPEATS = {"double": 2, "triple": 3, "treble": 3}
# Said separators, and the characters they stand for.
_SAID = {"stroke": "/", "slash": "/", "dash": "-", "hyphen": "-", "underscore": "_", "dot": "."}
_TYPED = {"/": "/", "-": "-", "–": "-", "_": "_", ".": "."}
# Words before a run of digits alone that make it a reference ("log 0 6 1 4 of the twelfth").
_REFERENCE_WORDS = frozenset(
    [
        "ref",
        "reference",
        "number",
        "no",
        "log",
        "crime",
        "upn",
        "nhs",
        "ni",
        "id",
        "case",
        "incident",
        "occurrence",
        "cad",
        "pnc",
    ]
)
_VEHICLE_WORDS = frozenset(
    ["reg", "registration", "plate", "plates", "car", "van", "vehicle", "moped"]
)
_SOCIAL_WORDS = frozenset(
    [
        "instagram",
        "insta",
        "snapchat",
        "snap",
        "tiktok",
        "facebook",
        "fb",
        "twitter",
        "page",
        "account",
        "handle",
        "username",
        "profile",
    ]
)
_TLDS = frozenset(["com", "org", "net", "uk", "gov", "nhs", "sch", "ac", "co", "io", "me", "info"])

_POSTCODE = regex.compile(r"[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}")
_REGISTRATION = regex.compile(r"[A-Z]{2}\d{2}[A-Z]{3}")
_NI = regex.compile(r"[A-Z]{2}\d{6}[A-D]")
# A police log's date after its number: "of the twelfth", "of the 2 7th", "of 14 09".
_LOG_DATE = regex.compile(
    r"\s+of\s+(?:(?:the\s+)?(?:[a-z]+(?:st|nd|rd|th)|(?:\d\s?){1,2}(?:st|nd|rd|th))"
    r"|\d{1,2}(?:\s+\d{1,2}){1,3})\b",
    regex.IGNORECASE,
)


@dataclass(frozen=True)
class _Atom:
    start: int
    end: int
    kind: str  # "letter", "digit" (one figure or digit word), "digits", "said", "typed"
    value: str


def _atoms(text: str) -> list[_Atom | None]:
    """Each word of `text` as an atom of a spelled code, or None where a run must break."""
    out: list[_Atom | None] = []
    words = list(_WORD.finditer(text))
    repeat = 1
    skip = False
    for k, m in enumerate(words):
        if skip:
            skip = False
            continue
        word, lower = m.group(), m.group().lower()
        if k and text[words[k - 1].end() : m.start()].strip():
            out.append(None)  # punctuation between: a comma or a bracket ends a code
        atom: _Atom | None = None
        if lower == "hundred" and _atom_before(out, "digit"):
            # "nine hundred", "nine-hundred": a figure said with its hundreds.
            while out and out[-1] is not None and out[-1].kind == "typed":
                out.pop()
            last = out[-1]
            assert last is not None
            out[-1] = _Atom(last.start, m.end(), "digits", last.value + "00")
            continue
        if lower in _REPEATS and k + 1 < len(words):
            repeat = _REPEATS[lower]
            out.append(_Atom(m.start(), m.end(), "repeat", ""))
            continue
        if word.isdigit() and len(word) <= 6:
            atom = _Atom(m.start(), m.end(), "digit" if len(word) == 1 else "digits", word)
        elif lower in _DIGIT_WORDS:
            atom = _Atom(m.start(), m.end(), "digit", _DIGIT_WORDS[lower])
        elif lower == "x" and k + 1 < len(words) and words[k + 1].group().lower() == "ray":
            atom, skip = _Atom(m.start(), words[k + 1].end(), "letter", "X"), True  # "X ray"
        elif lower in _SPELLING_ALPHABET:
            atom = _Atom(m.start(), m.end(), "letter", _SPELLING_ALPHABET[lower])
        elif len(word) == 1 and word.isalpha() and (word.isupper() or lower not in "ai"):
            atom = _Atom(m.start(), m.end(), "letter", word.upper())
        elif lower in _SAID:
            atom = _Atom(m.start(), m.end(), "said", _SAID[lower])
        elif word in "-–" and _between_number_words(words, k):
            continue  # "oh-seven-seven-double-oh": one number said with hyphens
        elif word in _TYPED and _glued(text, m.start(), m.end()):
            atom = _Atom(m.start(), m.end(), "typed", _TYPED[word])
        if atom is not None and repeat > 1:
            atom = _Atom(atom.start, atom.end, atom.kind, atom.value * repeat)
        repeat = 1
        out.append(atom)
    return out


_NUMBER_WORDS = frozenset(_DIGIT_WORDS) | frozenset(_REPEATS) | {"hundred"}


def _between_number_words(words: list[regex.Match[str]], k: int) -> bool:
    return (
        0 < k < len(words) - 1
        and words[k - 1].group().lower() in _NUMBER_WORDS
        and words[k + 1].group().lower() in _NUMBER_WORDS
        and words[k - 1].end() == words[k].start()
        and words[k].end() == words[k + 1].start()
    )


def _atom_before(out: list[_Atom | None], kind: str) -> bool:
    """Whether the last atom (past a typed separator) is of this kind."""
    for atom in reversed(out):
        if atom is None:
            return False
        if atom.kind != "typed":
            return atom.kind == kind
    return False


def _glued(text: str, start: int, end: int) -> bool:
    """A typed separator joins only what touches it on both sides ("2025/0441", not ". A")."""
    return (
        start > 0 and end < len(text) and not text[start - 1].isspace() and not text[end].isspace()
    )


def _runs(atoms: list[_Atom | None]) -> Iterator[list[_Atom]]:
    run: list[_Atom] = []
    for atom in [*atoms, None]:
        if atom is not None:
            run.append(atom)
            continue
        # A separator or a repeat word cannot end a code.
        while run and run[-1].kind in ("said", "typed", "repeat"):
            run.pop()
        while run and run[0].kind in ("said", "typed", "repeat"):
            run.pop(0)
        if run:
            yield run
        run = []


_ALNUM_WORD = regex.compile(r"[^\W_]+")


def _words_before(text: str, start: int, count: int) -> list[str]:
    """The last `count` words in the 60 characters before `start`, in lower case."""
    return [w.lower() for w in _ALNUM_WORD.findall(text, max(0, start - 60), start)][-count:]


_NUMERIC = frozenset(["digit", "digits", "repeat", "typed"])
_COMMA = regex.compile(r"\s*,\s*")


def _phone_groups(runs: Iterator[list[_Atom]], text: str) -> Iterator[list[_Atom]]:
    """Runs of figures only, said in groups with commas between ("oh seven seven double oh,
    nine double oh, five one two"), joined into one run."""
    held: list[_Atom] = []
    for run in runs:
        numeric = all(a.kind in _NUMERIC for a in run)
        if held and numeric and _COMMA.fullmatch(text, held[-1].end, run[0].start):
            held = held + run
            continue
        if held:
            yield held
        held = run if numeric else []
        if not numeric:
            yield run
    if held:
        yield held


def _said_figures(run: list[_Atom], text: str) -> int:
    """Figures said as words, and figures typed one by one."""
    return sum(
        a.kind in ("digit", "digits") and (text[a.start].isalpha() or len(a.value) == 1)
        for a in run
    )


def _phone_shaped(digits: str) -> bool:
    """A UK number's shape: 0 and 9 or 10 more figures, or a mobile said without its 0."""
    if not digits.isdigit():
        return False
    return (digits.startswith("0") and len(digits) in (10, 11)) or (
        digits.startswith("7") and len(digits) == 10
    )


def find(text: str) -> Iterator[QuasiFinding]:
    for run in _phone_groups(_runs(_atoms(text)), text):
        letters = sum(a.kind == "letter" for a in run)
        digits = sum(len(a.value) for a in run if a.kind in ("digit", "digits"))
        said = sum(a.kind == "said" for a in run)
        singles = sum(a.kind == "digit" and len(a.value) == 1 for a in run)
        before = _words_before(text, run[0].start, 3)
        code = "".join(a.value for a in run)
        cued = any(w in _REFERENCE_WORDS for w in before)
        vehicle = any(w in _VEHICLE_WORDS for w in before)
        spelled = (letters >= 2 or said >= 1) and len(run) >= (3 if vehicle else 4)
        # Figures said one by one after a word for a reference ("UPN is Alpha 8 2 3 ...";
        # three only with a log's date after them, "log 2 0 3 of the 14th": "case number 1 2 3"
        # may be a page order), or a phone's figures with a "double" ("07700 900 double 3 0").
        log_date = _LOG_DATE.match(text, run[-1].end)
        digits_alone = cued and (singles >= 4 or (singles == 3 and log_date is not None))
        # A phone's figures with a "double", or said or typed one by one: "seven seven zero
        # zero 900 six one two", "07700 nine-hundred 5 5 6".
        bare = code.replace("-", "")
        phone = _phone_shaped(bare) and (
            any(a.kind == "repeat" for a in run) or _said_figures(run, text) >= 3
        )
        # One figure is enough among letters and said strokes: "R S stroke B O S stroke 1".
        enough = digits >= 2 or (digits == 1 and said >= 2 and letters >= 3)
        if not enough or not (spelled or digits_alone or phone) or public_digits(code):
            continue
        if letters and not (singles or said or letters >= 3):
            continue  # "Year 9 A B", "KS 2 and 3": a letter or two beside a number
        start, end = run[0].start, run[-1].end
        if cued and log_date is not None:
            end = log_date.end()
        kind = "PHONE" if phone else _kind(code, vehicle)
        yield QuasiFinding(kind, start, end, "spelled code")
    yield from _said_addresses(text)


def _kind(code: str, vehicle: bool) -> str:
    bare = code.replace("/", "").replace("-", "").replace(".", "")
    if _POSTCODE.fullmatch(bare):
        return "POSTCODE"
    if _NI.fullmatch(bare):
        return "NI_NUMBER"
    if _REGISTRATION.fullmatch(bare) or vehicle:
        return "VEHICLE_REG"
    if bare.isdigit() and bare.startswith("0") and len(bare) in (10, 11):
        return "PHONE"
    return "CASE_NUMBER"


# --- addresses said aloud: emails, web addresses, handles

_JOIN = r"(?:\s+(?:dot|underscore|dash|hyphen|(?:forward\s+)?slash)\s+|\s+colon\s+slash\s+slash\s+)"
# A piece and the single letters, figures or digit words said after it ("p l y", "c zero seven").
_PIECE = (
    r"(?:[^\W_]+(?:\s+(?:\d{1,4}|[^\W\d_](?![^\W_])"
    r"|zero|oh|one|two|three|four|five|six|seven|eight|nine)\b){0,6}+)"
)
_JOINED = regex.compile(
    rf"(?<![\w.])(?:[^\W_]\s+)?{_PIECE}(?:{_JOIN}{_PIECE}){{1,12}}", regex.IGNORECASE
)
_SAID_AT = regex.compile(r"\s+at\s+", regex.IGNORECASE)
_LOCAL_PART = regex.compile(r"(?:\b[^\W\d_]\s+)?[^\W_]+$")
# A handle said without any separator, after its platform: "snapchat name is big dawg 22".
_BARE_HANDLE = regex.compile(
    r"\b(?:snap(?:chat)?|insta(?:gram)?|tiktok)\s+(?:(?:user\s*)?name\s+)?(?:(?:again\s+)?is\s+|user\s+)"
    r"(?P<handle>[a-z]+(?:\s+[a-z]+){0,2}\s+\d{1,4})\b",
    regex.IGNORECASE,
)


def _said_addresses(text: str) -> Iterator[QuasiFinding]:
    for m in _JOINED.finditer(text):
        spoken = m.group().lower()
        pieces = regex.split(_JOIN, spoken)
        has_tld = any(p.split()[0] in _TLDS for p in pieces[1:])
        start, end = m.start(), m.end()
        at = _SAID_AT.search(text, max(0, start - 40), start)
        if at is not None and at.end() == start:
            # "d naylor at example dot org": the local part before "at", with an initial.
            window = max(0, at.start() - 60)
            local = _LOCAL_PART.search(text[window : at.start()])
            if local is not None and has_tld:
                yield QuasiFinding("EMAIL", window + local.start(), end, "said email")
                continue
        if has_tld and ("slash" in spoken or spoken.startswith(("www", "http"))):
            yield QuasiFinding("URL", start, end, "said web address")
        elif ("underscore" in spoken or ("dot" in spoken and not has_tld)) and any(
            w in _SOCIAL_WORDS for w in _words_before(text, start, 10)
        ):
            yield QuasiFinding("SOCIAL_HANDLE", start, end, "said handle")
    for m in _BARE_HANDLE.finditer(text):
        yield QuasiFinding("SOCIAL_HANDLE", m.start("handle"), m.end("handle"), "said handle")
