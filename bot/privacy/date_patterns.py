"""Dates as practitioners write them, for ``patterns.DATE``.

A note about a child dates events, so a weekday that names one day is a date and is removed:
"on Saturday", "last weds", "fri night", "sat", "Thurs 14th". A weekday that names a habit is
not ("on Mondays", "every Friday", "Sunday school"). The abbreviations that are also words (sat,
sun, wed) count only where the words around them make them a day: a time cue before ("last
sat", "on sun"), a part of the day or a date after ("sat night", "Wed 3rd"), or, for a verb,
no subject before and no complement after ("visit sat cancelled", not "she sat on her own").
A day and month without a year ("7/11") counts after a word that introduces a date ("on",
"since", "from", "dated" ...) or with a zero written in ("14/02"), not as a score ("3/10").
A time written after a date belongs to it ("Sat 15/3 at 7pm", "2024-05-17T14:00").
"""

import regex

MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
    # Typed in a hurry: a month's first and last letters with a few astray between them
    # ("febuary", "janaury", "setpember", "novemeber", "ocotber", "apirl", "agust", "augest").
    r"|jan[a-z]{0,4}(?:ary|ury|ray)|feb[a-z]{0,4}ary|ap[a-z]{1,2}l|au?gu?e?st|se[a-z]{1,6}ber"
    r"|o[ck][a-z]{0,4}(?:ber|bre)|nov[a-z]{0,4}ber|dec[a-z]{0,4}(?:ber|bre))"
)
_DAY_NUMBER = r"(?:0?[1-9]|[12][0-9]|3[01])"
DAY = rf"{_DAY_NUMBER}(?:st|nd|rd|th)?"
_ORDINAL = rf"{_DAY_NUMBER}(?:st|nd|rd|th)"
_UNITS = r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)"
_SPELLED_ORDINAL = (
    rf"(?:{_UNITS}|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth"
    rf"|seventeenth|eighteenth|nineteenth|twentieth|thirtieth|thirty[\s\-]first"
    rf"|twenty[\s\-]{_UNITS})"
)
_MONTH_NUMBER = r"(?:0?[1-9]|1[0-2])"
# A year said aloud: "twenty fifteen", "two thousand and nine", "nineteen ninety-eight".
_DIGIT_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_NUMBER_WORD = (
    rf"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s\-]+{_DIGIT_WORD})?"
    rf"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    rf"|{_DIGIT_WORD})"
)
_SPELLED_YEAR = (
    rf"(?:(?:nineteen|twenty)(?:[\s\-]+(?:oh|o))?[\s\-]+{_NUMBER_WORD}"
    rf"|two\s+thousand(?:\s+and)?(?:\s+{_NUMBER_WORD})?"
    # A year's last two figures said aloud after a month: "March eighty seven", "May oh nine".
    rf"|(?:seventy|eighty|ninety)(?:[\s\-]+{_DIGIT_WORD})?|(?:oh|o)[\s\-]+{_DIGIT_WORD})"
)
_YEAR = r"(?:(?:19|20)?\d{2}|['’]\d{2})"
# A month said as its ordinal: "the second of the fifth".
_SPELLED_MONTH_ORDINAL = rf"(?:{_UNITS}|tenth|eleventh|twelfth)"
# Weekday names that are no other word; "wed", "sat" and "sun" are handled apart.
_WEEKDAY_WORD = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mon|tues?|weds|thu|thur|thurs|fri"
    # Typed in a hurry, letters left out, doubled or swapped: "munday", "tuseday", "wensday",
    # "wedensday", "thrusday", "fryday", "saturdy", "satuday", "sundey".
    r"|m[ou]nd[ae]y|mondya|t(?:ue|eu|u)s?e?day|we(?:n|dn|nd|dne|den|ns|nds)e?s?day|wednesay"
    r"|th(?:u|r|ur|ru|ir)r?s?a?day|thursady|f(?:r|ir|ry)i?day|fridya"
    r"|sat(?:ur|ru|u|r)?a?d[ae]?y|saturady|sun(?:d[ae]?y|dya))"
)
_WEEKDAY = rf"(?:{_WEEKDAY_WORD}|wed|sat|sun)"
_PART_OF_DAY = (
    r"(?:night|nite|morning|morn|am|pm|eve|evening|afternoon|aft|lunchtime|lunch|teatime"
    r"|tea\s?time|after\s+school|before\s+school|overnight)"
)
# A relative day's word is part of it ("last weds"); a preposition before a day is kept in
# the text ("on [DATE]") but tells that "sat", "sun" or "wed" is one ("on sat").
_RELATIVE = r"(?:last|this|next|coming|past|early|late|nxt|lst|prev|previous)"
_PREPOSITION = r"(?:on|since|until|till|til|by|from|before|after|dated?)"
# A time written after a date: "at 7pm", "@ 15:30", "10.45am", "2240 hrs", "T14:00".
_TIME = (
    r"(?:(?:,?\s*(?:at|@|from|-|–)?\s*"
    r"(?:(?:[01]?\d|2[0-3])(?:[:.][0-5]\d)?\s?(?:am|pm)|(?:[01]?\d|2[0-3]):[0-5]\d(?:\s?hrs)?"
    r"|(?:[01]\d|2[0-3])[0-5]\d\s?hrs)|,?\s*(?:at|@)\s*(?:[01]?\d|2[0-3])[:.][0-5]\d)"
    # "20:00ish": a rough time is still the time.
    r"(?:ish\b)?|T\d{2}:\d{2}(?::\d{2})?)?"
)
# "at 3pm on Friday": a time written before a weekday belongs to it too.
_TIME_BEFORE = (
    r"(?:\b(?:at|@)\s*)\b(?:(?:[01]?\d|2[0-3])(?:[:.][0-5]\d)?\s?(?:am|pm)"
    r"|(?:[01]?\d|2[0-3]):[0-5]\d(?:\s?hrs)?)"
)
# A clock time after "at" ("Sat at 3pm", "sun @ 14:30"), not an age ("wed at 17").
_CLOCK_TIME = (
    r"(?:at|@)\s*(?:(?:[01]?\d|2[0-3])(?:[:.][0-5]\d)?\s?(?:am|pm)|(?:[01]?\d|2[0-3])[:.][0-5]\d)"
)
_AFTER_DATE = rf"(?:\s+{_PART_OF_DAY}\b)?{_TIME}"
# "Tuesday gone", "Friday just gone", "Monday last", "Sunday coming".
_AFTER_WEEKDAY = (
    r"(?:\s+(?:just\s+)?(?:gone|last|next|coming|past)\b"
    r"(?!\s+(?:week|fortnight|month|year|term|time|night|weekend))"
    # "Friday before last", "the Sunday before." (not "Sunday before school")
    r"|\s+(?:before\s+last|after\s+next)\b"
    # "Tuesday week": the Tuesday after next.
    r"|\s+week\b(?=\s*(?:[.,;:!?)]|$|\s+(?:is|was|at|for|when|then|and|but|he|she|they|we|i"
    r"|mum|dad)\b))"
    r"|\s+(?:before|after)(?=\s*(?:[.,;:!?)]|$|\s+(?:that|then|and|but|when|too|as\s+well)\b)))?"
)
# A measure, not a date: "2.5 mg", "5.3 mmol", "3/4 of".
_UNIT_AFTER = (
    r"(?:mg|ml|kg|g|l|cm|mm|km|m|mmol|%|percent|hrs?|hours?|mins?|minutes?|miles?|units?"
    r"|points?|pages?|kilos?|stone|lbs?|olds?)\b"
)
# A date written after a weekday: "Thurs 14th", "Sat 15/3", "Tuesday 5th March 2024".
_DATE_AFTER_WEEKDAY = (
    rf"(?:\.?,?\s+(?:the\s+)?(?:{_ORDINAL}\b(?:\s+(?:of\s+)?{MONTH}\b(?:\.?,?\s+{_YEAR}\b)?)?"
    # "Saturday the ninth", "Sunday the twenty first".
    rf"|(?<=the\s+){_SPELLED_ORDINAL}\b"
    rf"|{_DAY_NUMBER}[/.]{_MONTH_NUMBER}(?:[/.]{_YEAR})?\b(?![/.]\d)"
    # "absent Mon 13, Tue 14": a day's number alone after its weekday, not a count or a time.
    rf"|{_DAY_NUMBER}\b(?![/.:,]?\d)"
    rf"(?=\s*(?:[.,;:!?)\-–]|$)|\s+(?:and|or|&|to|till|until|at|@|then|when|but)\b)))?"
)
# Weekdays listed: "mon wed fri 6 til 9" (three or more with no commas are opening hours),
# "every tues n thurs" (a habit carries along its list).
_LIST_JOIN = r"(?:\s*(?:,|and|n|&|/|or)?\s+|\s*[,&/]\s*)"
_SCHEDULE_JOIN = r"(?:\s*/\s*|\s+)"
# (The usual spellings: a list's look-behinds are tried at many places, and the misspellings
# cost there, for lists rare enough.)
_ANY_WEEKDAY = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|weds|thu|thur|thurs"
    r"|fri|wed|sat|sun)"
)
_IN_A_LIST = (
    rf"(?:(?<=\b{_ANY_WEEKDAY}{_SCHEDULE_JOIN}{_ANY_WEEKDAY}{_SCHEDULE_JOIN})"
    rf"|(?<=\b{_ANY_WEEKDAY}{_SCHEDULE_JOIN})(?={_ANY_WEEKDAY}{_SCHEDULE_JOIN}{_ANY_WEEKDAY}\b)"
    rf"|(?={_ANY_WEEKDAY}{_SCHEDULE_JOIN}{_ANY_WEEKDAY}{_SCHEDULE_JOIN}{_ANY_WEEKDAY}\b)"
    rf"|(?<=\b(?:every|each)\s+{_ANY_WEEKDAY}{_LIST_JOIN}))"
)
# Not a day of its own: "Mondays", "every Friday", "on a Monday", "Sunday school".
_NOT_ONE_DAY_BEFORE = (
    # ("the other Tuesday" is one day; "every other Tuesday" is not.)
    r"(?<!\b(?:every|each|most|some|alternate|a|any)\s+)(?<!(?<!\bthe\s)\bother\s+)"
    # "every second Thursday", "each first Monday": a habit.
    r"(?<!\b(?:every|each)\s+(?:second|third|fourth|2nd|3rd|4th|first|1st|last)\s+)"
    r"(?<!(?<!\bfrom\s)\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\s*(?:to|through|till|until|-|–)\s*)"
)
# Opening hours: "Monday to Friday" (written out, with no "from"; "Mon-Weds" and "from Monday
# to Wednesday" date a few days).
_FULL_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_NOT_ONE_DAY_AFTER = (
    rf"(?!(?<!\bfrom\s+{_FULL_WEEKDAY})(?<=day)\s*(?:to|through|till|until|-|–)\s*{_FULL_WEEKDAY}\b)"
    r"(?!\s+(?:school|league|club|job|paper|times|morning|night|evening|afternoon|lunchtime)s\b)"
    r"(?!\s+(?:school|league|club|job|paper|times|session|sessions|group|class|drop-in|rota|clinic"
    r"|clinics|briefing|patrol|surgery|huddle)\b)"
    # "the first Monday of the month", "the second Tuesday of every month"
    r"(?!\s+of\s+(?:the|each|every)\s+month)"
    # "Tuesday and Thursday are his football nights"; but "Fri 6th ... weekly" is one day.
    r"(?:(?=\s+\d{1,2}(?:st|nd|rd|th)\b)"
    r"|(?![^.;\n]{0,40}\b(?:days|nights|evenings|mornings|afternoons|each\s+week|every\s+week"
    r"|weekly|fortnightly)\b))"
)
# "the 2nd may be": a lower-case "may" is a month only before a year, a time or a stop.
_NOT_MAY_VERB = r"(?!(?<=\b(?-i:may))\s+(?!at\b)[a-z])"
_SUBJECT = (
    r"(?:i|he|she|we|they|you|it|who|that|mum|mam|dad|nan|gran|child|children|kids?|boys?"
    r"|girls?|baby|family|parents?|carers?|and|just|then|also|had|has|have|was|were|never"
    r"|always|[a-z]+ly)"
)
_VERB_COMPLEMENT = (
    r"(?:in|on|down|up|with|next|beside|by|outside|inside|there|here|alone|quietly|still"
    r"|silently|at|for|through|her|him|his|my|the|a|an|their|our|your|near|around|across"
    r"|against|between|opposite|under|behind|together|round|back|exams?|sats|gcses?)"
)
# The words that may follow "the 14th" when it is a day, not "the 3rd time".
_ORDINAL_THEN = (
    r"(?:at|and|or|to|till|until|when|but|so|was|is|will|would|she|he|they|we|i|mum|dad"
    r"|before|after|by)"
)
# The field's events an ordinal counts in capitals: "the 3rd DNA", "the 2nd ICPC".
_COUNTED_ACRONYM = (
    r"(?-i:DNAs?|WNBs?|NFA|MFH|MFHs|ED|A&E|CP|CPP|CIN|CLA|LAC|ICPC|RCPC|TAF|EHA|MASH|CSE|CCE|DV|DA)"
)
# A centile a measure moved from: "from the 25th to the 2nd centile".
_NOT_A_CENTILE_FROM = (
    rf"(?!\s*(?:to|into|[\-–])\s*(?:the\s+)?{_ORDINAL}\s+(?:centile|percentile)s?\b)"
)
# Nouns an ordinal counts, so "on the 2nd floor" is not a day.
_COUNTED = (
    r"(?:times?|floors?|stages?|attempts?|places?|ones?|years?|weeks?|days?|months?|terms?"
    r"|referrals?|occasions?|visits?|child|children|grade|round|set|step|tier|level|storey"
    r"|house|door|flat|plot|page|question|session|meeting|incident|baby|pregnancy|episodes?"
    r"|missing|centiles?|percentiles?|of\s+(?:each|every|the)\s+month)"
)
_DATE_WORD = r"(?:on|since|from|until|till|til|by|before|after|dated?)"
# Named days: "Christmas Day", "Halloween", "Mother's Day".
_NAMED_DAY = (
    r"(?:(?:christmas|xmas)\s+(?:day|eve)|boxing\s+day|new\s+year['’]?s\s+(?:day|eve)|nye|nyd"
    r"|bonfire\s+night|guy\s+fawkes\s+night|easter\s+(?:sunday|monday)|good\s+friday|halloween"
    r"|hallowe['’]en|valentine['’]?s\s+day|mother['’]?s\s+day|father['’]?s\s+day"
    r"|st\.?\s+patrick['’]?s\s+day|(?:st\.?\s+)?stephen['’]?s\s+day|pancake\s+day|shrove\s+tuesday"
    r"|chinese\s+new\s+year|lunar\s+new\s+year|nos\s+galan|dydd\s+g[ŵw]yl\s+dewi"
    # (Not "EID", an acronym; "eid" in lower case is the feast as texts write it.)
    r"|(?-i:Eid|eid)(?:[\s\-]+(?:al|ul)[\s\-](?:fitr|adha))?)"
)
# Welsh: "nos Sul" (Sunday night), "ddydd Llun", "y 9fed", "21ain Ionawr", "y 14eg o Fawrth".
_WELSH_WEEKDAY = r"(?:llun|mawrth|mercher|iau|gwener|sadwrn|sul)"
_WELSH_ORDINAL = r"(?:0?[1-9]|[12][0-9]|3[01])(?:af|il|ydd|edd|ed|fed|eg|ain)"
_WELSH_MONTH = (
    r"(?:ionawr|chwefror|mawrth|fawrth|ebrill|mai|fai|mehefin|fehefin|gorffennaf|orffennaf"
    r"|awst|medi|fedi|hydref|tachwedd|dachwedd|rhagfyr|ragfyr)"
)
# The words a date of birth follows: "DOB", "d.o.b.", "born on", "date of birth".
_DOB_LABEL = r"(?:dob|d\.o\.b\.?|born(?:\s+on)?|date\s+of\s+birth)"
# Festivals named by one word that also name a season: a day after "on" or "at" ("started at
# Diwali"; not "during Diwali"), or with its year.
_FESTIVAL = r"(?:diwali|deepavali|vaisakhi|baisakhi|holi|hanukkah|chanukah)"

_SUN_NOUN = (
    r"(?:cream|hat|screen|block|light|glasses|bed|burn|burnt|tan|shine|set|rise|stroke"
    r"|shade|lotion|dress)"
)

# --- Round six (issue 8): dates in chronologies, lists, weeks of a month, seasons, dictation.

# A day and month in figures with no year: "04.09", "19/9".
_DAY_MONTH = rf"{_DAY_NUMBER}[/.]{_MONTH_NUMBER}(?![/.]?\d)"
# The same as a date is written, not a measure's decimals ("from 17.9 to 16.8"): a slash, or a
# dot before a two-figure month ("3/3", "22.12", "04.09").
_DAY_MONTH_WRITTEN = rf"\b{_DAY_NUMBER}(?:/{_MONTH_NUMBER}|\.(?:0[1-9]|1[0-2]))(?![/.]?\d)"
# Nouns a fraction or a count of figures is of: "2/3 sessions", "3/5 days", "1/2 the class".
_FRACTION_OF = (
    r"(?:of|out|the|sessions?|visits?|appointments?|lessons?|days?|weeks?|months?|years?|nights?"
    r"|times?|occasions?|meetings?|contacts?|children|kids|pupils|staff|classes|questions"
    r"|answers|items|targets|goals|weeks?)"
)
# A share of targets or answers, not a date: "2/3 met", "9/10 right".
_OUTCOME = (
    r"(?:met|not|done|complete|completed|achieved|passed|failed|correct|right|wrong|present"
    r"|outstanding|remaining|pending|predicted|expected|overall)"
)
# For other modules: a measure, a share of things counted, an outcome after a figure.
UNIT_AFTER, FRACTION_OF, OUTCOME = _UNIT_AFTER, _FRACTION_OF, _OUTCOME
# Where an item of a chronology or a list starts: the line's start, after ";", a bullet, or the
# ": " of its heading ("Chronology: 04.09 started Yr 3; 19.09 bruise; 03.10 ...").
_BULLET = r"[ \t]*(?:[\-–*][ \t]+)?"
# (" / " parts items only where the next one writes a dash or a colon after its day, as a
# chronology does: "6/1 - absent / 7/1 - no call"; not "4/5 reading / 3/5 writing".)
_SLASH_ITEM = r"[ \t]/[ \t](?=[ \t]*\d{1,2}[/.]\d{1,2}[ \t]*[\-–:])"
_ITEM_START = (
    rf"(?:^|[\n;•]|:(?=[ \t])|(?<=[ \t])/(?=[ \t]+\d{{1,2}}[/.]\d{{1,2}}[ \t]*[\-–:])){_BULLET}"
)
# What ends one item of a list and starts the next: ";", a bullet, or " / " as above.
_ITEM_BREAK = rf"(?:[;•]|{_SLASH_ITEM})"
# A dated item: a day and month, then the event in words, straight after it or after a dash
# or a colon ("1/4 - nursery rang"; not a count: "2/3 sessions").
_DATED_ITEM = (
    rf"{_DAY_MONTH_WRITTEN}(?:[ \t]*[\-–:])?"
    rf"(?![ \t]*(?:{_UNIT_AFTER}|{_FRACTION_OF}\b|{_OUTCOME}\b))"
    r"[ \t]+[a-z(\"'‘“]"
)
# A clock time, as notes write it before or after a day: "2am", "11.30pm", "20:00", "0621".
_CLOCK = (
    r"(?:(?:[01]?\d|2[0-3])(?:[:.][0-5]\d)?\s?(?:am|pm)|(?:[01]?\d|2[0-3])[:.][0-5]\d(?:\s?hrs)?"
    r"|(?:[01]\d|2[0-3])[0-5]\d(?:\s?hrs)?)(?:ish)?"
)
# A list of days by their ordinals: "the 8th, 9th and 10th", "3rd & 5th", "14th-16th".
_ORDINAL_JOIN = r"(?:\s*,\s*|\s*,?\s+(?:and|&|or|n|\+|to|into|till|until)\s+|\s*[&+/\-–]\s*)"
# Words that follow a day rather than a noun that ordinals count: "the 3rd, 4th and 7th without
# a note", "the weekend of the 21st with dad" (not "the 1st and 2nd children").
_DAY_THEN = (
    rf"(?:{_ORDINAL_THEN}|with|without|for|because|as|from|off|due|again|too|both|only|also"
    r"|not|no|this|last|next|either|then|though|too)"
)
# The words after which a bare ordinal ending its clause names a day in a sentence that named a
# month before ("disclosed on 6th Nov, share was 19th"; not "came 2nd, his sister was 3rd").
_ORDINAL_AFTER_A_DATE = r"(?:was|is|were|be|then|of)"
# Events of the field a bare ordinal after them dates ("home visit 21st.", "ICPC 30th", "seen at
# clinic 3rd"), where a count would stand before ("the 2nd visit").
_EVENT_BEFORE_A_DAY = (
    r"(?:visit|appt|appointment|meeting|review|conference|hearing|court|booked|due|planned|seen"
    r"|contact|medical|clinic|strat|icpc|rcpc|dna|wnb|exclusion|incident|call)"
)
# Weeks of a month: "the 2nd week of Jan", "2nd wk of Sept", "the last week in March".
_WEEK_ORDINAL = rf"(?:{_ORDINAL}|first|second|third|fourth|fifth|last|final)"
_WEEK = r"(?:week|wk|weekend|w/e|fortnight)"
# Seasons, terms and festivals that date a stretch of a given year: "summer 2023", "the summer
# of 2024", "Easter 2023", "spring term '24".
_SEASON = (
    r"(?:(?:spring|summer|autumn|winter)(?:\s+(?:term|hols?|holidays?|half[\s\-]term))?"
    r"|(?:easter|christmas|xmas|whitsun|may|october|february)\s+(?:hols?|holidays?|half[\s\-]term)"
    rf"|easter|christmas|xmas|whitsun|half[\s\-]term|ramadan|{_FESTIVAL}|(?-i:Eid|eid))"
)
# Feasts a day is counted from: "the weekend after Diwali", "the day before Eid".
_FEAST = (
    rf"(?:christmas|xmas|easter|{_FESTIVAL}|(?-i:Eid|eid)|halloween|hallowe['’]en|new\s+year"
    r"|bonfire\s+night|ramadan|passover|vaisakhi)"
)
# Welsh weekdays as written after "nos" (soft mutation: "nos Lun", "nos Wener", "nos Fawrth").
_WELSH_WEEKDAY_MUTATED = r"(?:lun|fawrth|fercher|wener)"
# Capitalised Welsh weekdays listed ("absent Llun a Mawrth", "Llun, Mercher a Gwener").
_WELSH_DAY_CAPITAL = r"(?-i:Llun|Mawrth|Mercher|Iau|Gwener|Sadwrn|Sul)"
# A date of birth dictated number by number: "oh three oh four nineteen", "twelve ten oh nine",
# "twenty one oh six two thousand and ten".
_SAID_OH = r"(?:oh|o|zero|nought)[\s\-]+"
_SAID_ZERO = r"(?:oh|o|zero|nought)"
# Or figure by figure: "one one" (11), "two three" (23), "three oh" (30).
_SAID_DAY = (
    rf"(?:(?:one|two)[\s\-]+(?:{_DIGIT_WORD}|{_SAID_ZERO})|three[\s\-]+(?:one|{_SAID_ZERO})"
    rf"|{_SAID_OH}{_DIGIT_WORD}|{_NUMBER_WORD}|{_SPELLED_ORDINAL})"
)
_SAID_MONTH = (
    rf"(?:one[\s\-]+(?:one|two|{_SAID_ZERO})|{_SAID_OH}{_DIGIT_WORD}|ten|eleven|twelve"
    rf"|{_DIGIT_WORD}|{MONTH})"
)
_SAID_FIGURE = rf"(?:{_SAID_ZERO}|{_DIGIT_WORD})"
_SAID_YEAR = (
    rf"(?:(?:one[\s\-]+nine|two[\s\-]+{_SAID_ZERO})[\s\-]+{_SAID_FIGURE}[\s\-]+{_SAID_FIGURE}"
    rf"|{_SPELLED_YEAR}|{_SAID_OH}{_DIGIT_WORD}|{_NUMBER_WORD})"
)


# Words before a figure that make "3/4" a score, a share, a duration, a year group or a flat
# rather than a day: "scored 3/4", "about 3/4", "for 2/7" (two days), "Year 7/8", "Flat 2/1".
_NOT_A_DAY_BEFORE = (
    r"(?:scored?|scores|scoring|rated|rates?|rating|ratings|mood|pain|got|gets|get|getting"
    r"|about|around|nearly|almost|over|under|only|just|roughly|approx|approximately|than"
    r"|year|years|yr|yrs|level|levels|grade|grades|band|stage|out|and|or|to|x|predicted"
    r"|targets?|said|says|term|sleep|wellbeing|attendance|engagement|confidence|anxiety"
    # A flat or a room numbered by floor: "Flat 2/1".
    r"|flat|room|unit|block|floor|no|number|house|bay|pitch|plot|apartment|apt)"
)
# What follows a figure that makes it a share or a year group: "1/2 an hour", "the 7/8 class".
_NOT_A_DAY_AFTER = (
    r"(?:an?|class|classes|group|groups|split|mix|ratio|term|way|time|times|tablets?|tabs?"
    r"|doses?|spoons?|spoonfuls?|teaspoons?|pints?|portions?|slices?|cups?|bottles?)"
)

DATE = [
    (
        "numeric d/m/y",
        rf"(?:{_TIME_BEFORE}\s+(?:on\s+)?)?"
        rf"\b{_DAY_NUMBER}([/.\-]){_MONTH_NUMBER}\1(?:19|20)?\d{{2}}\b{_AFTER_DATE}"
        rf"|\b{_DAY_NUMBER}\s?([/.\-])\s?{_MONTH_NUMBER}\s?\2\s?(?:19|20)\d{{2}}\b",
        0.6,
    ),
    (
        "iso y-m-d",
        rf"\b(?:19|20)\d{{2}}([/.\-]){_MONTH_NUMBER}\1{_DAY_NUMBER}(?:\b|(?=T\d)){_AFTER_DATE}",
        0.6,
    ),
    (
        "day month [year]",
        rf"\b(?:{_WEEKDAY}\.?,?\s+)?(?:the\s+)?{DAY}(?:\s+of)?\s+{MONTH}\b{_NOT_MAY_VERB}"
        rf"(?:\.?,?\s+{_YEAR}\b)?{_AFTER_DATE}",
        0.6,
    ),
    (
        "days of a month",
        rf"\b(?:the\s+)?{DAY}\s*(?:and|to|-|–|until|till|&|/)\s*(?:the\s+)?{DAY}(?:\s+of)?\s+"
        rf"{MONTH}\b{_NOT_MAY_VERB}(?:\.?,?\s+{_YEAR}\b)?",
        0.6,
    ),
    (
        "spelled day of month",
        rf"\b(?:the\s+)?{_SPELLED_ORDINAL}\s+of\s+{MONTH}\b"
        rf"(?:\.?,?\s+(?:{_YEAR}|{_SPELLED_YEAR})\b)?{_AFTER_DATE}",
        0.6,
    ),
    # "the second of the fifth twenty nineteen", "the 2nd of the 5th".
    (
        "day of the month's ordinal",
        rf"\b(?=[\defnst])(?:the\s+)?(?:{_SPELLED_ORDINAL}|{_ORDINAL})\s+of\s+the\s+"
        rf"(?:{_SPELLED_MONTH_ORDINAL}|(?:0?[1-9]|1[0-2])(?:st|nd|rd|th))\b"
        rf"(?:\.?,?\s+(?:{_YEAR}|{_SPELLED_YEAR})\b)?{_AFTER_DATE}",
        0.6,
    ),
    # "march the fourteenth", "March the 14th, 2015".
    (
        "month the day",
        rf"\b{MONTH}\b{_NOT_MAY_VERB}\s+the\s+(?:{_ORDINAL}|{_SPELLED_ORDINAL})\b"
        rf"(?:\.?,?\s+(?:{_YEAR}|{_SPELLED_YEAR})\b)?{_AFTER_DATE}",
        0.6,
    ),
    # "the fourteenth" as "the 14th" below (not "the first", "the second", "the third": words).
    (
        "the spelled day",
        rf"\bthe\s+(?!(?:first|second|third)\b){_SPELLED_ORDINAL}\b"
        rf"(?!\s+(?!{_ORDINAL_THEN}\b)(?-i:[a-z]))"
        # Nor a name in capitals: "The Sixth Form", "the Fifth Floor" (a month may follow).
        rf"(?!\s+(?!{MONTH}\b|{_WEEKDAY}\b)(?-i:[A-Z][a-z])){_AFTER_DATE}",
        0.6,
    ),
    # "w/c 4th March", "week commencing 4/3": the week's words are part of the date.
    (
        "week commencing",
        rf"\b(?:w/c|w/b|wc|wb|w\.c\.|week\s+(?:commencing|beginning|starting)|wk\s+(?:comm?|beg|commencing|beginning|starting)\.?)"
        rf"\s+(?:the\s+)?(?:{DAY}(?:\s+of)?\s+{MONTH}\b(?:\.?,?\s+{_YEAR}\b)?"
        rf"|{_DAY_NUMBER}[/.]{_MONTH_NUMBER}(?:[/.]{_YEAR})?\b|{MONTH}\.?\s+{DAY}\b|{_ORDINAL}\b)",
        0.6,
    ),
    (
        "month day [year]",
        rf"\b{MONTH}\.?\s+{DAY}\b(?:\s?[\-–&/]\s?{DAY}\b)?(?:,?\s+{_YEAR}\b)?{_AFTER_DATE}",
        0.6,
    ),
    # Police and hospital systems write "14MAR24", "14MAR2024".
    ("compact day month year", rf"\b{_DAY_NUMBER}{MONTH}(?:19|20)?\d{{2}}\b", 0.6),
    # (With the part of the month written before it: "mid-August 2024", "early March 2023".)
    (
        "month year",
        r"\b(?:(?:mid|early|late|end|start)(?:-|\s+)(?:of\s+)?)?"
        rf"{MONTH}\.?\s+(?:(?:19|20)\d{{2}}|['’]\d{{2}})\b",
        0.6,
    ),
    # "03/2024", "03.2024": a month and a year in figures.
    (
        "numeric month year",
        r"\b(?:(?:0?[1-9]|1[0-2])/|(?:0[1-9]|1[0-2])\.)(?:19|20)\d{2}\b(?![/.]\d)",
        0.6,
    ),
    # "14 03 2015"; with a two-digit year after a word for a birth date ("DOB 14 03 15").
    (
        "day month year with spaces",
        rf"\b{_DAY_NUMBER}\s{_MONTH_NUMBER}\s(?:19|20)\d{{2}}\b(?!\s?\d)"
        rf"|(?<=\b(?:dob|d\.o\.b|born|birth)\.?:?\s{{1,2}}){_DAY_NUMBER}\s{_MONTH_NUMBER}\s\d{{2}}\b"
        r"(?!\s?\d)",
        0.6,
    ),
    (
        "weekday",
        rf"(?:\b(?:(?:this|the)\s+past|this\s+coming|a\s+week\s+(?:last|on|this|next|come)|{_RELATIVE}|the"
        rf"|(?:last|this|next)\s+week)\s+)?"
        # (A weekday's first letter before the look-behinds: they cost most.)
        rf"(?=[mtwfs]){_NOT_ONE_DAY_BEFORE}\b(?<!')(?=(?:{_WEEKDAY_WORD})\b)(?!{_IN_A_LIST})(?:{_WEEKDAY_WORD})\b"
        rf"{_NOT_ONE_DAY_AFTER}{_AFTER_WEEKDAY}{_DATE_AFTER_WEEKDAY}{_AFTER_DATE}",
        0.6,
    ),
    # A day's ordinal with the clock time after it: "returned 23rd 6am", "seen 4th at 14:30".
    (
        "ordinal before a clock time",
        # (Not a place in a race: "came 2nd at 3pm".)
        rf"(?:\bthe\s+|(?<!\b(?:came|come|finished|placed|ranked|got|get|in|are|were|is|was|be"
        rf"|being)\s))\b{_ORDINAL}(?=\s+(?:at\s+)?{_CLOCK}\b)",
        0.6,
    ),
    # Weekdays counted back: "2 Sundays ago", "two sunday ago", "3 weeks ago Friday".
    (
        "weekdays counted back",
        rf"\b(?:a|an|one|two|three|four|five|\d)\s+(?:(?:{_WEEKDAY_WORD})s?\s+(?:ago|back|gone)"
        rf"|(?:weeks?|wks?)\s+ago\s+(?:on\s+|last\s+)?(?:{_WEEKDAY_WORD}))\b{_AFTER_DATE}",
        0.6,
    ),
    ("time before a weekday", rf"{_TIME_BEFORE}\s+(?:on\s+)?{_WEEKDAY_WORD}\b", 0.6),
    # A clock time with its am or pm makes "sat", "sun" or "wed" after it a day: "found at
    # 11pm sat", "9am wed" (not "at 11pm sat down", "sat with her").
    (
        "sat sun wed after a clock time",
        r"(?<=\d(?:am|pm)\s|\d\s(?:am|pm)\s)(?:wed|sat|sun)\b"
        r"(?!\s+(?:down|up|with|next|beside|there|here|on|in|alone|quietly|still|through|at|her"
        r"|him|his|the|an?|by\s+(?:the|her|his|an?|my|their))\b)"
        rf"(?!\s+{_SUN_NOUN}\b)"
        rf"{_AFTER_WEEKDAY}{_AFTER_DATE}",
        0.6,
    ),
    (
        "sat sun wed after a time cue",
        rf"(?:\b(?:this\s+)?{_RELATIVE}\s+|(?=[ws])(?<=\b{_PREPOSITION}\s))(?!{_IN_A_LIST})(?:wed|sat|sun)\b"
        rf"(?!\s+{_SUN_NOUN}\b)"
        rf"{_DATE_AFTER_WEEKDAY}{_AFTER_DATE}",
        0.6,
    ),
    (
        "sat sun wed with a part of the day or a date",
        rf"\b(?:wed|sat|sun)\b\.?(?=\s+(?:{_PART_OF_DAY}\b|the\s+\d|\d|(?:just\s+)?gone\b|{_CLOCK_TIME})"
        rf"|,\s+(?:the\s+)?(?:{_ORDINAL}\b|{_DAY_NUMBER}/{_MONTH_NUMBER}\b))"
        rf"{_AFTER_WEEKDAY}{_DATE_AFTER_WEEKDAY}{_AFTER_DATE}",
        0.6,
    ),
    (
        "sat wed mid-sentence, not a verb",
        rf"\b(?=(?:wed|sat)\b)(?!{_IN_A_LIST})(?:wed|sat)\b(?<=\b[a-z]+[,:]?\s(?:wed|sat))(?<!\b{_SUBJECT}[,:]?\s(?:wed|sat))"
        rf"(?!\s+(?:{_VERB_COMPLEMENT}|navs?)\b)(?!\s+(?-i:[A-Z]))",
        0.6,
    ),
    # "at contact Sun and ...": a capital "Sun" after a lower-case word is the day, unless it
    # is the sun's ("the Sun", "Sun cream").
    (
        "capital sun mid-sentence",
        rf"(?<=\b(?-i:[a-z]+)[,:]?\s)(?<!\b(?:the|a|in|of|to|and)\s)(?-i:Sun)\b(?!\s+{_SUN_NOUN}\b)"
        r"(?!\s+(?-i:[A-Z]))",
        0.6,
    ),
    # "till the 14th", "the 14th was when", but not "the 3rd time" or "the 2nd stage".
    (
        "the ordinal day",
        # (Not a count compared: "went better than the 1st".)
        rf"(?=the\s|\d)(?:(?<!\b(?:than|as)\s)\bthe\s+"
        rf"|(?<=\b(?:on|since|from|until|till|by|before|after|born|w/?c"
        rf"|commencing|beginning|beg|dated)\s)){_ORDINAL}\b"
        rf"(?!\s+(?!{_ORDINAL_THEN}\b)(?-i:[a-z]))"
        # Nor an event of the field counted ("the 3rd DNA", "the 2nd ICPC").
        rf"(?!\s+{_COUNTED_ACRONYM}\b)"
        # Nor the first of ordinals that count a noun ("the 1st and 2nd floors").
        rf"(?!(?:{_ORDINAL_JOIN}(?:the\s+)?{_ORDINAL}\b)+\s+(?!{_ORDINAL_THEN}\b)(?-i:[a-z]))"
        rf"{_NOT_A_CENTILE_FROM}{_AFTER_DATE}",
        0.6,
    ),
    # "from the 2nd with no explanation": after a date preposition "the 2nd" is a day, unless a
    # noun it counts follows ("on the 2nd floor", "since the 3rd referral").
    (
        "ordinal after a date preposition",
        rf"(?<=\b(?:on|since|from|until|till|til|by|before|after)\s)the\s+{_ORDINAL}\b"
        rf"(?!\s+(?:{_COUNTED})\b){_NOT_A_CENTILE_FROM}{_AFTER_DATE}",
        0.6,
    ),
    # "last March", "this Christmas": one month or feast of one year ("the last march" is a
    # walk, "this may" a verb).
    (
        "relative month or feast",
        r"(?<!\bthe\s)\b(?:last|this|next)\s+(?:this\s+)?"
        rf"(?:(?!(?-i:may)\b){MONTH}|christmas|xmas|easter|eid|diwali|halloween|hallowe['’]en)\b",
        0.6,
    ),
    (
        "relative weekend",
        r"\b(?:(?:last|this|next|past|coming)\s+weekend|(?:the\s+)?weekend\s+(?:just\s+)?gone"
        r"|the\s+weekend\s+before\s+last)\b",
        0.6,
    ),
    (
        "welsh weekday",
        rf"(?<!\bbob\s+)\b(?:dydd|ddydd|nos|noson|bore|fore|prynhawn|brynhawn|pnawn|p'nawn)\s+{_WELSH_WEEKDAY}"
        r"\b(?:\s+(?:diwethaf|dwetha|nesaf|nesa|yma|hwn))?",
        0.6,
    ),
    (
        "welsh ordinal day",
        rf"\b(?:(?:y|yr)\s+)?{_WELSH_ORDINAL}\b(?!\s+(?:tro|flwyddyn|blwyddyn|dosbarth|gwaith|safle"
        rf"|lle|plentyn)\b)(?:\s+(?:o\s+)?{_WELSH_MONTH}\b(?:,?\s+(?:19|20)\d{{2}}\b)?)?",
        0.6,
    ),
    (
        "welsh month year",
        rf"\b{_WELSH_MONTH}\s+(?:19|20)\d{{2}}\b",
        0.6,
    ),
    (
        "welsh day month",
        rf"\b{_DAY_NUMBER}\s+(?:o\s+)?{_WELSH_MONTH}\b(?:,?\s+(?:19|20)\d{{2}}\b)?",
        0.6,
    ),
    (
        "day/month after a date word",
        # (A score is of a figure too: "scores of 7/10".)
        r"(?<!\b(?:scores?|marks?|ratings?|grades?|results?|averages?|totals?)\s+of\s)"
        rf"(?=\d|the\s)(?:(?<=\b(?:{_DATE_WORD}|to|w/?c|commencing|beginning|beg|between|of|visit"
        rf"|seen|held|received|logged|dob|d\.o\.b\.?|born|overnight|night|nights|weekend"
        # An event that happens on one day: "core group 7/11", "served s21 notice 10/11".
        rf"|group|meeting|review|conference|hearing|served|released|discharged|admitted|arrested"
        # An event noun, or a word of when, right before it: "conf 4/7", "booked 2/5",
        # "missing 3/3 18:00", "appt 12/6" (not "last": "the last 2/3 sessions").
        rf"|conf|icpc|rcpc|strat|appt|appointment|attended|absent|missing|incident|exclusion"
        rf"|due|booked|expected|contact|call|called|referral|referred|visited)\s)"
        # "and", "or" after a day ("Tues and 5/4"), not after a score's name. After a day and
        # month it is one only if that one is ("on 3/4 and 5/4"): bot/privacy/siblings.py.
        rf"|(?<=\b(?:{_WEEKDAY}|{MONTH}|{_ORDINAL})\s(?:and|or|&)\s)"
        rf"|(?<=\b(?:dob|d\.o\.b\.?|dated?):\s?)|(?<=^|\n|\()"
        rf"|(?<=\bdates?\b[^\n.]{{0,25}}:\s{{0,2}})|(?<=\b{_DATE_WORD}\s)the\s+)"
        rf"(?!24/7\b)(?:{_DAY_NUMBER}\s?[\-–&]\s?)?{_DAY_NUMBER}"
        rf"(?:"
        # "went from 17.9 to 16.8": after these words a dotted number is a measure.
        rf"(?:/|\.(?<!\b(?:to|from|and|or|of|between)\s(?:{_DAY_NUMBER}\s?[\-–&]\s?)?\d{{1,2}}\.))"
        # A dash, where no range of small numbers is meant ("from 9-12"): a day above 12 or a
        # written zero ("on 14-11", "dated 03-04").
        rf"|-(?<=\b(?:0[1-9]|1[3-9]|2\d|3[01])-)|-(?=0[1-9]\b))"
        rf"{_MONTH_NUMBER}\b"
        # (Not a share of things counted: "attended 2/3 sessions".)
        rf"(?![/.]?\d)(?!\s*(?:of\b|{_UNIT_AFTER}))(?![ \t]+{_FRACTION_OF}\b){_AFTER_DATE}",
        0.6,
    ),
    (
        "day/month range",
        # (Dotted after "from" or "between", it is a measure: "from 17.9 to 16.8".)
        rf"\b{_DAY_NUMBER}(/|\.(?<!\b(?:from|between)\s\d{{1,2}}\.)){_MONTH_NUMBER}"
        rf"\s*(?:to|-|–|until|till)\s*{_DAY_NUMBER}\1"
        rf"{_MONTH_NUMBER}\b(?![/.]?\d)(?!\s*{_UNIT_AFTER})",
        0.6,
    ),
    (
        "day/month with a zero",
        rf"\b(?:0[1-9]/{_MONTH_NUMBER}|{_DAY_NUMBER}/0[1-9])\b(?![/.]?\d){_AFTER_DATE}",
        0.6,
    ),
    # A day above 12 before a month is no score or fraction ("17/11", "28/4"), bar "24/7".
    (
        "day/month that is no fraction",
        r"(?<![\d/.,£$€]|\d[.,])(?<!\baged\s)\b(?!24/7\b)(?:1[3-9]|2\d|3[01])/(?:0?[1-9]|1[0-2])\b(?![/.]?\d)"
        rf"(?!\s*{_UNIT_AFTER}){_AFTER_DATE}",
        0.6,
    ),
    # "28.02", "14-03": a day above 12 and a month written with its zero is no decimal or
    # score; not a clock time ("at 13.05", "13.05 hrs").
    (
        "dotted or dashed day/month that is no decimal",
        r"(?<![\d/.,£$€:\-]|\d[.,])(?<!\b(?:at|@|until|till|by|from|to)\s?)\b(?:1[3-9]|2\d|3[01])([.\-])0[1-9]\b"
        rf"(?![.\-]?\d)(?!\s*(?:{_UNIT_AFTER}|am\b|pm\b|h\b|hrs?\b)){_AFTER_DATE}",
        0.6,
    ),
    ("dob digits", rf"(?<=\b{_DOB_LABEL}:?\s{{1,2}})\d{{6,8}}\b", 0.7),
    (
        "year of birth",
        rf"(?=\d)(?<=\b(?:{_DOB_LABEL}|born\s+in):?\s)(?:19|20)\d{{2}}\b",
        0.6,
    ),
    (
        "named day",
        rf"\b(?:{_NAMED_DAY}(?:\s+(?:19|20)\d\d\b)?|(?<=\b(?:on|at)\s){_FESTIVAL}"
        rf"|{_FESTIVAL}\s+(?:19|20)\d\d)\b",
        0.6,
    ),
    # "14-Nov-2024", "14-november-2024", "14/Nov/24": a month's name between separators.
    (
        "day month year with separators",
        rf"\b(?=\d{{1,2}}(?:st|nd|rd|th)?[\-/.]\s?[a-z]){DAY}([\-/.])\s?{MONTH}\.?\s?\1\s?(?:19|20)?\d{{2}}\b"
        r"(?![\-/.]?\d)",
        0.6,
    ),
    # A month and year of birth: "dob 03/15".
    (
        "month of birth",
        rf"(?=\d)(?<=\b{_DOB_LABEL}(?::\s?|\s))(?:0?[1-9]|1[0-2])[/.]\d{{2}}\b(?![/.]?\d)",
        0.6,
    ),
    # "from 14th-18th", "on the 3rd to the 5th".
    (
        "ordinal days",
        rf"(?<=\b{_DATE_WORD}\s)(?:the\s+)?{_ORDINAL}\s?(?:-|–|to|till|until|&|and)\s?(?:the\s+)?"
        rf"{_ORDINAL}\b(?!\s+(?:{_COUNTED})\b)",
        0.6,
    ),
    ("dob digits colon", r"(?<=\b(?:dob|d\.o\.b\.|born):\s)\d{6,8}\b", 0.7),
    # Glued to its label, as a form's export leaves it: "DOB11/04/2024".
    ("date glued to dob", r"(?<=\b(?:dob|d\.o\.b\.?))\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}\b", 0.7),
    # Round six.
    # "Chronology: 04.09 started Yr 3; 19.09 bruise; 03.10 ...": a day and month opening an item
    # of a list that holds another such item (one alone after ";" may be a score).
    (
        "day/month items of a list",
        rf"(?=\d)(?<={_ITEM_START})(?={_DATED_ITEM})"
        rf"(?:(?=[^\n]*?{_ITEM_BREAK}{_BULLET}{_DATED_ITEM})"
        rf"|(?<=(?:^|[\n;•]|:[ \t]|[ \t]/[ \t]){_BULLET}{_DATED_ITEM}"
        rf"[^\n]*?{_ITEM_BREAK}{_BULLET}))"
        rf"{_DAY_MONTH_WRITTEN}{_AFTER_DATE}",
        0.6,
    ),
    # A date's other end: "missing 3/3 18:00 - 4/3 07:30", "from 2/5 to 9/5".
    (
        "day/month ending a range",
        rf"(?=\d)(?<=(?<!\b(?:from|between)\s){_DAY_MONTH_WRITTEN}(?:[ \t]+{_CLOCK})?[ \t]?"
        rf"(?:[\-–]|to|till|until)[ \t]?)"
        rf"{_DAY_MONTH_WRITTEN}(?![ \t]*(?:{_UNIT_AFTER}|{_FRACTION_OF}\b)){_AFTER_DATE}",
        0.6,
    ),
    # "absent 3/9, 10/9, 17/9": days listed after one a word has dated (not "scores 7/10, 8/10").
    (
        "day/month listed after a dated one",
        rf"(?=\d)(?<=\b(?:{_DATE_WORD}|absent|absences|missed|seen|visits?|visited|attended|incidents?"
        rf"|dates?|latest|disclosed)\s{_DAY_MONTH_WRITTEN}(?:\s*,\s*{_DAY_MONTH_WRITTEN})*\s*,\s*)"
        rf"{_DAY_MONTH_WRITTEN}(?![ \t]*(?:{_UNIT_AFTER}|{_FRACTION_OF}\b)){_AFTER_DATE}",
        0.6,
    ),
    # "latest 2/5", "ED attendance 22.12", "disclosed 4/3": after a word of when or of an event.
    (
        "day/month after a word of when",
        r"(?=\d)(?<=\b(?:latest|earliest|recently|recent|attendance|attendances|presented|disclosed"
        r"|disclosure|reported|happened|occurred|started|began|ended|returned|left|arrived"
        r"|absconded|located|excluded|suspended|rang|phoned|emailed|sent|noted|recorded"
        r"|opened|closed|allocated|transferred|strategy|dna|dna'?d|wnb):?\s"
        # A section of an Act names the event: "served s21 10/11", "s47 strat 3/4".
        r"|\bs(?:ection\s?)?\d{1,3}[a-z]?(?:\s+(?:notice|enquiry|strat|meeting|agreement|order))?\s)"
        rf"{_DAY_MONTH}(?![ \t]*(?:{_UNIT_AFTER}|{_FRACTION_OF}\b|%)){_AFTER_DATE}",
        0.6,
    ),
    # A day and month with a slash, standing alone: "CP medical 4/2", "court date is 9/5", "seen
    # 6/3.". Not tens (a score: "3/10"), twelfths or weeks (a clinical age: "18/12", "7/52"), nor
    # after a word that makes it a score, a share or a year group.
    (
        "day/month standing alone",
        # (After a word, not opening an item: "1/4 at night" after ";" is a dose.)
        # (Two days, after "for", as clinical notes write it: "for 2/7".)
        rf"(?<=[^\W\d_][ \t])(?<!\b{_NOT_A_DAY_BEFORE}\s)(?!24/7\b)"
        rf"(?!(?<=\bfor\s)\d{{1,2}}/0?7\b)"
        rf"{_DAY_NUMBER}/(?!1[02]\b)(?:0?[1-9]|11)(?![/.]?\d)(?!\w)"
        rf"(?![ \t]*[\-–:]?[ \t]*"
        rf"(?:{_UNIT_AFTER}|{_FRACTION_OF}\b|{_OUTCOME}\b|{_NOT_A_DAY_AFTER}\b|%))"
        rf"{_AFTER_DATE}"
        # Then the clause ends, or a word that starts the next part of it does: not a noun
        # the figure counts ("5/6 modules", "4/5 cans").
        rf"(?=\s*(?:[.,;:!?)\]\"'’”\-–]|$)|\s+(?:and|or|for|at|by|to|with|from|in|on|when|but"
        rf"|so|then|where|after|before|until|till|which|who|re|about|because|as|during|while|if)\b)",
        0.5,
    ),
    # "missed the 8th, 9th and 10th", "visit 3rd and 5th": two or more ordinals listed are days,
    # unless a noun they count follows ("the 1st and 2nd children", "2nd-3rd centile").
    (
        "ordinals listed",
        # (Bare after a verb of rank, a place: "finished 2nd and 3rd", "the twins are 3rd and 4th".)
        rf"(?:\bthe\s+|(?<!\b(?:came|come|finished|placed|ranked|are|were|is|was|be|being)\s))"
        rf"{_ORDINAL}(?:{_ORDINAL_JOIN}(?:the\s+)?{_ORDINAL})+\b"
        rf"(?!\s+(?!{_DAY_THEN}\b)(?-i:[a-z]))(?!\s*%){_AFTER_DATE}",
        0.6,
    ),
    # "log 0412 of 14th", "home visit 21st.", "share was 19th.": a bare ordinal ending its
    # clause after "of" or an event, or
    # after "was", "is" in a sentence that has named a month or a day before.
    (
        "bare ordinal ending a clause",
        rf"(?=\d)(?:(?<=\b(?:of|{_EVENT_BEFORE_A_DAY})\s)|(?<=\b(?:{MONTH}|{_DAY_MONTH})\b[^.;!?\n]{{1,60}}\b{_ORDINAL_AFTER_A_DATE}\s))"
        rf"{_ORDINAL}(?=\s*(?:[.,;:!?)]|$|\s+(?:and|but|when|so|then|at)\b)){_AFTER_DATE}",
        0.6,
    ),
    # "the 1st of next month", "the 17th of this month" (not "of each month", "of the month").
    (
        "ordinal of a named month",
        rf"\b(?:the\s+)?(?:{_ORDINAL}|{_SPELLED_ORDINAL})\s+of\s+"
        r"(?:this|next|last|that|the\s+(?:following|previous|coming))\s+month\b",
        0.6,
    ),
    # "the 2nd week of Jan", "2nd wk of Sept", "the weekend of the 12th", "w/e 12th".
    (
        "week of a month or a day",
        rf"\b(?:the\s+)?{_WEEK_ORDINAL}\s+{_WEEK}\s+(?:of|in)\s+{MONTH}\b{_NOT_MAY_VERB}"
        rf"(?:\.?,?\s+{_YEAR}\b)?"
        rf"|\b(?:the\s+)?{_WEEK}\s+(?:of\s+)?(?:the\s+)?{_ORDINAL}\b"
        rf"(?:\s+(?:of\s+)?{MONTH}\b{_NOT_MAY_VERB}(?:\.?,?\s+{_YEAR}\b)?)?"
        rf"(?!\s+(?!{_DAY_THEN}\b)(?-i:[a-z]))",
        0.6,
    ),
    # "summer 2023", "the summer of 2024", "Easter 2023", "spring term '24".
    (
        "season of a year",
        rf"(?=[tsawecxmofhrdvb])\b(?:the\s+)?{_SEASON}(?:\s+of)?\s+(?:(?:19|20)\d{{2}}|['’]\d{{2}}"
        # "summer 23." with no noun after the number ("summer 23 children" counts).
        r"|[12]\d(?!\s*(?:\d|%|[a-z])))\b(?![/.:]\d)",
        0.6,
    ),
    # "Sept-Dec 23", "Jan to March 2024": months of a year.
    (
        "months of a year",
        rf"\b{MONTH}\.?\s?(?:-|–|/|to|till|until|through)\s?{MONTH}\.?,?\s+"
        r"(?:(?:19|20)\d{2}|['’]?\d{2})\b(?![/.:]\d)",
        0.6,
    ),
    # "the weekend after Diwali", "the day before Eid": a feast that a day is counted from.
    (
        "feast a day is counted from",
        rf"(?=[cxedvbhnrp])(?<=\b(?:day|days|weekend|week|night|morning|evening|sunday|saturday|friday|monday)"
        rf"\s+(?:before|after)\s){_FEAST}\b",
        0.6,
    ),
    # "2am sun", "11pm sat", "log 0621 sat", "3am wed": "sat", "sun", "wed" after a clock time,
    # not a verb's ("at 2pm sat with her") or the sun's ("at noon sun was out").
    (
        "sat sun wed after a clock time",
        rf"(?=[swSW])(?<=\b{_CLOCK},?\s)(?:sat\b(?!\s+(?:{_VERB_COMPLEMENT}|navs?)\b)|wed\b"
        rf"|sun\b(?!\s+(?:{_SUN_NOUN}|was|is|came|went|shining|out|had|has)\b))"
        r"(?!\s+(?-i:[A-Z]))",
        0.6,
    ),
    # "mum slapped her sun,", "brother did it sun": "sat" or "sun" ending a clause after an
    # object (not "she sat.", "in the sun.").
    (
        "sat sun ending a clause after an object",
        r"(?=s)(?:(?<=\b(?:it|her|him|them|me|us|home|out|back|again|off|over|[a-z]{2,}ed)\s)(?:sat|sun)"
        # ("went missing sat", not "the setting sun").
        r"|(?<=\b[a-z]{3,}ing\s)sat)\b(?=\s*(?:[.,;:!?)\-–]|$))",
        0.6,
    ),
    # "actually Wed", "seen Sat by the GP": a capital "Sat" or "Wed" after a lower-case word.
    (
        "capital sat wed mid-sentence",
        r"(?=[sw])(?<=\b(?-i:[a-z]+)[,:]?\s)(?-i:Sat|Wed)\b(?!\s+(?:navs?|(?-i:[A-Z]))\b)",
        0.6,
    ),
    # "nos Wener" (Friday night), "nos Fawrth"; "absent Llun a Mawrth".
    (
        "welsh weekday mutated or listed",
        rf"(?<!\bbob\s+)\b(?:nos|noson)\s+{_WELSH_WEEKDAY_MUTATED}\b(?:\s+(?:diwethaf|dwetha|nesaf|nesa|yma))?"
        rf"|\b{_WELSH_DAY_CAPITAL}(?:(?:\s*,\s*|\s+(?:a|ac|and|&|neu|or)\s+){_WELSH_DAY_CAPITAL})+\b",
        0.6,
    ),
    # "DOB oh three oh four nineteen", "born twelve ten oh nine".
    (
        "dictated date of birth",
        rf"(?=[otfsenz])(?<=\b(?:{_DOB_LABEL}|d\s+o\s+b):?\s{{1,2}}(?:is\s+)?)"
        rf"{_SAID_DAY}[\s,\-]+{_SAID_MONTH}[\s,\-]+{_SAID_YEAR}\b",
        0.7,
    ),
]


# Opening hours and timetables: "Mon–Thu 8.45am–5.15pm", "8.30–4.30 Mon–Fri", "Seniors 7–9pm,
# Wed and Fri", "Available Mon–Fri". Days joined to hours, or a span of days after a word of
# opening, name when a service is open, not a day something happened.
_HOUR = r"\d{1,2}(?:[:.]\d{2})?\s?(?:am|pm)?"
_HOURS = rf"(?:{_HOUR}\s?(?:[–\-]|to|till|until)\s?{_HOUR})"
_DAYS_JOIN = r"(?:\s?[–\-]\s?|\s*,\s*|\s+(?:and|&|to)\s+)"
_DAYS = rf"\b{_WEEKDAY}\b(?:{_DAYS_JOIN}{_WEEKDAY}\b)+"
_OPENING_HOURS = regex.compile(
    rf"{_HOURS},?\s+{_DAYS}|{_DAYS},?\s+{_HOURS}"
    rf"|(?<=\b(?:open|opening|available|hours|line|closed)\s+){_DAYS}",
    regex.IGNORECASE,
)
# One day and its hours straight after such a span, either way round: "Mon–Thu 8.45–5.15, Fri
# 8.45–4.45", "08:30 to 17:00 Mon-Thu and 08:30 to 16:30 Fri".
_ONE_MORE_DAY = regex.compile(
    rf"[,;]?\s*(?:(?:and|&)\s+)?(?:\b{_WEEKDAY}\s+{_HOURS}|{_HOURS}\s+{_WEEKDAY}\b)",
    regex.IGNORECASE,
)


_WEEKDAYS = regex.compile(rf"{_WEEKDAY}(?:{_DAYS_JOIN}{_WEEKDAY})*", regex.IGNORECASE)


def is_weekday(word: str) -> bool:
    """A weekday, or weekdays joined ("Mon-Thu")."""
    return _WEEKDAYS.fullmatch(word) is not None


def opening_hours(text: str) -> list[tuple[int, int]]:
    """The spans of `text` that give opening hours or a timetable's days."""
    spans = []
    for m in _OPENING_HOURS.finditer(text):
        end = m.end()
        while more := _ONE_MORE_DAY.match(text, end):
            end = more.end()
        spans.append((m.start(), end))
    return spans
