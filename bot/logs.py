"""Logging for the running bot: plain lines on stderr, with the privacy filter on every record."""

from __future__ import annotations

import logging
import os

from bot.privacy.log_filter import install_privacy_logging

# Libraries whose INFO lines are noise for an operator (SQL statements);
# their warnings still show.
_QUIET = (
    "sqlalchemy",
    "alembic.runtime.plugins",
    "faker",
)


def configure_logging() -> None:
    level = os.environ.get("INFOSHARE_LOG_LEVEL", "INFO").upper()
    logging.basicConfig(
        level=level if level in logging.getLevelNamesMapping() else "INFO",
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    for name in _QUIET:
        logging.getLogger(name).setLevel(logging.WARNING)
    install_privacy_logging()
