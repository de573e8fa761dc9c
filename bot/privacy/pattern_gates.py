"""Gates: for a pattern, a regex that every one of its matches holds a match of.

The engine searches a text for each gate once and skips the patterns whose gate it does not
open, so a message with no digit never runs the 70-odd patterns that need one: the regex engine
tries a complex pattern at every position of the text, a gate is a quick scan. A gate changes
no finding as long as it is true of every match, so a pattern changed to match without its gate
must lose it here (tests/privacy/test_pattern_gates.py checks the names and every match in the
tuning texts). Keyed by (entity, pattern name) as the recognizers name them.
"""

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
    ),
    "POSTCODE": ("UK Postcode", "uk postcode", "spelled-out postcode", "postcode district"),
    "PHONE": (
        "uk phone",
        "international phone",
        "dotted phone",
        "digit by digit",
        "o for zero",
        "number after a phone word",
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
    "ADDRESS": (
        "numbered street",
        "number and street name after a place word",
        "flat",
        "house number and street name",
        "room or flat in a named building",
        "room after its place",
        "house number",
        "room or plot",
        "lower-case numbered street",
    ),
}

GATES: dict[tuple[str, str], str] = {
    (entity, name): DIGIT for entity, names in _NEEDS_A_DIGIT.items() for name in names
}


def gate(entity: str, pattern_name: str) -> str | None:
    """The gate of a recognizer's pattern, None when it has none."""
    return GATES.get((entity, pattern_name))
