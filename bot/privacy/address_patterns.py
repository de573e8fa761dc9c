"""Addresses as practitioners write them, for ``patterns.ADDRESS``.

A house number and a street with its type ("14 Acacia Ave"), a street named with its type, full
or short ("Mill Lane", "on Beech Rd"), a number and a street name with no type after a word
that introduces a place ("lives at 14 Ashdown"), a named house, farm or cottage ("Rose
Cottage, Haddon"), flats, blocks and rooms ("flat 12 Tower Court", "Block C"), caravans,
plots and traveller pitches ("pitch 6", "static caravan on Cliff Lane"), caravan and traveller
sites ("Cranbrook Caravan Park"), and Welsh streets, whose type comes first ("12 Heol y
Bont", "Tŷ Gwyn", "Fferm Pen-y-Bryn"). A place after a comma that ends the address belongs to
it ("Rose Cottage, Haddon.").
"""

STREET = (
    r"(?:road|rd|street|st|avenue|ave|lane|ln|close|cl|drive|dr|way|crescent|cres|court|ct|"
    r"place|pl|gardens|gdns|terrace|terr|tce|grove|gr|hill|park|square|sq|walk|mews|row|view|rise|"
    r"green|parade|vale|croft|meadows?|fields?|paddocks|house|estate|wharf|yard|gate|tower|"
    r"towers|heights|point|mansions|buildings|quay|cottages|boulevard|blvd|circus|bank|chase|"
    r"hollow|copse|spinney|garth|fold|wynd|brow|mount|mt|approach|esplanade|promenade|circle|glade|dene"
    r"|mead|nook|causeway|ridge|leys|embankment|glen|oval|quadrant|strand|drove|loke|twitten"
    r"|ginnel|wend|gait|holme|dale|orchard|pastures|coppice|grange|vw|pk|hse|grn|wk)"
)
# Street types written out, capitalised, that name a street with no number ("Mill Lane"):
# not the ones that also name services and buildings ("Youth House", "Family Court").
_STREET_CAP = (
    r"(?:Road|Street|Avenue|Lane|Close|Drive|Crescent|Court|Place|Gardens|Terrace|Grove|Square|"
    r"Walk|Mews|Row|Rise|Parade|Vale|Croft|Meadows|Meadow|Fields|Field|Paddocks|Estate|Wharf|"
    r"Yard|Boulevard|Chase|Garth|Wynd|Brow|Mount|Heights|Approach|Esplanade|Promenade|Circle|Glade"
    r"|Dene|Mead|Nook|Causeway|Ridge|Leys|Embankment|Quadrant|Drove|Loke|Twitten|Ginnel|Wend)"
)
# Short types: "Beech Rd"; "Dr" and "St" only where no name follows ("Dr Patel", "St Mary's").
_STREET_SHORT = (
    r"(?:Rd|Ave|Ln|Cres|Gdns|Terr|Tce|Sq|Cl|Gr|Ct|Pl|Blvd|Pde|Vw|Pk|Hse|Grn|Wk|(?:Dr|St|Mt)(?!\.?\s+(?!(?:Mon|Tue|Wed"
    r"|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b)[A-Z]))"
)
_CAP = r"(?-i:[A-Z][a-z'’]+|St\.?|[A-Z]+)"
_CAPWORD = r"(?-i:[A-Z][a-z'’]+(?:-[A-Za-z][a-z'’]+)*)"
_UNIT = r"(?:flat|fflat|apartment|apt|unit|room|block|no\.?)"
# A house number said in words: "forty two", "nineteen" (not a lone "one": "one Oak Lane").
_SAID_UNIT = r"(?:two|three|four|five|six|seven|eight|nine)"
_SAID_NUMBER = (
    rf"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s\-]+(?:one|{_SAID_UNIT}))?"
    rf"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    rf"|{_SAID_UNIT})"
)
_HOUSE_NUMBER = rf"(?:\d{{1,4}}[a-z]?|{_SAID_NUMBER}\b)"
# Where a house number, or the word or unit before it, may start (a cheap test first).
_NUMBER_START = (
    # Not an amount or the minutes of a time: "£32 each way", "closes at 08:55, registers close".
    r"(?<![£$€:])"
    r"(?=\d|(?:no|number|flat|fflat|apartment|apt|unit|room|block|twenty|thirty|forty|fifty|sixty"
    r"|seventy|eighty|ninety|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen"
    r"|eighteen|nineteen|two|three|four|five|six|seven|eight|nine)\b)"
)
# An hour, not a house number, then a comma: "open 9 to 5, Stay and Play", "ring before 5, they
# close at 5:30".
_HOUR_THEN_COMMA = (
    r"(?!(?<=\b(?:before|after|until|till|til|by|past|gone|around|about)\s)\d{1,2},)"
    r"(?!(?<=\d(?:[:.]\d\d)?(?:\s?(?:am|pm))?\s(?:to|till|til|until|-|–)\s)\d{1,2},)"
)
# "14-16 High St": the first number of a range.
_NUMBER_RANGE = r"(?:\d{1,4}[a-z]?\s?[\-–]\s?)?"
# "flat 3/2": floor and door, as Glasgow writes them.
_UNIT_PREFIX = rf"(?:{_UNIT}\s+(?:\d+(?:/\d+)?[a-z]?|[a-z]\b|{_SAID_NUMBER}\b),?\s+)?"
# "no 14 Ashdown Road", "number 14 Ashdown": the word is part of the address.
_HOUSE_NUMBER_WORD = rf"(?:(?:no\.?|number)\s?(?=\d|{_SAID_NUMBER}\b|one\b))?"
# Words that may follow a house number and are not a street: "at 9 Mum left", "at 3 Years".
# Stages and services a case moves to ("the case moved to Early Help, then to Child Protection").
# A court named by its kind is no street or house: "Leeds Youth Court", "the Crown Court".
_NOT_A_COURT = (
    r"(?<!(?-i:Youth|Crown|County|Magistrates['’]?|Family|Coroners['’]?|Combined|Supreme|Appeal"
    r"|High)\s+(?-i:Court))"
)
# A programme named like a street: "Solihull Approach sessions".
_NOT_A_PROGRAMME = r"(?!\s+(?:sessions?|course|programme|training|model|groups?|work)\b)"
# A move to one of the nations is no house: "moving to Scotland, who do I send the file to".
_NATION = r"(?-i:England|Scotland|Wales|Ireland|Northern\s+Ireland|Britain|the\s+UK)"
_SERVICE_STAGE = (
    r"(?:Early\s+Help|Child\s+Protection|Child\s+in\s+Need|Children'?s\s+Services|Social\s+Care"
    r"|Youth\s+Justice|Family\s+Support|Targeted\s+Support|Universal\s+Services|Step\s+Down"
    r"|Front\s+Door|Stage\s+\d)\b"
)
_NOT_STREET = (
    r"(?:Mum|Mam|Dad|Nan|Nana|Gran|Grandad|Grandma|He|She|They|We|It|This|That|And|But|Then"
    r"|Years?|Months?|Weeks?|Days?|Hours?|Minutes?|Children|Child|Kids|Police|School|Social"
    r"|Miles?|Times?|Year|Pm|Am|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mon|Tue|Tues|Wed|Weds|Thu|Thurs|Fri"
    r"|Sat|Sun|Of|In|On|At|To|For|With|Or|Is|Was|Are|A|An|The"
    # An age before a nationality or ethnicity: "is 10, Iraqi Kurdish", "14, White British".
    r"|White|Black|Mixed|Roma|Afghan|Asian|Arab|Czech|Dutch|Greek|Thai|Traveller|Gypsy"
    r"|(?-i:[A-Z][a-z]+(?:ish|ian|ean|ese|i)))\b"
)
_PLACE_CUE = (
    r"(?:at|to|from|in|into|on|is|lives|live|living|lived|address|addr|moved|moving|staying"
    r"|stays|stay|placed|visit|visited|near|outside|opposite|returned|back|house|home)"
)
# A dwelling named by a word that says so; "House", "Hall", "Lodge" and "Mill" also name
# services and workplaces, so they need a word before that introduces a place.
_DWELLING = r"(?:Cottage|Cottages|Farm|Farmhouse|Bungalow|Barn|Rectory|Vicarage|Grange|Manor)"
_BUILDING = r"(?:House|Hall|Lodge|Mill|Villa|Court|Towers?|Heights|Mansions|Place)"
# The kinds of building a family lives in, and the words that make a house an institution.
_HOME = rf"(?:{_DWELLING}|House|Lodge|Villa|Mill)"
_INSTITUTION = (
    r"(?:Youth|Family|Civic|Town|Crown|County|Council|Care|Children['’]?s|Health|Community"
    r"|Women['’]?s|Court|Opera|Guest|Mansion|Custom|Parliament|Government|Station|Hope|Refuge)"
)
# "Rd., Leeds": the dot of a short form, but not the full stop that ends a sentence.
_ABBREVIATION_DOT = r"(?:\.(?![\s)]|$))?"
_DIRECTION = r"(?-i:\s+(?:North|South|East|West|Upper|Lower)\b)?"
_PLACE_AFTER_COMMA = (
    rf"(?:,\s+(?!{_NOT_STREET}){_CAPWORD}(?:\s+{_CAPWORD})?"
    r"(?=\s*(?:[,.;:)!?]|$|\s+(?-i:[A-Z]{1,2}\d))))"
)
# A town after a locality: "3 Tŷ Gwyn Terrace, Gurnos, Merthyr Tydfil".
_LOCALITY = rf"(?:{_PLACE_AFTER_COMMA}){{0,2}}"
_WELSH_TYPE = (
    r"(?:Heol|Ffordd|Stryd|Lôn|Lon|Maes|Bryn|Tŷ|Ty|Fferm|Rhodfa|Cilgant|Clos|Llys|Cae|Plas"
    r"|Hafan|Bod|Gwêl|Gwel|Awel|Glan|Llety|Bron"
    r"|Pant|Nant|Coed|Cwrt|Teras|Bro|Tan(?=\s+yr?\s)|Parc(?!\s+Prison)"
    # Only before "y"/"yr", as "Pen" and "Rhes" are names and words too: "Pen y Bryn".
    r"|(?:Pen|Rhes|Bryn|Bron|Llain)(?=[\s\-]+yr?[\s\-]))"
)
_WELSH_NAME = (
    r"(?:(?:y|yr|'r)[\s\-]+)?[A-ZÂÊÎÔÛŴŶ][\w'’ôâêîûŵŷ]*(?:-(?:y|yr|[A-Z][\w'’ôâêîûŵŷ]*))*"
    r"(?:\s+(?:y|yr)?\s*[A-Z][\w'’ôâêîûŵŷ]*(?:-[A-Za-z][\w'’ôâêîûŵŷ]*)*)?"
)
_DETERMINER = r"(?-i:The|A|An|This|That|Our|Their|His|Her|Its|Your|My|Any|Every|Each)"
_PITCH = r"(?:(?:static\s+)?caravan|pitch|plot|bay|chalet|trailer|van|mobile\s+home|bungalow)"
_SITE = r"(?:site|park|camp|field|farm)"
_BENEFIT = r"(?:Universal|Income|Benefits?|Credit|Jobseeker|JSA|ESA|PIP|DLA|Child|Pension)"

# A street with a written-out type, capitalised, as a descriptive place or a named house ends
# with it ("the flat above the barbers on Whitehall Road", "The Laurels, Park Avenue").
_STREET_TAIL = (
    rf"(?:\d{{1,4}}[a-z]?,?\s+)?(?-i:(?:{_CAPWORD}\s+){{1,3}})(?-i:(?=[A-Z])){STREET}\b{_ABBREVIATION_DOT}"
    rf"|(?-i:{_WELSH_TYPE}\s+{_WELSH_NAME})"
)
# Where someone lives or stays, said in words: the head of "the end house on Spencer Place".
_DWELLING_WORD = (
    r"(?:flat|house|home|bungalow|maisonette|bedsit|cottage|caravan|room|place|one|semi|terrace"
    r"|hostel|hotel|refuge|b&b|bnb|inn|travelodge|lodge|guest\s?house|lodgings|digs|annex|annexe"
    r"|houseboat|boat|narrowboat|barge|chalet|van)"
)
# Words that start a clause rather than describe a dwelling ("the family live in the flat").
_FUNCTION_WORD = (
    r"(?:the|a|an|in|at|on|to|of|into|is|are|was|were|and|or|with|from|for|by|live|lives|lived"
    r"|living|has|have|had|said|says|went|moved|stays?|stayed|staying)"
)
# A verb after a dwelling word starts a clause about it, not its description ("the room was
# cold at 12 Hill Rd" is no address of a room).
_STATE_VERB = (
    r"(?:is|are|was|were|has|had|have|be|been|being|felt|feels|looked|looks|seemed|seems"
    r"|smelt|smelled|smells|got|gets|became|becomes|needs|needed)"
)
_OWNER = r"(?:the|a|an|his|her|their|my|our|your|(?-i:[A-Za-z][a-z]+)['’]s)"
# Irish house names: "Ard na Gréine", "Cois Farraige", "Teach Bán".
_IRISH_HOUSE = (
    r"(?-i:(?:Ard|Cois|Teach|Tigh|Radharc|Lios|Cnoc|Gleann|Ros|Áit|Tír|Sliabh|Bóthar)\s+"
    r"(?:(?:na|an|a'|a)\s+)?[A-ZÁÉÍÓÚ][\wáéíóú'’]+)"
)
_STAY = (
    r"(?:(?:bail\s+|probation\s+|homeless\s+)?hostel|hotel|refuge|b&b|flats|children['’]s\s+home"
    r"|care\s+home|foyer)"
)

# A flat or room before a lower-case address: "flat 3/2, ", "flat b, ", "room 2 ".
_LOWER_UNIT = (
    r"(?:(?:flat|apartment|apt|room|rm|unit)\s+(?:\d{1,4}(?:/\d{1,2})?[a-z]?|[a-h]),?\s+)?"
)
# Words after a number that make it a measure or a count, not a house: "a 10 minute walk".
_NOT_A_LOWER_STREET = (
    r"(?:very|quite|really|too|so|family|youth|crown|minutes?|mins?|hours?|hrs?|days?|weeks?"
    r"|months?|years?|miles?|metres?|meters?|yards?|percent|times?|more|other|different|extra"
    r"|steps?|doors?|houses?|streets?|roads?)"
)

# Words that make a hotel, hostel or house a kind of one, not a named one ("room 12 at the local
# hotel", "room 3, shared house").
_GENERIC_STAY = (
    "(?:local|homeless|bail|refuge|same|cheap|nearby|budget|travel|big|old|new|main|family"
    "|emergency|temporary|temp|shared|safe|halfway|supported|care|group|respite|foster|community"
    "|school|day|next|other)"
)

ADDRESS = [
    (
        "descriptive place on a street",
        # (A room in it first: "Room 6 at the Travelodge on Vicar Lane".)
        rf"\b(?:(?:no\.?|number)\s*\d{{1,4}}[a-z]?,?\s+|(?:room|rm|flat|unit)\s+\d{{1,4}}[a-z]?\s+(?:at|in)\s+)?"
        rf"{_OWNER}\s+(?:(?!{_FUNCTION_WORD}\b)[\w'’&\-]+\s+){{0,4}}?"
        rf"{_DWELLING_WORD}\b(?:[ \t]+(?!{_STATE_VERB}\b)[\w'’&\-]+){{0,7}}?[ \t]+"
        rf"(?:on|at|off|in|of|along|near|by|behind|opposite)[ \t]+(?:the[ \t]+)?(?:{_STREET_TAIL})"
        rf"(?:\s+{_STAY}\b)?{_LOCALITY}",
        0.55,
    ),
    (
        "named house or place of stay with its street",
        rf"\b(?-i:(?=[A-Z]|the\s|room\s|flat\s|unit\s|apartment\s))"
        rf"(?:(?:room|flat|unit|apartment)\s+\d{{1,4}}[a-z]?,\s+)?(?-i:(?:[Tt]he\s+)?"
        rf"(?!{_NOT_STREET}){_CAPWORD}(?:\s+{_CAPWORD}){{0,3}}),\s+(?:{_STREET_TAIL}){_LOCALITY}",
        0.55,
    ),
    # "at The Paddocks, Scarcroft": a house's name with its place, after a word for where.
    (
        "house name and its place after a place word",
        rf"(?-i:(?=The\s)(?<=\b(?:at|home|address|addr|to|is|from)\.?:?\s)The\s+(?!{_INSTITUTION}\s)"
        rf"(?:{_CAPWORD}\s+){{0,2}}{_CAPWORD}){_PLACE_AFTER_COMMA}",
        0.5,
    ),
    ("irish house name", rf"\b{_IRISH_HOUSE}{_LOCALITY}", 0.5),
    (
        "caravan or boat at a named place",
        rf"\b(?:{_OWNER}\s+)?(?:static\s+)?(?:caravan|chalet|trailer|mobile\s+home|pitch|plot"
        rf"|narrow\s?boat|house\s?boat|boat|barge|cruiser)\s+(?:moored\s+)?(?:at|on|in|behind|near"
        rf"|by|beside|outside)\s+(?:the\s+)?{_CAPWORD}(?:\s+{_CAPWORD}){{0,2}}(?:\s+{_SITE}\b)?",
        0.5,
    ),
    (
        "numbered street",
        rf"\b{_NUMBER_START}{_HOUSE_NUMBER_WORD}{_UNIT_PREFIX}{_HOUSE_NUMBER_WORD}{_NUMBER_RANGE}(?:{_HOUSE_NUMBER}|(?<=number\s?)one\b),?\s+"
        rf"(?:(?-i:The)\s+)?(?:{_CAP}\s+){{0,3}}{_CAP}"
        rf"(?-i:\s+){STREET}\b{_ABBREVIATION_DOT}{_DIRECTION}{_LOCALITY}"
        rf"|\b{_UNIT_PREFIX}\d{{1,4}}[a-z]?,?\s+(?-i:The)\s+{_CAP}{_LOCALITY}",
        0.6,
    ),
    (
        "number and street name after a place word",
        rf"(?<=\s)(?=[a-z]{{0,9}}\.?\s?\d)(?<=\b{_PLACE_CUE}:?\s)(?!(?<=\bis\s)\d{{1,3}},)"
        rf"{_HOUR_THEN_COMMA}"
        rf"{_UNIT_PREFIX}\d{{1,4}}[a-z]?,?\s+(?!{_NOT_STREET})"
        rf"{_CAPWORD}(?:\s+(?!{_NOT_STREET}){_CAPWORD})?{_LOCALITY}",
        0.5,
    ),
    (
        "flat",
        # (Not a distance: "offered a flat 40 miles away".)
        r"\b(?:flat|apartment|apt)\s+\d+(?:/\d{1,2})?[a-z]?\b(?!\s*(?:miles?|mins?|minutes?|km))"
        r"(?:,?\s+(?:(?-i:[A-Z][a-z]+)\s+){1,3}"
        rf"{STREET}\b)?",
        0.6,
    ),
    ("block", r"\bblock\s+(?-i:[A-Z]{1,2}|\d{1,2})\b", 0.5),
    # "number 14 Ashdown": a house number said as one, then a street's name with no type.
    (
        "house number and street name",
        r"(?:(?<=^|\n)|(?<=\b(?:at|to|from|in|into|on|lives|live|living|address|addr|moved|staying"
        r"|visit|visited|outside|opposite|near):?\s))"
        rf"(?:no\.?|number)\s?(?:{_HOUSE_NUMBER}|one\b),?\s+(?!{_NOT_STREET}){_CAPWORD}"
        rf"(?:\s+(?!{_NOT_STREET}){_CAPWORD})?{_LOCALITY}",
        0.5,
    ),
    # "Rm 3, Holly House", "flat 2 Jubilee Mansions".
    (
        "room or flat in a named building",
        rf"\b(?:room|rm|flat|apartment|apt|unit)\.?\s+(?:{_HOUSE_NUMBER}|one\b),?\s+(?:the\s+)?"
        rf"(?-i:(?:{_CAPWORD}\s+){{1,3}}){_BUILDING}\b{_LOCALITY}",
        0.55,
    ),
    # "14 Ashdown" as a field's whole value, or before a dash or comma: no type, but nothing else
    # starts a line with a number and a name.
    (
        "number and street name as a field",
        rf"(?<=^|\n)\d{{1,4}}[a-z]?\s+(?!{_NOT_STREET}){_CAPWORD}(?:\s+(?!{_NOT_STREET}){_CAPWORD})?"
        r"(?=\s*(?:$|\n|[\-–,(]))",
        0.5,
    ),
    # "Room 14, Citylink Hotel", "Apt 22, Velocity West": a unit, then its building's name.
    (
        "unit in a named building",
        rf"\b(?:room|rm|flat|fflat|apartment|apt|unit)\.?\s+\d{{1,4}}(?:/\d{{1,2}})?[a-z]?,\s+"
        rf"(?!{_NOT_STREET})(?-i:{_CAPWORD}(?:\s+{_CAPWORD}){{0,3}})",
        0.5,
    ),
    # "Cottingley Springs, pitch 12": a site, then the pitch or plot on it.
    (
        "site before its pitch",
        rf"(?-i:\b(?!{_DETERMINER}\s){_CAPWORD}(?:\s+{_CAPWORD}){{0,2}}),\s+(?:pitch|plot)\s+\d{{1,3}}[a-z]?\b",
        0.5,
    ),
    # "the Old School House, Bramley": a named building with its place is a home's address.
    (
        "named building with its place",
        rf"(?-i:\b(?:[Tt]he\s+)?(?!{_INSTITUTION}\s)(?:{_CAPWORD}\s+){{1,3}}{_HOME}\b)"
        rf"{_PLACE_AFTER_COMMA}",
        0.5,
    ),
    # "the Travelodge on Kingsway, room 14": a room or flat after the place it is in.
    (
        "room after its place",
        rf"(?<=\b(?:travelodge|hotel|hostel|b&b|bnb|inn|refuge|lodge|guest\s?house|house|premises"
        rf"|foyer|ymca|shelter|{STREET})\b"
        r"[^.\n]{0,40},\s)(?:room|rm|flat|apartment|apt|unit)\.?\s+\d{1,4}[a-z]?\b",
        0.5,
    ),
    # "room 214 at the Nightfall Rest Hotel", "Room 7 at the YMCA": a room, then where it is.
    (
        "room at a place of stay",
        r"\b(?:room|rm)\.?\s+\d{1,4}[a-z]?\s+(?:at|in)\s+(?:the\s+)?(?-i:(?:[A-Z][\w'’\-]+\s+){0,3})"
        r"(?:hotel|hostel|inn|lodge|guest\s?house|b&b|bnb|ymca|foyer|refuge|approved\s+premises"
        r"|travelodge|shelter)\b(?!\s+(?:conference|meeting|function|training|events?)\b)",
        0.55,
    ),
    # "lives at number 14": the house on a street the note has named or will name.
    (
        "house number",
        rf"(?<=\b(?:at|to|from|lives|in|house|outside|opposite|into|visited|past)\s)(?:no\.?|number)"
        rf"\s*{_HOUSE_NUMBER}(?<!\s)(?!\s*(?:bus|of)\b)"
        # "Larch Road, number 22": the house on the street just named.
        rf"|(?<=(?-i:\b(?:{_STREET_CAP}|{_STREET_SHORT}))\.?,\s)(?:no\.?|number)\s*{_HOUSE_NUMBER}(?<!\s)(?!\s*(?:bus|of)\b)"
        # "house number is 7", "the house number's 14a".
        r"|(?<=\bhouse\s+(?:number|no\.?)(?:['’]s|\s+is|\s+was)?\s+)\d{1,4}[a-z]?\b",
        0.5,
    ),
    (
        "room or plot",
        r"\b(?:room|unit|plot|pitch)\s+\d+[a-z]?,?\s+(?:(?-i:[A-Z][a-z]+)\s+){1,3}"
        rf"{STREET}\b",
        0.6,
    ),
    (
        "caravan, plot or pitch",
        rf"\b{_PITCH}\s+(?:no\.?\s*)?\d{{1,3}}[a-z]?\b(?:,?\s+(?:(?:at|on|in)\s+)?(?:the\s+)?"
        rf"{_CAPWORD}(?:\s+{_CAPWORD}){{0,2}}(?:\s+{_SITE}\b)?)?"
        rf"|\b(?:static\s+)?(?:caravan|chalet|trailer|mobile\s+home)\s+(?:at|on|in)\s+(?:the\s+)?"
        rf"{_CAPWORD}(?:\s+{_CAPWORD}){{0,2}}(?:\s+{_SITE}\b)?",
        0.5,
    ),
    (
        "mooring",
        rf"\bmoored\s+(?:at|on|in|near|by)\s+(?:the\s+)?{_CAPWORD}(?:\s+{_CAPWORD}){{0,2}}"
        r"(?:\s+\d{1,3})?\b",
        0.5,
    ),
    ("one-word street", r"(?<=\bon\s)(?-i:[A-Z][a-z]+(?:way|gate))\b", 0.5),
    # A house number before a street named in one word with its "gate": "88 Hallgate, Wigan".
    (
        "numbered gate",
        rf"\b\d{{1,4}}[a-z]?\s+(?-i:[A-Z][a-z]{{2,}}gate)\b{_LOCALITY}"
        # (Where the clause ends or goes on to a place: not "3 Colgate toothbrushes".)
        r"(?=\s*(?:[,.;:)!?]|$)|\s+(?:in|on|at|near|with|and|who|where)\b)",
        0.5,
    ),
    (
        "caravan or traveller site",
        rf"\b(?!{_DETERMINER}\s)(?:{_CAPWORD}\s+){{1,3}}(?:caravan|mobile\s+home|residential|holiday"
        rf"|travell?ers?'?|gypsy|park\s+home)\s+(?:park|site|camp)\b"
        rf"|(?<=\bon\s+the\s)(?:{_CAPWORD}\s+){{1,3}}(?:site|park|camp)\b",
        0.6,
    ),
    (
        "lower-case numbered street",
        # Typed all in lower case, as a whole: "flat b, 14a cross flatts rd", "room 2, 14 queen's
        # park garth", "forty two beech rise", "14-16 moor view" (not "a 10 minute walk").
        rf"(?-i:\b{_NUMBER_START}{_HOUR_THEN_COMMA}{_LOWER_UNIT}(?:(?:no\.?|number)\s?)?"
        rf"(?:{_NUMBER_RANGE}\d{{1,4}}[a-z]?|{_SAID_NUMBER}),?\s+(?!{_NOT_A_LOWER_STREET}\s)"
        r"[a-z]{3,}(?:['’]s)?(?:\s+[a-z]{3,}(?:['’]s)?)?\s+"
        r"(?:road|rd|street|st|avenue|ave|lane|ln|drive|crescent|cres|terrace|terr|tce|grove"
        r"|gardens|gdns|close|cl|court|ct|mount|mt|mews|parade|square|sq|place|pl|view|walk|way|dr"
        r"|rise|fold|garth|row)\b(?!\s+names?\b))",
        0.5,
    ),
    # "seen the van on lowmoor lane", "stayin w her mate on ash grove": a street typed in lower
    # case after "on", with a type that is no other word after "on" (not "on our way", "on
    # close watch", "on a long drive").
    (
        "lower-case street after on",
        r"(?-i:(?<=\bon\s)(?!(?:the|a|an|our|your|his|her|their|my|its|this|that|every|each|any"
        r"|some|one|no|very|main|high|same|other|next|last|first|memory)\s)[a-z]{3,}"
        r"(?:\s+[a-z]{3,})?\s+"
        r"(?:road|street|avenue|lane|crescent|terrace|grove|gardens|rise|mews|parade)\b)",
        0.5,
    ),
    # "room 214 at the crown hotel", "flat 12 carver house, sefton rd": a room or flat with the
    # building it is in, typed in lower case.
    (
        "lower-case room in a named building",
        rf"(?-i:\b(?:room|rm)\s+\d{{1,4}}[a-z]?\s+(?:at|in)\s+the\s+(?!{_GENERIC_STAY}\s)"
        r"[a-z]{3,}(?:\s+[a-z]{3,})?\s+"
        r"(?:hotel|hostel|inn|travelodge|b&b)\b"
        r"|\b(?:room|rm|flat|apartment|apt|unit)\s+\d{1,4}[a-z]?,?\s+"
        rf"(?!(?:the|a|an|at|in|on|of|this|that|our|their|his|her|my|{_GENERIC_STAY})\s)"
        r"[a-z]{3,}(?:\s+[a-z]{3,})?\s+(?:house|court|tower|mansions|heights|point|lodge)\b"
        r"(?:,\s+[a-z]{3,}(?:\s+[a-z]{3,})?\s+(?:road|rd|street|st|avenue|ave|lane|ln|drive|dr"
        r"|crescent|cres|terrace|grove|gardens|close|way|rise)\b)?)",
        0.5,
    ),
    (
        "lower-case street with a short type",
        r"(?-i:\b(?!(?:the|a|an|to|at|on|in|of|and|or|for|by|from|with)\s)[a-z]{3,}\s+"
        r"(?:rd|ave|cres|gdns|terr|tce|ln)\b)",
        0.5,
    ),
    (
        "named street",
        rf"(?-i:\b(?!(?:The|Family|Crown|County|Magistrates|Youth|High|Supreme|Appeal)\s)"
        rf"(?:[A-Z][a-z'’\-]+\s+){{1,2}}(?:{_STREET_CAP}|{_STREET_SHORT}\b{_ABBREVIATION_DOT}))"
        rf"{_NOT_A_COURT}{_NOT_A_PROGRAMME}(?:\s+(?:lay-?by|car\s+park|verge|{_STAY}))?{_LOCALITY}",
        0.5,
    ),
    (
        "street after lives on",
        rf"(?<=\son\s)(?<=\b(?:lives?|living|lived|moved|moving|staying|stays?|resides?|residing|house"
        rf"|home|address|flat|parked|found|hangs?|hanging|seen)\s+(?:is\s+)?on\s+)(?:the\s+)?"
        rf"(?!{_BENEFIT}\b){_CAPWORD}(?:\s+{_CAPWORD}){{0,2}}",
        0.5,
    ),
    # "They live at Greenacres, Moor Lane": one or two capitalised words, then a comma.
    (
        "house name after lives at",
        rf"(?-i:(?=[A-Z]))(?<=\b(?:live|lives|living|lived|staying|stays|stay|address\s+is|moved"
        rf"|moving)\s+(?:at|to)\s)(?!{_NOT_STREET}|{_DETERMINER}\b|{_SERVICE_STAGE}|{_NATION}\b)"
        rf"{_CAPWORD}(?:\s+{_CAPWORD})?"
        r"(?=\s*,)",
        0.5,
    ),
    (
        "named house",
        rf"(?-i:\b(?:The\s+)?(?:{_CAPWORD}\s+){{1,3}}{_DWELLING}\b){_LOCALITY}"
        rf"|(?-i:(?=[A-Z]))(?<=\b(?:at|to|from|address|addr|is)\.?:?\s)(?-i:(?:The\s+)?(?:{_CAPWORD}\s+){{1,3}}"
        rf"{_BUILDING}\b){_NOT_A_COURT}{_LOCALITY}",
        0.5,
    ),
    (
        "welsh street",
        rf"(?-i:\b(?:\d{{1,4}}[a-z]?,?\s+)?{_WELSH_TYPE}(?:\s+|-(?=(?:y|yr|r)-)){_WELSH_NAME}){_LOCALITY}"
        # With a unit or a house number in words: "Fflat 2, 31 Stryd Fawr", "three Tan y Bryn".
        rf"|\b(?i:{_NUMBER_START}(?!\d){_UNIT_PREFIX}(?:{_HOUSE_NUMBER},?\s+)?)"
        rf"(?-i:{_WELSH_TYPE}(?:\s+|-(?=(?:y|yr|r)-)){_WELSH_NAME}){_LOCALITY}"
        rf"|(?-i:\b\d{{1,4}}[a-z]?,?\s+(?:Y|Yr)\s+[A-Z][\w'’ôâêîûŵŷ]+){_LOCALITY}"
        rf"|\b\d{{1,4}}[a-z]?,?\s+(?:heol|ffordd|stryd|lôn|lon|maes|bryn|tŷ|ty|cilgant|clos"
        rf"|llys|rhodfa)\s+(?:(?:y|yr)\s+)?[a-zâêîôûŵŷ]{{3,}}\b",
        0.5,
    ),
]
