from __future__ import annotations

from pathlib import Path

import pytest

from wenming import load_regulation
from wenming.model import Regulation

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "regulation.yaml"
GAZETTE = ROOT / "data" / "source" / "yongzhou-gazette-2022-04.txt"


@pytest.fixture(scope="session")
def regulation() -> Regulation:
    return load_regulation()


@pytest.fixture(scope="session")
def data_text() -> str:
    return DATA.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def gazette_text() -> str:
    return GAZETTE.read_text(encoding="utf-8")
