"""Citations in every form people write them, and numerals as the statute spells them."""

from __future__ import annotations

import pickle

import pytest

from wenming.citation import Citation, CitationSyntaxError, chapter_citation, parse_chapter_reference, parse_citation
from wenming.numerals import from_chinese, to_chinese
from wenming.regulation import Regulation, UnknownProvision


@pytest.mark.parametrize(
    ("number", "chinese"),
    [
        (1, "一"),
        (10, "十"),
        (12, "十二"),
        (20, "二十"),
        (22, "二十二"),
        (42, "四十二"),
        (100, "一百"),
        (105, "一百零五"),
        (110, "一百一十"),
        (1001, "一千零一"),
    ],
)
def test_numerals_round_trip(number: int, chinese: str) -> None:
    assert to_chinese(number) == chinese
    assert from_chinese(chinese) == number


@pytest.mark.parametrize("text", ["一十二", "二二", "零", "十十", "两", ""])
def test_non_canonical_numerals_are_rejected(text: str) -> None:
    assert from_chinese(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("22", Citation(22)),
        ("２２", Citation(22)),
        ("二十二", Citation(22)),
        ("第二十二条", Citation(22)),
        ("第22条", Citation(22)),
        (" 第二十二条 ", Citation(22)),
        ("第二十二条第九项", Citation(22, None, 9)),
        ("22.9", Citation(22, None, 9)),
        ("第三十二条第四款", Citation(32, 4)),
        ("32-4", Citation(32, 4)),
        ("第二十九条第一款第三项", Citation(29, 1, 3)),
        ("29-1.3", Citation(29, 1, 3)),
        # Pasted and typed with an IME: full-width punctuation, traditional characters, brackets.
        ("２２．９", Citation(22, None, 9)),
        ("32－4", Citation(32, 4)),
        ("22。9", Citation(22, None, 9)),
        ("第二十二條", Citation(22)),
        ("第二十二條第九項", Citation(22, None, 9)),
        ("《第二十二条》", Citation(22)),
        ("“22.9”", Citation(22, None, 9)),
        ("「第三十二条第四款」", Citation(32, 4)),
        ("【29-1.3】", Citation(29, 1, 3)),
        ("（22）", Citation(22)),
        ("第 22 条", Citation(22)),
        (" 32 - 4 ", Citation(32, 4)),
        # A negative number is read, so that the regulation can say what it has (as for 第零条).
        ("-1", Citation(-1)),
    ],
)
def test_citation_forms(text: str, expected: Citation) -> None:
    assert parse_citation(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "abc",
        "22..9",
        "第二十二条第九",
        "22.",
        "--1",
        "第二十二条第九项第一款",
        "《22",
        "《永州市文明行为促进条例》第二十二条",
    ],
)
def test_malformed_citations(text: str) -> None:
    with pytest.raises(CitationSyntaxError):
        parse_citation(text)


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [("22 9", "项写作 22.9，款写作 22-9"), ("２２　９", "项写作 22.9"), ("29 1 3", "款和项写作 29-1.3")],
)
def test_a_space_never_joins_two_numbers(text: str, suggestion: str) -> None:
    # Not 第二百二十九条: the space is refused, with the compact forms the reader probably meant.
    with pytest.raises(CitationSyntaxError, match="数字之间不能只用空格隔开") as raised:
        parse_citation(text)
    assert raised.value.suggestion is not None and suggestion in raised.value.suggestion


@pytest.mark.parametrize(
    ("text", "number"), [("3", 3), ("３", 3), ("三", 3), ("第三章", 3), (" 第 七 章 ", 7), ("0", 0)]
)
def test_chapter_references(text: str, number: int) -> None:
    assert parse_chapter_reference(text) == number


@pytest.mark.parametrize("text", ["总则", "", "第三条", "3 1", "三章章"])
def test_malformed_chapter_references(text: str) -> None:
    with pytest.raises(CitationSyntaxError):
        parse_chapter_reference(text)


def test_chapter_citation_keeps_chinese_numerals() -> None:
    assert chapter_citation(3) == "第三章" and chapter_citation(7) == "第七章" and chapter_citation(0) == "第零章"


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("22.9", "第二十二条第九项"),
        ("32-4", "第三十二条第四款"),
        ("29-1.3", "第二十九条第一款第三项"),
        ("36-1", "第三十六条第一款"),
        ("22", "第二十二条"),
        ("22-1", "第二十二条第一款"),
    ],
)
def test_resolution_gives_the_statutes_form(regulation: Regulation, text: str, canonical: str) -> None:
    assert regulation.cite(text).chinese == canonical


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("43", "本条例共四十二条"),
        ("0", "本条例共四十二条"),
        ("22.13", "第二十二条共十二项"),
        ("32-5", "第三十二条共四款"),
        ("1.1", "第一条不分项"),
        ("29-2.1", "第二十九条第二款不分项"),
    ],
)
def test_unknown_provisions_say_what_exists(regulation: Regulation, text: str, message: str) -> None:
    with pytest.raises(UnknownProvision, match=message):
        regulation.cite(text)


def test_units_are_every_item_and_every_paragraph_without_items(regulation: Regulation) -> None:
    units = list(regulation.units())
    paragraphs = [p for a in regulation.all_articles() for p in a.paragraphs]
    assert len(units) == sum(len(p.items) or 1 for p in paragraphs)
    by_citation = {u.chinese: u for u in units}
    # A sole paragraph is cited as its article; an item as the statute cites it.
    assert by_citation["第三十八条"].paragraph is not None and by_citation["第三十八条"].item is None
    assert by_citation["第二十二条第十项"].text.startswith("饲养犬只未按规定接种狂犬病疫苗")
    assert by_citation["第三十七条第二款"].paragraph is not None
    assert "第二十二条" not in by_citation and "第三十二条" not in by_citation  # itemised or several paragraphs
    assert all(u.paragraph is not None for u in units)
    order = [
        (u.article.number, u.paragraph.number if u.paragraph else 0, u.item.number if u.item else 0) for u in units
    ]
    assert order == sorted(order)


def test_citation_is_an_immutable_ordered_value() -> None:
    nine = Citation(22, None, 9)
    assert nine == Citation(22, item=9) and hash(nine) == hash(Citation(22, None, 9))
    assert nine != Citation(22, 1, 9) and nine != (22, None, 9)
    assert sorted([Citation(29, 1, 3), Citation(22, 1, 9), Citation(22, 1, 2)]) == [
        Citation(22, 1, 2),
        Citation(22, 1, 9),
        Citation(29, 1, 3),
    ]
    assert Citation(22) < Citation(23) <= Citation(23) and Citation(24) > Citation(23) >= Citation(23)
    assert repr(nine) == "Citation(article=22, paragraph=None, item=9)"
    with pytest.raises(AttributeError):
        nine.item = 8  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(nine)) == nine
