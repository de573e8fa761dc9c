"""The one anonymiser for every path that stores, posts or logs free text."""

import bisect
import hashlib
import hmac
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from bot.privacy import spoken_codes
from bot.privacy.date_patterns import is_weekday, opening_hours
from bot.privacy.engine import Analyzer, replace
from bot.privacy.heap import return_freed_memory
from bot.privacy.lexicon import DOCUMENT_HEADS, FUNCTION_WORDS, TITLES, contraction
from bot.privacy.name_rules import BRAND, TAGGER_YIELDS_TO, TITLE_WORD
from bot.privacy.named_places import generic
from bot.privacy.names import NameFinder, Verdict, normalise
from bot.privacy.offices import office_spans, within_office
from bot.privacy.quasi import find_quasi_identifiers, memorable_words
from bot.privacy.recognizers import ENTITY_NAMES, build_analyzer
from bot.privacy.siblings import like_found
from bot.privacy.tagger import Span, Tagger, default_tagger
from bot.privacy.tokens import words
from bot.privacy.widening import PARTICLES, with_dwelling, with_initials, with_joined_places

SCORE_THRESHOLD = 0.35
TAGGER_RULE = "tagger"
ALIKE_RULE = "like one found"  # bot/privacy/siblings.py
# Spaces that a copy from a web page or a system keeps ("999\u00a0123\u00a04567"), read as
# plain spaces (one character for one, so every finding's place is the same in the original).
_WIDE_SPACES = str.maketrans(dict.fromkeys("\u00a0\u2007\u202f\u2009\u200a", " "))
# What an office building's name may be taken for (bot/privacy/offices.py).
_OFFICE_KINDS = frozenset({"ADDRESS", "PLACE", "ORG", "NAME", "HEALTH_SETTING", "SCHOOL"})
DIGEST_CHARS = 32
# When two findings overlap, the more specific one wins; then the longer one.
_PRIORITY = {
    "SLACK_MENTION": 8,
    "URL": 9,
    "EMAIL": 10,
    "NHS_NUMBER": 7,
    "NI_NUMBER": 7,
    "PHONE": 6,
    "POSTCODE": 6,
    "DATE": 5,
    "CASE_NUMBER": 4,
    "ADDRESS": 3,
    "NAME": 2,
    # Above NAME, so "St Aidan's CE Primary" is one school; ADDRESS ties and the longer wins.
    "SCHOOL": 3,
    "HEALTH_SETTING": 3,
    "PLACE": 3,
    "ORG": 3,
    "VEHICLE_REG": 6,
    "SOCIAL_HANDLE": 9,  # an @handle next to "insta" or "snap" is a handle, not a Slack mention
}


# Equal priority and length: the more telling kind names the finding. Without a fixed order the
# set's iteration order (string hashing differs per process) would decide.
# The kinds of rule findings the tagger may drop when it is sure their words are no identifier:
# the ones judged from words in context, not the structured ones a pattern validates.
_VETOABLE = frozenset({"NAME", "SCHOOL", "HEALTH_SETTING", "PLACE", "ORG"})
_SAME_PRIORITY_ORDER = {"SCHOOL": 0, "HEALTH_SETTING": 1, "ORG": 2, "PLACE": 3, "ADDRESS": 4}


@dataclass(frozen=True)
class Finding:
    entity: str
    start: int
    end: int
    # What found it: a name rule (bot/privacy/name_rules.py) or a recognizer (recognizers.py).
    rule: str = field(default="", compare=False)


@dataclass(frozen=True)
class Anonymised:
    text: str
    findings: tuple[Finding, ...]
    known: frozenset[str] = field(default_factory=frozenset)

    def removed_summary(self) -> dict[str, int]:
        return dict(Counter(f.entity for f in self.findings))


@dataclass(frozen=True)
class RuleFindings:
    """What the rules found in one text: the candidates, and the words to remember."""

    candidates: tuple[Finding, ...]
    remembered: frozenset[str]  # the words of names and telling words of places
    # The name rule that turned down each word it turned down, by the word's (start, end).
    turned_down: dict[tuple[int, int], str] = field(default_factory=dict)


class Anonymiser:
    def __init__(
        self, secret_key: bytes, tagger: Tagger | None = None, *, with_tagger: bool = True
    ) -> None:
        """`tagger` replaces the committed model (cross-validation trains its own);
        `with_tagger=False` leaves the rules alone."""
        self._key = secret_key
        self._keyed = hmac.new(secret_key, digestmod=hashlib.sha256)
        self._analyzer: Analyzer = build_analyzer()
        self._tagger = (tagger or default_tagger()) if with_tagger else None
        # Compile every pattern now rather than on the first message.
        self.anonymise("warm up 01/01/2000 a@b.co 07700 900000 Mr Smith")

    def digest(self, word: str) -> str:
        """The keyed digest a name is remembered by in ``known``."""
        return self._digest_of_normalised(normalise(word))

    def anonymise(self, text: str, known: frozenset[str] = frozenset()) -> Anonymised:
        original, text = text, text.translate(_WIDE_SPACES)
        found = self.rule_findings(text, known)
        candidates = list(found.candidates)
        remembered = set(found.remembered)
        if self._tagger is not None:
            analysis = self._tagger.analyse(text)
            veto = self._tagger.veto
            if veto is not None:
                candidates = [
                    c
                    for c in candidates
                    if c.entity not in _VETOABLE or not analysis.outside(c.start, c.end, veto)
                ]
            defer = self._tagger.defer | TAGGER_YIELDS_TO
            sure = _sure_not_identifying(text, found.turned_down)
            tagged = [
                s
                for s in analysis.spans
                if not _deferred(s, found.turned_down, defer) and not sure(s)
            ]
            candidates += [
                Finding(s.entity, *_trimmed(text, s.start, s.end), rule=TAGGER_RULE)
                for s in tagged
                if _ALNUM.search(text, s.start, s.end)
            ]
            remembered |= _tagged_name_words(text, tagged)
        if offices := office_spans(text):
            candidates = [
                c
                for c in candidates
                if c.entity not in _OFFICE_KINDS or not within_office(offices, c.start, c.end)
            ]
        findings = _resolve_overlaps(candidates)
        if alike := [Finding(*f, rule=ALIKE_RULE) for f in like_found(text, findings)]:
            findings = _resolve_overlaps(findings + alike)
        findings = with_dwelling(with_initials(_merge_names(findings, text), text), text)
        findings = with_joined_places(findings, text)
        names_now = {self.digest(w) for w in remembered}
        return Anonymised(
            text=replace(original, [(f.entity, f.start, f.end) for f in findings]),
            findings=tuple(findings),
            known=known | names_now,
        )

    def rule_findings(self, text: str, known: frozenset[str]) -> RuleFindings:
        candidates = [
            _whole_finding(
                Finding(ENTITY_NAMES.get(r.entity, r.entity), r.start, r.end, rule=r.recognizer),
                text,
            )
            for r in self._analyzer.analyze(text, score_threshold=SCORE_THRESHOLD)
        ]
        verdicts = self._name_finder(known).explain(text)
        name_words = [v for v in verdicts if v.is_name]
        turned_down = {(v.start, v.end): v.rule for v in verdicts if not v.is_name}
        candidates += [Finding("NAME", w.start, w.end, rule=w.rule) for w in name_words]
        quasi = find_quasi_identifiers(text)
        candidates += [Finding(*q) for q in quasi]
        candidates += [Finding(*c) for c in spoken_codes.find(text)]
        if hours := opening_hours(text):
            candidates = [c for c in candidates if not _days_within(c, text, hours)]
        remembered = {w.text for w in name_words if len(normalise(w.text)) > 1}
        remembered |= memorable_words(text, quasi)
        return RuleFindings(tuple(candidates), frozenset(remembered), turned_down)

    def explain_names(self, text: str, known: frozenset[str] = frozenset()) -> list[Verdict]:
        """Every word of `text` with the name rule that found it or turned it down."""
        return self._name_finder(known).explain(text)

    def _name_finder(self, known: frozenset[str]) -> NameFinder:
        return NameFinder(lambda key: self._digest_of_normalised(key) in known, bool(known))

    def _digest_of_normalised(self, key: str) -> str:
        mac = self._keyed.copy()  # the key's pads are computed once
        mac.update(key.encode("utf-8"))
        return mac.hexdigest()[:DIGEST_CHARS]


_GLUED_ON = regex.compile(r"(?:[/\-][^\W_]+)+")
# The other ending of a number, or its ending corrected: "07700 900 217/219", "07700 900 413,
# no sorry 431"; not a time or an amount after it ("or 12:30", "or 20 mins").
_PHONE_TAIL = regex.compile(
    r"(?:(?:/|,?\s+(?:or|no|not|sorry)(?:,?\s+(?:sorry|no|its|it's|it’s))*,?\s+)\d{2,4}"
    r"(?![\d:.]|\s*(?:%|am|pm|years?|yrs?|mins?|minutes|hours?|hrs?|kids|children)\b))+",
    regex.IGNORECASE,
)


# A log's date after its number, as police systems write it: "Storm log 0219 22MAR".
_LOG_DATE_CODE = regex.compile(
    r" \d{1,2}(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)(?:\d{2})?\b"
)
# The system's letters glued on before a reference found without them: "NCC/" of
# "NCC/HOM/2026/3391", "NHS-S1-" of "NHS-S1-0099123" (looked for in the 40 characters before).
_GLUED_BEFORE = regex.compile(r"(?<![^\s(\[:;,])(?:[^\W_]{1,12}[/\-])+\Z")


# A month right after a date found without it: "9 Feb, 10" of "9 Feb, 10 Feb, 23 Feb".
# (Capitalised: "the 3rd may be" is no month.)
_MONTH_AFTER = regex.compile(
    r" (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\b(?! \d{1,2}\b)"
)


def _whole_finding(finding: Finding, text: str) -> Finding:
    """A finding with the part of it a recognizer left beside it: a reference's groups glued on
    before or after it ("5369-5294" of "5369-5294-9120-6500", "HOM/2026/3391" of
    "NCC/HOM/2026/3391") or a log's date code; a phone number's other or corrected ending; a
    date's month."""
    if finding.entity == "CASE_NUMBER":
        start, end = finding.start, finding.end
        window = max(0, start - 40)
        if before := _GLUED_BEFORE.search(text[window:start]):
            start = window + before.start()
        if after := (_GLUED_ON.match(text, end) or _LOG_DATE_CODE.match(text, end)):
            end = after.end()
        return Finding(finding.entity, start, end, rule=finding.rule)
    tail = {"PHONE": _PHONE_TAIL, "DATE": _MONTH_AFTER}.get(finding.entity)
    if tail is None or not (m := tail.match(text, finding.end)):
        return finding
    return Finding(finding.entity, finding.start, m.end(), rule=finding.rule)


def _days_within(finding: Finding, text: str, spans: list[tuple[int, int]]) -> bool:
    """A date, or a weekday taken for a name ("Mon"), inside opening hours ("Mon–Fri 9–5"):
    the days a service is open."""
    day = finding.entity == "DATE" or (
        finding.entity == "NAME" and is_weekday(text[finding.start : finding.end])
    )
    return day and any(start <= finding.start and finding.end <= end for start, end in spans)


def _resolve_overlaps(candidates: list[Finding]) -> list[Finding]:
    """Keep non-overlapping findings; a finding overlapped by a stronger one is widened into it.

    The findings kept never overlap, so sorted by start they are sorted by end too, and the ones
    a candidate overlaps are found by bisection (a scan of all of them per candidate made this
    quadratic in the number of findings)."""
    ranked = sorted(
        set(candidates),
        key=lambda f: (
            # The rules' findings first: a tagger span over them only widens them, so each
            # keeps the kind and the rule that found it.
            f.rule == TAGGER_RULE,
            -_PRIORITY.get(f.entity, 1),
            -(f.end - f.start),
            f.start,
            _SAME_PRIORITY_ORDER.get(f.entity, len(_SAME_PRIORITY_ORDER)),
            f.entity,
        ),
    )
    starts: list[int] = []
    ends: list[int] = []
    kept: list[tuple[Finding, int]] = []  # with the order each was kept in, for ties
    for order, cand in enumerate(ranked):
        first = bisect.bisect_right(ends, cand.start)
        last = bisect.bisect_left(starts, cand.end, lo=first)
        overlapping = kept[first:last]
        if not overlapping:
            starts.insert(first, cand.start)
            ends.insert(first, cand.end)
            kept.insert(first, (cand, order))
            continue
        # Cover the characters the stronger finding left out, so nothing of either survives.
        lo, hi = overlapping[0][0].start, overlapping[-1][0].end
        if cand.start < lo or cand.end > hi:
            strongest, _ = max(overlapping, key=lambda k: (_PRIORITY.get(k[0].entity, 1), -k[1]))
            widened = Finding(
                strongest.entity, min(lo, cand.start), max(hi, cand.end), rule=strongest.rule
            )
            starts[first:last] = [widened.start]
            ends[first:last] = [widened.end]
            kept[first:last] = [(widened, order)]
    return [finding for finding, _ in kept]


def _deferred(span: Span, turned_down: dict[tuple[int, int], str], rules: frozenset[str]) -> bool:
    """A one-word name the tagger found that one of `rules` turned down: the rules know better
    ("field acronym", "named thing (a law, test, report)", "a known place or car")."""
    return span.entity == "NAME" and turned_down.get((span.start, span.end)) in rules


# A brand may be a workplace ("works nandos"); words of a title may name a firm or a club
# ("Sparkle Valet", "Boston Pioneers").
_SURE_NOT_A_SETTING = TAGGER_YIELDS_TO - {BRAND, TITLE_WORD}
_CLOCK_WORDS = frozenset({"o'clock", "oclock", "o clock"})


def _sure_not_identifying(
    text: str, turned_down: dict[tuple[int, int], str]
) -> Callable[[Span], bool]:
    """Whether every word of a span of the tagger, of any kind, is one the rules are sure names
    nobody (a local area, an agency, a local service, a brand: "Tyneside", "Sandwell", "Front
    Door"), the function words between them aside ("City of York")."""
    words = sorted(
        (start, rule)
        for (start, end), rule in turned_down.items()
        if text[start:end].lower() not in FUNCTION_WORDS
    )
    starts = [start for start, _ in words]

    def sure(span: Span) -> bool:
        # A word of text-speak typed in lower case is no name ("im worried", "pls help").
        piece = text[span.start : span.end]
        if span.entity == "NAME" and piece.islower() and contraction(piece):
            return True
        if piece.lower().replace("’", "'") in _CLOCK_WORDS:
            return True  # "back at 4 o'clock"
        if span.entity != "NAME" and _names_a_document(text, span.start, span.end):
            return True  # "the Warnock Report", "the Caldicott Principles"
        if span.entity != "NAME" and _only_generic_words(piece):
            return True  # "a primary" of "a DSL at a primary school"
        first, last = bisect.bisect_left(starts, span.start), bisect.bisect_left(starts, span.end)
        inside = words[first:last]
        sure_rules = TAGGER_YIELDS_TO if span.entity == "NAME" else _SURE_NOT_A_SETTING
        return bool(inside) and all(rule in sure_rules for _, rule in inside)

    return sure


def _only_generic_words(piece: str) -> bool:
    """Lower-case words that name a kind of setting, not one ("a primary", "the school")."""
    found = _DOCUMENT_WORD.findall(piece)
    return bool(found) and all(
        w.islower() and (w in FUNCTION_WORDS or w in generic()) for w in found
    )


def _names_a_document(text: str, start: int, end: int) -> bool:
    """The run, or the run and the capitalised word right after it, ends in a word that ends a
    document's name ("the Warnock Report", "the Grenfell Tower Inquiry Phase", "the Jillings"
    of "the Jillings Inquiry"); not "New Covenant Pentecostal Church"."""
    words = _DOCUMENT_WORD.findall(text, start, end)
    if (after := _NEXT_CAPITALISED.match(text, end)) is not None:
        words.append(after[1])
    if len(words) > 1 and words[-1].lower() in ("phase", "part"):
        words.pop()
    return bool(words) and words[-1][:1].isupper() and words[-1].lower() in DOCUMENT_HEADS


_DOCUMENT_WORD = regex.compile(r"[^\W\d_]+")
_NEXT_CAPITALISED = regex.compile(r" (\p{Lu}[^\W\d_]+)\b")


def _tagged_name_words(text: str, tagged: list[Span]) -> set[str]:
    """The words of the names the tagger found, to be caught again in later turns."""
    remembered: set[str] = set()
    for span in tagged:
        if span.entity != "NAME":
            continue
        for word in words(text[span.start : span.end]):
            lower = word.text.lower()
            if (
                len(normalise(word.text)) > 1
                and lower not in TITLES
                and lower not in FUNCTION_WORDS
            ):
                remembered.add(word.text)
    return remembered


def _merge_names(findings: list[Finding], text: str) -> list[Finding]:
    """ "Kerry Ann Marsh" is one name, not three."""
    merged: list[Finding] = []
    for f in findings:
        between = text[merged[-1].end : f.start] if merged else ""
        if (
            merged
            and f.entity == "NAME"
            and merged[-1].entity == "NAME"
            and (
                between in (" ", "-")
                # An initial and the name after it: "A. Ogunleye".
                or (between == ". " and merged[-1].end == merged[-1].start + 1)
                # A surname's particles: "Ana de Souza", "Pieter van der Berg".
                or PARTICLES.fullmatch(between) is not None
            )
        ):
            rules = merged[-1].rule.split(" + ")
            rule = " + ".join(rules if f.rule in rules else [*rules, f.rule])
            merged[-1] = Finding("NAME", merged[-1].start, f.end, rule=rule)
        else:
            merged.append(f)
    return merged


_ALNUM = regex.compile(r"[^\W_]")
_EDGE = regex.compile(r"[^\w'’]+")


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """A tagger's span without the punctuation it took in at either end (". McDonagh")."""
    while start < end and (m := _EDGE.match(text, start, end)):
        start = m.end()
    while end > start and not (text[end - 1].isalnum() or text[end - 1] in "'’"):
        end -= 1
    return start, end


@lru_cache(maxsize=4)
def get_anonymiser(secret_key: bytes) -> Anonymiser:
    anonymiser = Anonymiser(secret_key)
    return_freed_memory()  # of the build, once
    return anonymiser
