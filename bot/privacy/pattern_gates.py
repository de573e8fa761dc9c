"""Gates: for a pattern, a regex that every one of its matches holds a match of.

The engine searches a text for each gate once and skips the patterns whose gate it does not
open, so a message with no digit never runs the 70-odd patterns that need one: the regex engine
tries a complex pattern at every position of the text, a gate is a quick scan. A gate changes
no finding as long as it is true of every match, so a pattern changed to match without its gate
must lose it here (tests/privacy/test_pattern_gates.py checks the names and every match in the
tuning texts). Keyed by (entity, pattern name) as the recognizers name them.
"""

from bot.privacy import address_patterns, patterns

DIGIT = r"\d"

# Each of these writes a digit outside any optional part, in every alternative.
_NEEDS_A_DIGIT: dict[str, tuple[str, ...]] = {
    "DATE": (
        # Presidio's (stock_patterns.DATE): all of them.
        "Datetime (yyyy-mm-ddThh:mm[:ss[.f]] with timezone)",
        "mm/dd/yyyy or mm/dd/yy",
        "dd/mm/yyyy or dd/mm/yy",
        "yyyy/mm/dd",
        "mm-dd-yyyy",
        "dd-mm-yyyy",
        "yyyy-mm-dd",
        "dd.mm.yyyy or dd.mm.yy",
        "dd-MMM-yyyy or dd-MMM-yy",
        "MMM-yyyy or MMM-yy",
        "dd-MMM or dd-MMM",
        "mm/yyyy or m/yyyy",
        "mm/yy or m/yy",
        # Ours (date_patterns.DATE).
        "numeric d/m/y",
        "iso y-m-d",
        "day month [year]",
        "days of a month",
        "week commencing",
        "month day [year]",
        "compact day month year",
        "month year",
        "numeric month year",
        "day month year with spaces",
        "time before a weekday",
        "the ordinal day",
        "ordinal after a date preposition",
        "welsh ordinal day",
        "welsh day month",
        "day/month after a date word",
        "day/month range",
        "day/month with a zero",
        "dob digits",
        "year of birth",
        "month of birth",
        "ordinal days",
        "dob digits colon",
        "date glued to dob",
        "day month year with separators",
        "dotted or dashed day/month that is no decimal",
        "day/month items of a list",
        "day/month ending a range",
        "day/month listed after a dated one",
        "day/month standing alone",
        "day/month after a word of when",
        "ordinals listed",
        "bare ordinal ending a clause",
        "season of a year",
        "months of a year",
        "sat sun wed after a clock time",
    ),
    "POSTCODE": (
        "UK Postcode",
        "postcode glued to its town",
        "uk postcode",
        "postcode with an o for its zero",
        "spelled-out postcode",
        "postcode district",
    ),
    "PHONE": (
        "uk phone",
        "slashed phone",
        "country code without its plus",
        "international phone",
        "dotted phone",
        "digit by digit",
        "o for zero",
        "number after a phone word",
        "number cut short",
        "start of a number after a phone word",
        "end of a number",
        "figures alone",
    ),
    "NHS_NUMBER": (
        "NHS (medium)",
        "nhs number",
        "nhs number, any split",
        "nhs shape",
        "labelled nhs number",
    ),
    "NI_NUMBER": ("NINO (medium)", "ni number", "labelled ni number"),
    "CASE_NUMBER": (
        "keyword + reference",
        "slashed reference",
        "police reference",
        "alnum reference",
        "long number",
    ),
}

# These write a house number, in figures or in words ("forty two Bramble Close", "number one").
_NEEDS_A_HOUSE_NUMBER = (
    "numbered street",
    "number and street name after a place word",
    "flat",
    "house number and street name",
    "room or flat in a named building",
    "room after its place",
    "room at a place of stay",
    "house number",
    "room or plot",
    "lower-case numbered street",
)
HOUSE_NUMBER = rf"\d|\b(?:one|{address_patterns._SAID_NUMBER})\b"

# Cheap forms of a part every match of these patterns holds; searched after DIGIT, when both.
# The first letters of each of date_patterns.MONTH's spellings ("agust", "apirl", "setpember").
MONTH = r"(?:a(?:p[a-z]|u?g)|dec|feb|j(?:an|u[nl])|ma[ry]|nov|o[ck]|se(?:p|[a-z]{1,6}b))"
# The first letters of each of date_patterns._WEEKDAY's spellings ("munday", "fryday"), "wed",
# "sat", "sun".
WEEKDAY = r"(?:f(?:ir|r[iy])|m[ou]n|s(?:at|un)|t(?:eu|h[iru]|u)|we[dn])"
ORDINAL = r"\d(?:st|nd|rd|th)"
WELSH_ORDINAL = r"\d(?:af|il|ydd|edd|ed|fed|eg|ain)"
# A day and month in figures, split by a slash or dot ("14/3", "14.3", "14 / 3", "14-3-2015").
DAY_SLASH_MONTH = r"\d\s?[/.\-]\s?\d"
DIGIT_SPACE = r"\d\s"
DOB = r"(?:dob|d\.o\.b|born|birth)"
# As a date of birth is dictated: "D O B oh three oh four nineteen".
SPOKEN_DOB = r"(?:dob|d\.o\.b|born|birth|d\s+o\s+b)"
# An item separator of a list on one line ("04.09 started; 19.09 bruise").
LIST_SEPARATOR = r"[;•]|\s/\s"
# A week and what follows it in "the 2nd week of Jan", "the weekend of the 12th", "w/e 12th".
WEEK = r"\b(?:week|wk|w/e|fortnight)[a-z]*\s+(?:of|in|the|\d)"
# A season, a term or a feast, a year a few words on (date_patterns._SEASON): "summer 2023",
# "the summer of 2024", "spring half-term '24".
SEASON = (
    r"(?:spring|summer|autumn|winter|easter|christmas|xmas|whitsun|half|diwali|deepavali"
    r"|vaisakhi|baisakhi|holi|hanuk|chanuk|eid|ramadan)[a-z]*(?:[\s\-]+[a-z]+){0,3}\s+['’]?\d\d"
)
# The day counted from a feast: "the weekend after Diwali".
DAY_BEFORE_OR_AFTER = (
    r"\b(?:day|days|weekend|week|night|morning|evening|sunday|saturday|friday|monday)\s+"
    r"(?:before|after)\s"
)
SAT_OR_SUN = r"\b(?:sat|sun)\b"
CAPITAL_SAT_OR_WED = r"(?-i:Sat|Wed)\b"
WELSH_DAY = r"(?:\bnos\s|(?-i:Llun|Mawrth|Mercher|Iau|Gwener|Sadwrn|Sul)\b)"
PHONE_CUE = patterns._PHONE_CUE
# Two numbers of a dictated phone number in a row, the second a whole word ("seven double oh").
TWO_SPOKEN_DIGITS = (
    rf"{patterns._SPOKEN_DIGIT}[\s,\-]+(?:(?:double|triple|treble)\s+)?"
    rf"(?:{patterns._SPOKEN_DIGIT}|\d{{1,4}})[\s,\-]"
)
# The label a reference number follows (patterns.CASE_NUMBER's look-behind).
CASE_LABEL = (
    rf"\b(?:{patterns._CASE_KEY}|{patterns._CASE_KEY}\s+{patterns._CASE_QUALIFIER})"
    r"(?:\.?:?\s{1,2}|:|\s[\-–]\s)"
)
NHS_LABEL = patterns._NHS_LABEL
NI_LABEL = patterns._NI_LABEL
# Ten digits in three groups split alike ("943 476 5919", "943-476-5919").
NHS_GROUPS = r"\d{3}([ \-])\d{3}\1\d{4}"
AT_SIGN = "@"
# The end of a spelled-out email: a dot (or "dot"), then a top-level domain.
DOT_THEN_DOMAIN = rf"(?:dot\s*[\])}}]?\s*|\.\s?)(?:{patterns._TLD}|{patterns._TLD_SPACED})"
# "at" as patterns.EMAIL's spelled-out email writes it: between spaces or brackets; or an "@".
SPELLED_AT = r"(?:[\s\[({]at[\s\])}]|@)"
SCHEME = "://"
# Presidio's URL patterns: a dot, then a top-level domain's first letter.
DOT_LETTER = r"\.[a-z]"
QUOTE = "[\"']"
# A dwelling's or building's type, capitalised (address_patterns._HOME and _BUILDING).
BUILDING_TYPE = (
    r"(?-i:Cottage|Farm|Bungalow|Barn|Rectory|Vicarage|Grange|Manor|House|Hall|Lodge|Mill"
    r"|Villa|Court|Tower|Heights|Mansions|Place)"
)
CAPITALISED_STREET_TYPE = f"(?-i:{address_patterns._STREET_CAP}|{address_patterns._STREET_SHORT})"
SHORT_LOWER_STREET_TYPE = r"(?-i:\s(?:rd|ave|cres|gdns|terr|ln)\b)"
SITE = r"(?:site|park|camp)"
PITCH_OR_BOAT = r"(?:caravan|chalet|trailer|mobile|pitch|plot|bay|van|bungalow|boat|barge|cruiser)"
LIVES_ON = (
    r"(?:lives?|living|lived|moved|moving|staying|stays?|resides?|residing|house|home|address"
    r"|flat|parked|found|hangs?|hanging|seen)\s+(?:is\s+)?on\s"
)
LIVES_AT = r"(?:live|lives|living|lived|staying|stays|stay|address\s+is|moved|moving)\s+(?:at|to)\s"
# After a comma, a street with its type starts with a house number or a capital.
COMMA_THEN_STREET = r",\s+(?:(?-i:[A-Z])|\d)"

_MORE: dict[tuple[str, str], tuple[str, ...]] = {
    ("DATE", "numeric d/m/y"): (DAY_SLASH_MONTH,),
    ("DATE", "day month [year]"): (MONTH,),
    ("DATE", "days of a month"): (MONTH,),
    ("DATE", "spelled day of month"): (MONTH,),
    ("DATE", "month the day"): (MONTH,),
    ("DATE", "month day [year]"): (MONTH,),
    ("DATE", "compact day month year"): (MONTH,),
    ("DATE", "day month year with separators"): (MONTH,),
    ("DATE", "month year"): (MONTH,),
    ("DATE", "day month year with spaces"): (DIGIT_SPACE,),
    ("DATE", "weekday"): (WEEKDAY,),
    ("DATE", "time before a weekday"): (WEEKDAY,),
    ("DATE", "weekdays counted back"): (WEEKDAY,),
    ("DATE", "ordinal before a clock time"): (ORDINAL,),
    ("DATE", "sat sun wed after a time cue"): (WEEKDAY,),
    ("DATE", "sat sun wed with a part of the day or a date"): (WEEKDAY,),
    ("DATE", "sat wed mid-sentence, not a verb"): (WEEKDAY,),
    ("DATE", "capital sun mid-sentence"): (WEEKDAY,),
    ("DATE", "the ordinal day"): (ORDINAL,),
    ("DATE", "ordinal after a date preposition"): (ORDINAL,),
    ("DATE", "ordinal days"): (ORDINAL,),
    ("DATE", "welsh ordinal day"): (WELSH_ORDINAL,),
    ("DATE", "welsh day month"): (DIGIT_SPACE,),
    ("DATE", "day/month after a date word"): (DAY_SLASH_MONTH,),
    ("DATE", "day/month range"): (DAY_SLASH_MONTH,),
    ("DATE", "day/month with a zero"): (DAY_SLASH_MONTH,),
    ("DATE", "dotted or dashed day/month that is no decimal"): (DAY_SLASH_MONTH,),
    ("DATE", "dob digits"): (DOB,),
    ("DATE", "year of birth"): (DOB,),
    ("DATE", "month of birth"): (DOB,),
    ("DATE", "dob digits colon"): (DOB,),
    ("DATE", "day/month items of a list"): (DAY_SLASH_MONTH, LIST_SEPARATOR),
    ("DATE", "day/month ending a range"): (DAY_SLASH_MONTH,),
    ("DATE", "day/month listed after a dated one"): (DAY_SLASH_MONTH,),
    ("DATE", "day/month after a word of when"): (DAY_SLASH_MONTH,),
    ("DATE", "day/month standing alone"): (r"\d/\d",),
    ("DATE", "ordinals listed"): (ORDINAL,),
    ("DATE", "bare ordinal ending a clause"): (ORDINAL,),
    ("DATE", "ordinal of a named month"): (r"\bmonth\b",),
    ("DATE", "week of a month or a day"): (WEEK,),
    ("DATE", "season of a year"): (SEASON,),
    ("DATE", "months of a year"): (MONTH,),
    ("DATE", "feast a day is counted from"): (DAY_BEFORE_OR_AFTER,),
    ("DATE", "sat sun wed after a clock time"): (WEEKDAY,),
    ("DATE", "sat sun ending a clause after an object"): (SAT_OR_SUN,),
    ("DATE", "capital sat wed mid-sentence"): (CAPITAL_SAT_OR_WED,),
    ("DATE", "welsh weekday mutated or listed"): (WELSH_DAY,),
    ("DATE", "dictated date of birth"): (SPOKEN_DOB,),
    ("PHONE", "number after a phone word"): (PHONE_CUE,),
    ("PHONE", "dictated number after a phone word"): (PHONE_CUE, TWO_SPOKEN_DIGITS),
    ("CASE_NUMBER", "keyword + reference"): (CASE_LABEL,),
    ("CASE_NUMBER", "keyword, a verb, a reference"): (CASE_LABEL, DIGIT),
    ("CASE_NUMBER", "spaced figures after a reference's label"): (CASE_LABEL, r"\d\s\d"),
    ("CASE_NUMBER", "slashed reference with letters inside"): (r"\d/[a-z]",),
    ("NHS_NUMBER", "nhs shape"): (NHS_GROUPS,),
    ("NHS_NUMBER", "labelled nhs number"): (NHS_LABEL,),
    ("NI_NUMBER", "labelled ni number"): (NI_LABEL,),
    ("EMAIL", "Email (Medium)"): (AT_SIGN,),
    ("EMAIL", "email"): (AT_SIGN,),
    ("EMAIL", "email with a comma for a dot"): (AT_SIGN,),
    ("EMAIL", "email at a provider"): (patterns._PROVIDER,),
    ("EMAIL", "email spelled out"): (SPELLED_AT, DOT_THEN_DOMAIN),
    ("URL", "Standard Url"): (SCHEME, DOT_LETTER),
    ("URL", "Non schema URL"): (DOT_LETTER,),
    ("URL", "Quoted URL"): (SCHEME, QUOTE, DOT_LETTER),
    ("URL", "Quoted Non-schema URL"): (QUOTE, DOT_LETTER),
    ("URL", "spelled-out url"): (r"(?:dot|www|slash)",),
    ("URL", "url with scheme"): (SCHEME,),
    ("URL", "www url"): (r"www\.",),
    ("URL", "social url"): (r"\.(?:com|me|be|gg|co|net)/",),
    ("URL", "slack link"): ("<",),
    ("SLACK_MENTION", "slack mention"): ("<",),
    ("SLACK_MENTION", "plain broadcast"): (AT_SIGN,),
    ("SLACK_MENTION", "plain handle"): (AT_SIGN,),
    ("ADDRESS", "named house or place of stay with its street"): (COMMA_THEN_STREET,),
    ("ADDRESS", "caravan or boat at a named place"): (PITCH_OR_BOAT,),
    ("ADDRESS", "named building with its place"): (BUILDING_TYPE,),
    ("ADDRESS", "caravan, plot or pitch"): (PITCH_OR_BOAT,),
    ("ADDRESS", "caravan or traveller site"): (SITE,),
    ("ADDRESS", "lower-case street with a short type"): (SHORT_LOWER_STREET_TYPE,),
    ("ADDRESS", "named street"): (CAPITALISED_STREET_TYPE,),
    ("ADDRESS", "street after lives on"): (LIVES_ON,),
    ("ADDRESS", "house name after lives at"): (LIVES_AT,),
    ("ADDRESS", "named house"): (BUILDING_TYPE,),
}

GATES: dict[tuple[str, str], tuple[str, ...]] = {
    (entity, name): (DIGIT,) for entity, names in _NEEDS_A_DIGIT.items() for name in names
}
GATES.update({("ADDRESS", name): (HOUSE_NUMBER,) for name in _NEEDS_A_HOUSE_NUMBER})
for _key, _gates in _MORE.items():
    GATES[_key] = GATES.get(_key, ()) + _gates


def gates(entity: str, pattern_name: str) -> tuple[str, ...]:
    """The gates of a recognizer's pattern, all of which a text must open; () for none."""
    return GATES.get((entity, pattern_name), ())
