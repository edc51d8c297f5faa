"""《行政处罚法》's procedure for other cities' penalties: the worked cases of
tests/cases/city_procedure.yaml, read off the law by hand, against `wenming fine --json`."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from wenming.cli import app

ROOT = Path(__file__).resolve().parents[1]
CITIES = ROOT / "data" / "regulations"
SOURCES = ROOT / "data" / "sources" / "lawrefbook"
LAW = (ROOT / "data" / "source" / "laws" / "行政处罚法(2021-01-22).md").read_text(encoding="utf-8")
CASES = yaml.safe_load((ROOT / "tests" / "cases" / "city_procedure.yaml").read_text(encoding="utf-8"))["cases"]
runner = CliRunner()
AskFine = Callable[[dict[str, Any]], tuple[int, dict[str, Any]]]  # the ask_fine fixture (conftest)


def _applies(entry: dict[str, Any]) -> str | bool:
    return "condition" if isinstance(entry["applies"], str) else entry["applies"]


def _check(entries: list[dict[str, Any]], expected: Any) -> None:
    """One provision's entries (one per rule it holds, or one per party) against the case's expectation."""
    if isinstance(expected, dict) and not {"applies", "range"} & set(expected):  # by party
        assert {entry["party"] for entry in entries} == set(expected), entries
        for entry in entries:
            _check([entry], expected[entry["party"]])
        return
    assert entries, "the provision is answered"
    for entry in entries:  # a provision of two rules (第三十条's two sentences): each answered alike
        if isinstance(expected, dict):
            assert _applies(entry) == expected["applies"]
            assert [entry["fine_min"], entry["fine_max"]] == expected["range"]
        else:
            assert _applies(entry) == expected, entry


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_procedure_case(case: dict[str, Any], ask_fine: AskFine) -> None:
    # The words read are the regulation's and the law's.
    source, _, words = case["reads"][0].partition(" — ")
    quoted = words.partition(" ")[2]  # after the citation
    assert quoted in (SOURCES / source).read_text(encoding="utf-8"), case["reads"][0]
    for read in case["reads"][1:]:
        assert read.partition(" ")[2] in LAW, read
    code, answer = ask_fine(case)
    assert code == 0, answer
    expect = case["expect"]
    for words in expect.get("notes", []):
        assert any(words in note for note in answer["notes"]), (words, answer["notes"])
    if expect.get("none"):
        assert answer["procedure"] == [] and answer["administrative_penalty"] is None
        return
    assert answer["party"]["key"] == expect["party"]
    assert answer["party"]["addresses"] == expect["addresses"]
    for cited, expected in expect["procedure"].items():
        _check([entry for entry in answer["procedure"] if entry["citation"] == cited], expected)


def test_the_amount_is_checked_for_another_city() -> None:
    """--amount works for every city: 150 yuan on a person is within 第五十一条's 200 (on the spot)
    and above 第六十八条第一项's 100 (not collected there)."""
    args = ["--data", str(CITIES / "临沂市.yaml"), "fine", "outside-shop-business", "--party", "个人"]
    result = runner.invoke(app, [*args, "--amount", "150", "--json"])
    assert result.exit_code == 0, result.stdout
    qualifies = {q["citation"]: q["qualifies"] for q in json.loads(result.stdout)["amount"]["qualifies"]}
    assert qualifies == {"第五十一条": True, "第六十八条第一项": False}


def test_no_amount_where_no_procedure_is_answered() -> None:
    args = ["--data", str(CITIES / "三门峡市.yaml"), "fine", "dog-dangerous-breed", "--amount", "6000", "--json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and "--amount" in json.loads(result.stdout)["error"]["message"]
