"""`wenming compare KEY`: every shipped city's penalties for one behaviour of the shared taxonomy.

The expected cities, amounts and unpenalised provisions are read here from the data files themselves
(PyYAML, not wenming), so that the index and its cache are checked against the data, not against
themselves.
"""

from __future__ import annotations

import json
import re
import shutil
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from wenming.cli import app

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
REGISTRY = json.loads((DATA / "registry.json").read_text(encoding="utf-8"))
VOCABULARY = yaml.safe_load((DATA / "vocabulary.yaml").read_text(encoding="utf-8"))
KEYS = [behaviour["key"] for behaviour in VOCABULARY["behaviours"]]
JIANGMEN_SOURCE = DATA / "sources" / "lawrefbook" / "江门市文明行为促进条例(2021-04-06).md"
# Every command here compares the shipped regulations: WENMING_DATA (set for the whole run by
# conftest.py) chooses a look-up's regulation, not what compare compares; tests that say so set it.
ENV = {"WENMING_DATA": "", "WENMING_CITY": "", "NO_COLOR": "1"}
runner = CliRunner()

ROW_FIELDS = {
    "city",
    "title",
    "violation_basis",
    "penalty_basis",
    "agencies",
    "party",
    "role",
    "steps",
    "fine_min",
    "fine_max",
    "review",
}
STEP_FIELDS = {"condition", "measures", "fine_min", "fine_max", "per", "optional"}


@cache
def shipped() -> dict[str, dict[str, Any]]:
    """Each shipped city's data file, parsed by PyYAML."""
    return {
        entry["city"]: yaml.safe_load((DATA / entry["file"]).read_text(encoding="utf-8"))
        for entry in REGISTRY["cities"]
    }


def penalising(key: str) -> set[str]:
    return {
        city for city, data in shipped().items() if any(p.get("taxonomy") == key for p in data.get("penalties", []))
    }


def governing_only(key: str) -> set[str]:
    """The cities with a provision of this key that no penalty covers, under any key (a provision a
    penalty cites is penalised there, not 未设罚则)."""
    found = set()
    for city, data in shipped().items():
        covered = {
            (cited, penalty["behaviour"].get("part"))
            for penalty in data.get("penalties", [])
            for cited in [penalty["behaviour"].get("cites"), *penalty["behaviour"].get("also", [])]
            if cited
        }
        links = [
            link.get("taxonomy")
            for link in data.get("behaviour_taxonomy", [])
            if (link["cites"], None) not in covered and (link["cites"], link.get("part")) not in covered
        ]
        links += [entry.get("taxonomy") for entry in data.get("liability", [])]
        if key in links and city not in penalising(key):
            found.add(city)
    return found


def ask(*args: str, env: dict[str, str] | None = None) -> tuple[int, Any]:
    result = runner.invoke(app, [*args, "--json"], env={**ENV, **(env or {})})
    return result.exit_code, json.loads(result.stdout)


def view(*args: str, columns: int = 80) -> str:
    result = runner.invoke(app, list(args), env={**ENV, "COLUMNS": str(columns)})
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("key", ["dog-leash", "dog-waste"])
def test_every_city_that_penalises_it_is_listed(key: str) -> None:
    code, result = ask("compare", key)
    assert code == 0
    assert result["key"] == key
    assert {row["city"] for row in result["rows"]} == penalising(key)
    assert {entry["city"] for entry in result["unpenalised"]} == governing_only(key)
    assert len(result["cities"]) == len(REGISTRY["cities"])


def test_jiangmen_sets_amounts_by_party_as_its_article_50_3_words_them() -> None:
    line = JIANGMEN_SOURCE.read_text(encoding="utf-8").splitlines()[380]  # line 381
    assert line.startswith("违反本条例第二十三条第一款第四项规定")
    assert "对单位处一千元以上二千元以下罚款，对个人处一百元以上二百元以下罚款" in line
    _, result = ask("compare", "dog-leash")
    jiangmen = [row for row in result["rows"] if row["city"] == "江门市"]
    assert {(row["party"], row["role"], row["fine_min"], row["fine_max"]) for row in jiangmen} == {
        ("organisation", "单位", 1000, 2000),
        ("person", "个人", 100, 200),
    }
    assert {row["penalty_basis"] for row in jiangmen} == {"第五十条第三款"}
    assert all(row["agencies"] and row["agencies"][0]["kind"] for row in jiangmen)


@pytest.mark.parametrize("key", KEYS)
def test_the_json_shape_for_every_taxonomy_key(key: str) -> None:
    code, result = ask("compare", key)
    assert code == 0
    assert {"key", "name", "rows", "unpenalised"} <= result.keys()
    assert result["key"] == key
    assert result["name"] == next(b["name"] for b in VOCABULARY["behaviours"] if b["key"] == key)
    for row in result["rows"]:
        assert row.keys() >= ROW_FIELDS
        assert all(agency.keys() >= {"kind", "text"} for agency in row["agencies"])
        assert row["steps"], row
        for step in row["steps"]:
            assert step.keys() >= STEP_FIELDS
            assert all(isinstance(measure, str) for measure in step["measures"])
        maxima = [step["fine_max"] for step in row["steps"] if step["fine_max"] is not None]
        assert row["fine_max"] == (max(maxima) if maxima else None)
        minima = [step["fine_min"] for step in row["steps"] if step["fine_max"] is not None]
        assert row["fine_min"] == (None if not minima or None in minima else min(minima))
        assert row["review"] in ("reviewed", "draft", "text-only")
    for entry in result["unpenalised"]:
        assert {"city", "violation_basis"} <= entry.keys()
    assert {row["city"] for row in result["rows"]} == penalising(key)
    assert {entry["city"] for entry in result["unpenalised"]} == governing_only(key)


def _order(row: dict[str, Any]) -> tuple[int, int]:
    if row["fine_max"] is None:
        return (2, 0)
    return (1 if any(step["per"] for step in row["steps"]) else 0, -row["fine_max"])


@pytest.mark.parametrize("key", ["dog-leash", "smoking", "dog-dangerous-breed", "throwing-from-building"])
def test_rows_run_from_the_highest_fine_down_with_no_fixed_maximum_last(key: str) -> None:
    _, result = ask("compare", key)
    orders = [_order(row) for row in result["rows"]]
    assert orders == sorted(orders)


def test_a_multiple_or_a_per_unit_fine_says_so() -> None:
    multiples = per_unit = 0
    for key in KEYS:
        _, result = ask("compare", key)
        for row in result["rows"]:
            for step in row["steps"]:
                if any("倍" in measure for measure in step["measures"]):
                    multiples += 1
                    assert step["fine_max"] is None or step["per"] is None
                if step["per"] is not None:
                    per_unit += 1
                    assert step["fine_max"] is not None
    assert per_unit  # 江门's dangerous dogs: 每只犬
    del multiples  # the corpus may have none under a taxonomy key; the shape test covers them


def test_upper_only_fine_has_no_minimum() -> None:
    for key in KEYS:
        _, result = ask("compare", key)
        for row in result["rows"]:
            for step in row["steps"]:
                if step["fine_max"] is not None and step["fine_min"] is None:
                    assert row["fine_min"] is None
                    return
    pytest.skip("no upper-only fine under a taxonomy key")


def _corpus_with_a_draft(tmp_path: Path) -> tuple[Path, str]:
    """The shipped corpus with one city's dog-leash penalty marked a draft (every shipped one is
    reviewed): the city, and the copy's folder for WENMING_CORPUS_DIR."""
    corpus = tmp_path / "corpus"
    shutil.copytree(DATA / "regulations", corpus / "regulations")
    shutil.copy(DATA / "registry.json", corpus / "registry.json")
    shutil.copy(DATA / "regulation.yaml", corpus / "regulation.yaml")
    path = corpus / "regulations" / "江门市.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for penalty in data["penalties"]:
        if penalty.get("taxonomy") == "dog-leash":
            penalty["review"] = "draft"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return corpus, "江门市"


def test_drafts_are_labelled_in_json_and_in_the_view(tmp_path: Path) -> None:
    corpus, city = _corpus_with_a_draft(tmp_path)
    env = {"WENMING_CORPUS_DIR": str(corpus), "WENMING_CACHE_DIR": str(tmp_path / "cache")}
    _, result = ask("compare", "dog-leash", env=env)
    drafts = [row for row in result["rows"] if row["review"] == "draft"]
    assert drafts and {row["city"] for row in drafts} == {city}
    for columns in (40, 80, 120):
        shown = runner.invoke(app, ["compare", "dog-leash"], env={**ENV, **env, "COLUMNS": str(columns)}).stdout
        assert shown.count("未经人工核对") >= len(drafts)
    _, shipped = ask("compare", "dog-leash")
    assert all(row["review"] == "reviewed" for row in shipped["rows"])  # issue 14: every penalty read
    incomplete = [entry["city"] for entry in REGISTRY["cities"] if not entry["complete"]]
    flagged = [row for row in result["rows"] if row["city"] in incomplete]
    assert all(not row["complete"] for row in flagged)
    if flagged:
        assert "文本不完整" in view("compare", "dog-leash")


@pytest.mark.parametrize("columns", [40, 80, 120])
@pytest.mark.parametrize("key", ["dog-leash", "dog-waste", "dog-dangerous-breed"])
def test_the_view_never_cuts_an_amount(key: str, columns: int) -> None:
    _, result = ask("compare", key)
    shown = view("compare", key, columns=columns)
    assert all(len(line) <= columns or "─" in line for line in shown.splitlines())
    lines = shown.splitlines()
    for row in result["rows"]:
        assert row["city"] in shown
        if row["fine_max"] is not None:
            amount = str(row["fine_max"])
            assert any(re.search(rf"(?<!\d){amount}(?!\d)", line) for line in lines), amount


def test_party_filter() -> None:
    _, everyone = ask("compare", "dog-leash")
    for word in ("person", "个人"):
        code, person = ask("compare", "dog-leash", "--party", word)
        assert code == 0 and person["party"] == "person"
        assert ("江门市", "organisation") not in {(row["city"], row["party"]) for row in person["rows"]}
        assert len(person["rows"]) == len(everyone["rows"]) - 1
    _, organisation = ask("compare", "dog-leash", "--party", "单位")
    jiangmen = [row for row in organisation["rows"] if row["city"] == "江门市"]
    assert [(row["party"], row["fine_max"]) for row in jiangmen] == [("organisation", 2000)]
    code, error = ask("compare", "dog-leash", "--party", "路人")
    assert code == 2 and "路人" in error["error"]["message"]


@pytest.mark.parametrize(
    ("phrase", "key"),
    [("遛狗不牵绳", "dog-leash"), ("携犬出户未束犬链、未挂犬牌等", "dog-leash"), ("犬粪", "dog-waste")],
)
def test_a_name_or_phrase_names_the_key(phrase: str, key: str) -> None:
    code, result = ask("compare", phrase)
    assert code == 0 and result["key"] == key


def test_an_unknown_key_is_not_found_with_close_keys() -> None:
    code, error = ask("compare", "dog-leesh")
    assert code == 1
    assert "dog-leash" in error["error"]["suggestion"]
    result = runner.invoke(app, ["compare", "dog-leesh"], env=ENV)
    assert result.exit_code == 1 and "Traceback" not in result.output


def test_an_ambiguous_phrase_lists_the_choices() -> None:
    code, error = ask("compare", "狗")
    assert code == 2
    assert {choice["key"] for choice in error["error"]["choices"]} >= {"dog-leash", "dog-waste"}


def test_city_restricts_to_that_city() -> None:
    code, result = ask("--city", "江门", "compare", "dog-leash")
    assert code == 0 and result["cities"] == ["江门市"]
    assert {row["city"] for row in result["rows"]} == {"江门市"}
    code, every = ask("--city", "all", "compare", "dog-leash")
    assert code == 0 and len(every["cities"]) == len(REGISTRY["cities"])
    code, _ = ask("--city", "不存在", "compare", "dog-leash")
    assert code == 2


def test_data_option_compares_that_file_and_wenming_data_does_not_choose(tmp_path: Path) -> None:
    data = str(DATA / "regulation.yaml")
    code, alone = ask("--data", data, "compare", "dog-leash")
    assert code == 0 and alone["cities"] == ["永州市"]
    _, every = ask("compare", "dog-leash", env={"WENMING_DATA": data})
    assert len(every["cities"]) == len(REGISTRY["cities"])


def test_cacheless_cold_and_warm_runs_give_the_same_json(tmp_path: Path) -> None:
    unusable = tmp_path / "not-a-folder"
    unusable.write_text("a file where the cache folder would be")
    _, without = ask("compare", "dog-leash", env={"WENMING_CACHE_DIR": str(unusable)})
    fresh = tmp_path / "cache"
    _, cold = ask("compare", "dog-leash", env={"WENMING_CACHE_DIR": str(fresh)})
    assert list(fresh.glob("compareindex-*.json")), "the cold run keeps the index"
    _, warm = ask("compare", "dog-leash", env={"WENMING_CACHE_DIR": str(fresh)})
    assert without == cold == warm


def test_an_edited_regulation_file_rebuilds_the_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from wenming import cache, compare

    files = compare._index_files()
    texts = cache.read_texts(files)
    assert texts is not None
    monkeypatch.setenv("WENMING_CACHE_DIR", str(tmp_path))
    index = compare.shipped_index()
    assert cache.fetch_record(texts, compare.CompareIndex) == index
    edited = [*texts[:-1], texts[-1] + b"\n# edited\n"]
    assert cache.fetch_record(edited, compare.CompareIndex) is None


def test_the_domain_needs_neither_typer_nor_rich() -> None:
    import subprocess
    import sys

    code = (
        "import sys, wenming.compare as c; c.compare('dog-leash');"
        "assert 'typer' not in sys.modules and 'rich' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True, env={**ENV, "PATH": ""}, cwd=ROOT)


def test_a_kept_index_with_rows_this_code_does_not_write_is_built_again(tmp_path: Path) -> None:
    env = {"WENMING_CACHE_DIR": str(tmp_path)}
    _, before = ask("compare", "dog-leash", env=env)
    (entry,) = tmp_path.glob("compareindex-*.json")
    kept = json.loads(entry.read_text(encoding="utf-8"))
    kept["value"]["rows"]["dog-leash"] = json.dumps([{"city": 1}])
    entry.write_text(json.dumps(kept, ensure_ascii=False), encoding="utf-8")
    _, after = ask("compare", "dog-leash", env=env)
    assert after == before
