"""The name finder's word lists are data files: sorted, without repeats, loaded from the package."""

import subprocess
import sys
from collections import Counter
from importlib import resources

import pytest

from bot.privacy import lexicon
from bot.privacy.faker_names import FAKER_NAMES, faker_names
from bot.privacy.lexicon import entries

_FOLDER = resources.files("bot.privacy").joinpath(lexicon.WORD_LISTS)
WORD_LIST_FILES = [
    *sorted(f"{lexicon.WORD_LISTS}/{f.name}" for f in _FOLDER.iterdir() if f.name.endswith(".txt")),
    "name_words.txt",
    "community_names.txt",
    "english_words.txt",
]

# Lists of phrases: lower-case words a space apart.
_PHRASE_LISTS = frozenset(
    [
        "words/agency_heads.txt",
        "words/brands.txt",
        "words/welsh_health_boards.txt",
        "words/local_areas.txt",
        "words/local_service_names.txt",
    ]
)


def test_every_list_the_rules_use_is_a_file() -> None:
    assert len(WORD_LIST_FILES) == 44
    assert {"team", "plan"} <= lexicon.ACRONYM_HEADS
    assert {"mrs", "dr", "uncle"} <= lexicon.TITLES
    assert {"dsl", "camhs", "gp"} <= lexicon.ACRONYMS
    assert "known as" in lexicon.NAME_CUES
    assert {"red bull", "calpol", "frosty jack's"} <= lexicon.BRANDS


@pytest.mark.parametrize("resource", WORD_LIST_FILES)
def test_word_list_is_sorted_without_repeats(resource: str) -> None:
    words = entries(resource)
    assert words, f"{resource} is empty"
    repeated = sorted(w for w, n in Counter(words).items() if n > 1)
    assert not repeated, f"{resource} repeats {repeated}"
    assert words == sorted(words), f"{resource} is not sorted"


@pytest.mark.parametrize("resource", WORD_LIST_FILES)
def test_entries_are_single_lower_case_words(resource: str) -> None:
    for word in entries(resource):
        assert "#" not in word, word
        if resource == "words/faker_locales.txt":
            assert word.replace("_", "").isalpha(), word  # "en_GB"
        elif resource in _PHRASE_LISTS:  # "health board", "hywel dda"
            assert word == word.lower(), word
            assert all(w.replace("'", "").replace("-", "").isalnum() for w in word.split(" ")), word
        elif resource != "words/name_cues.txt":  # "known as", "a.k.a."
            assert word == word.lower(), word
            assert word.replace("-", "").replace("'", "").isalnum(), word  # "step-dad", "hasn't"


def test_comment_lines_are_not_entries() -> None:
    """The header of name_words.txt is prose ("... Regenerate with the snippet in the README"):
    none of its words is an entry."""
    assert not {"snippet", "wbritish", "capitalised"} & lexicon.common_words()


def test_community_names_add_names_the_other_lists_lack() -> None:
    """names-dataset fills gaps (Eritrean, Somali, Kurdish, Afghan, Romany names) without
    bringing in English words ("hope", "line") or this field's words."""
    names = lexicon.community_names()
    assert {"tadesse", "semhar", "warsame", "hodan", "bahoz", "ahmadzai", "lovell"} <= names
    assert not {"hope", "line", "law", "mum", "camhs", "roma"} & names
    assert {"tadesse", "hodan"} <= lexicon.name_list()


def test_faker_names_file_is_what_faker_lists_now() -> None:
    """faker_names.txt is generated (scripts/extract_names.py --faker after a Faker upgrade)."""
    assert entries(FAKER_NAMES) == faker_names()
    assert {"smith", "wisniewska", "kowalczyk"} <= lexicon.name_list()


def test_the_anonymiser_does_not_import_faker() -> None:
    code = (
        "import sys; import bot.privacy.anonymiser as a; a.get_anonymiser(b'k' * 32)"
        ".anonymise('Spoke to Kayden'); print('faker' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
