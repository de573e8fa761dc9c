"""A slow anonymiser on demand, without timing anything: the real one, held at the start of
the work until the test releases it. Proves an answer came before the work finished."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import pytest

from bot.core import marking, recording

SLOW = "Slow"  # a word in a record's reasons: that record's anonymising waits to be released


class HeldAnonymiser:
    """Holds the anonymising of a record whose reasons contain SLOW, once `marks` is set every
    removal of a marked word, and after `texts_of` any text with SLOW, each until `release`."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.release = threading.Event()
        self.started = threading.Semaphore(0)
        self.marks = False
        real_anonymise, real_remove = recording._anonymise, marking._remove

        def anonymise(anonymiser: Any, raw: Any, known: frozenset[str]) -> Any:
            if SLOW in raw.reasons:
                self._hold()
            return real_anonymise(anonymiser, raw, known)

        def remove(services: Any, draft: Any, phrase: str, known: frozenset[str]) -> Any:
            if self.marks:
                self._hold()
            return real_remove(services, draft, phrase, known)

        monkeypatch.setattr(recording, "_anonymise", anonymise)
        monkeypatch.setattr(marking, "_remove", remove)

    def texts_of(self, anonymiser: Any, monkeypatch: pytest.MonkeyPatch) -> None:
        """Hold `anonymiser` (a running bot's) on any text containing SLOW: an advice request,
        a lead's answer or a supervisor's note."""
        real = anonymiser.anonymise

        def anonymise(text: str, *args: Any, **kwargs: Any) -> Any:
            if SLOW in text:
                self._hold()
            return real(text, *args, **kwargs)

        monkeypatch.setattr(anonymiser, "anonymise", anonymise)

    def _hold(self) -> None:
        self.started.release()
        assert self.release.wait(30), "the test never released the anonymiser"

    async def wait_started(self) -> None:
        """Until one more held piece of work has started (and is waiting)."""
        assert await asyncio.to_thread(self.started.acquire, True, 10), "never started"
