from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from wenming import load_regulation
from wenming.regulation import Regulation

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "regulation.yaml"
GAZETTE = ROOT / "data" / "source" / "yongzhou-gazette-2022-04.txt"


@pytest.fixture(scope="session")
def ask_fine() -> Callable[[dict[str, Any]], tuple[int, dict[str, Any]]]:
    """`wenming fine --json` for a worked case of another city (its city's data file, key, --when,
    --party), as tools/case_coverage.py asks it: (exit code, answer)."""
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        from case_coverage import ask
    finally:
        sys.path.remove(str(ROOT / "tools"))
    return ask


@pytest.fixture(scope="session")
def regulation() -> Regulation:
    # The working tree's data, not the installed copy: an edit to data/ is tested without reinstalling.
    return load_regulation(DATA)


@pytest.fixture(scope="session")
def data_text() -> str:
    return DATA.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def gazette_text() -> str:
    return GAZETTE.read_text(encoding="utf-8")


@pytest.fixture(scope="session", autouse=True)
def _working_tree_data() -> Iterator[None]:
    """Commands run in the tests (CliRunner and subprocesses) answer from the working tree's data/.

    A test that sets WENMING_DATA itself (to "" for the shipped copy) still decides for its own run;
    test_package checks that the shipped copy is the working tree's.
    """
    changes = {
        "WENMING_DATA": str(DATA),
        # `python -m wenming` run from the repository root would import the working tree's wenming/
        # (the current folder first on sys.path); the subprocesses test the installed package, as
        # the in-process tests do.
        "PYTHONSAFEPATH": "1",
    }
    previous = {name: os.environ.get(name) for name in changes}
    os.environ.update(changes)
    yield
    for name, value in previous.items():
        if value is None:
            del os.environ[name]
        else:
            os.environ[name] = value


@pytest.fixture(scope="session", autouse=True)
def _private_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keep the tests' regulation cache (wenming.cache) out of the user's ~/.cache, subprocesses included."""
    previous = os.environ.get("WENMING_CACHE_DIR")
    os.environ["WENMING_CACHE_DIR"] = str(tmp_path_factory.mktemp("wenming-cache"))
    yield
    if previous is None:
        del os.environ["WENMING_CACHE_DIR"]
    else:
        os.environ["WENMING_CACHE_DIR"] = previous
