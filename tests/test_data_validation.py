"""Broken copies of the data file are rejected with file, line, field and message."""

from __future__ import annotations

import pytest

from wenming.loader import DataError, regulation_from_text


def broken(data_text: str, old: str, new: str) -> DataError:
    assert old in data_text, old
    with pytest.raises(DataError) as caught:
        regulation_from_text(data_text.replace(old, new, 1), "broken.yaml")
    return caught.value


def line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


def test_the_shipped_file_is_valid(data_text: str) -> None:
    regulation = regulation_from_text(data_text, "regulation.yaml")
    assert regulation.article_count == 42
    assert {p.key for p in regulation.penalties} == {
        "smoking",
        "smoking-venue",
        "dog-leash",
        "dog-waste",
        "shared-vehicles",
    }


def test_duplicate_key_names_both_lines(data_text: str) -> None:
    error = broken(data_text, "  short_name: 公安机关\n", "  short_name: 公安机关\n  short_name: 公安\n")
    line = line_of(data_text, "  short_name: 公安机关\n")
    assert error.problems[0].line == line + 1
    assert "short_name" in error.problems[0].message and f"第 {line} 行" in error.problems[0].message
    assert str(error).startswith(f"broken.yaml:{line + 1}:")


def test_dangling_reference_is_rejected(data_text: str) -> None:
    error = broken(data_text, "    cites: 第二十二条第九项\n", "    cites: 第二十二条第十三项\n")
    [problem] = error.problems
    assert problem.field == "penalties[0].behaviour.cites"
    assert problem.line == line_of(data_text, "    cites: 第二十二条第九项\n")
    assert "第二十二条共十二项" in problem.message


def test_note_pointing_nowhere_is_rejected(data_text: str) -> None:
    error = broken(data_text, "  - 第三十四条\n", "  - 第四十三条\n")
    assert error.problems[0].field == "notes[1].concerns[0]"
    assert "本条例共四十二条" in error.problems[0].message


def test_min_above_max_is_rejected(data_text: str) -> None:
    error = broken(data_text, "min: 200, max: 500}", "min: 600, max: 500}")
    [problem] = error.problems
    assert problem.field == "penalties[2].steps[1].measures[0]"
    assert "600" in problem.message and "500" in problem.message
    assert problem.line is not None


def test_unknown_field_is_rejected(data_text: str) -> None:
    error = broken(data_text, "  short_name: 城市管理部门\n", "  short_name: 城市管理部门\n  phone: 12319\n")
    [problem] = error.problems
    assert problem.field == "agencies[3].phone" and "未知字段" in problem.message
    assert problem.line == line_of(data_text, "  short_name: 城市管理部门\n") + 1


def test_wrong_type_is_rejected(data_text: str) -> None:
    error = broken(data_text, "min: 50, max: 50}", "min: 五十, max: 50}")
    [problem] = error.problems
    assert problem.field == "penalties[0].steps[1].measures[0].min" and "应为整数" in problem.message


def test_a_fine_written_as_text_or_fraction_is_not_coerced(data_text: str) -> None:
    for value in ("'50'", "50.0"):
        error = broken(data_text, "min: 50, max: 50}", f"min: {value}, max: 50}}")
        assert error.problems[0].field == "penalties[0].steps[1].measures[0].min"


def test_gap_in_numbering_is_rejected(data_text: str) -> None:
    error = broken(data_text, "  - number: 42\n", "  - number: 43\n")
    assert error.problems[0].field == "chapters[5].articles[0].number"
    assert "应为 42" in error.problems[0].message


def test_penalty_condition_must_be_the_provisions_words(data_text: str) -> None:
    error = broken(data_text, "  - condition: 逾期不改正的\n", "  - condition: 逾期仍不改正的\n")
    assert error.problems[0].field == "penalties[4].steps[1].condition"


def test_undefined_circumstance_or_agency_is_rejected(data_text: str) -> None:
    error = broken(data_text, "    - overdue\n", "    - late\n")
    assert error.problems[0].field == "penalties[4].steps[1].when_any[0]"
    error = broken(data_text, "  - traffic-police\n  - urban-management\n", "  - traffic\n  - urban-management\n")
    assert error.problems[0].field == "penalties[4].agencies[0]"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "文件为空"),
        ("a: &x [1]\nb: *x\n", "锚点"),
        ("a: !!python/object/apply:os.system ['true']\n", "标签"),
        ("a: [1\n", "YAML 语法错误"),
        ("- 1\n", "顶层应为映射"),
        ("a: 1\n---\nb: 2\n", "一个 YAML 文档"),
    ],
)
def test_unusable_yaml_is_rejected_with_a_message(text: str, message: str) -> None:
    with pytest.raises(DataError) as caught:
        regulation_from_text(text, "bad.yaml")
    assert message in str(caught.value)


def test_colloquial_statute_word_must_be_in_the_text(data_text: str) -> None:
    error = broken(data_text, "  statute: [狂犬病疫苗]\n", "  statute: [狂犬疫苗针]\n")
    assert any("「狂犬疫苗针」不在条文或立法说明中" in problem.message for problem in error.problems)
    assert str(error).startswith(f"broken.yaml:{line_of(data_text, '  statute: [狂犬病疫苗]')}:")


def test_colloquial_word_said_twice_is_rejected(data_text: str) -> None:
    error = broken(data_text, "- says: [狗嘴套, 戴嘴套]", "- says: [狗嘴套, 狗]")
    assert any("「狗」重复" in problem.message for problem in error.problems)


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        (
            "- {article: 第二十二条, kind: governed, domain: 公共环境卫生}",
            "- {article: 第二十二条, kind: governed, domain: 交通出行}",
            "behaviour_articles[14].domain",
            "「交通出行」不在第二十二条第一款原文中",
        ),
        (
            "- {article: 第二十三条, kind: governed, domain: 交通出行}",
            "- {article: 第四十三条, kind: governed, domain: 交通出行}",
            "behaviour_articles[15].article",
            "本条例共四十二条",
        ),
        (
            "- {article: 第二十三条, kind: governed, domain: 交通出行}",
            "- {article: 第二十三条第一项, kind: governed, domain: 交通出行}",
            "behaviour_articles[15].article",
            "应引用整条",
        ),
        (
            "- {article: 第二十七条, kind: list-system, domain: 治理清单制度}",
            "- {article: 第二十七条, kind: governed, domain: 治理清单制度}",
            "behaviour_articles[19].kind",
            "第二十七条不分项",
        ),
        (
            "- {article: 第二十四条, kind: governed, domain: 公共秩序}",
            "- {article: 第二十三条, kind: governed, domain: 交通出行}",
            "behaviour_articles[16].article",
            "第二十三条重复",
        ),
        (
            "- {article: 第九条, kind: advocated, domain: 维护公共环境卫生行为}",
            "- {article: 第九条, kind: encouraged, domain: 维护公共环境卫生行为}",
            "behaviour_articles[1].kind",
            "encouraged 的用语「鼓励」不在第九条第一款原文中",
        ),
        (
            "- {article: 第八条, kind: encouraged, domain: 文明行为}",
            "- {article: 第八条, kind: praised, domain: 文明行为}",
            "behaviour_articles[0].kind",
            "取值不在允许范围内",
        ),
    ],
)
def test_behaviour_articles_are_checked_against_the_text(
    data_text: str, old: str, new: str, field: str, message: str
) -> None:
    error = broken(data_text, old, new)
    [problem] = error.problems
    assert problem.field == field and message in problem.message
    assert problem.line == line_of(data_text, old)


def test_every_behaviour_kind_in_use_has_its_words(data_text: str) -> None:
    """`fine` says 鼓励性规定 / 倡导性规定 from behaviour_kind_words: a kind without words is a problem."""
    error = broken(data_text, "  encouraged: 鼓励\n", "")
    [problem] = error.problems  # only 第八条 is encouraged
    assert problem.field == "behaviour_articles[0].kind"
    assert "behaviour_kind_words 未给出 encouraged 的用语" in problem.message


def test_without_decision_wording_a_fine_is_answered_without_a_decision_sentence(data_text: str) -> None:
    """decision_wording is the templates of a decision's sentence; a regulation without them (an
    imported city) still answers every fine, with its amounts, and writes no sentence."""
    from wenming.penalty import assess

    start = data_text.index("decision_wording:\n")
    block = data_text[start : data_text.index("\n\n", start) + 1]
    regulation = regulation_from_text(data_text.replace(block, ""), "no-wording.yaml")
    smoking = regulation.penalty("smoking")
    assert smoking is not None
    answer = assess(regulation, smoking, ["refused"])
    assert (answer.fine_min, answer.fine_max, answer.decision) == (50, 50, None)
    assert answer.steps[1].fine_measure == "罚款"


def test_the_word_for_a_fine_is_read_from_the_data(data_text: str) -> None:
    """fine_measure and the measures say 罚金 instead of 罚款: the look-up's brief follows."""
    from wenming.lookup import article_view

    text = data_text.replace("  fine_measure: 罚款\n", "  fine_measure: 罚金\n", 1)
    text = text.replace("{kind: fine, name: 罚款,", "{kind: fine, name: 罚金,")
    regulation = regulation_from_text(text, "fine-word.yaml")  # each fine measure names its word
    [link] = article_view(regulation, "22.9").paragraphs[0].items[8].penalties
    assert link.brief == "责令改正；拒不改正的，罚金50元；情节严重的或者再次违反规定的，罚金100元至200元"
