"""The start-up benchmark parses its options and tells a missing command from a failing one.

It is not run here: timings belong to `python benchmarks/startup.py`, not to the test suite.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "startup.py"


@pytest.fixture(scope="module")
def startup() -> Iterator[ModuleType]:
    spec = importlib.util.spec_from_file_location("startup_benchmark", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the script runs
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        del sys.modules[spec.name]


def test_options(startup: ModuleType) -> None:
    assert (startup.parse_args([]).runs, startup.parse_args([]).warmup) == (15, 2)
    assert startup.parse_args(["--runs", "5"]).runs == 5
    smoke = startup.parse_args(["--smoke"])
    assert (smoke.runs, smoke.warmup) == (1, 1)
    with pytest.raises(SystemExit):
        startup.parse_args(["--runs", "0"])


def test_missing_command_is_not_available_not_a_crash(startup: ModuleType) -> None:
    def outcome(code: int, stderr: str) -> object:
        return startup.Outcome(0.1, 0.1, 30000, code, b"", stderr.encode())

    assert startup.unavailable_reason(outcome(0, "")) is None
    assert startup.unavailable_reason(outcome(1, "错误：没有第九十九条")) is None  # nothing found is an answer
    missing = startup.unavailable_reason(outcome(2, "│ No such command 'search'. │"))
    assert missing is not None and missing.startswith("not available")
    failed = startup.unavailable_reason(outcome(2, "错误：数据文件无效"))
    assert failed is not None and failed.startswith("failed: exit 2") and "数据文件无效" in failed


def test_the_scale_study_takes_corpora(startup: ModuleType, tmp_path: Path) -> None:
    """benchmarks/corpus_scale.py and startup.py --corpus take a folder of tools/synthesise_corpus.py."""
    assert ("--city", "all", "search", "犬只") in startup.ALL_CITIES
    corpus = tmp_path / "corpus"
    (corpus / "regulations").mkdir(parents=True)
    (corpus / "registry.json").write_text("{}", encoding="utf-8")
    assert startup.parse_args(["--corpus", str(corpus)]).corpus == corpus
    with pytest.raises(SystemExit):
        startup.parse_args(["--corpus", str(tmp_path / "nowhere")])
