"""Logging for the running bot: plain lines on stderr, with the privacy filter on every handler."""

from __future__ import annotations

import logging
import os

from bot.privacy.log_filter import install_privacy_logging


def configure_logging() -> None:
    level = os.environ.get("INFOSHARE_LOG_LEVEL", "INFO").upper()
    logging.basicConfig(
        level=level if level in logging.getLevelNamesMapping() else "INFO",
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    # Third-party debug output can carry whole payloads; keep it out even at DEBUG.
    for noisy in ("slack_bolt", "slack_sdk", "sqlalchemy.engine", "aiohttp.access"):
        logging.getLogger(noisy).setLevel(max(logging.getLogger(noisy).level, logging.INFO))
    install_privacy_logging()
