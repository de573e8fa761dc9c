"""Regular expressions for identifiers that have a fixed shape.

They are shared by the Presidio recognizers (``recognizers.py``) and by the cheap regex layer of
the log filter (``log_filter.py``), so both catch the same things.
"""

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DAY = r"(?:0?[1-9]|[12][0-9]|3[01])(?:st|nd|rd|th)?"
_WEEKDAY = r"(?:mon|tues?|weds?|wednes|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+"
_YEAR = r"(?:19|20)?\d{2}"
# (\G: or where the previous match ended, which a later start could follow directly.)
_FIRST_WORD_CHAR_OF_RUN = r"(?:\G|(?<=(?:^|[^\w.+\-'])[.+\-']*))"

# Every pattern is compiled case-insensitively; each is (name, regex, score).
DATE = [
    (
        "numeric d/m/y",
        r"\b(?:0?[1-9]|[12][0-9]|3[01])([/.\-])(?:0?[1-9]|1[0-2])\1(?:19|20)?\d{2}\b",
        0.6,
    ),
    (
        "iso y-m-d",
        r"\b(?:19|20)\d{2}([/.\-])(?:0?[1-9]|1[0-2])\1(?:0?[1-9]|[12][0-9]|3[01])\b",
        0.6,
    ),
    (
        "day month [year]",
        rf"\b(?:{_WEEKDAY})?(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MONTH}\b(?:\.?,?\s+{_YEAR}\b)?",
        0.6,
    ),
    ("month day [year]", rf"\b{_MONTH}\.?\s+{_DAY}\b(?:,?\s+{_YEAR}\b)?", 0.6),
    ("month year", rf"\b{_MONTH}\.?\s+(?:19|20)\d{{2}}\b", 0.6),
    (
        "weekday ordinal",
        rf"\b{_WEEKDAY}(?:the\s+)?(?:0?[1-9]|[12][0-9]|3[01])(?:st|nd|rd|th)\b",
        0.6,
    ),
    (
        "weekday day/month",
        rf"\b{_WEEKDAY}(?:0?[1-9]|[12][0-9]|3[01])[/.](?:0?[1-9]|1[0-2])\b(?![/.]\d)",
        0.6,
    ),
    # "till the 14th", "on the 3rd at 10am", but not "the 3rd time".
    (
        "the ordinal day",
        r"(?<=\bthe\s)(?:0?[1-9]|[12][0-9]|3[01])(?:st|nd|rd|th)\b"
        r"(?!\s+(?!(?:at|and|or|to|till|until|when|but|so)\b)(?-i:[a-z]))",
        0.6,
    ),
    ("dob digits", r"(?<=\b(?:dob|d\.o\.b\.|born)\s)\d{6,8}\b", 0.7),
    ("dob digits colon", r"(?<=\b(?:dob|d\.o\.b\.|born):\s)\d{6,8}\b", 0.7),
]

POSTCODE = [
    (
        "uk postcode",
        r"\b(?:gir\s?0aa|[a-pr-uwyz](?:[0-9][0-9a-hjkps-uw]?|[a-hk-y][0-9][0-9abehmnprv-y]?)"
        r"\s?[0-9][abd-hjlnp-uw-z]{2})\b",
        0.6,
    ),
]

# UK numbers written nationally (0...) or internationally (+44 / 0044), with spaces, dashes,
# brackets or "(0)"; the digit count is checked in code (10 or 11 national digits).
PHONE = [
    (
        "uk phone",
        r"(?<![\w+])(?:(?:\+|00)44\s?(?:\(0\)\s?)?|\(0|0)\d[\d\s\-)]{7,14}\d\b",
        0.6,
    ),
    ("international phone", r"(?<![\w+])\+\d[\d\s\-()]{7,17}\d\b", 0.5),
]

# Only the first letter or digit of a run of address characters may start a match (a later
# one would reach the same "@" and fail the same way, once per start: quadratic in "a.a.a.").
EMAIL = [("email", rf"\b{_FIRST_WORD_CHAR_OF_RUN}[\w.+\-']+@[\w\-]+(?:\.[\w\-]+)+\b", 0.6)]

URL = [
    ("url with scheme", r"\b(?:https?|ftp)://[^\s<>|\"']+", 0.6),
    ("www url", r"\bwww\.[^\s<>|\"']+", 0.6),
    (
        "social url",
        # Host labels as DNS bounds them (at most 63 characters; a few before the site's own
        # name), so a try at each of the many starts in "a.a.a." reads a bounded stretch.
        r"\b(?:[a-z0-9\-]{1,63}+\.){0,8}(?:facebook|fb|instagram|tiktok|snapchat|twitter|x|youtube|youtu"
        r"|wa|t|discord|onlyfans|linkedin)\.(?:com|me|be|gg|co|net)/[^\s<>|\"']*",
        0.6,
    ),
]

NHS_NUMBER = [("nhs number", r"\b\d{3}[\s\-]?\d{3}[\s\-]?\d{4}\b", 0.5)]

NI_NUMBER = [
    (
        "ni number",
        r"\b(?!bg|gb|nk|kn|nt|tn|zz)[a-z]{2}[\s\-]?\d{2}[\s\-]?\d{2}[\s\-]?\d{2}[\s\-]?[a-d]\b",
        0.6,
    ),
]

SLACK_MENTION = [
    ("slack mention", r"<[@#!][^<>]*>", 0.9),
    ("plain broadcast", r"(?<![\w@])@(?:channel|here|everyone)\b", 0.9),
    ("plain handle", r"(?<![\w@.])@[a-z][\w.\-]{1,30}\b(?!@)", 0.6),
]

# A Slack link <https://x|y> as a whole (the scheme URL pattern would stop at the "|").
SLACK_LINK = [("slack link", r"<(?:https?|mailto|tel|ftp):[^<>]*>", 0.9)]

_CASE_KEY = (
    r"(?:case|crime|incident|police|log|occurrence|cad|referral|our|your|file|mosaic|lcs|ehm|"
    r"liquidlogic|crn|urn)"
)
CASE_NUMBER = [
    (
        "keyword + reference",
        rf"(?<=\b{_CASE_KEY}\s)(?:(?:ref(?:erence)?|no|num(?:ber)?|id|#)\.?:?\s?)?"
        r"(?=[a-z/\-]*\d)[a-z0-9][a-z0-9/\-]*\d[a-z0-9/\-]*",
        0.6,
    ),
    (
        "ref + reference",
        r"(?<=\b(?:ref|reference|ref\.|ref:|reference:|no\.|#)\s)(?=[a-z/\-]*\d)[a-z0-9][a-z0-9/\-]{2,}",
        0.6,
    ),
    ("slashed reference", r"\b[a-z]{2,5}/(?:\d{2,4}/)?\d{2,6}(?:/[a-z0-9]+)?\b", 0.6),
    ("alnum reference", r"\b[a-z]{2,4}-\d{2}-\d{4,8}\b|\b[a-z]{2,4}-\d{5,8}\b", 0.6),
]

_STREET = (
    r"(?:road|rd|street|st|avenue|ave|lane|ln|close|cl|drive|dr|way|crescent|cres|court|ct|"
    r"place|pl|gardens|gdns|terrace|terr|grove|gr|hill|park|square|sq|walk|mews|row|view|rise|"
    r"green|parade|vale|croft|meadows?|fields?|paddocks|house|estate|wharf|yard|gate)"
)
_STREET_CAP = "|".join(
    word.capitalize()
    for word in _STREET[3:-1]
    .replace("meadows?", "Meadows|Meadow")
    .replace("fields?", "Fields|Field")
    .split("|")
    if len(word) > 3 and word not in {"house", "gate", "view", "park", "green", "hill", "way"}
)
_CAP = r"(?-i:[A-Z][a-z'’]+|St\.?|[A-Z]+)"
ADDRESS = [
    (
        "numbered street",
        rf"\b(?:(?:flat|apartment|apt|unit|room)\s+\d+[a-z]?,?\s+)?\d{{1,4}}[a-z]?,?\s+"
        rf"(?:(?-i:The)\s+)?(?:{_CAP}\s+){{0,3}}{_CAP}(?-i:\s+){_STREET}\b\.?"
        rf"|\b(?:(?:flat|apartment|apt|unit|room)\s+\d+[a-z]?,?\s+)?\d{{1,4}}[a-z]?,?\s+"
        rf"(?-i:The)\s+{_CAP}",
        0.6,
    ),
    (
        "flat",
        r"\b(?:flat|apartment|apt)\s+\d+[a-z]?\b(?:,?\s+(?:(?-i:[A-Z][a-z]+)\s+){1,3}"
        rf"{_STREET}\b)?",
        0.6,
    ),
    (
        "room or plot",
        r"\b(?:room|unit|plot|pitch)\s+\d+[a-z]?,?\s+(?:(?-i:[A-Z][a-z]+)\s+){1,3}"
        rf"{_STREET}\b",
        0.6,
    ),
    (
        "lower-case numbered street",
        r"(?-i:\b\d{1,4}[a-z]?\s+[a-z]{3,}\s+"
        r"(?:road|rd|street|st|avenue|ave|lane|drive|crescent|terrace|grove|gardens)\b)",
        0.5,
    ),
    (
        "named street",
        rf"(?-i:\b(?!(?:Family|Crown|County|Magistrates|Youth|High|Supreme|Appeal)\s)"
        rf"(?:[A-Z][a-z'’\-]+\s+){{1,2}}(?:{_STREET_CAP})\b)",
        0.5,
    ),
]
