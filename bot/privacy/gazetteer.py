"""UK settlements and the larger areas a place rule leaves alone (data in ``gazetteer/``).

The settlements are GeoNames' cities500 for the UK (see scripts/make_gazetteer.py). A place of
at least ``BIG_PLACE`` people does not point to a family ("moved to Leeds"); a village, a town
or a district does ("moved to Treorchy", "back to Huddersfield"). A name several places share
counts as the largest of them: "Newport" is most likely the city.
"""

from dataclasses import dataclass
from functools import cache
from importlib import resources

BIG_PLACE = 200_000


@dataclass(frozen=True, slots=True)  # 16,000 of them: no __dict__ each
class Settlement:
    name: str
    population: int
    ordinary_word: bool  # also an English word ("Street", "March"): needs a strong cue

    @property
    def small(self) -> bool:
        return self.population < BIG_PLACE


def _lines(resource: str) -> list[str]:
    text = resources.files("bot.privacy").joinpath(f"gazetteer/{resource}").read_text("utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]


@cache
def settlements() -> dict[str, Settlement]:
    """Settlements by lower-case name (hyphens read as spaces)."""
    found: dict[str, Settlement] = {}
    for line in _lines("uk_settlements.txt"):
        name, population, _nation, word = line.split("\t")
        entry = Settlement(name, int(population), word == "1")
        key = key_of(name)
        if key not in found or found[key].population < entry.population:
            found[key] = entry
    return found


@cache
def large_areas() -> frozenset[str]:
    """Countries, nations, regions, counties and big cities abroad, by lower-case name. A city
    abroad that shares its name with a UK settlement ("Perth", "Boston") is left to the
    settlements."""
    abroad = {key_of(n) for n in _lines("foreign_cities.txt")} - settlements().keys()
    return frozenset({key_of(n) for n in _lines("areas.txt") + _lines("countries.txt")} | abroad)


@cache
def longest_name_words() -> int:
    return max(len(key.split()) for key in settlements())


def key_of(name: str) -> str:
    return " ".join(name.lower().replace("-", " ").replace("’", "'").split())


def settlement(name: str) -> Settlement | None:
    return settlements().get(key_of(name))


def large_area(name: str) -> bool:
    key = key_of(name)
    return key in large_areas() or key.removeprefix("the ") in large_areas()


@cache
def word_set(name: str) -> frozenset[str]:
    """A word list of ``gazetteer/<name>.txt``, lower case."""
    return frozenset(line.lower() for line in _lines(f"{name}.txt"))


@cache
def heads() -> dict[str, str]:
    """What a run ending in a word names ("academy" -> SCHOOL), from ``gazetteer/heads.txt``."""
    return dict(line.split("\t") for line in _lines("heads.txt"))
