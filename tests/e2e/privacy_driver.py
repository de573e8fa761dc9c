"""What the privacy tests plant, and where they look for it afterwards: every Slack call, every
database row (read with a plain SQL connection, not the app's models) and every log record."""

from __future__ import annotations

import logging
import re
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import asyncpg

from tests.fakeslack import FakeSlack

# Each identifier as typed, one per kind the anonymiser must catch.
CHILD_NAME = "Kayden Ashworth-Pryce"
INITIALS = "J.S."
ALL_CAPS_NAME = "MARIA OKONJO"
TITLED_NAME = "Mrs Okafor"
DOB = "12/03/2015"
LONG_DATE = "3rd May 2016"
ADDRESS = "14 Acacia Avenue"
POSTCODE = "BA2 3QT"
POSTCODE_RUN_ON = "ba23qt"
MOBILE = "07700 900123"
INTERNATIONAL = "+44 117 496 0123"
EMAIL = "jo.bloggs@example.com"
URL = "https://records.example.org/family/okafor"
NHS_NUMBER = "943 476 5919"
NI_NUMBER = "QQ 12 34 56 C"
MENTION = "<@U0CHILD01>"
CASE_NUMBER = "CP/2023/0042"
# Named once after a title, then alone: only the dialog's name memory catches the second use.
REMEMBERED = "Vantongeren"

PLANTED = (
    CHILD_NAME,
    INITIALS,
    ALL_CAPS_NAME,
    TITLED_NAME,
    DOB,
    LONG_DATE,
    ADDRESS,
    POSTCODE,
    POSTCODE_RUN_ON,
    MOBILE,
    INTERNATIONAL,
    EMAIL,
    URL,
    NHS_NUMBER,
    NI_NUMBER,
    MENTION,
    CASE_NUMBER,
    REMEMBERED,
)
# Parts that identify on their own: a leak of any of them is a leak.
FRAGMENTS = (
    "Kayden",
    "Ashworth",
    "Pryce",
    "OKONJO",
    "Okafor",
    "Acacia",
    "bloggs",
    "records.example",
    "U0CHILD01",
    "QQ123456C",
    "BA23QT",
    "CP/2023",
)

# Quasi-identifiers (issue 8): a school, a GP surgery and a village point to one family.
SCHOOL = "St Aidan's CE Primary"
GP_SURGERY = "Parkside Surgery"
VILLAGE = "Little Ouseburn"
QUASI_PLANTED = (SCHOOL, GP_SURGERY, VILLAGE)
QUASI_FRAGMENTS = ("Aidan", "Parkside", "Ouseburn")
QUASI_TEXT = {
    "reasons": f" She attends {SCHOOL}, is registered at {GP_SURGERY} and lives in {VILLAGE}.",
    "information": f", on the school run from {VILLAGE}",
    "advice_reasons": f" {GP_SURGERY} and {SCHOOL} know her.",
}

SHARE_RECORD = {
    "reasons": (
        f"{CHILD_NAME} ({INITIALS}), DOB {DOB}, told her teacher that {ALL_CAPS_NAME} hit her; "
        f"her sister was born {LONG_DATE}. {TITLED_NAME} lives at {ADDRESS}, {POSTCODE} "
        f"(post: {POSTCODE_RUN_ON}), phone {MOBILE} or {INTERNATIONAL}, email {EMAIL}, file "
        f"{URL}. NHS number {NHS_NUMBER}, NI {NI_NUMBER}, flagged by {MENTION} under "
        f"{CASE_NUMBER}. Mr {REMEMBERED} was present."
    ),
    "information": f"Attendance of {CHILD_NAME}, DOB {DOB}, NHS {NHS_NUMBER}, at {POSTCODE}",
    # Lower case: a first mention like this is not caught; the dialog's memory catches it.
    "shared_with": f"Health visitor and {REMEMBERED.lower()}, on {MOBILE}",
    "purpose": f"To check on {CHILD_NAME}",
    "lawful_basis": "public_task",
    "consent": "not_sought_risk",
    "informed": "no_risk",
    "special_category": "none_included",
}
ADVICE_RECORD = {
    "advice_from": f"DSL, after {TITLED_NAME} ({EMAIL}, {INTERNATIONAL}) and {REMEMBERED}",
    "advice_given": f"Refer {CHILD_NAME} to social care",
    "next_steps": f"Tell Mr {REMEMBERED} today",
    "reasons": (
        f"Unsure whether to pass on what Mr {REMEMBERED} said about {ALL_CAPS_NAME} at "
        f"{ADDRESS} {POSTCODE_RUN_ON}; NI {NI_NUMBER}; {CASE_NUMBER}; {URL}; {MENTION}."
    ),
}


def with_quasi_identifiers(
    share: dict[str, str], advice: dict[str, str]
) -> tuple[dict[str, str], dict[str, str]]:
    """The two records with the school, the GP surgery and the village planted in them."""
    return (
        share
        | {
            "reasons": share["reasons"] + QUASI_TEXT["reasons"],
            "information": share["information"] + QUASI_TEXT["information"],
        },
        advice | {"reasons": advice["reasons"] + QUASI_TEXT["advice_reasons"]},
    )


TYPED_IN_DM = (
    f"{CHILD_NAME} {DOB} {POSTCODE}",
    f"ring {TITLED_NAME} on {MOBILE} or {INTERNATIONAL}, {EMAIL}",
    f"{NHS_NUMBER} {NI_NUMBER} {MENTION} {CASE_NUMBER} {URL} {ADDRESS} {LONG_DATE}",
    " ".join(PLANTED * 2),  # longer than a reply may be: answered as too long
)
TYPED_AFTER_COMMAND = (
    f"{CHILD_NAME} {POSTCODE_RUN_ON} {MOBILE}",
    " ".join(PLANTED),  # longer than a command may be: answered as too long
)
_SEPARATORS = r"[\s./\-()+]{0,3}"


def _digit_patterns(identifiers: Iterable[str]) -> list[re.Pattern[str]]:
    """Each identifier's digits in order, whatever separates them, and its runs of 5+ digits."""
    found: list[re.Pattern[str]] = []
    for identifier in identifiers:
        digits = re.sub(r"\D", "", identifier)
        if len(digits) >= 6:
            found.append(re.compile(_SEPARATORS.join(digits)))
        found += [re.compile(re.escape(run)) for run in re.findall(r"\d{5,}", identifier)]
    return found


_DIGITS = _digit_patterns(PLANTED)


def leaks(text: str, also: tuple[str, ...] = ()) -> list[str]:
    """Every planted identifier (or identifying part or digit run, or one of `also`) that
    `text` contains."""
    folded = text.casefold()
    found = [s for s in (*PLANTED, *FRAGMENTS, *also) if s.casefold() in folded]
    found += [p.pattern for p in _DIGITS if p.search(text)]
    return found


@dataclass(frozen=True)
class Cell:
    table: str
    column: str
    value: str


async def database_cells(database_url: str) -> list[Cell]:
    """Every non-null value of every table, as text, read outside the app."""
    parts = urlsplit(database_url)
    if parts.scheme.startswith("sqlite"):
        return list(_sqlite_cells(database_url.split(":///", 1)[1]))
    schema = dict(p.split("=", 1) for p in parts.query.split("&") if "=" in p)["schema"]
    server = urlunsplit(("postgresql", parts.netloc, parts.path, "", ""))
    return await _postgresql_cells(server, schema)


def _sqlite_cells(path: str) -> Iterator[Cell]:
    connection = sqlite3.connect(path)
    try:
        tables = [
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
        assert tables, "no tables: wrong database file?"
        for table in tables:
            cursor = connection.execute(f'SELECT * FROM "{table}"')
            columns = [d[0] for d in cursor.description]
            for row in cursor:
                yield from (
                    Cell(table, c, _text(v))
                    for c, v in zip(columns, row, strict=True)
                    if v is not None
                )
    finally:
        connection.close()


async def _postgresql_cells(server: str, schema: str) -> list[Cell]:
    connection = await asyncpg.connect(server)
    try:
        tables = await connection.fetch(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = $1", schema
        )
        assert tables, f"no tables in schema {schema}"
        cells: list[Cell] = []
        for (table,) in tables:
            columns = await connection.fetch(
                "SELECT column_name FROM information_schema.columns "
                "WHERE table_schema = $1 AND table_name = $2",
                schema,
                table,
            )
            for (column,) in columns:
                # ::text renders every type (json, arrays, timestamps) as PostgreSQL shows it.
                rows = await connection.fetch(
                    f'SELECT "{column}"::text FROM "{schema}"."{table}" '
                    f'WHERE "{column}" IS NOT NULL'
                )
                cells += [Cell(table, column, row[0]) for row in rows]
        return cells
    finally:
        await connection.close()


def _text(value: Any) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def log_texts(records: Iterable[logging.LogRecord]) -> list[str]:
    """Everything a handler could write for each record: message, arguments, exception text."""
    texts: list[str] = []
    for record in records:
        texts.append(f"{record.name}: {record.getMessage()}")
        texts += [str(record.args or ""), record.exc_text or ""]
        if record.exc_info and record.exc_info[1] is not None:
            texts.append(logging.Formatter().formatException(record.exc_info))
    return texts


def logger_names() -> list[str]:
    """The name of every logger that exists now."""
    return [
        name
        for name, logger in logging.root.manager.loggerDict.items()
        if isinstance(logger, logging.Logger)
    ]


def block_texts(value: Any) -> Iterator[str]:
    """Every `text` string inside blocks, views or message params (the words Slack renders)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "text" and isinstance(item, str):
                yield item
            else:
                yield from block_texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from block_texts(item)


def everything_sent(slack: FakeSlack) -> list[Any]:
    """Every Web API call's parameters and every response_url post body."""
    return [call.params for call in slack.calls] + [post.body for post in slack.response_posts]
