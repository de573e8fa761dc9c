"""Flows shared by the dialog tests: the shipped ones and the fixtures beside this file."""

from __future__ import annotations

from pathlib import Path

import pytest

from dialogs.loading import FlowLibrary, load_flow
from dialogs.model import Flow

FIXTURES = Path(__file__).parent / "fixtures"
SHIPPED_IDS = ("hm-gov-2018", "dfes-2006")


@pytest.fixture(scope="session")
def library() -> FlowLibrary:
    return FlowLibrary.shipped()


@pytest.fixture(params=SHIPPED_IDS)
def shipped(request: pytest.FixtureRequest, library: FlowLibrary) -> Flow:
    """Each shipped flow in turn."""
    return library.latest(request.param)


@pytest.fixture
def fixture_flow() -> Flow:
    return load_flow(FIXTURES / "valid.yaml")
