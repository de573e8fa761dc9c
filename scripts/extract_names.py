"""Regenerate bot/privacy/faker_names.txt (from Faker's person providers),
bot/privacy/community_names.txt (from the names-dataset package) and
bot/privacy/english_words.txt (from Debian's wbritish) at development time.

Usage (names-dataset is not a dependency of the app; install it beside the tools, then run):

    .venv/bin/pip install --no-deps names-dataset==3.3.1
    apt-get install wbritish
    .venv/bin/python scripts/extract_names.py

``--faker`` writes faker_names.txt alone (after a Faker upgrade; needs neither of the above).

names-dataset (Philippe Remy, Apache-2.0 licence file; PyPI metadata says MIT) ranks first names
and surnames per country. We keep, for the countries of the communities our practitioners work
with, the first names and surnames ranked within ``TOP`` in any of them, folded to lower-case
ASCII, leaving out names already in the Faker / gender-guesser list, English words of Debian's
``wbritish`` dictionary (any case: "Hope", "London", "Somali" stay with the context rules) and
words of this field. Loading the full data set takes about 3 GB of memory; the app only reads
the small word list this script writes.
"""

from __future__ import annotations

import gzip
import importlib.util
import pickle
import sys
from pathlib import Path

import regex

from bot.privacy import lexicon
from bot.privacy.faker_names import FAKER_NAMES, faker_names, faker_notice
from bot.privacy.tokens import fold

PACKAGE = Path(__file__).resolve().parent.parent / "bot" / "privacy"
OUT = PACKAGE / "community_names.txt"
FAKER_OUT = PACKAGE / FAKER_NAMES
ENGLISH_OUT = PACKAGE / "english_words.txt"
SCOWL_NOTICE = [
    "# English words of Debian's wbritish (SCOWL) that are in no names list, folded to lower",
    "# case: a capitalised word in a person slot that is one of these is not taken for a name.",
    "# Generated: python scripts/extract_names.py. SCOWL is Copyright 2000-2011 by Kevin",
    "# Atkinson: Permission to use, copy, modify, distribute and sell these word lists, the",
    "# associated scripts, the output created from the scripts, and its documentation for any",
    "# purpose is hereby granted without fee, provided that the above copyright notice appears",
    "# in all copies and that both that copyright notice and this permission notice appear in",
    "# supporting documentation. Kevin Atkinson makes no representations about the suitability",
    '# of this array for any purpose. It is provided "as is" without express or implied warranty.',
]
DICTIONARY = Path("/usr/share/dict/british-english")
TOP = 3000
# Countries (ISO 3166 alpha-2) the data set has, chosen for the communities of England and
# Wales: British and Irish (Gaelic, Welsh, Scottish names), West and East African (Nigerian,
# Ghanaian, Ethiopian and Eritrean through ET/SD, Somali through DJ/YE/ET), South Asian
# (Bangladeshi, Indian), Afghan, Kurdish (IQ/IR/TR/SY), Arabic, Eastern European (Polish,
# Lithuanian, Romanian through MD, Ukrainian and Russian through RU/KZ, Albanian, Bulgarian),
# Caribbean, Southern European and others.
COUNTRIES = [
    "GB",
    "IE",
    "US",
    "CA",
    "NG",
    "GH",
    "CM",
    "ZA",
    "ET",
    "SD",
    "DJ",
    "YE",
    "EG",
    "MA",
    "DZ",
    "LY",
    "TN",
    "SA",
    "JO",
    "PS",
    "SY",
    "IQ",
    "IR",
    "TR",
    "AF",
    "BD",
    "IN",
    "MY",
    "PL",
    "LT",
    "MD",
    "RU",
    "KZ",
    "AL",
    "BG",
    "RS",
    "HR",
    "HU",
    "CZ",
    "PT",
    "IT",
    "ES",
    "FR",
    "JM",
    "PH",
    "CN",
    "HK",
]
_NAME = regex.compile(r"[a-z][a-z'\-]*[a-z]")


def _data_dir() -> Path:
    spec = importlib.util.find_spec("names_dataset")
    if spec is None or spec.origin is None:
        sys.exit("install names-dataset first: pip install --no-deps names-dataset==3.3.1")
    return Path(spec.origin).parent / "v3"


def _top_names(path: Path) -> set[str]:
    with gzip.open(path, "rb") as f:
        data = pickle.load(f)
    keep: set[str] = set()
    for name, info in data.items():
        ranks = info.get("rank") or {}
        if any(ranks.get(cc, TOP + 1) <= TOP for cc in COUNTRIES):
            keep.add(fold(name))
    return keep


def _excluded() -> set[str]:
    english = {fold(w.strip()) for w in DICTIONARY.read_text("utf-8").splitlines()}
    english |= {w[:-2] for w in english if w.endswith("'s")}
    field = (
        lexicon.NOT_NAMES
        | lexicon.ACRONYMS
        | lexicon.TITLES
        | lexicon.FUNCTION_WORDS
        | lexicon.ORDINARY_WORDS
        | lexicon.DEICTIC
        | lexicon.POSSESSED
        | lexicon.ASIDE_WORDS
    )
    # The names this file adds to are those of the lists without it.
    listed_elsewhere = lexicon.name_list() - lexicon.community_names()
    return english | set(field) | set(listed_elsewhere)


def write_faker_names() -> None:
    names = faker_names()
    FAKER_OUT.write_text("\n".join(faker_notice() + names) + "\n", "utf-8")
    print(f"{len(names)} names written to {FAKER_OUT}")
    lexicon.name_list.cache_clear()


def main() -> None:
    write_faker_names()
    if sys.argv[1:] == ["--faker"]:
        return
    data = _data_dir()
    names = _top_names(data / "first_names.pkl.gz") | _top_names(data / "last_names.pkl.gz")
    excluded = _excluded()
    kept = sorted(n for n in names if _NAME.fullmatch(n) and len(n) >= 3 and n not in excluded)
    header = [
        f"# First names and surnames ranked in the top {TOP} of names-dataset 3.3.1 (Apache-2.0)",
        "# for the countries in scripts/extract_names.py, less the Faker / gender-guesser names,",
        "# English words and field words. Generated: python scripts/extract_names.py",
    ]
    OUT.write_text("\n".join(header + kept) + "\n", "utf-8")
    print(f"{len(kept)} names written to {OUT}")
    lexicon.community_names.cache_clear()
    lexicon.name_list.cache_clear()
    names_now = lexicon.name_list()
    english = sorted(
        {
            fold(w)
            for w in DICTIONARY.read_text("utf-8").split()
            if not w.endswith("'s") and fold(w).isalpha() and len(w) > 2
        }
        - names_now
    )
    ENGLISH_OUT.write_text("\n".join(SCOWL_NOTICE + english) + "\n", "utf-8")
    print(f"{len(english)} words written to {ENGLISH_OUT}")


if __name__ == "__main__":
    main()
