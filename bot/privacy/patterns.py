"""Regular expressions for identifiers that have a fixed shape.

They are shared by the recognizers (``recognizers.py``) and by the cheap regex layer of
the log filter (``log_filter.py``), so both catch the same things.
"""

from bot.privacy.address_patterns import ADDRESS
from bot.privacy.date_patterns import DATE

__all__ = [
    "ADDRESS",
    "CASE_NUMBER",
    "DATE",
    "EMAIL",
    "NHS_NUMBER",
    "NI_NUMBER",
    "PARTIAL_PHONE",
    "PHONE",
    "PHONE_AFTER_CUE",
    "POSTCODE",
    "SLACK_LINK",
    "SLACK_MENTION",
    "URL",
]

# (\G: or where the previous match ended, which a later start could follow directly.)
_FIRST_WORD_CHAR_OF_RUN = r"(?:\G|(?<=(?:^|[^\w.+\-'])[.+\-']*))"

# The UK's postcode areas: a postcode district alone ("LS11", "in M14") or spelled out with
# spaces ("L S 11 5 A B") counts only when its area is one of these.
_AREAS_TWO_TEXT = (
    "AB AL BA BB BD BH BL BN BR BS CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY EC "
    "EH EN EX FK FY GL GU GY HA HD HG HP HR HU HX IG IM IP IV JE KA KT KW KY LA LD LE LL LN LS "
    "LU ME MK ML NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM SA SE SG SK SL SM SN SO SP "
    "SR SS ST SW SY TA TD TF TN TQ TR TS TW UB WA WC WD WF WN WR WS WV YO ZE"
)
_AREAS_TWO = _AREAS_TWO_TEXT.split()
_AREA_TWO = "(?:" + "|".join(_AREAS_TWO) + ")"
_AREA_TWO_SPACED = "(?:" + "|".join(f"{a[0]}\\s?{a[1]}" for a in _AREAS_TWO) + ")"
_LETTER = "[abd-hjlnp-uw-z]"
_OUTWARD_SPACED = r"(?:" + _AREA_TWO_SPACED + r"|[beglmnsw])\s?\d(?:\s?[\da-hjkps-uw])?"
# The inward part's letters together ("5AB"), or after a space when a space also parts the
# inward part from the outward ("ne6 5 qd", "L S 11 5 A B"; not "M62 as").
_SPELLED_POSTCODE = (
    rf"{_OUTWARD_SPACED}(?:\s{{0,3}}\b\d{_LETTER}{{2}}|\s{{1,3}}\d\s{_LETTER}\s?{_LETTER})"
)
_DISTRICT_WORD = r"(?:in|from|to|near|around|postcode|area|district|of|at)"
# Dictated: the area's capitals, the district's number in words ("twelve", "fifty three", "one
# four"), the inward digit in a word and its two capitals ("L S twelve four P J").
_DIGIT_NAME = r"(?:oh|zero|one|two|three|four|five|six|seven|eight|nine)"
_TENS_NAME = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_TEEN_NAME = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
_DISTRICT_SAID = (
    rf"(?:{_TENS_NAME}(?:[\s\-]+{_DIGIT_NAME})?|{_TEEN_NAME}|{_DIGIT_NAME}(?:\s+{_DIGIT_NAME})?)"
)
_INWARD_LETTER = "[ABD-HJLNP-UW-Z]"

POSTCODE = [
    # Glued to the town before it, as a form's export leaves it: "HullHU5 2NB".
    (
        "postcode glued to its town",
        r"(?<=\p{Ll})(?-i:[A-Z]{1,2}\d[A-Z\d]?[ ]?\d[ABD-HJLNP-UW-Z]{2})\b",
        0.6,
    ),
    (
        "uk postcode",
        r"\b(?:gir\s?0aa|[a-pr-uwyz](?:[0-9][0-9a-hjkps-uw]?|[a-hk-y][0-9][0-9abehmnprv-y]?)"
        # The inward part's letters in capitals may stand apart from its digit ("LS8 3  LW").
        # Its inward letters typed apart ("3Q R").
        r"(?:\s{0,3}|-)[0-9]"
        r"(?:[abd-hjlnp-uw-z]{2}|(?-i:\s{1,3}[ABD-HJLNP-UW-Z]{2}|[ABD-HJLNP-UW-Z]\s[ABD-HJLNP-UW-Z])))\b",
        0.6,
    ),
    # A letter O typed for the inward zero ("LS6 OQR"), in a postcode area (not a number plate,
    # "CP19 OWN").
    (
        "postcode with an o for its zero",
        rf"(?-i:\b(?:{_AREA_TWO}|[BEGLMNSW])\d{{1,2}}[A-Z]?[ ]?O[ABD-HJLNP-UW-Z]{{2}})\b",
        0.6,
    ),
    (
        "spelled-out postcode",
        rf"\b(?=[a-z]\s?[a-z]?\s?\d){_SPELLED_POSTCODE}\b",
        0.6,
    ),
    (
        "dictated postcode",
        rf"\b(?-i:(?=[A-Z](?:\s?[A-Z])?\s+[a-z])(?:{_AREA_TWO_SPACED}|[BEGLMNSW]))\s+{_DISTRICT_SAID}\s+{_DIGIT_NAME}"
        rf"\s+(?-i:{_INWARD_LETTER}\s?{_INWARD_LETTER})\b",
        0.6,
    ),
    (
        "postcode district",
        # (Uncued, not a heart rate, nor a doctor's grade or early help unless "area" follows:
        # "HR 44", "ST4", "CT1", "EH 2 call mum"; "the ST4 area" is a district.)
        # (Nor a NICE guideline's number: "NICE guideline NG76".)
        rf"(?-i:\b(?=[A-Z]\s?[A-Z]\s?\d)(?!HR\s?\d{{2,3}}\b)(?<!(?i:nice|guidelines?|guidance)\s+)"
        r"(?!(?:ST|CT|EH)\s?\d{1,2}\b(?!\s+(?:area|postcode|district)))"
        rf"(?:{_AREA_TWO}|{_AREA_TWO_SPACED})\s?\d{{1,2}}[A-Z]?\b)"
        r"(?!\s*(?:line|train|rail))"
        rf"|(?=[a-z]{{1,2}}\d)(?<=\b{_DISTRICT_WORD}\s)(?:(?-i:[BEGLMNW])\d{{1,2}}|{_AREA_TWO}\d{{1,2}}"
        r"|(?-i:S)\d{1,2}(?=\s+(?:area|postcode|district)))\b"
        r"(?!\s*(?:vitamin|injections?|tablets?|motorway|bus|traffic|junction|j\d))",
        0.5,
    ),
]

# UK numbers written nationally (0...) or internationally (+44 / 0044), with spaces, dashes,
# brackets, dots or "(0)", digit by digit, or dictated ("oh seven seven double oh nine ...");
# the digit count is checked in code (10 or 11 national digits).
_SPOKEN_DIGIT = r"(?:oh|o|zero|nought|one|two|three|four|five|six|seven|eight|nine)"
_REPEATED = r"(?:(?:double|triple|treble)\s+)?"
# One dictated digit, repeated ("double oh") or with its hundred ("nine hundred" = 900).
_SPOKEN_TOKEN = rf"(?:{_REPEATED}{_SPOKEN_DIGIT}(?:\s+hundred\b)?)"
# At the first of a run of dictated digits, not in its middle (the cheap look ahead first).
_SPOKEN_RUN_START = (
    rf"\b(?=(?:{_SPOKEN_DIGIT}|double|triple|treble)[\s,\-])"
    rf"(?<!\b(?:{_SPOKEN_DIGIT}|double|triple|treble|hundred)[\s,\-]{{1,5}})"
)
# An extension belongs to the number: "0113 496 0718 ext. 2245", "x 331".
_EXTENSION_WORD = r"(?:ext(?:ension)?\.?|x)\s*\d{1,5}"
EXTENSION = rf"(?:,?\s*{_EXTENSION_WORD}\b|\s*\(\s*{_EXTENSION_WORD}\s*\))"
# A figure, or a letter o or l typed for one ("o77oo", "900l98") that starts no word ("on").
_FIGURE_OR_LETTER = r"(?:\d|[ol](?![a-km-np-z]))"
PHONE = [
    (
        "uk phone",
        r"(?<![\w+])(?:(?:\+|00)44\s?(?:\(0\)\s?)?|\(0|0)\d[\d\s\-–—)]{7,14}\d(?:\b|(?=x{1,3}\b))"
        rf"{EXTENSION}?",
        0.6,
    ),
    # Groups parted by slashes ("07700/900/236"); a UK mobile with its country code but no "+"
    # ("44 7700 900 567", read off a phone's settings).
    ("slashed phone", r"(?<![\w/])0\d{3,4}/\d{3}/\d{3,4}\b(?!/)", 0.6),
    ("country code without its plus", r"(?<![\w+])44[ ]?7\d{3}[ ]?\d{3}[ ]?\d{3}\b", 0.6),
    ("international phone", r"(?<![\w+])(?:\+|00(?!\s?44))\d[\d\s\-()]{7,17}\d\b", 0.5),
    ("dotted phone", r"(?<![\w+.])0\d{3,4}\.\d{3}\.?\d{3,4}\b(?!\.\d)", 0.6),
    (
        "digit by digit",
        r"(?<![\w+])(?:\+\s?4\s?4|0)(?: ?[\-.]? ?\d){9,10}\b(?! ?[\-.]? ?\d)",
        0.6,
    ),
    # A letter o typed for a zero, first or inside: "o7700 900 222", "o77oo 9oo 222"; and a
    # letter l for a one ("07700900l98"). Neither starts a word after the number ("... 338 on").
    (
        "o for zero",
        rf"(?<![\w+])(?=[0o][\dol\s\-]{{8,14}}\d)(?=[\d\s\-]{{0,14}}[ol])[0o](?:[\s\-]?{_FIGURE_OR_LETTER}){{9,11}}\b"
        rf"(?![\s\-]?{_FIGURE_OR_LETTER})",
        0.6,
    ),
    (
        "dictated phone",
        # Words, or words and digits ("07912 three four five ..."); the digit count is checked.
        # A letter "o" said for the zero starts one only before another digit's word.
        # (Groups of figures may come first: "07700 900 three three eight".)
        rf"\b(?:oh|zero|nought|plus\s+four\s+four|0\d{{1,5}}(?=[\s,\-]+[a-z])"
        rf"|0\d{{1,5}}(?=(?:[\s\-]+\d{{1,6}}){{1,3}}[\s,\-]+(?:{_SPOKEN_DIGIT}|double|triple|treble)\b)"
        rf"|o(?=[\s,\-]+(?:{_SPOKEN_DIGIT}|double|triple|treble)\b))"
        rf"(?:[\s,\-]+(?:{_SPOKEN_TOKEN}|\d{{1,6}})){{2,14}}\b",
        0.6,
    ),
    # A mobile dictated without its leading zero ("seven seven double oh nine ...", "double seven
    # oh oh ..."): ten digits, checked in code.
    (
        "dictated mobile without its zero",
        rf"{_SPOKEN_RUN_START}(?:double\s+)?seven(?:[\s,\-]+{_SPOKEN_TOKEN}){{4,12}}\b",
        0.6,
    ),
]

# Whatever number follows a word that says it is a phone number, written in any groups, with no
# area code ("home phone 496 0718", "grans number is 234567"), a foreign one without its "+"
# ("Polish mobile 512 345 678"), or glued to its label ("mob07912345678"); the digit count (6 to
# 15) and that it is no date are checked in code.
_PHONE_WORD = (
    r"(?:mob(?:ile)?|tel(?:ephone)?|phone|ph|landline|whats\s?app|texts?|txt|ring|rang|call(?:ed)?"
    r"|home|work|mob\s+no|tel\s+no)"
)
_OWNER_OF_NUMBER = (
    r"(?:\w+['’]s|her|his|their|my|your|our|new|old|contact|home|work|phone|mobile|mob|tel"
    r"|mums?|mams?|dads?|nans?|nanas?|grans?|grandads?|aunt(?:y|ie)?s?|uncles?|sisters?|brothers?"
    r"|carers?|partners?|boyfriends?|girlfriends?)"
)
_PHONE_CUE = (
    rf"(?:\b{_PHONE_WORD}(?:\s+(?:number|no\.?|num|nr))?"
    rf"|\b(?:ring|call|text|rang|called|texted|contact|reach)(?:\s+\w+){{0,2}}\s+on"
    rf"|\b{_OWNER_OF_NUMBER}\s+(?:number|no\.?|num|nr))"
    r"(?:\s+is)?(?:\s*[:=#\-–]\s*|\s+|(?<=[a-z]))"
)
PHONE_AFTER_CUE = [
    (
        "number after a phone word",
        rf"(?=[+\d])(?<={_PHONE_CUE})(?:\+\s?)?\d(?:(?:\s?[\-–—./]\s?|\s)?\d){{5,14}}(?:\b|(?=x{{1,3}}\b))(?![\-./]?\d)"
        rf"{EXTENSION}?",
        0.5,
    ),
    # Dictated after a phone word, even without its leading "oh" ("seven seven double oh ...").
    (
        "dictated number after a phone word",
        rf"(?=[a-z])(?<={_PHONE_CUE})\b{_SPOKEN_TOKEN}"
        rf"(?:[\s,\-]+(?:{_SPOKEN_TOKEN}|\d{{1,4}})){{4,14}}\b",
        0.5,
    ),
]

# Part of a number, said as part of one ("her number ends in 412", "mobile ending 0412", "the
# number started 07700"), or a number with its last figures hidden ("07700 9004xx"): still a
# piece of someone's number.
PARTIAL_PHONE = [
    (
        "part of a number",
        r"(?<=\b(?:mob(?:ile)?|tel(?:ephone)?|phone|landline|number|no)\s+"
        r"(?:ends?|ending|ended|starts?|starting|started|begins?|beginning)(?:\s+(?:in|with))?\s+"
        # "her number is the same as before but ends 471": the number said earlier in the clause.
        r"|\b(?:mob(?:ile)?|phone|landline|number)\b[^.?!;\n\d]{1,40}\b(?:but|it|and|which|that)"
        r"\s+(?:ends?|ending|ended)(?:\s+(?:in|with))?\s+)"
        r"\d(?:[\s\-]?\d){2,10}\b(?:\s+not\s+\d{2,4}\b)?",
        0.5,
    ),
    (
        "number with its end hidden",
        r"(?<![\w+])0\d{3,4}[\s\-]?\d{0,6}\s?[xX*#]{2,6}(?![\w*#])",
        0.5,
    ),
    # "only got 0113 496 0 on the form": a number's first groups, as numbers are grouped.
    (
        "number cut short",
        r"(?<![\w+/.,:£$\-])0(?:1\d{2,3}|2\d|7\d{3})[ ]\d{3}(?:[ ]\d{1,3})?(?![\w/.:,\-]?\d)",
        0.5,
    ),
    # "dad's number is 07700": the part of a number someone could give.
    (
        "start of a number after a phone word",
        r"(?<=\b(?:number|mob(?:ile)?|phone|tel|landline)\s+(?:is|was|as)\s+)0\d{4,9}\b",
        0.5,
    ),
    # "last bit is 283 not 238", "the last four digits are 0412": a correction of a number.
    (
        "end of a number",
        r"(?<=\b(?:last|end|final)\s+(?:(?:two|three|four|few)\s+)?(?:bit|digits?|numbers?|part|few|three|four)"
        r"\s+(?:is|are|was|were|should\s+be)\s+)\d{2,4}(?:\s+not\s+\d{2,4})?\b",
        0.5,
    ),
    # A message that is only figures ("0191", "498 0" sent as the next turn): a number given in
    # parts; not a year on its own.
    (
        "figures alone",
        r"^[ \t]*(?!(?:19|20)\d\d[ \t]*$)\d{3,5}(?:[ ]\d{1,5}){0,3}[ \t]*$",
        0.5,
    ),
]

# Only the first letter or digit of a run of address characters may start a match (a later
# one would reach the same "@" and fail the same way, once per start: quadratic in "a.a.a.").
_DOT = r"(?:\s*[\[({]\s*dot\s*[\])}]\s*|\s+dot\s+|\.| \. )"
_AT = r"(?:\s*[\[({]\s*at\s*[\])}]\s*|\s+at\s+|\s*@\s*|\s+@|@\s+)"
_TLD = (
    r"(?:com|co|uk|org|net|gov|nhs|sch|ac|edu|info|me|io|biz|eu|ie|pl|ro|de|fr|es|it|nl|in|pk"
    r"|ng|ke|so|tr|us|ca|au|nz|wales|scot|cymru|london|live|email|online|mail)"
)
_PROVIDER = (
    r"(?:gmail|googlemail|hotmail|yahoo|ymail|outlook|icloud|btinternet|aol|protonmail"
    r"|virginmedia|talktalk)"
)
# After " . " (a dot between spaces, which also ends sentences) only these.
_TLD_SPACED = r"(?:com|co|uk|org|net|gov|nhs|sch|pl|ie|ro|lt|lv|sk|cz|hu)"
# Inside a dictated local part: "sara underscore k", "jo dot smith 84" (digits after a space),
# "jo dot smith eighty four" (a number said in words).
_SPELLED_JOIN = (
    r"(?:\s+(?:underscore|dash|hyphen)\s+|\s+(?=\d)"
    rf"|\s+(?=(?:{_TENS_NAME}|{_TEEN_NAME}|{_DIGIT_NAME}|hundred)\b))"
)
EMAIL = [
    ("email", rf"\b{_FIRST_WORD_CHAR_OF_RUN}[\w.+\-']+@[\w\-]+(?:\.[\w\-]+)+\b", 0.6),
    # A comma typed for the last dot: "jo.bloggs@gmail,com".
    (
        "email with a comma for a dot",
        rf"\b{_FIRST_WORD_CHAR_OF_RUN}[\w.+\-']+@[\w\-]+(?:\.[\w\-]+)*"
        r"(?:,(?:com|net|org|co[.,]uk)|\.co,uk)\b",
        0.6,
    ),
    # A mail provider named without its domain: "jo.b@gmail", "jo at hotmail".
    (
        "email at a provider",
        rf"\b{_FIRST_WORD_CHAR_OF_RUN}[\w.+\-']{{1,64}}+{_AT}{_PROVIDER}\b(?![.\-]?\w)",
        0.6,
    ),
    (
        "email spelled out",
        # "jo dot bloggs at gmail dot com", "jo[at]x[dot]com", "k.mensah @ yahoo.co.uk": with
        # bounded repeats, so "x dot x dot x ..." costs a bounded stretch per start.
        rf"\b[\w+\-']{{1,64}}+(?:(?:{_DOT}|{_SPELLED_JOIN})[\w+\-']{{1,64}}+){{0,4}}{_AT}"
        rf"[a-z0-9\-]{{1,63}}+(?:{_DOT}[a-z0-9\-]{{1,63}}+){{0,3}}"
        rf"(?:(?! \. ){_DOT}{_TLD}| \. (?-i:{_TLD_SPACED}))\b(?![.\-]?\w)",
        0.6,
    ),
]

# A link read out or typed with spaces: "facebook dot com slash jodie dot b", "www. facebook
# .com/jodie", "tiktok.com slash kaylz". Bounded repeats from the start of a word.
_HOST = r"[a-z0-9\-]{1,63}+"
_WEB_TLD = r"(?:com|co\s+dot\s+uk|co\.uk|org|net|me|tv|gg|ly|uk|ee)"
_SPELLED_PATH = (
    r"(?:(?:\s*/\s*|\s+slash\s+)[\w@\-]{1,64}+(?:(?:\.|\s+dot\s+)[\w@\-]{1,64}+){0,3}){0,4}"
)
URL = [
    (
        "spelled-out url",
        rf"\b(?!(?:the|a|an|and|or|is|was|it|this|that)\s)(?:www\s+dot\s+)?{_HOST}(?:\s+dot\s+{_HOST}){{0,2}}\s+dot\s+{_WEB_TLD}\b{_SPELLED_PATH}"
        rf"|\bwww\s*\.\s*{_HOST}(?:\s*\.\s*{_HOST}){{0,2}}\s*\.\s*{_WEB_TLD}\b(?:/[^\s<>|\"']*)?"
        rf"|\b{_HOST}\.(?:com|co\.uk|org|net|me)(?=\s+slash\s){_SPELLED_PATH}",
        0.6,
    ),
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

_NHS_LABEL = r"\bnhs\s*(?:no|num|number|#)?\.?:?\s*(?:is\s+)?"
NHS_NUMBER = [
    ("nhs number", r"\b\d{3}[\s\-]?\d{3}[\s\-]?\d{4}\b", 0.5),
    # Ten digits split any way by single spaces, dashes or dots; the checksum is checked.
    ("nhs number, any split", r"\b\d(?:[ \-.]?\d){9}\b(?![ \-.]?\d)", 0.5),
    # Dictated word by word ("nine four three four ..."): ten digits, the checksum checked.
    (
        "dictated nhs number",
        rf"{_SPOKEN_RUN_START}{_SPOKEN_TOKEN}(?:[\s,\-]+{_SPOKEN_TOKEN}){{4,9}}\b"
        rf"(?![\s,\-]+(?:{_SPOKEN_DIGIT}|double|triple|treble|hundred)\b)",
        0.5,
    ),
]
# Written as NHS numbers are (3-3-4, not starting with the 0 of a phone number), or after
# "NHS no": an NHS number even when a typo breaks the checksum; "and" a second one.
_TEN_DIGITS = r"\d(?:[ \-.]?\d){9}\b(?![ \-.]?\d)"
NHS_NUMBER_UNCHECKED = [
    # Not the national part of an international phone number ("+44 117 496 0123").
    (
        "nhs shape",
        r"(?<!(?:\+|00)\s?44\s?(?:\(0\)\s?)?)(?<![\d)][ \-]?)\b[1-9]\d{2}([ \-])\d{3}\1\d{4}\b"
        r"(?![ \-]?\d)",
        0.5,
    ),
    (
        "labelled nhs number",
        rf"(?=\d)(?<={_NHS_LABEL}){_TEN_DIGITS}(?:\s*(?:,|and|&)\s*{_TEN_DIGITS})*",
        0.6,
    ),
]

_NI_LABEL = r"\b(?:ni|nino|national\s+insurance)(?:\s+(?:no|num|number))?\.?:?\s"
NI_NUMBER = [
    (
        "ni number",
        r"\b(?!bg|gb|nk|kn|nt|tn|zz)[a-z]{2}[\s\-]?\d{2}[\s\-]?\d{2}[\s\-]?\d{2}[\s\-]?[a-d]\b",
        0.6,
    ),
    (
        "labelled ni number",
        rf"(?<=\s)(?<={_NI_LABEL}(?:is\s)?)[a-z]\s?[a-z](?:[\s\-]?\d){{6}}(?:[\s\-]?[a-d])?\b",
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


# Labels a reference number follows ("crime ref", "pupil number", "MRN", "our ref"): the words
# that name the record, then an optional "number"/"no"/"ref"/"id", then one or more references
# ("refs 123/45 and 124/45").
_CASE_KEY = (
    r"(?:case|crime|incident|police|log|occurrence|occ|cad|referral|our|your|file|mosaic|lcs|ehm|"
    r"liquidlogic|crn|urn|upn|uln|pupil|hospital|hosp|mrn|patient|plan|cp|cpp|cin|lac|ehcp|"
    r"notification|encompass|storm|niche|athena|pnc|pnd|cris|child|person|client|court|claim|"
    r"tenancy|custody|arrest|warrant|badge|collar|trust|systmone|emis|rio|ref|refs|reference|references|uan|"
    r"report|reports|fwin|lado|mash|marac|cpoms|myconcern|sims|ecins|"
    r"number|numbers|no|nos|id|ids)"
)
_CASE_QUALIFIER = r"(?:ref(?:erence)?s?|no|nos|num(?:ber)?s?|ids?|#|log|case)"
_CASE_REF = (
    # (An age band is no reference: "a no under-16s condition"; nor a document's version: "the
    # sharing log v1.4".)
    r"(?:#?(?=[a-z/\-]*\d)(?!(?:under|over)-?\d|v\d{1,2}(?:\.\d{1,3})*(?![\w/\-]))(?>[a-z0-9][a-z0-9/\-]*\d[a-z0-9/\-]*)(?<=[a-z0-9])(?!%)"
    # A number written in groups: "N823 1234 5678 9".
    r"(?:(?: \d{3,6}){1,4}(?: \d)?\b)?"
    # A system's capitals before it, its figures maybe in groups: "CN 0310 2403 5567".
    r"|(?!(?-i:ID|NO|REF|NUM)\b)(?-i:[A-Z]{1,4})\s(?:\d{3,10}|\d{1,2}(?= \d{3}))"
    r"(?: \d{3,6}){0,4}(?:-\d{2,10})?\b)"
    # A police log is numbered within its day: "log 0934 of 12/02", "log 0934 12/02".
    r"(?:\s+(?:of\s+)?\d{1,2}/\d{1,2}(?:/\d{2,4})?\b)?"
)
# A label that names a reference outright: a record's word and "number"/"ref"/"id" ("pupil
# number", "case ref"; not "our number", "the total number"), or a reference's own name.
_NAMED_REFERENCE = (
    rf"(?:\b(?!(?:our|your|the|total|child|person|plan)\b){_CASE_KEY}\s+{_CASE_QUALIFIER}"
    r"|\b(?:ref|refs|reference|upn|uln|crn|urn|mrn|pnc|uan))"
)
_CASE_REFS = rf"{_CASE_REF}(?:\s*(?:,|and|&|or|/)\s*(?:(?:and|&)\s+)?{_CASE_REF})*"
_SPOKEN_ORDINAL = (
    r"(?:(?:twenty|thirty)[\s\-]+)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth"
    r"|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth"
    r"|nineteenth|twentieth|thirtieth)"
)
_AGE_OR_COUNT = (
    r"(?:\d{1,3}(?:s|yo|yos|y/o|yrs?|years?|mths?|months?|wks?|weeks?|st|nd|rd|th|am|pm|kg|g|ml"
    r"|mg|cm|mm|km|m|%)|y(?:r|ear)?\s?\d{1,2}s?)\b(?![/\-]\w)"
)
_SPOKEN_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
# Numbers that are public services, not references: "ring 101", "999".
_PUBLIC_NUMBER = r"(?!(?:101|111|999|112|116\d{3})\b)"
CASE_NUMBER = [
    (
        "keyword + reference",
        rf"(?<=[\s:])(?=#?[a-z]{{0,4}}\s?[a-z/\-]*\d)"
        rf"(?<=\b(?:{_CASE_KEY}|{_CASE_KEY}\s+{_CASE_QUALIFIER})(?:\.?:?\s{{1,2}}|:|\s[\-–]\s))"
        # (Not a count or a year, unless more groups follow: "MASH 24 118 302".)
        rf"{_PUBLIC_NUMBER}(?!(?:\d{{1,2}}|(?:19|20)\d\d)\b(?![/\-]\d)(?!(?: \d{{3,6}}){{2}}))"
        # (Nor an age, a count or a school year: "our 17s", "person. 15yo", "our Y10 lads".)
        rf"(?!{_AGE_OR_COUNT})"
        rf"{_CASE_REFS}",
        0.6,
    ),
    # The label, a verb, then the reference: "his pupil number is 014472", "the ref was
    # MC/2291". The label names a reference ("case number", "ref"; not "the report was 2500
    # words"), and four figures at least, as "the number was 150" counts people.
    (
        "keyword, a verb, a reference",
        rf"(?<={_NAMED_REFERENCE}\s(?:is|was|reads|=)\s)"
        rf"(?=#?[a-z/\-]{{0,5}}\s?\d{{4}})(?!(?:19|20)\d\d\b(?![/\-]\d)){_PUBLIC_NUMBER}{_CASE_REFS}",
        0.6,
    ),
    ("slashed reference", r"\b[a-z]{1,5}/(?:\d{2,4}/)?\d{2,6}(?:/[a-z0-9]+)?\b", 0.6),
    # A system's letters between a year and a number: "24/MASH/9981".
    ("slashed reference with letters inside", r"\b\d{2,4}/[a-z]{2,6}/\d{3,8}\b", 0.6),
    # Figures typed one by one after a reference's label: "Mosaic case number 1 9 9 8 4 4 2",
    # "LCS number for Jordan is 1 204 775", "UPN: M 9 3 0 1 2 3 4 0 0 0 1 2".
    (
        "spaced figures after a reference's label",
        rf"(?<=\b(?:{_CASE_KEY}|{_CASE_KEY}\s+{_CASE_QUALIFIER})(?:\s+for\s+\w+)?"
        # One figure at a time, or a number in threes ("1 204 775"); not a list of counts
        # ("SDQ scores: 12 14 18 9").
        r"(?:\s+(?:is|was))?:?\s)(?:[a-z]\s)?(?:\d(?:\s\d){4,14}|\d{1,2}\s\d{3}\s\d{3})"
        r"\b(?!\s\d)",
        0.6,
    ),
    # "13/204417/26"; a PNC number, "08/112233X".
    ("police reference", r"\b\d{2}/\d{4,7}/\d{2,4}\b|\b\d{2}/\d{5,7}[a-z]\b", 0.6),
    (
        "alnum reference",
        # (With a year or a letter after it: "WY13205/25", "PP-1187-B".)
        # (Its system's letters may come in parts: "LCC-MASH-26-3307", "NWMASH-26-0455".)
        r"\b(?=[a-z])(?:[a-z0-9]{1,8}-){1,3}\d{2,8}-\d{3,8}(?:-\d{2,8})?\b|\b[a-z]{1,5}-\d{4,8}(?:-[a-z]{1,2})?\b"
        r"|\b(?-i:[A-Z]{1,4})\d{5,13}(?:/\d{2,4})?\b(?!/)"
        # A court's case number: court, year, kind, number ("LS26C00411").
        r"|\b(?-i:[A-Z]{1,4}\d{1,4}[A-Z]{1,2})\d{4,8}\b",
        0.6,
    ),
    # With a suffix after a dash: "13241204-0455".
    ("long number", r"(?<![£$€\d.,])\b\d{7,12}(?:-\d{2,6})?\b(?![.,\-]?\d)", 0.4),
    # A system's capitals before the number: "CSC 1204417", "RXF 204-7781".
    (
        "prefixed reference",
        r"\b(?-i:[A-Z]{2,5})\s(?:\d{2,4}-\d{3,8}|\d{6,12})\b(?![\-/.,]?\d)",
        0.5,
    ),
    # A police log numbered within its day, alone as a field's value: "0934 of 12/02".
    # ... or of a day written in words: "log 1023 of 2nd June", "0877 of the 9th".
    (
        "police log of a day",
        r"\b\d{4}\s+of\s+(?:\d{1,2}/\d{1,2}(?:/(?:19|20)?\d{2})?\b"
        r"|(?:the\s+)?(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)\b"
        r"(?:\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b)?)",
        0.6,
    ),
    # Dictated: "one three slash two one four four zero one slash two six".
    (
        "dictated slashed reference",
        # ("Stroke" for the slash, and tens said as such: "forty two stroke one one eight ...".)
        rf"(?:{_SPOKEN_RUN_START}{_SPOKEN_TOKEN}(?:\s+{_SPOKEN_TOKEN}){{0,3}}"
        rf"|\b{_SPOKEN_TENS}(?:[\s\-]+{_SPOKEN_DIGIT})?)\s+(?:slash|stroke)\s+"
        rf"{_SPOKEN_TOKEN}(?:\s+{_SPOKEN_TOKEN}){{2,9}}"
        rf"(?:\s+(?:slash|stroke)\s+{_SPOKEN_TOKEN}(?:\s+{_SPOKEN_TOKEN}){{0,3}})?\b",
        0.6,
    ),
    # Dictated after its label: "reference two zero zero zero one ...", "incident number zero six
    # four three of the twenty second of the eleventh".
    (
        "dictated reference after its label",
        rf"(?<=\s)(?=(?:{_SPOKEN_DIGIT}|double|triple|treble)\s)"
        rf"(?<=\b(?:{_CASE_KEY}|{_CASE_KEY}\s+{_CASE_QUALIFIER})\s)"
        rf"{_SPOKEN_TOKEN}(?:\s+{_SPOKEN_TOKEN}){{3,14}}\b"
        rf"(?:\s+of\s+the\s+{_SPOKEN_ORDINAL}\s+of\s+the\s+{_SPOKEN_ORDINAL}\b)?",
        0.4,
    ),
]
