"""The penalty engine against worked cases read off Articles 35-41 by hand, and its properties.

The cases live in tests/cases/fines.yaml; each runs through the command line with --json,
so the exit code, the JSON shape and the engine are checked together.
"""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from wenming.agency import agencies
from wenming.amounts import fine_amounts
from wenming.cli import app
from wenming.loader import DataError, load_regulation, regulation_from_text
from wenming.penalty import assess, fine, schedule
from wenming.regulation import Regulation
from wenming.resolve import find_violation

CASES: dict[str, Any] = yaml.safe_load((Path(__file__).parent / "cases" / "fines.yaml").read_text(encoding="utf-8"))
PROVISIONS: dict[str, dict[str, Any]] = CASES["provisions"]
# A bare 22.10 in YAML is the float 22.1: every input must be written as a string.
INPUTS = [case["input"] for group in CASES.values() if isinstance(group, list) for case in group if "input" in case]
assert all(isinstance(text, str) for text in INPUTS), "quote every input in fines.yaml"
# The facts the assertions compare with come from the data, not from this file.
DATA = load_regulation()
CIRCUMSTANCE_NAMES = {circumstance.key: circumstance.name for circumstance in DATA.circumstances}
assert DATA.mitigation is not None
ARTICLE_41 = DATA.cite(DATA.mitigation.citation).chinese
FINE_FLOOR = DATA.mitigation.fine_floor
runner = CliRunner()


def invoke(*args: str) -> tuple[int, dict[str, Any]]:
    result = runner.invoke(app, [*args, "--json"])
    return result.exit_code, json.loads(result.stdout)


def subsets(flags: list[str]) -> list[tuple[str, ...]]:
    return [combo for size in range(len(flags) + 1) for combo in itertools.combinations(flags, size)]


def case_id(case: dict[str, Any]) -> str:
    return " ".join([str(case.get("key") or case["input"]), *case.get("flags", [])])


# --- worked cases ----------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES["penalised"], ids=case_id)
def test_penalised_case(case: dict[str, Any]) -> None:
    provision = PROVISIONS[case["key"]]
    # The stated flags, then the same with every combination of flags the article never words.
    for ignored in subsets(provision["ignores"]):
        flags = [*case["flags"], *ignored]
        code, answer = invoke("fine", case["key"], *(f"--{flag}" for flag in flags))
        assert code == 0, answer
        assert answer["penalised"] is True
        assert answer["violation"] == case["key"]
        assert answer["violation_basis"] == provision["violation_basis"]
        assert answer["penalty_basis"] == provision["penalty_basis"]
        assert answer["agencies"] == provision["agencies"]
        assert answer["applied_step"] == case["step"]
        assert answer["measures"] == case["measures"]
        expected_fine = case["fine"] or [None, None]
        assert [answer["fine_min"], answer["fine_max"]] == expected_fine, flags
        assert [step["number"] for step in answer["steps"] if step["applied"]] == [case["step"]]
        assert answer["ignored_circumstances"] == [CIRCUMSTANCE_NAMES[flag] for flag in ignored]
        for name in answer["ignored_circumstances"]:
            assert f"{provision['penalty_basis']}没有「{name}」这一档，该情形不影响结果。" in answer["notes"]
        for flag, hint in provision.get("hints", {}).items():
            assert (hint in answer["notes"]) is (flag in ignored), (flag, answer["notes"])
        if "decision" in case:
            assert answer["decision"] == case["decision"]
        if "label" in case:
            assert answer["decision_label"] == case["label"]
        if "reading" in case:
            readings = [step.reading for step in DATA.penalty(case["key"]).steps if step.reading]  # type: ignore[union-attr]
            rests_on_reading = f"本结果依据第{case['step']}档的解读（见该档）。" in answer["notes"]
            assert readings and rests_on_reading is case["reading"]
            # The reading is shown with its step whether or not the outcome rests on it.
            assert [step["reading"] for step in answer["steps"] if step["reading"]] == readings
        article41 = answer["mitigation"]
        assert article41["citation"] == ARTICLE_41 and article41["conditions"]
        assert article41["applies"] is (case["fine"] is not None)
        assert article41["requested"] is ("social-service" in flags)
        if "social-service" in flags and case["fine"] is None:
            assert any(f"{ARTICLE_41}不起作用" in note for note in answer["notes"])


@pytest.mark.parametrize("case", CASES["resolves"], ids=case_id)
def test_other_names_resolve(case: dict[str, Any]) -> None:
    code, answer = invoke("fine", case["input"])
    assert code == 0, answer
    assert answer["violation"] == case["key"]
    assert answer["query"] == case["input"]


@pytest.mark.parametrize("case", CASES["not_penalised"], ids=case_id)
def test_not_penalised_case(case: dict[str, Any]) -> None:
    code, answer = invoke("fine", case["input"], *(f"--{flag}" for flag in case.get("flags", [])))
    assert code == 0, answer
    assert answer["penalised"] is False
    # No ladder, so none of a penalty's fields: not even empty ones.
    assert not {"violation", "penalty_basis", "agencies", "steps", "fine_min", "fine_max", "decision"} & set(answer)
    if "provision_kind" in case:  # a liability provision without a ladder, as the kind it is
        assert answer["kind"] == "provision" and answer["provision_kind"] == case["provision_kind"]
        assert answer["citation"] == case["violation_basis"]
        assert answer["text"] == DATA.cite(case["violation_basis"]).text  # its own words, whole
    else:
        assert answer["kind"] == "unpenalised"
        assert answer["violation_basis"] == case["violation_basis"]
        referral = any(note.startswith("第三十五条：") and "从其规定" in note for note in answer["referral"])
        assert referral is case.get("referral", True)
        assert [unit["citation"] for unit in answer["unpenalised"]] == case["violation_basis"].split("、")
    if "behaviour" in case:
        assert answer["behaviour"] == case["behaviour"]
    if "note" in case:
        assert any(case["note"] in note for note in answer["notes"])
    if case.get("flags"):
        assert "没有罚则，所给情形不影响结果。" in answer["notes"]


@pytest.mark.parametrize("case", CASES["not_met"], ids=case_id)
def test_condition_not_met(case: dict[str, Any]) -> None:
    code, answer = invoke("fine", case["input"], "--refused")
    assert code == 0, answer
    assert answer["kind"] == "not-met" and answer["penalised"] is False
    assert answer["violation"] == case["key"]
    penalty = DATA.penalty(case["key"])
    assert penalty is not None
    assert answer["penalty_basis"] == DATA.cite(penalty.provision).chinese
    # No ladder is reached: none of a penalised answer's fields, and the reading it rests on said.
    assert not {"steps", "fine_min", "fine_max", "decision", "agencies"} & set(answer)
    assert answer["because"] and any(case["because"] in reason for reason in answer["because"])
    assert all(any(reason in note for note in answer["notes"]) for reason in answer["because"])


@pytest.mark.parametrize("case", CASES["ambiguous"], ids=case_id)
def test_ambiguous_input_lists_candidates(case: dict[str, Any]) -> None:
    code, answer = invoke("fine", case["input"])
    assert code == 2
    listed = answer["error"]["candidates"]
    for candidate in case["candidates"]:
        assert any(candidate in line for line in listed), (candidate, listed)
    # The same candidates as fields, for scripts: each penalty by key with its two provisions.
    choices = answer["error"]["choices"]
    assert len(choices) == len(listed) or listed[-1].startswith("……")
    for choice in choices:
        penalty = DATA.penalty(choice["key"]) if choice["key"] else None
        if penalty is not None:
            assert choice["penalty_basis"] == DATA.cite(penalty.provision).chinese
            assert choice["violation_basis"] == DATA.cite(penalty.behaviour.cites).chinese


@pytest.mark.parametrize("case", CASES["unknown"], ids=case_id)
def test_unknown_input_suggests(case: dict[str, Any]) -> None:
    code, answer = invoke("fine", case["input"])
    assert code == 1
    error = answer["error"]
    for key in case.get("suggests", []):
        assert key in error["suggestion"]
    if "message" in case:
        assert case["message"] in error["message"]
    if case.get("suggests_nothing"):
        assert "相近的有" not in error["suggestion"]


@pytest.mark.parametrize("case", CASES["agencies"], ids=case_id)
def test_agency_case(case: dict[str, Any]) -> None:
    code, answer = invoke("agency", case["input"])
    assert code == 0, answer
    agency, *departments = answer["agencies"]
    assert agency["key"] == case["key"]
    # The agency named, and its departments after it (公安: 公安机关 and its traffic department).
    assert [department["key"] for department in departments] == case.get("departments", [])
    assert sorted({duty["provision"] for duty in agency["duties"]}) == sorted(case["provisions"])
    if case.get("ordered"):
        assert list(dict.fromkeys(duty["provision"] for duty in agency["duties"])) == case["provisions"]
    assert [duty["violation"] for duty in agency["duties"] if duty["violation"]] == case["violations"]
    for violation, through in case.get("through", {}).items():
        assert [d["through"] for d in agency["duties"] if d["violation"] == violation] == [through]


def test_related_must_name_a_circumstance(data_text: str) -> None:
    found = problems(data_text, "  related: [refused]\n", "  related: [refuse]\n")
    assert any(p.startswith("circumstances[1].related[0]") for p in found)


def test_part_of_must_name_an_agency(data_text: str) -> None:
    found = problems(data_text, "  part_of: public-security\n", "  part_of: police\n")
    assert any(p.startswith("agencies[2].part_of") for p in found)


@pytest.mark.parametrize("case", CASES["agency_ambiguous"], ids=case_id)
def test_agency_ambiguous(case: dict[str, Any]) -> None:
    code, answer = invoke("agency", case["input"])
    assert code == 2
    assert [line.split()[0] for line in answer["error"]["candidates"]] == case["candidates"]
    assert [choice["key"] for choice in answer["error"]["choices"]] == case["candidates"]


@pytest.mark.parametrize("case", CASES["agency_unknown"], ids=case_id)
def test_agency_unknown(case: dict[str, Any]) -> None:
    code, answer = invoke("agency", case["input"])
    assert code == 1 and "wenming agency" in answer["error"]["suggestion"]


def test_every_penalty_and_flag_is_covered_by_the_cases(regulation: Regulation) -> None:
    assert set(PROVISIONS) == {penalty.key for penalty in regulation.penalties}
    for key, provision in PROVISIONS.items():
        worded = sorted(set(CIRCUMSTANCE_NAMES) - set(provision["ignores"]))
        combos = {tuple(sorted(case["flags"])) for case in CASES["penalised"] if case["key"] == key}
        for service in ((), ("social-service",)):
            for combo in subsets(worded):
                assert tuple(sorted((*combo, *service))) in combos, (key, combo, service)


def test_agency_without_name_lists_all() -> None:
    code, answer = invoke("agency")
    assert code == 0
    assert [a["key"] for a in answer["agencies"]] == [
        "designated-enforcement",
        "public-security",
        "traffic-police",
        "urban-management",
    ]


def test_fines_schedule() -> None:
    code, answer = invoke("fines")
    assert code == 0
    rows = {row["violation"]: row for row in answer["penalties"]}
    assert set(rows) == set(PROVISIONS)
    for key, provision in PROVISIONS.items():
        assert rows[key]["violation_basis"] == provision["violation_basis"]
        assert rows[key]["penalty_basis"] == provision["penalty_basis"]
        assert rows[key]["agencies"] == provision["agencies"]
    assert [(s["fine_min"], s["fine_max"]) for s in rows["smoking"]["steps"]] == [(None, None), (50, 50), (100, 200)]
    assert (rows["shared-vehicles"]["fine_min"], rows["shared-vehicles"]["fine_max"]) == (2000, 5000)


# --- human views ------------------------------------------------------------------------------


def test_views_show_the_answer() -> None:
    result = runner.invoke(app, ["fine", "dog-leash", "--refused", "--social-service"])
    assert result.exit_code == 0
    for words in ("第三十七条第一款", "公安机关", "200–500 元", "0–500 元", "决定书用语", "经相关行政主管部门认定"):
        assert words in result.stdout, words
    result = runner.invoke(app, ["fine", "22.1"])
    assert result.exit_code == 0 and "本条例未设罚则" in result.stdout and "第三十五条" in result.stdout
    result = runner.invoke(app, ["fines"])
    assert result.exit_code == 0 and "2000–5000 元" in result.stdout and "shared-vehicles" in result.stdout
    result = runner.invoke(app, ["agency", "公安"])
    assert result.exit_code == 0 and "dog-leash" in result.stdout and "第三十九条" in result.stdout


def test_errors_are_messages_not_tracebacks() -> None:
    result = runner.invoke(app, ["fine", "22.10"])
    assert result.exit_code == 2 and "错误：" in result.stderr and "dog-leash" in result.stderr
    result = runner.invoke(app, ["fine", "打狗"])
    assert result.exit_code == 1 and "提示：" in result.stderr
    result = runner.invoke(app, ["fine", " "])
    assert result.exit_code == 2 and "错误：" in result.stderr


@pytest.mark.parametrize(
    ("command", "example"),
    [("fine", "wenming fine smoking --refused"), ("fines", "wenming fines --json"), ("agency", "wenming agency 公安")],
)
def test_help_has_examples(command: str, example: str) -> None:
    result = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    shown = " ".join(result.stdout.split())
    assert "例 Examples:" in shown and example in shown, shown


# --- properties ---------------------------------------------------------------------------------

FLAGS = ["refused", "overdue", "serious", "repeat"]


@settings(max_examples=200, deadline=None)
@given(
    index=st.integers(min_value=0, max_value=4),
    flags=st.sets(st.sampled_from(FLAGS)),
    extra=st.sets(st.sampled_from(FLAGS)),
    social_service=st.booleans(),
)
def test_fine_properties(
    regulation: Regulation, index: int, flags: set[str], extra: set[str], social_service: bool
) -> None:
    penalty = regulation.penalties[index]
    answer = assess(regulation, penalty, sorted(flags), social_service)
    statutory = penalty.statutory_range
    assert statutory is not None
    assert (answer.fine_min is None) == (answer.fine_max is None)
    if answer.fine_min is not None and answer.fine_max is not None:
        assert answer.fine_min <= answer.fine_max
        floor = FINE_FLOOR if social_service else statutory.min
        assert floor <= answer.fine_min and answer.fine_max <= statutory.max
    # Flags no step of the provision words change nothing.
    worded = {key for step in penalty.steps for key in step.when_any}
    other = assess(regulation, penalty, sorted((flags & worded) | (extra - worded)), social_service)
    outcome = ("applied_step", "measures", "sanction", "fine_min", "fine_max", "decision")
    assert {f: getattr(answer, f) for f in outcome} == {f: getattr(other, f) for f in outcome}
    # Adding a worded circumstance never makes the outcome lighter.
    heavier = assess(regulation, penalty, sorted(flags | worded), social_service)
    assert heavier.applied_step is not None and answer.applied_step is not None
    assert heavier.applied_step >= answer.applied_step
    # Article 41 bears only where a fine is reached.
    if penalty.steps[answer.applied_step - 1].fine is None:
        plain = assess(regulation, penalty, sorted(flags), not social_service)
        assert {f: getattr(answer, f) for f in outcome} == {f: getattr(plain, f) for f in outcome}


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=12))
def test_any_input_gets_an_answer_or_a_user_error(regulation: Regulation, text: str) -> None:
    from wenming.errors import WenmingError

    try:
        answer = fine(regulation, text)
    except WenmingError as error:
        assert error.exit_code in (1, 2) and error.message
    else:
        assert answer.penalised is (answer.kind == "penalised")


def test_every_key_resolves_to_itself(regulation: Regulation) -> None:
    for penalty in regulation.penalties:
        assert find_violation(regulation, penalty.key) is penalty
        assert find_violation(regulation, penalty.name) is penalty


def test_schedule_and_agencies_cover_every_penalty(regulation: Regulation) -> None:
    assert [row.violation for row in schedule(regulation).penalties] == [p.key for p in regulation.penalties]
    enforced = {duty.violation for agency in agencies(regulation).agencies for duty in agency.duties}
    assert {p.key for p in regulation.penalties} <= enforced


def test_suggestions_share_chinese_characters_only(regulation: Regulation) -> None:
    from wenming.errors import NotFound

    with pytest.raises(NotFound) as caught:
        fine(regulation, "-1")
    assert "相近的有" not in (caught.value.suggestion or "")


def test_overlong_input_is_refused_quickly() -> None:
    code, answer = invoke("fine", "狗" * 5000)
    assert code == 2 and "输入过长" in answer["error"]["message"]


# --- the schedule verifies itself against the provision's words ---------------------------------


def problems(data_text: str, old: str, new: str) -> list[str]:
    assert old in data_text, old
    with pytest.raises(DataError) as caught:
        regulation_from_text(data_text.replace(old, new, 1), "broken.yaml")
    return [f"{problem.field}: {problem.message}" for problem in caught.value.problems]


def test_fine_must_match_the_amount_written(data_text: str) -> None:
    # dog-leash: 处二百元以上五百元以下罚款 — 300 is not what the article says.
    [problem] = problems(data_text, "min: 200, max: 500}", "min: 300, max: 500}")
    assert problem.startswith("penalties[2].steps[1].measures[0]") and "(200, 500)" in problem


def test_sanction_must_follow_its_condition(data_text: str) -> None:
    found = problems(data_text, "    sanction: 处五十元罚款\n", "    sanction: 处一百元以上二百元以下罚款\n")
    assert any(p.startswith("penalties[0].steps[1].sanction") and "拒不改正的" in p for p in found)


def test_a_ladder_need_not_get_heavier_but_each_step_names_its_condition(data_text: str) -> None:
    """The ladder is the provision's order (a confiscation may follow a fine): swapping smoking's second
    and third steps is valid, and the step ranked last among those reached applies. A later step
    without a circumstance is refused."""
    second = (
        "  - condition: 拒不改正的\n    when_any:\n    - refused\n    sanction: 处五十元罚款\n"
        "    measures:\n    - {kind: fine, name: 罚款, text: 处五十元罚款, min: 50, max: 50}\n"
    )
    start = data_text.index("  - condition: 情节严重的或者再次违反规定的\n")
    third = data_text[start : data_text.index("- key: smoking-venue", start)]
    assert second in data_text and third.startswith("  - condition")
    swapped = regulation_from_text(data_text.replace(second + third, third + second, 1), "swapped.yaml")
    smoking = swapped.penalty("smoking")
    assert smoking is not None
    answer = assess(swapped, smoking, ["refused", "serious"])
    assert (answer.applied_step, answer.fine_min, answer.fine_max) == (3, 50, 50)
    assert any("同时达到第2档、第3档，适用条文排在最后的第3档" in note for note in answer.notes)
    found = problems(
        data_text, "    when_any:\n    - refused\n    sanction: 处五十元罚款\n", "    sanction: 处五十元罚款\n"
    )
    assert any(p.startswith("penalties[0].steps[1].when_any") and "情形" in p for p in found)


def test_agency_must_list_the_provision_that_names_it(data_text: str) -> None:
    found = problems(data_text, "  - 第三十七条第二款\n  - 第三十八条\n", "  - 第三十八条\n")
    assert any(p.startswith("penalties[3].agencies[0]") and "第三十七条第二款" in p for p in found)


def test_fine_amounts_parses_every_amount_form_the_corpus_writes() -> None:
    def spelled(words: str) -> tuple[int | None, int | None, str | None, str | None] | None:
        found = fine_amounts(words)
        return None if found is None else (found.low, found.high, found.per, found.of)

    assert spelled("处五十元罚款") == (50, 50, None, None)
    assert spelled("处一百元以上二百元以下罚款") == (100, 200, None, None)
    assert spelled("处二千元以上五千元以下罚款") == (2000, 5000, None, None)
    # 万, 处以 and an upper limit only (no lower figure: None, not 0) — 北京, 青岛, 湖州
    assert spelled("处一万元以上五万元以下的罚款") == (10000, 50000, None, None)
    assert spelled("处以二十万元罚款") == (200000, 200000, None, None)
    assert spelled("可以处二百元以下罚款") == (None, 200, None, None)
    # per unit (对单位处每只犬五千元罚款) and a multiple of a named sum
    assert spelled("对单位处每只犬五千元罚款") == (5000, 5000, "只犬", None)
    assert spelled("处赔偿费一倍以上三倍以下罚款") == (1, 3, None, "赔偿费")
    assert spelled("责令改正，给予警告") is None
    with pytest.raises(ValueError):
        fine_amounts("处二二元罚款")


def test_article_41_and_circumstances_are_explained_from_the_data(regulation: Regulation) -> None:
    mitigation = regulation.mitigation
    assert mitigation is not None
    smoking = regulation.penalty("smoking")
    assert smoking is not None
    fined = assess(regulation, smoking, ["serious"], social_service=True)
    assert any(f"由{mitigation.decided_by}决定" in note for note in fined.notes) is mitigation.discretionary
    unfined = assess(regulation, smoking, [], social_service=True)
    assert any(f"只适用于{mitigation.applies_when}情形" in note for note in unfined.notes)
    descriptions = {c.key: c.description for c in regulation.circumstances}
    assert fined.circumstance_descriptions == [descriptions["serious"]]
    protection = next(entry for entry in regulation.liability if entry.agency and entry.external_law)
    answer = fine(regulation, protection.citation)
    assert any(f"依{protection.external_law}由{protection.agency}处理" in note for note in answer.notes)


@pytest.mark.parametrize("width", [12, 30, 44, 61, 80])
def test_penalty_views_wrap_cleanly(regulation: Regulation, width: int) -> None:
    import io

    from rich.cells import cell_len

    from wenming.render import draw, make_console
    from wenming.render.lines import NO_LINE_START

    console = make_console(file=io.StringIO(), width=width)
    for penalty in regulation.penalties:
        for flags in ([], ["refused", "serious"], ["overdue"]):
            draw(assess(regulation, penalty, flags, social_service=bool(flags)), console)
    for query in ("41", "35", "39", "噪音", "1"):
        draw(fine(regulation, query), console)
    draw(schedule(regulation), console)
    draw(agencies(regulation), console)
    lines = console.file.getvalue().splitlines()  # type: ignore[union-attr]
    assert all(cell_len(line) <= max(width, 12) for line in lines)
    # Every line, and every cell of a table line, starts with something other than closing punctuation.
    cells = [cell.strip() for line in lines for cell in re.split("[│┃]", line)]
    # Save where a line holds one English word (--refused) and no more fits beside it: the word is
    # not split to keep the courtesy.
    alone = {index + 1 for index, cell in enumerate(cells) if re.fullmatch(r"[-A-Za-z]+", cell)}
    assert not [cell for index, cell in enumerate(cells) if cell and cell[0] in NO_LINE_START and index not in alone]
