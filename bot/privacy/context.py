"""What the text around a word says: the facts the name rules test, each looking only at a
word's near neighbours, so finding names stays linear in the length of the text."""

import itertools

import regex

from bot.privacy.lexicon import (
    AGENCY_HEADS,
    ASIDE_WORDS,
    BRANDS,
    CONDITION_HEADS,
    EPONYM_HEADS,
    NAME_CUES,
    NOT_NAMES,
    PERSON_NOUNS,
    PERSON_ONLY_STATES,
    PERSON_PLACES,
    PERSON_STATES,
    POSSESSED,
    SPEECH_VERBS,
    TITLES,
    TOOL_HEADS,
    WELSH_HEALTH_BOARDS,
    WELSH_SENTENCE_WORDS,
    ambiguous,
    english_words,
    listed,
)
from bot.privacy.tokens import Word, fold, is_capitalised, words

_AGE_OR_ASIDE = regex.compile(r"\s*[,(]|\s+(?:is|was|aged)\s+(?:aged\s+)?\d", regex.IGNORECASE)
_SPACE = regex.compile(r"\s")
_TITLE_GAP = regex.compile(r"\.?\s+")
# Titles that head a name typed in lower case too.
# (Not "miss", "master", "sir": words as well; nor "pc", "ds": "the pc Fortnite", "his ds".)
_LOWER_CASE_TITLES = frozenset(TITLES) - {"miss", "master", "sir", "dame", "pc", "dc", "ds", "di"}
# Days, the weekdays' plurals and feasts ("nan Sundays", "nan Easter weekend").
_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_SHORT = ("mon", "tue", "tues", "wed", "weds", "thu", "thur", "thurs", "fri", "sat", "sun")
_FEASTS = ("easter", "christmas", "xmas", "eid", "diwali", "ramadan", "boxing", "halloween", "new")
_DAYS = frozenset([*_WEEKDAY_NAMES, *_WEEKDAY_SHORT, *_FEASTS])
_DIGIT_AFTER = regex.compile(r"\s*(?:the\s+)?\d")
_SENTENCE_MARKS = frozenset('.!?:;|["“•-–')
_CUE_QUOTES = " \t\"'“‘"
_LONGEST_CUE = max(len(cue) for cue in NAME_CUES)
_CUE_ENDINGS = tuple(NAME_CUES)  # str.endswith tries a tuple's strings in one call
_ASIDE = regex.compile(r"\s*\(([^()]{1,60})\)")
# Words only Welsh has, which a sentence in English does not use: two of them make a text Welsh
# (looked up without a clitic: "mae'r" as "mae", "sy'n" as "sy").
_WELSH_MARKERS = frozenset(
    [
        "yn",
        "yr",
        "mae",
        "maen",
        "ydy",
        "ydw",
        "ydyn",
        "oes",
        "beth",
        "sut",
        "gyda",
        "wedi",
        "gan",
        "neu",
        "ond",
        "nhw",
        "roedd",
        "oedd",
        "bydd",
        "fydd",
        "angen",
        "cael",
        "gael",
        "rhaid",
        "hefyd",
        "mewn",
        "rhwng",
        "heb",
        "hyn",
        "hynny",
        "yw",
        "sydd",
        "gwybodaeth",
        "pwrpas",
        "rheswm",
        "rhannwyd",
        "dywedodd",
        "ddywedodd",
        "cadw",
        "cyfeirio",
        "siarad",
        "cynnig",
        "heddiw",
        "neb",
        "efo",
        "sy",
        "ddim",
        "iawn",
        "gyfer",
        "pryd",
        "pwy",
        "dros",
        "allan",
        "mynd",
        "dwi",
        "rydw",
        "rydym",
        "rydyn",
        "eich",
        "ein",
    ]
)
_WELSH_CLITIC = regex.compile(r"['’](?:r|n|w|i|m|th)$")
_WELSH_SPELLING = regex.compile(
    r"dd|ff|ll|rh|ngh|wy|yw|ydd|ŵ|ŷ|w[bcdfglmnprst]|(?:iad|au|ion|edd|aeth|iaeth|deb|wyr|ol)$"
)
# A capital letter glossed in brackets ("C (authorised)", "B (high)").
_GLOSSED_LETTER = regex.compile(r"(?<![\w'’])([A-Z]) \(([a-z][^()\d\n]{0,60})\)")
# The words written right before "(ABC)".
_ASIDE_BEFORE = regex.compile(r"((?:[\w'’\-]+\s+){1,6})\(\s*\Z")


_AGED = regex.compile(r" (?:is|was) (?:aged )?\d{1,2}(?![\d%:/]|\.\d)\b", regex.IGNORECASE)
# An age and nothing that could make the number a measure: "Honour is 4 and", "Honour is 4."
_ONLY_AGED = regex.compile(
    r" (?:is|was) (?:aged )?\d{1,2}(?: (?:years?|yrs?)(?: old)?)?(?=[,;)]|\.(?!\d)|\s+and\b|\s*$)",
    regex.IGNORECASE,
)
_AUXILIARIES = frozenset(
    [
        "is",
        "was",
        "has",
        "had",
        "seems",
        "seemed",
        "looked",
        "looks",
        "appeared",
        "appears",
        "felt",
        "feels",
        "got",
        "gets",
    ]
)
_FILLERS = frozenset(
    [
        "a",
        "an",
        "been",
        "being",
        "no",
        "not",
        "now",
        "still",
        "very",
        "really",
        "so",
        "quite",
        "again",
        "also",
    ]
)
_SPEECH_ADVERBS = frozenset(
    ["just", "then", "also", "later", "finally", "eventually", "apparently", "has", "had", "never"]
)
_THEIR = frozenset(["his", "her", "their"])
# Words that may start the noun phrase after "is": "is the older brother", "is their carer".
_DETERMINERS = frozenset(["the", "a", "an", "his", "her", "their"])
_PHRASE_ENDS = frozenset(["of", "that", "to", "for", "with", "and", "but", "about"])
_CLAUSE_WORDS = frozenset(
    [
        "and",
        "but",
        "then",
        "so",
        "when",
        "because",
        "while",
        "after",
        "before",
        "that",
        "as",
        "or",
        "said",
        "says",
        "told",
        "thinks",
        "thought",
        "reported",
    ]
)
_AGE_OR_YEAR = regex.compile(
    r"\d{1,2}|aged\s+\d{1,2}|(?:y|yr|year)\s?\d{1,2}|(?:reception|nursery)", regex.IGNORECASE
)

_NAME_JOINS = frozenset(["and", "&", "of"])
_LAWS = frozenset(["law", "laws"])
_ARTICLES = frozenset(["the", "a", "an"])


def _by_word(phrases: frozenset[str]) -> dict[str, list[tuple[tuple[str, ...], int]]]:
    """Each word of the phrases, with the phrases it is in and where."""
    index: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    for phrase in sorted(phrases):
        phrase_words = tuple(phrase.split())
        for position, word in enumerate(phrase_words):
            index.setdefault(word, []).append((phrase_words, position))
    return index


_AGENCY_HEADS = _by_word(AGENCY_HEADS)
_HEALTH_BOARDS = _by_word(WELSH_HEALTH_BOARDS)
_BRAND_PHRASES = _by_word(frozenset(b for b in BRANDS if " " in b))
# The first words of both lists: a text without any has no agency to look for, word by word.
_AGENCY_WORD = regex.compile(
    r"\b(?:"
    + "|".join(sorted({regex.escape(p.split()[0]) for p in AGENCY_HEADS | WELSH_HEALTH_BOARDS}))
    + r")\b",
    regex.IGNORECASE,
)


class Context:
    """A text split into words, with questions about the neighbourhood of word `i`."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = list(words(text))
        letters = [c for c in text if c.isalpha()]
        self.shouting = bool(letters) and sum(c.isupper() for c in letters) > 0.8 * len(letters)
        self.initial = [_starts_sentence(text, word.start) for word in self.tokens]
        self._may_name_agency: bool | None = None
        self._spelled: dict[int, frozenset[str]] = {}
        self._glossed: frozenset[int] | None = None
        folded = {_WELSH_CLITIC.sub("", fold(t.text)) for t in self.tokens}
        # Two of the language's commonest words; or, in a short box answer with fewer of them
        # ("Pwrpas: atgyfeiriad i Dechrau'n Deg."), three of its words and half the words.
        # Two of those at least must be words only Welsh has: no first name, no English word
        # ("Beth and Dan need help" is English).
        welsh = folded & WELSH_SENTENCE_WORDS
        only_welsh = [w for w in welsh if not listed(w) and w not in english_words()]
        self.welsh = len(folded & _WELSH_MARKERS) >= 2 or (
            len(welsh) >= 3 and 2 * len(welsh) >= len(folded) and len(only_welsh) >= 2
        )

    def spelled_out(self, i: int) -> bool:
        """Whether the capitals of word `i` are spelled out by words that are no names: in
        brackets beside them ("DSP (designated safeguarding person)", "a secondary school
        officer (SSO)"), or three or more capitalised anywhere in the text ("Family Group
        Conference ... FGC"); not "John Smith ... JS"."""
        letters = self.tokens[i].text.lower()
        n = len(letters)
        if n < 2:
            return False
        aside = _ASIDE.match(self.text, self.tokens[i].end)
        if aside is not None and _initials_of(aside.group(1).split()) == letters:
            return True
        start = self.tokens[i].start
        before = _ASIDE_BEFORE.search(self.text, max(0, start - 80), start)
        if before is not None:
            run = before.group(1).split()[-n:]
            if _initials_of(run) == letters and not any(listed(w) for w in run):
                return True
        if n < 3:
            return False
        if n not in self._spelled:
            qualifies = [
                len(t.text) > 2
                and is_capitalised(t.text)
                and not t.text.isupper()
                and not listed(t.text)
                for t in self.tokens
            ]
            self._spelled[n] = frozenset(
                _initials_of([t.text for t in self.tokens[j : j + n]])
                for j in range(len(self.tokens) - n + 1)
                if all(qualifies[j : j + n])
            )
        return letters in self._spelled[n]

    def welsh_word(self, i: int) -> bool:
        """Word `i` is a word of the language in a text written in Welsh ("Beth mae'r Cod yn
        ei ddweud?"): one of the common words, or a word no names list holds that is spelled
        as only Welsh spells."""
        if not self.welsh:
            return False
        word = self.tokens[i].text
        bare = _WELSH_CLITIC.sub("", fold(word))
        if bare in WELSH_SENTENCE_WORDS:
            return True
        # A word no names list holds: in lower case, or spelled as only Welsh spells and
        # capitalised beside a capitalised common word, as in a title ("Fframwaith Hyfforddiant
        # Diogelu"); not "Gruff Llewelyn", whose surname no list may hold.
        if listed(word):
            return False
        if word.islower():
            return True  # "adael": a lower-case word no list holds
        return _WELSH_SPELLING.search(bare) is not None and any(
            n is not None
            and is_capitalised(n.text)
            and _WELSH_CLITIC.sub("", fold(n.text)) in WELSH_SENTENCE_WORDS
            for n in (self.prev(i), self.next(i))
        )

    def glossed_letter(self, i: int) -> bool:
        """Whether word `i` is a capital letter in a list of three or more, in alphabetical
        order, each glossed in brackets: codes or bands, not initials ("C (authorised),
        G (holiday), N (no reason yet)"; not "J (mum), K (dad), L (aged 4)")."""
        if self._glossed is None:
            found = list(_GLOSSED_LETTER.finditer(self.text))
            letters = [m.group(1) for m in found]
            ordered = all(a < b for a, b in itertools.pairwise(letters))
            of_people = any(
                fold(w) in PERSON_NOUNS for m in found for w in regex.findall(r"\w+", m.group(2))
            )
            lettered = len(found) >= 3 and ordered and not of_people
            self._glossed = frozenset(m.start(1) for m in found) if lettered else frozenset()
        return self.tokens[i].start in self._glossed

    def prev(self, i: int) -> Word | None:
        return self.tokens[i - 1] if i > 0 else None

    def next(self, i: int) -> Word | None:
        return self.tokens[i + 1] if i + 1 < len(self.tokens) else None

    def next_word(self, i: int) -> str:
        nxt = self.next(i)
        return nxt.text.lower() if nxt is not None else ""

    def gap(self, before: Word, after: Word) -> str:
        return self.text[before.end : after.start]

    def after_title(self, i: int) -> bool:
        prev, word = self.prev(i), self.tokens[i]
        if prev is None:
            return False
        gap = self.gap(prev, word)
        if _TITLE_GAP.fullmatch(gap) is None:
            return False
        title = prev.text.lower().rstrip(".")
        # "her MS. Should I refer", "Response PC. Attended": a word of the language after a
        # full stop starts a sentence ("Mr. Smith" keeps his name).
        lower = fold(word.text)
        if "." in gap and (lower in english_words() or lower in _ARTICLES) and ambiguous(word.text):
            return False
        if is_capitalised(prev.text):
            return title in TITLES
        # Typed in lower case, a family word or a title still heads a capitalised name on the
        # same line ("aunt May", "grandma Mars"), one that may be a name: not a day ("saw nan
        # Monday", "nan Sundays", "nan May 3rd", "nan Easter weekend") nor a word of the
        # language in no names list ("uncle\nPolice attended", "grandad Both attended").
        return (
            prev.text.islower()
            and title in _LOWER_CASE_TITLES
            and "\n" not in gap
            and is_capitalised(word.text)
            and lower.removesuffix("s") not in _DAYS
            and (listed(word.text) or lower not in english_words())
            and _DIGIT_AFTER.match(self.text, word.end) is None
        )

    def after_cue(self, i: int) -> bool:
        """The word follows "called", "known as"... (quotes and spaces between)."""
        position = self.tokens[i].start
        while position > 0 and self.text[position - 1] in _CUE_QUOTES:
            position -= 1
        tail = self.text[max(0, position - _LONGEST_CUE) : position].lower()
        return tail.endswith(_CUE_ENDINGS)

    def next_is_name(self, i: int) -> bool:
        nxt = self.next(i)
        return (
            nxt is not None
            and self.gap(self.tokens[i], nxt) == " "
            and is_capitalised(nxt.text)
            and listed(nxt.text)
            and nxt.text.lower() not in NOT_NAMES
        )

    def age_or_aside_follows(self, i: int) -> bool:
        """ "Ruby, DOB ...", "Harry (1/2/2014)", "Ivy is 2", "Ivy, aged 2"."""
        word = self.tokens[i]
        return _AGE_OR_ASIDE.match(self.text, word.end + (2 if word.possessive else 0)) is not None

    def following(self, i: int, count: int) -> list[str]:
        """Up to `count` words after word `i`, lower case, while only a space separates them."""
        found: list[str] = []
        j = i
        while len(found) < count and j + 1 < len(self.tokens):
            if self.gap(self.tokens[j], self.tokens[j + 1]) != " ":
                break
            j += 1
            found.append(self.tokens[j].text.lower())
        return found

    def person_only_slot(self, i: int) -> bool:
        """What follows word `i` fits only a person: an age alone ("Honour is 4 and") or a
        state only a person is in ("Justice was excluded")."""
        word = self.tokens[i]
        if word.possessive:
            return False
        if _ONLY_AGED.match(self.text, word.end) is not None:
            return True
        after = self.following(i, 4)
        if not after or after[0] not in _AUXILIARIES:
            return False
        rest = after[1:]
        while rest and rest[0] in _FILLERS:
            rest = rest[1:]
        return bool(rest) and (rest[0] in PERSON_ONLY_STATES or _names_a_person(rest))

    def person_slot(self, i: int) -> bool:
        """What follows word `i` says it is a person: a speech verb ("Tegs said"), a state
        ("Will was upset", "Rose has a bruise"), an age ("Zarlasht is 16"), "and her mum" or
        "is with his dad"."""
        word = self.tokens[i]
        if word.possessive:
            return False
        if _AGED.match(self.text, word.end) is not None:
            return True
        after = self.following(i, 7)
        if not after:
            return False
        if after[0] in SPEECH_VERBS:
            return True
        # "Joy just told me", "Star then said": an adverb of time before the speech verb.
        if len(after) > 1 and after[0] in _SPEECH_ADVERBS and after[1] in SPEECH_VERBS:
            return True
        if after[0] == "and":
            return len(after) > 2 and after[1] in _THEIR and after[2] in POSSESSED
        if after[0] not in _AUXILIARIES:
            return False
        rest = after[1:]
        while rest and rest[0] in _FILLERS:
            rest = rest[1:]
        if len(rest) > 1 and rest[0] == "with" and (rest[1] in _THEIR or _names_a_person(rest[1:])):
            return True
        if _names_a_person(rest):
            return True
        if len(rest) > 1 and rest[0] in ("in", "on") and _puts_a_person(rest[1:]):
            return True
        return bool(rest) and (rest[0] in PERSON_STATES or rest[0] in SPEECH_VERBS)

    def starts_clause(self, i: int) -> bool:
        prev = self.prev(i)
        return (
            self.initial[i]
            or prev is None
            or prev.text.lower() in _CLAUSE_WORDS
            or "," in self.gap(prev, self.tokens[i])
        )

    def after_proper(self, i: int) -> bool:
        """A capitalised word right before word `i` ("Language Line", "Clare's Law")."""
        prev = self.prev(i)
        return (
            prev is not None
            and is_capitalised(prev.text)
            and is_capitalised(self.tokens[i].text)
            and self.gap(prev, self.tokens[i]).strip(" '’s") == ""
        )

    def names_a_thing(self, i: int) -> bool:
        """Word `i` starts a name given to a law, test, report, condition or body: "Clare's
        Law", "Down's syndrome", "Gillick competent", "the Laming report", "the Lucy Faithfull
        Foundation"."""
        k = i
        for _ in range(3):
            cur, nxt = self.tokens[k], self.next(k)
            if nxt is None or self.gap(cur, nxt).strip(" '’s") != "":
                return False
            head = nxt.text.lower() in EPONYM_HEADS or (
                nxt.text.lower() in TOOL_HEADS
                and (is_capitalised(nxt.text) or self._article_before(i))
            )
            if cur.possessive:  # "Clare's Law", "Down's syndrome" but not "Jay's review"
                return (
                    (head and is_capitalised(nxt.text))
                    or self._names_a_condition(k + 1)
                    # typed in lower case: "clare's law", "sarah's law"
                    or (cur.text.islower() and nxt.text.lower() in _LAWS)
                )
            if head:
                return True
            if not is_capitalised(nxt.text):
                return False
            k += 1
        return False

    def _article_before(self, i: int) -> bool:
        """ "the" or "a" before the run of capitalised words word `i` is in."""
        tokens = self.tokens
        while i > 0 and self.gap(tokens[i - 1], tokens[i]) == " ":
            before = tokens[i - 1].text
            if before.lower() in _ARTICLES:
                return True
            if not is_capitalised(before):
                return False
            i -= 1
        return False

    def _names_a_condition(self, j: int) -> bool:
        """Word `j`, after a possessive, makes it a condition: "Bell's palsy", "Munchausen's
        by proxy"."""
        lower = self.tokens[j].text.lower()
        return lower in CONDITION_HEADS or (lower == "by" and self.next_word(j) == "proxy")

    def names_an_agency(self, i: int) -> bool:
        """Word `i` is in the name of an agency: capitalised words (joined by "and" or "of")
        before a word that ends one ("Kent Police", "Devon and Cornwall Police", "Cardiff and
        Vale University Health Board"), or a Welsh health board ("Hywel Dda")."""
        if self._may_name_agency is None:
            self._may_name_agency = _AGENCY_WORD.search(self.text) is not None
        if not self._may_name_agency:
            return False
        if self._in_phrase(i, _HEALTH_BOARDS):
            return True
        tokens = self.tokens
        j = i
        for _ in range(6):
            if tokens[j].possessive or j + 1 >= len(tokens):
                return False
            if self.gap(tokens[j], tokens[j + 1]) != " ":
                return False
            j += 1
            if self._agency_head_at(j):
                return True
            if (
                tokens[j].text.lower() in _NAME_JOINS
                and j + 1 < len(tokens)
                and is_capitalised(tokens[j + 1].text)
            ):
                continue
            if not is_capitalised(tokens[j].text):
                return False
        return False

    def _agency_head_at(self, j: int) -> bool:
        for phrase, position in _AGENCY_HEADS.get(self._phrase_word(j), ()):
            one_word_ok = len(phrase) > 1 or is_capitalised(self.tokens[j].text)
            if position == 0 and one_word_ok and self._matches(j, phrase):
                return True
        return False

    def _in_phrase(self, i: int, index: dict[str, list[tuple[tuple[str, ...], int]]]) -> bool:
        return any(
            i >= position and self._matches(i - position, phrase)
            for phrase, position in index.get(self._phrase_word(i), ())
        )

    def in_brand_phrase(self, i: int) -> bool:
        """Word `i` is in a brand's name of two words or more ("North Face", "Red Bull")."""
        return self._in_phrase(i, _BRAND_PHRASES)

    def phrase_word(self, j: int) -> str:
        """Word `j` in lower case, with its possessive ending ("mcdonald's")."""
        return self._phrase_word(j)

    def _phrase_word(self, j: int) -> str:
        word = self.tokens[j]
        return word.text.lower() + ("'s" if word.possessive else "")

    def _matches(self, start: int, phrase: tuple[str, ...]) -> bool:
        """The words from `start` are `phrase`, a space apart."""
        tokens = self.tokens
        if start + len(phrase) > len(tokens):
            return False
        for k, expected in enumerate(phrase):
            j = start + k
            if self._phrase_word(j) != expected:
                return False
            if k and self.gap(tokens[j - 1], tokens[j]).strip(" '’s") != "":
                return False
        return True

    def in_proper_phrase(self, i: int) -> bool:
        """Capitalised neighbours that are domain words: "Early Help", "Family Court"; or, for
        a name that is also a word, a capitalised word before it that is no name ("Emotional
        Harm", "Red Cross", "Low Level Concerns"; not "Sarah Cross")."""
        word = self.tokens[i]
        if i > 0 and ambiguous(word.text):
            prev = self.tokens[i - 1]
            if (
                self.gap(prev, word) == " "
                and is_capitalised(prev.text)
                and fold(prev.text) in english_words()
                and not listed(prev.text)
                and not prev.possessive
                and not self.initial[i - 1]  # "Took Amber and her brother"
            ):
                return True
        for j in (i - 1, i + 1):
            if 0 <= j < len(self.tokens):
                word, other = self.tokens[i], self.tokens[j]
                gap = self.text[min(word.end, other.end) : max(word.start, other.start)]
                if (
                    gap.strip() == ""
                    and other.text.lower() in NOT_NAMES
                    and is_capitalised(other.text)
                ):
                    return True
        return False

    def aside_shows_person(self, i: int) -> bool:
        """The word starts a run of capitalised words followed by an aside about a person:
        "Hodan (mum)", "Semhar Tesfay (UASC, 16)", "Gintare (Y4)"."""
        tokens = self.tokens
        end = i
        while (
            end + 1 < len(tokens)
            and end - i < 3
            and is_capitalised(tokens[end + 1].text)
            and self.gap(tokens[end], tokens[end + 1]) == " "
        ):
            end += 1
        last = tokens[end]
        m = _ASIDE.match(self.text, last.end + (len("'s") if last.possessive else 0))
        if m is None:
            return False
        for item in m.group(1).split(","):
            item = item.strip()
            first = item.split()[0].lower() if item.split() else ""
            if first in ASIDE_WORDS or _AGE_OR_YEAR.fullmatch(item):
                return True
        return False


def _names_a_person(phrase: list[str]) -> bool:
    """ "the older brother", "mum's new partner", "older boys": a noun phrase of up to four
    words that ends in a word for a person."""
    if phrase and phrase[0] in _DETERMINERS:
        phrase = phrase[1:]
    for word in phrase[:3]:
        if word in PERSON_NOUNS:
            return True
        if word in _PHRASE_ENDS or word in _DETERMINERS:
            return False
    return False


def _puts_a_person(phrase: list[str]) -> bool:
    """ "foster care", "the child in need plan", but not "the detail of the plan"."""
    for word in phrase:
        if word in PERSON_PLACES:
            return True
        if word in _PHRASE_ENDS:
            return False
    return False


def _initials_of(phrase: list[str]) -> str:
    """ "Family Group Conference" -> "fgc"."""
    return "".join(w[0].lower() for w in phrase if w)


def _starts_sentence(text: str, position: int) -> bool:
    """Only white space between `position` and the start of the text or a sentence mark. (A
    regular expression on the text before `position` would read all of it, for every word.)"""
    while position > 0 and _SPACE.match(text, position - 1):
        position -= 1
    return position == 0 or text[position - 1] in _SENTENCE_MARKS
