"""Fixtures: the shared registries and agreements of tests/vectors."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import wijknet  # noqa: E402
from support import VECTORS  # noqa: E402


@pytest.fixture(scope="session")
def basic() -> wijknet.Registry:
    return wijknet.Registry.from_json(VECTORS / "registries" / "basic.json")


@pytest.fixture(scope="session")
def region() -> wijknet.Registry:
    return wijknet.Registry.from_json(VECTORS / "registries" / "region.json")


@pytest.fixture(scope="session")
def region_agreements(region: wijknet.Registry) -> wijknet.Agreements:
    return wijknet.Agreements.from_json(VECTORS / "registries" / "region.agreements.json", region)


NOW = "2026-11-22T10:00:00Z"
