"""requirements.lock, which the README's installs and CI use, agrees with pyproject.toml."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
_PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s;]+)", re.MULTILINE)


def _locked() -> dict[str, str]:
    text = (ROOT / "requirements.lock").read_text()
    return {canonicalize_name(name): version for name, version in _PIN.findall(text)}


def _declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    listed = project["dependencies"] + project["optional-dependencies"]["dev"]
    return [Requirement(item) for item in listed]


def test_every_declared_dependency_is_pinned_within_its_floor() -> None:
    locked = _locked()
    for requirement in _declared():
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{requirement.name} is not in requirements.lock"
        assert requirement.specifier.contains(locked[name], prereleases=True), (
            f"requirements.lock pins {requirement.name}=={locked[name]}, "
            f"outside pyproject.toml's {requirement.specifier}"
        )


def test_the_lock_pins_exact_versions_only() -> None:
    lines = (ROOT / "requirements.lock").read_text().splitlines()
    requirements = [line for line in lines if line and not line.lstrip().startswith("#")]
    assert requirements, "requirements.lock is empty"
    assert all(_PIN.match(line) for line in requirements), "every line pins name==version"
