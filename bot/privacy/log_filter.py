"""Keep free text and Slack payload bodies out of logs and exception text.

``install_privacy_logging()`` redacts every log record as it is created (a record factory, so
handlers and loggers added later are covered too) and also attaches ``PrivacyLogFilter`` to the
root logger's current handlers. A record's message is rendered, payload bodies (dicts, JSON,
``payload=``/``text=`` form fields, SQLAlchemy parameters) become "[payload redacted]", and
the rest goes through the anonymiser's regex layer and its name rules. Exception messages are
replaced; the exception type and the traceback frames are kept. A message is cut to
MAX_MESSAGE_CHARS before redaction (so a huge one costs no more than that, and redaction is
linear in its input) and its line breaks are escaped: one record, one line.
"""

import logging
import traceback
from collections.abc import Callable
from types import TracebackType
from typing import Any

import regex

from bot.privacy import patterns
from bot.privacy.names import NameFinder

PAYLOAD_REDACTED = "[payload redacted]"
MESSAGE_REDACTED = "[message redacted]"
# A log line longer than this is cut before redaction (an operator needs the start of it).
MAX_MESSAGE_CHARS = 4000
TRUNCATED = "…[truncated]"
_FORM_FIELD = regex.compile(
    r"\b(payload|text|body|value|message|blocks|view|private_metadata|reason|comment|"
    r"user_text|query|q)=([^&\s]*)",
    regex.IGNORECASE,
)
# Endpoints worth keeping in logs; they carry no user text.
_SAFE_URL = regex.compile(
    r"https?://(?:[\w.\-]*\.)?slack\.com/api/[\w.]*|https?://(?:127\.0\.0\.1|localhost)[:/][^\s,]*"
)
_EXCEPTIONS_WITH_SAFE_MESSAGES = (ConnectionError, TimeoutError)


def _compile(specs: list[tuple[str, str, float]]) -> list[regex.Pattern[str]]:
    return [regex.compile(spec, regex.IGNORECASE) for _, spec, _ in specs]


_LAYER: list[tuple[str, list[regex.Pattern[str]]]] = [
    ("SLACK_MENTION", _compile(patterns.SLACK_LINK + patterns.SLACK_MENTION[:2])),
    ("EMAIL", _compile(patterns.EMAIL)),
    ("URL", _compile(patterns.URL)),
    ("NHS_NUMBER", _compile(patterns.NHS_NUMBER)),
    ("NI_NUMBER", _compile(patterns.NI_NUMBER)),
    ("PHONE", _compile(patterns.PHONE + patterns.PHONE_AFTER_CUE)),
    ("POSTCODE", _compile(patterns.POSTCODE)),
    ("DATE", _compile(patterns.DATE)),
]


def redact_identifiers(text: str) -> str:
    """The cheap regex layer: shaped identifiers only (no names)."""
    kept: dict[str, str] = {}

    def keep(match: regex.Match[str]) -> str:
        kept[f"\x00{len(kept)}\x00"] = match.group()
        return f"\x00{len(kept) - 1}\x00"

    text = _SAFE_URL.sub(keep, text)
    for entity, compiled in _LAYER:
        for pattern in compiled:
            text = pattern.sub(f"[{entity}]", text)
    if not kept:
        return text
    return _KEPT_TOKEN.sub(lambda m: kept.get(m.group(), m.group()), text)


_KEPT_TOKEN = regex.compile(r"\x00\d+\x00")


def _redact_braces(text: str) -> str:
    """Replace each outermost {...} or [...] that looks like data (has a quote) with the marker."""
    out: list[str] = []
    depth = 0
    start = 0
    closing = {"{": "}", "[": "]"}
    opener = ""
    for i, ch in enumerate(text):
        if depth == 0 and ch in closing:
            out.append(text[start:i])
            start, depth, opener = i, 1, ch
        elif depth and ch == opener:
            depth += 1
        elif depth and ch == closing[opener]:
            depth -= 1
            if depth == 0:
                chunk = text[start : i + 1]
                out.append(PAYLOAD_REDACTED if ("'" in chunk or '"' in chunk) else chunk)
                start = i + 1
    out.append(PAYLOAD_REDACTED if depth else text[start:])
    return "".join(out)


def redact_message(message: str, logger_name: str = "") -> str:
    if logger_name.startswith("sqlalchemy") and message.startswith("["):
        # "[generated in 0.0001s] ('free text', 3)": the bound parameters.
        head, _, rest = message.partition("] ")
        return f"{head}] {PAYLOAD_REDACTED}" if rest else message
    message = _FORM_FIELD.sub(lambda m: f"{m.group(1)}={PAYLOAD_REDACTED}", message)
    message = _redact_braces(message)
    if logger_name.startswith("sqlalchemy") and _SQL_STATEMENT.match(message):
        # Our own SQL with bound parameters (logged apart, above): its capitalised keywords
        # (SET, WHERE) are not names, and reading them as names made debug logs unreadable.
        # A quoted literal could still carry text, so it goes.
        return redact_identifiers(_SQL_LITERAL.sub(f"'{PAYLOAD_REDACTED}'", message))
    return _redact_names(redact_identifiers(message))


_SQL_STATEMENT = regex.compile(
    r"(?:SELECT|INSERT|UPDATE|DELETE|WITH|CREATE|ALTER|DROP|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|"
    r"RELEASE|PRAGMA|SET|LOCK)\b"
)
_SQL_LITERAL = regex.compile(r"'(?:[^']|'')*'")


def _redact_names(message: str) -> str:
    """Names by the list and context rules (no dialog memory here)."""
    spans: list[tuple[int, int]] = []
    for word in _NAMES.find(message):
        if spans and message[spans[-1][1] : word.start] == " ":
            spans[-1] = (spans[-1][0], word.end)
        else:
            spans.append((word.start, word.end))
    pieces: list[str] = []
    done = 0
    for start, end in spans:
        pieces += [message[done:start], "[NAME]"]
        done = end
    pieces.append(message[done:])
    return "".join(pieces)


def bounded(message: str) -> str:
    """At most MAX_MESSAGE_CHARS (cut at a space where there is one near the limit), so
    redacting a log line takes a bounded time."""
    if len(message) <= MAX_MESSAGE_CHARS:
        return message
    cut = message.rfind(" ", MAX_MESSAGE_CHARS - 80, MAX_MESSAGE_CHARS)
    return message[: cut if cut > 0 else MAX_MESSAGE_CHARS]


def one_line(message: str) -> str:
    """Line breaks escaped, so a logged value cannot forge a log line of its own."""
    return message.translate(_LINE_BREAKS)


# Every character str.splitlines() breaks on.
_LINE_BREAKS = str.maketrans(
    {ch: repr(ch)[1:-1] for ch in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"}
)


_NAMES = NameFinder(lambda _key: False, has_memory=False)


ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def redact_exception(exc_info: ExcInfo) -> str:
    """The traceback with every exception message in the chain replaced."""
    lines: list[str] = []
    exc: BaseException | None = exc_info[1]
    chain: list[BaseException] = []
    while exc is not None and exc not in chain:
        chain.append(exc)
        exc = exc.__cause__ or (None if exc.__suppress_context__ else exc.__context__)
    for position, item in enumerate(reversed(chain)):
        if position:
            lines.append(
                "\nThe above exception was the direct cause of the following exception:\n\n"
                if item.__cause__ is chain[len(chain) - position]
                else "\nDuring handling of the above exception, another exception occurred:\n\n"
            )
        if item.__traceback__ is not None:
            lines.append("Traceback (most recent call last):\n")
            lines.extend(traceback.format_tb(item.__traceback__))
        if isinstance(item, _EXCEPTIONS_WITH_SAFE_MESSAGES):
            detail = redact_identifiers(str(item))
        else:
            detail = MESSAGE_REDACTED
        lines.append(f"{type(item).__module__}.{type(item).__qualname__}: {detail}\n")
    return "".join(lines).rstrip("\n")


def redact_record(record: logging.LogRecord) -> logging.LogRecord:
    if getattr(record, "_privacy_redacted", False):
        return record
    record.args = _without_exception_text(record.args)
    try:
        message = record.getMessage()
    except Exception:  # a broken format string must not leak its arguments either
        message = str(record.msg)
    if record.exc_info and record.exc_info[1] is not None:
        for text in _exception_texts(record.exc_info[1]):
            message = message.replace(text, MESSAGE_REDACTED)
    kept = bounded(message)
    record.msg = one_line(redact_message(kept, record.name))
    if len(kept) < len(message):
        record.msg += TRUNCATED
    record.args = None
    if record.exc_info and record.exc_info[1] is not None:
        record.exc_text = redact_exception(record.exc_info)
        record.exc_info = None
    elif record.exc_text:
        record.exc_text = MESSAGE_REDACTED
    record._privacy_redacted = True
    return record


def _without_exception_text(args: Any) -> Any:
    """`log.error("failed: %s", error)` would print the error's text: keep only its type."""

    def safe(value: Any) -> Any:
        return f"<{type(value).__name__}>" if isinstance(value, BaseException) else value

    if isinstance(args, tuple):
        return tuple(safe(value) for value in args)
    if isinstance(args, dict):
        return {key: safe(value) for key, value in args.items()}
    return args


def _exception_texts(exc: BaseException) -> list[str]:
    texts: list[str] = []
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen:
        seen.append(current)
        if str(current):
            texts.append(str(current))
        current = current.__cause__ or current.__context__
    return sorted(texts, key=len, reverse=True)


class PrivacyLogFilter(logging.Filter):
    """Rewrites each record so it carries no free text; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        redact_record(record)
        return True


_installed_factory: Callable[..., logging.LogRecord] | None = None


def install_privacy_logging() -> None:
    """Redact every record from now on (idempotent); see the module docstring."""
    global _installed_factory
    current = logging.getLogRecordFactory()
    if current is not _installed_factory:
        inner = current

        def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
            return redact_record(inner(*args, **kwargs))

        _installed_factory = factory
        logging.setLogRecordFactory(factory)
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, PrivacyLogFilter) for f in handler.filters):
            handler.addFilter(PrivacyLogFilter())
