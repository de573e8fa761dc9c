"""The names of Faker's person lists as the name finder looks them up, read at development time
into ``faker_names.txt`` (``scripts/extract_names.py``), which the app reads instead: importing
Faker and its providers kept about 20 MB of a server's memory for lists read once."""

import importlib
import importlib.metadata
import pkgutil

from bot.privacy.lexicon import NAME_LISTS, word_list
from bot.privacy.tokens import fold

FAKER_NAMES = "faker_names.txt"


def faker_names() -> list[str]:
    """Faker's names in the locales of ``words/faker_locales.txt``, folded, of two letters or
    more, sorted."""
    names: set[str] = set()
    available = {
        m.name
        for m in pkgutil.iter_modules(importlib.import_module("faker.providers.person").__path__)
    }
    for locale in word_list("faker_locales"):
        if locale not in available:
            continue
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attr in NAME_LISTS:
            values = getattr(provider, attr, None)
            if isinstance(values, list | tuple | dict):
                names.update(fold(v) for v in values if isinstance(v, str))
    return sorted(n for n in names if len(n) > 1)


_MIT_LICENCE = """Copyright (c) 2012 Daniele Faraglia

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in
all copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN
THE SOFTWARE."""


def faker_notice() -> list[str]:
    """The file's header: where the names come from, and Faker's licence."""
    header = [
        f"# The names of Faker {importlib.metadata.version('faker')}'s person lists in the locales"
        " of words/faker_locales.txt,",
        "# folded to lower case without accents. Generated: python scripts/extract_names.py.",
        "# Faker's licence:",
    ]
    return header + [f"# {line}".rstrip() for line in _MIT_LICENCE.splitlines()]
