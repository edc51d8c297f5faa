"""Other cities' penalties answered by `wenming fine`: the worked cases of tests/cases/city_fines/,
read off each article by hand, against the reviewed data (data/regulations/), and that data against the
hand-read records it was made from (tests/cases/corpus/, tools/reviewed_penalties.py).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from wenming.cli import app
from wenming.loader import load_regulation

ROOT = Path(__file__).resolve().parents[1]
CITIES = ROOT / "data" / "regulations"
SOURCES = ROOT / "data" / "sources" / "lawrefbook"
RECORDS = ROOT / "tests" / "cases" / "corpus"  # the regulations read by hand
CASE_FILES = sorted((ROOT / "tests" / "cases" / "city_fines").glob("*.yaml"))
CASES = [
    case | {"file": path.stem}
    for path in CASE_FILES
    for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]
]
runner = CliRunner()
AskFine = Callable[[dict[str, Any]], tuple[int, dict[str, Any]]]  # the ask_fine fixture (conftest)


@pytest.mark.parametrize("case", CASES, ids=[f"{case['city']}: {case['id']}" for case in CASES])
def test_worked_case(case: dict[str, Any], ask_fine: AskFine) -> None:
    assert case["city"] == case["file"], "a city's cases stand in its own file"
    file, _, line = case["source"].partition(":")
    source = (SOURCES / file).read_text(encoding="utf-8").split("\n")
    first = int(line.split(",")[0]) if line else None
    # The quoted words are the article's (at the line named), so the case is read off the text.
    quoted = [words for words in case["reads"].split(" … ") if "（一）" not in words]
    assert first is not None and all(words in source[first - 1] for words in quoted[-1:]), case["id"]
    code, answer = ask_fine(case)
    expect = case["expect"]
    if expect["kind"] == "error":
        assert code == expect["exit"] and "error" in answer
        return
    assert code == 0, answer
    assert answer["kind"] == expect["kind"]
    if expect["kind"] == "provision":
        assert answer["provision_kind"] == expect["provision_kind"]
        assert answer["laws"] == expect["laws"]
        return
    assert answer["review"] == "reviewed"
    for field in ("penalty_basis", "agencies", "applied_step", "fine_min", "fine_max", "measures"):
        if field in expect:
            assert answer[field] == expect[field], field
    if answer["applied_step"] == 0:
        assert answer["sanction"] == "" and "--when" in answer["notes"][0]
        return
    step = answer["steps"][answer["applied_step"] - 1]
    assert step["applied"] is True
    assert step["fine_optional"] is expect.get("optional", False)
    assert step["fine_per"] == expect.get("per")
    assert step["connector"] == expect.get("connector", "and")
    if "times" in expect:
        assert [step["fine_of"], step["times_min"], step["times_max"]] == expect["times"]


def test_every_step_of_every_reviewed_penalty_has_a_worked_case() -> None:
    """For each ladder (anyone's, or each party's and role's), every step is the step some case's answer
    applies: read off the answers, not the cases' own expectations (tools/case_coverage.py)."""
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        from case_coverage import uncovered
    finally:
        sys.path.remove(str(ROOT / "tools"))
    assert uncovered() == []


def test_every_shipped_regulation_is_reviewed() -> None:
    """Issue 14's bar: `validate --strict` passes on every shipped file (every penalty and liability
    provision reviewed, every word and amount the text's), and every regulation with a sanction in its
    text has a record read by hand; one without (cut short before any) has no penalty to review."""
    recorded = {record.stem for record in RECORDS.glob("*.yaml")}
    for path in sorted(CITIES.glob("*.yaml")):
        result = runner.invoke(app, ["validate", str(path), "--strict", "--json"])
        assert result.exit_code == 0, (path.name, result.stdout[:500])
        regulation = load_regulation(path)
        if path.stem in recorded:
            assert all(p.review == "reviewed" for p in regulation.penalties)
        else:
            assert not regulation.penalties and not regulation.liability and not regulation.complete, path.stem


@pytest.mark.parametrize(
    "path", [CITIES / f"{r.stem}.yaml" for r in sorted(RECORDS.glob("*.yaml"))], ids=lambda p: p.stem
)
def test_the_penalties_are_the_hand_read_records(path: Path) -> None:
    """The penalty part of each file is what tools/reviewed_penalties.py makes of its record: an edit to
    either shows here, so the data and the reading it rests on cannot drift apart."""
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        from reviewed_penalties import penalty_part
    finally:
        sys.path.remove(str(ROOT / "tools"))
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    expected = penalty_part(path.stem)
    assert {key: data[key] for key in expected} == expected


@pytest.mark.parametrize(
    ("city", "phrase", "key", "basis"),
    [
        ("湖州市", "遛狗不牵绳", "dog-leash", "第二十九条第一款"),
        ("临沂市", "遛狗没拴绳罚多少", "dog-leash", "第五十六条第三项"),
        ("三门峡市", "狗屎没捡", "dog-waste", "第三十九条第三款"),
        ("临沂市", "随地吐痰", "spitting", "第四十九条"),
    ],
)
def test_everyday_phrases_reach_another_citys_penalty_by_its_shared_behaviour(
    city: str, phrase: str, key: str, basis: str
) -> None:
    """A city's data describes no behaviour by concepts; its penalties' taxonomy keys do (vocabulary.yaml)."""
    result = runner.invoke(app, ["--data", str(CITIES / f"{city}.yaml"), "fine", phrase, "--json"])
    answer = json.loads(result.stdout)
    assert result.exit_code == 0, answer
    assert (answer["violation"], answer["penalty_basis"]) == (key, basis)
    assert answer["reading"] is not None  # read as a phrase, and said so


SHIPPED = sorted(CITIES.glob("*.yaml"))


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_every_shipped_text_is_what_its_source_imports_to(path: Path) -> None:
    """Each shipped regulation's text, repairs, damage and completeness are a fresh `wenming import` of
    its source (whose fidelity to the source tests/test_import.py checks); drafts are the extractor's."""
    from wenming.importer import import_file

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    fresh = yaml.safe_load(_dump(import_file(ROOT / data["meta"]["source"]["file"]).data))
    for key in ("meta", "chapters", "articles", "repairs", "damage", "complete"):
        assert data.get(key) == fresh.get(key), key
    if not (RECORDS / path.name).exists():  # not read by hand: the penalties are the extractor's drafts
        for key in ("penalties", "liability", "circumstances", "agencies", "behaviour_taxonomy"):
            assert data.get(key) == fresh.get(key), key
        assert all(penalty["review"] == "draft" for penalty in data["penalties"])


def _dump(data: dict[str, Any]) -> str:
    from wenming.importer import to_yaml

    return to_yaml(data)


def test_a_schedule_of_no_ladders_lists_its_liability_provisions(tmp_path: Path) -> None:
    """A regulation whose liability provisions hold no ladder (a draft of referrals only): `fines` lists
    them. Every shipped regulation read so far has a ladder, so 湛江's is taken with its penalties
    removed and its referrals marked drafts."""
    data = yaml.safe_load((CITIES / "湛江市.yaml").read_text(encoding="utf-8"))
    data["penalties"] = []
    data["liability"] = [provision | {"review": "draft"} for provision in data["liability"]]
    path = tmp_path / "湛江市.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = runner.invoke(app, ["--data", str(path), "fines", "--json"])
    schedule = json.loads(result.stdout)
    assert result.exit_code == 0 and schedule["penalties"] == []
    assert [p["citation"] for p in schedule["provisions"]][:1] == ["第十八条"]
    view = runner.invoke(app, ["--data", str(path), "fines"], env={"COLUMNS": "100"}).stdout
    assert "数据中没有罚款阶梯" in view and "第十八条（转致）" in view and "未经人工核对" in view


@pytest.mark.parametrize(
    ("city", "key", "words", "step"),
    [
        # 北京 第五十九条 (line 367): 逾期不整改或者整改不达标的，责令公开道歉 — the regulation names the
        # circumstance 逾期不改正 (第五十八条); the step's own words reach it too.
        ("北京市", "large-event-organiser", "逾期不整改或者整改不达标", 2),
        ("北京市", "large-event-organiser", "整改不达标", 2),
        # 许昌 第三十五条第二项 (line 185): 拒不驶离或者驾驶员不在现场的，处以二十元以上二百元以下罚款 —
        # either alternative of the clause reaches the fine.
        ("许昌市", "ev-charger-obstruction", "驾驶员不在现场", 2),
        ("许昌市", "ev-charger-obstruction", "拒不驶离", 2),
        # 东莞 第四十六条第三款 (line 415): 拒不改正或者多次违反的，依法从重处罚 — 多次违反 alone reaches it.
        ("东莞市", "provision-46-3", "多次违反", 1),
    ],
)
def test_a_circumstance_in_the_provisions_own_words(city: str, key: str, words: str, step: int) -> None:
    args = ["--data", str(CITIES / f"{city}.yaml"), "fine", key, "--when", words, "--json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stdout
    assert json.loads(result.stdout)["applied_step"] == step


def test_one_alternative_of_a_joined_clause_is_its_own_circumstance() -> None:
    """东莞 第四十三条 (smoking) fines on 拒不改正 only: 多次违反, the other half of 第四十六条第三款's
    拒不改正或者多次违反, is not a refusal and reaches no fine there."""
    args = ["--data", str(CITIES / "东莞市.yaml"), "fine", "smoking", "--when", "多次违反", "--json"]
    answer = json.loads(runner.invoke(app, args).stdout)
    assert answer["applied_step"] == 1 and answer["fine_max"] is None
