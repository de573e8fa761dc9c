"""Person-name detection that works offline.

A capitalised or all-caps word is a name when it is in Faker's person-name lists (a maintained
list shipped in a PyPI package), unless it is also a common English word (``name_words.txt``) or a
word of this domain (``NOT_NAMES``): then it needs context. Context rules also catch names no list
has: after a title ("Mrs Okafor"), after "called"/"named"/"known as", before "'s mum", initials
("J.S.", "JS"), surnames after a first name, and every word already found in this dialog.
"""

import importlib
import pkgutil
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

import regex


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_FAKER_LOCALES = _word_set(
    """
    en_GB en_US en_IE en_IN en_PK en_NZ en_NG en_KE yo_NG ig_NG ha_NG tw_GH zu_ZA ga_IE
    pl_PL ro_RO lt_LT pt_PT pt_BR es_ES it_IT fr_FR tr_TR sk_SK cs_CZ
    """
)
_NAME_LISTS = (
    "first_names",
    "first_names_male",
    "first_names_female",
    "first_names_nonbinary",
    "last_names",
    "last_names_male",
    "last_names_female",
    "male_last_names",
    "female_last_names",
    "unisex_last_names",
)

TITLES = _word_set(
    """
    mr mrs ms miss mx dr master sir dame prof rev revd pc ds dc di dci sgt insp cllr uncle
    aunt auntie aunty nan nanny nana grandma grandad granddad grandpa nanna pastor imam rabbi
    """
)
# Capitalised words of this domain that are in some names list but name nobody by themselves.
NOT_NAMES = _word_set(
    """
    mum mummy dad daddy mother father brother sister baby child children son daughter parent
    parents carer carers gran granny grandmother grandfather stepdad stepmum partner
    boyfriend girlfriend uncle aunt cousin nan nanny foster family families teacher head
    deputy nurse doctor police officer social worker manager lead team service services care
    court early help youth justice section year reception nursery school academy primary
    college hospital unit centre center hub council authority local agency health visitor
    designated safeguarding independent reviewing officer virtual multi agency child
    protection conference plan strategy january february march april may june july august
    september october november december monday tuesday wednesday thursday friday saturday
    sunday christmas easter summer autumn winter spring term half holidays holiday prevent
    channel golden rules rule data protection act crown prosecution home office general
    practice practice surgery mash marac lado camhs send senco ehcp dsl gp the a an and or
    but if of to in on at for with from by as is was are were i he she they we you it his
    her their our my me him them us this that these those no yes not sure advice outcome
    public interest vital interests consent purpose legitimate england wales britain british
    english welsh scotland scottish irish ireland uk god lord st saint street road lane
    church chapel mosque temple women men people girl boy girls boys young person persons
    adult adults staff pupil pupils student students class form tutor key worker duty team
    family hub food bank refuge aid spain france poland romania portugal italy germany india
    pakistan bangladesh nigeria ghana somalia eritrea syria afghanistan iran iraq turkey
    jamaica albania lithuania latvia china europe africa asia america london bristol bath
    wells chester lancaster lincoln york moses snapchat instagram tiktok whatsapp facebook
    youtube discord roblox fortnite minecraft xbox playstation telegram messenger google
    amazon tesco asda aldi lidl sainsbury sainsburys morrisons mcdonalds kfc uber deliveroo
    """
)
# Acronyms of the field that look like initials.
ACRONYMS = _word_set(
    """
    dsl ddsl gp cp cin camhs mash send sen senco ehcp ehc nhs ae pcso pc dc ds di dci hv sw
    yot yjs cse cce fgm dv da idva isva marac mappa icpc rcpc plo lac cla cic pep taf tac
    eha fsw asb adhd asd ot salt ico dpo gdpr dpa uk eu ok am pm id it pe re tv ks ks1 ks2
    ks3 ks4 sats nspcc caf cpp iro la cyp yp nfa sar neet asap fyi eta cctv dbs ehe cme uasc
    ta hlta slt smt cpoms ms mp ward er ed nb ps fao re cc bcc dob nino ni rip lgbt lgbtq
    pshe rse sre npfa mdt cwd ld sld pmld ebsd semh sm tbc tbd aka etc fto ss vs ee eh elsa
    cpd inset sg gcse gcses btec ucas nvq mra cpn cmht ldn hmrc dwp uc pip dla esa jsa nrpf
    sgo cao rcpc lscp lscb scr cspr jtai ofsted cqc cafcass nhse icb dfe cps cid pcc abe jst
    mosaic lcs ehm btp fm nrm pnc pr csc nino niño
    get post put http https html json sql ddl nlp api url utc bst tls dns ip
    """
)
# Words after "Name's" that show a person is meant ("Jay's mum", "Kobe's older cousin").
POSSESSED = _word_set(
    """
    mum mummy dad daddy mother father brother brothers sister sisters nan nanny gran grandma
    grandad grandmother grandfather stepdad stepmum step partner boyfriend girlfriend uncle
    aunt auntie cousin friend friends carer carers foster family baby older younger little
    big new ex phone mobile email address dob nhs school class teacher ta key social worker
    room house home car bag bruising bruises injury injuries behaviour attendance weight
    health needs plan case file record parents siblings sibling half twin children son
    daughter
    """
)
NAME_CUES = (
    "called",
    "named",
    "known as",
    "calling himself",
    "calling herself",
    "name is",
    "surname is",
    "name's",
    "a.k.a.",
    "aka",
)
SPEECH_VERBS = _word_set(
    """
    said says told tells disclosed discloses reported reports stated states explained asked
    attended arrived came went ran punched hit lives lived wants wanted refused agreed cried
    hasn't isn't wasn't didn't doesn't
    """
)
# Function words never matched through the per-dialog memory.
FUNCTION_WORDS = _word_set(
    """
    a an and or but the of to in on at for with from by as is was are were be been it he she
    they we you i me my his her their our this that not no yes will may can
    """
)

# Words inside an aside right after a name that show a person is meant: "Hodan (mum)",
# "Rebaz (Kurdish, yr 9)", "Semhar (UASC, 16)".
ASIDE_WORDS = _word_set(
    """
    mum mother dad father stepdad stepmum step-dad step-mum sister brother sibling nan gran
    grandmother grandfather uncle aunt auntie cousin partner boyfriend girlfriend ex carer
    child baby pupil student neighbour lodger friend uasc lac cla cin cp dob aged age
    """
)
# Words after which a lone capitalised word is a person rather than a place or a product.
PERSON_BEFORE = _word_set(
    """
    for with and re see saw seen told asked met visited about including between both
    """
)
# Capitalised words that may start a sentence with a possessive and name nobody.
DEICTIC = _word_set(
    """
    today yesterday tomorrow tonight everyone everybody someone somebody anyone anybody
    nobody one other another last this next week month year
    """
)
_FOLD = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ß": "ss",
        "æ": "ae",
        "Æ": "Ae",
        "œ": "oe",
        "Œ": "Oe",
        "ı": "i",
    }
)
_WORD = regex.compile(
    r"(?-i:[A-Z])\.\s?(?-i:[A-Z])(?:\.\s?(?-i:[A-Z]))?(?:\.\s?)?(?!\w)|[^\W\d_][\w'’\-]*(?<![\-'’])",
    regex.UNICODE,
)
_POSSESSIVE = regex.compile(r"(?:['’]s|s['’]|['’])$", regex.IGNORECASE)
_ASCII_NAME = regex.compile(r"[a-z][a-z'\-]*")
_AGE_OR_ASIDE = regex.compile(r"\s*[,(]|\s+(?:is|was|aged)\s+(?:aged\s+)?\d", regex.IGNORECASE)
_SPACE = regex.compile(r"\s")
_SENTENCE_MARKS = frozenset('.!?:;|["“•-–')
_CUE_QUOTES = " \t\"'“‘"
_LONGEST_CUE = max(len(cue) for cue in NAME_CUES)
_COORDINATION = regex.compile(r",\s*|,?\s+(?:and|&|or)\s+")
_ASIDE = regex.compile(r"\s*\(([^()]{1,60})\)")
_AGE_OR_YEAR = regex.compile(
    r"\d{1,2}|aged\s+\d{1,2}|(?:y|yr|year)\s?\d{1,2}|(?:reception|nursery)", regex.IGNORECASE
)


@dataclass(frozen=True)
class Word:
    text: str  # the word without a possessive ending
    start: int
    end: int
    possessive: bool


def fold(word: str) -> str:
    """Lower case without diacritics: "Wiśniewska" and "Wisniewska" look up the same."""
    decomposed = unicodedata.normalize("NFKD", word.translate(_FOLD))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def normalise(word: str) -> str:
    """The form a name is remembered by: NFKC, lower case, no dots, no possessive."""
    folded = unicodedata.normalize("NFKC", word).replace("’", "'").lower()
    return _POSSESSIVE.sub("", folded).replace(".", "").replace(" ", "")


@cache
def name_list() -> frozenset[str]:
    names: set[str] = set()
    available = {
        m.name
        for m in pkgutil.iter_modules(importlib.import_module("faker.providers.person").__path__)
    }
    for locale in _FAKER_LOCALES:
        if locale not in available:
            continue
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attr in _NAME_LISTS:
            values = getattr(provider, attr, None)
            if isinstance(values, list | tuple | dict):
                names.update(fold(v) for v in values if isinstance(v, str))
    names.update(_first_name_dictionary())
    return frozenset(n for n in names if len(n) > 1)


def _first_name_dictionary() -> Iterator[str]:
    """First names of gender-guesser's dictionary (Jörg Michael's, about 45,000 names)."""
    data = resources.files("gender_guesser").joinpath("data/nam_dict.txt")
    with data.open("r", encoding="utf-8") as lines:
        for line in lines:
            if line[:1] in "#=" or len(line) < 30:
                continue
            name = fold(line[3:29].strip())
            for variant in {name.replace("+", "-"), name.replace("+", "")}:
                if _ASCII_NAME.fullmatch(variant):
                    yield variant


@cache
def common_words() -> frozenset[str]:
    text = resources.files("bot.privacy").joinpath("name_words.txt").read_text("utf-8")
    return frozenset(w for w in text.split() if not w.startswith("#") and w.isalpha())


def words(text: str) -> Iterator[Word]:
    for m in _WORD.finditer(text):
        raw = m.group()
        if "." in raw:  # initials "J.S."
            stripped = raw.rstrip()
            yield Word(stripped, m.start(), m.start() + len(stripped), False)
            continue
        bare = _POSSESSIVE.sub("", raw)
        yield Word(bare, m.start(), m.start() + len(bare), len(bare) != len(raw))


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def _is_all_caps(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def _parts(word: str) -> list[str]:
    return [p for p in fold(word).split("-") if p]


def _listed(word: str) -> bool:
    return any(p in name_list() for p in _parts(word))


def _ambiguous(word: str) -> bool:
    lower = fold(word)
    if lower in NOT_NAMES or lower in common_words():
        return True
    parts = [p for p in _parts(word) if p in name_list()]
    return all(p in common_words() or p in NOT_NAMES for p in parts)


def _ordinary(lower: str) -> bool:
    """A word of the language or of this field, never a name without stronger context."""
    return (
        lower in NOT_NAMES
        or (lower.endswith("s") and lower[:-1] in NOT_NAMES)  # "Fridays", "Mums"
        or lower in common_words()
        or lower in ACRONYMS
        or lower in TITLES
        or lower in FUNCTION_WORDS
        or lower in DEICTIC
    )


def _lower_case_name(word: str) -> bool:
    """A name typed in lower case ("mum (kayleigh)"): every part is a listed name and none is
    an English or field word; short ones ("dev", "ali") are too often something else."""
    parts = _parts(word)
    return (
        len(word) >= 4
        and bool(parts)
        and all(p.isalpha() and p in name_list() and not _ordinary(p) for p in parts)
        and not any(p in ASIDE_WORDS or p in POSSESSED for p in parts)
    )


def _aside_shows_person(tokens: list[Word], i: int, text: str) -> bool:
    """The word starts a run of capitalised words followed by an aside about a person:
    "Hodan (mum)", "Semhar Tesfay (UASC, 16)", "Gintare (Y4)"."""
    end = i
    while (
        end + 1 < len(tokens)
        and end - i < 3
        and _is_capitalised(tokens[end + 1].text)
        and text[tokens[end].end : tokens[end + 1].start] == " "
    ):
        end += 1
    last = tokens[end]
    m = _ASIDE.match(text, last.end + (len("'s") if last.possessive else 0))
    if m is None:
        return False
    for item in m.group(1).split(","):
        item = item.strip()
        first = item.split()[0].lower() if item.split() else ""
        if first in ASIDE_WORDS or _AGE_OR_YEAR.fullmatch(item):
            return True
    return False


def _joins_found(
    tokens: list[Word], found: dict[int, Word], j: int, text: str, initial: bool
) -> bool:
    """Whether word `j` is a name by its found neighbours (see `NameFinder._extend_around`)."""
    word = tokens[j]
    if not _is_capitalised(word.text) or _ordinary(fold(word.text)):
        return False
    if word.text.isupper() and len(word.text) <= 3:
        return False
    safe_start = not initial or (_listed(word.text) and not _ambiguous(word.text))
    nxt = j + 1 if j + 1 < len(tokens) else None
    prv = j - 1 if j > 0 else None
    before_name = (
        nxt is not None
        and nxt in found
        and not word.possessive
        and text[word.end : tokens[nxt].start] == " "
        and safe_start
    )
    listed_with = any(
        k is not None
        and k in found
        and _COORDINATION.fullmatch(
            text[min(word.end, tokens[k].end) : max(word.start, tokens[k].start)]
        )
        is not None
        and (k == prv or safe_start)
        for k in (prv, nxt)
    )
    nickname = (
        prv is not None
        and prv in found
        and text[tokens[prv].end : word.start] == " ("
        and text[word.end : word.end + 1] == ")"
    )
    return before_name or listed_with or nickname


def _starts_sentence(text: str, position: int) -> bool:
    """Only white space between `position` and the start of the text or a sentence mark. (A
    regular expression on the text before `position` would read all of it, for every word.)"""
    while position > 0 and _SPACE.match(text, position - 1):
        position -= 1
    return position == 0 or text[position - 1] in _SENTENCE_MARKS


def _after_cue(text: str, position: int) -> bool:
    """The word at `position` follows "called", "known as"... (quotes and spaces between)."""
    while position > 0 and text[position - 1] in _CUE_QUOTES:
        position -= 1
    tail = text[max(0, position - _LONGEST_CUE) : position].lower()
    return any(tail.endswith(cue) for cue in NAME_CUES)


def _initials(word: str, text_is_shouting: bool) -> bool:
    if "." in word:
        return True
    return (
        2 <= len(word) <= 3
        and word.isalpha()
        and word.isupper()
        and not text_is_shouting
        and word.lower() not in ACRONYMS
        and word.lower() not in NOT_NAMES
    )


class NameFinder:
    """Finds name words in a text; ``remembered`` tells whether a word was seen in the dialog."""

    def __init__(self, remembered: Callable[[str], bool]) -> None:
        self._remembered = remembered

    def find(self, text: str) -> list[Word]:
        tokens = list(words(text))
        letters = [c for c in text if c.isalpha()]
        shouting = bool(letters) and sum(c.isupper() for c in letters) > 0.8 * len(letters)
        initial = [_starts_sentence(text, word.start) for word in tokens]
        found: dict[int, Word] = {}
        for i, word in enumerate(tokens):
            if self._is_name(tokens, i, text, shouting, initial[i]):
                found[i] = word
        self._extend_surnames(tokens, found, text)
        self._extend_around(tokens, found, text, initial)
        seen = {normalise(w.text) for w in found.values()}
        for i, word in enumerate(tokens):
            key = normalise(word.text)
            if (
                i not in found
                and len(key) > 1
                and key not in FUNCTION_WORDS
                and (key in seen or self._remembered(key))
            ):
                found[i] = word
        return [found[i] for i in sorted(found)]

    def _is_name(
        self, tokens: list[Word], i: int, text: str, shouting: bool, initial: bool
    ) -> bool:
        word = tokens[i]
        lower = word.text.lower()
        prev = tokens[i - 1] if i > 0 else None
        after_title = (
            prev is not None
            and prev.text.lower().rstrip(".") in TITLES
            and _is_capitalised(prev.text)
            and regex.fullmatch(r"\.?\s+", text[prev.end : word.start]) is not None
        )
        if word.text.isupper() and lower in ACRONYMS:
            return False
        if word.text.isupper() and len(word.text) <= 3 and "." not in word.text:
            if after_title and lower not in ACRONYMS:
                return True
            return _initials(word.text, shouting)
        if "." in word.text:
            return True
        if word.text.islower():
            return _lower_case_name(word.text)
        if lower in TITLES or not _is_capitalised(word.text):
            return False
        if after_title:
            return True
        if _after_cue(text, word.start):
            return lower not in NOT_NAMES
        possessed = word.possessive and self._next_word(tokens, i) in POSSESSED
        if not _listed(word.text):
            return self._unlisted_is_name(tokens, i, text, initial, possessed)
        if not _ambiguous(word.text):
            return True
        if lower in NOT_NAMES:
            return False
        if word.possessive or (_is_all_caps(word.text) and not shouting and lower not in ACRONYMS):
            return True
        if not initial:
            return not self._in_proper_phrase(tokens, i, text)
        return (
            self._next_word(tokens, i) in SPEECH_VERBS
            or self._next_is_name(tokens, i, text)
            # "Ruby, DOB ...", "Harry (1/2/2014)", "Ivy is 2", "Ivy, aged 2"
            or _AGE_OR_ASIDE.match(text, word.end + (2 if word.possessive else 0)) is not None
        )

    @staticmethod
    def _unlisted_is_name(
        tokens: list[Word], i: int, text: str, initial: bool, possessed: bool
    ) -> bool:
        """A capitalised word no list has: a name only where the sentence shows a person."""
        word = tokens[i]
        lower = fold(word.text)
        if _ordinary(lower):
            return False
        if possessed:
            return True
        if word.text.isupper():
            return False
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        # "Jasleen's bedroom", but not "Today's meeting".
        if (
            word.possessive
            and nxt is not None
            and nxt.text.islower()
            and text[word.end : nxt.start].strip(" '’s") == ""
            and not (initial and lower in DEICTIC)
        ):
            return True
        if _aside_shows_person(tokens, i, text):
            return True
        prev = tokens[i - 1] if i > 0 else None
        # "flagged 4 attendances for Chidinma in 6 weeks": a lone proper noun after a word
        # that takes a person.
        return (
            not initial
            and prev is not None
            and prev.text.lower() in PERSON_BEFORE
            and text[prev.end : word.start] == " "
            and (nxt is None or not _is_capitalised(nxt.text) or text[word.end : nxt.start] != " ")
        )

    @staticmethod
    def _next_word(tokens: list[Word], i: int) -> str:
        return tokens[i + 1].text.lower() if i + 1 < len(tokens) else ""

    @staticmethod
    def _next_is_name(tokens: list[Word], i: int, text: str) -> bool:
        if i + 1 >= len(tokens):
            return False
        nxt = tokens[i + 1]
        return (
            text[tokens[i].end : nxt.start] == " "
            and _is_capitalised(nxt.text)
            and _listed(nxt.text)
            and nxt.text.lower() not in NOT_NAMES
        )

    @staticmethod
    def _in_proper_phrase(tokens: list[Word], i: int, text: str) -> bool:
        """Capitalised neighbours that are domain words: "Early Help", "Family Court"."""
        for j in (i - 1, i + 1):
            if 0 <= j < len(tokens):
                gap = text[
                    min(tokens[i].end, tokens[j].end) : max(tokens[i].start, tokens[j].start)
                ]
                if (
                    gap.strip() == ""
                    and tokens[j].text.lower() in NOT_NAMES
                    and _is_capitalised(tokens[j].text)
                ):
                    return True
        return False

    @staticmethod
    def _extend_around(
        tokens: list[Word], found: dict[int, Word], text: str, initial: list[bool]
    ) -> None:
        """First names before a found surname ("from Sagal Mohamud's"), names listed with a
        found name ("Abdullah, Layan and Youssef") and a nickname in brackets ("Funmilayo
        (Funmi)"). Each rule looks only at a word's neighbours, so only the neighbours of a
        word just found need another look (a pass over every word per word found would be
        quadratic in a long run of capitalised words)."""
        pending = list(range(len(tokens)))
        while pending:
            j = pending.pop()
            if j not in found and _joins_found(tokens, found, j, text, initial[j]):
                found[j] = tokens[j]
                pending += [k for k in (j - 1, j + 1) if 0 <= k < len(tokens) and k not in found]

    @staticmethod
    def _extend_surnames(tokens: list[Word], found: dict[int, Word], text: str) -> None:
        """A capitalised word right after a found name is its surname ("Jay Kowalczyk")."""
        for i in sorted(found):
            j = i + 1
            while j < len(tokens) and j not in found:
                nxt, cur = tokens[j], tokens[j - 1]
                after = tokens[j + 1].text if j + 1 < len(tokens) else ""
                # "Liam Foster pushed" is a surname, "Liam Foster Carer" is not.
                domain_word = nxt.text.lower() in NOT_NAMES and not (
                    _listed(nxt.text) and not _is_capitalised(after)
                )
                if (
                    cur.possessive
                    or text[cur.end : nxt.start] != " "
                    or not _is_capitalised(nxt.text)
                    or domain_word
                    or nxt.text.lower() in ACRONYMS
                ):
                    break
                found[j] = nxt
                j += 1
