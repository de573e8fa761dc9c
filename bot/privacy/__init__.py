"""Privacy: the anonymiser, Slack escaping and the logging filter."""

from bot.privacy.anonymiser import Anonymised, Anonymiser, Finding, get_anonymiser

__all__ = ["Anonymised", "Anonymiser", "Finding", "get_anonymiser"]
