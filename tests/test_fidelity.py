"""The data's text is the gazette's: every article, paragraph and item, re-derived from the scan."""

from __future__ import annotations

import copy

import pytest

from wenming.gazette import ParsedRegulation, differences, parse_regulation, read_gazette
from wenming.loader import regulation_from_text
from wenming.regulation import Regulation

TITLE = "永州市文明行为促进条例"

# Read off the gazette by hand: how many items each itemised paragraph has, and how
# many paragraphs each article has. The parser must agree with a human reader.
ITEMS = {8: 6, 9: 3, 10: 4, 11: 4, 12: 5, 13: 4, 14: 4, 15: 3, 16: 4, 17: 3, 18: 3, 19: 4, 20: 3, 21: 3,
         22: 12, 23: 9, 24: 5, 25: 5, 26: 4, 29: 7, 33: 11}  # fmt: skip
PARAGRAPHS = {4: 2, 5: 4, 28: 2, 29: 3, 30: 3, 32: 4, 34: 2, 36: 2, 37: 2, 41: 2}
CHAPTERS = [(1, "总则", 1, 6), (2, "鼓励和倡导的文明行为", 7, 21), (3, "治理的不文明行为", 22, 27),
            (4, "促进与保障", 28, 34), (5, "法律责任", 35, 41), (6, "附则", 42, 42)]  # fmt: skip


@pytest.fixture(scope="module")
def parsed(gazette_text: str) -> ParsedRegulation:
    return parse_regulation(gazette_text, TITLE)


def test_every_article_matches_the_gazette(parsed: ParsedRegulation, regulation: Regulation) -> None:
    assert differences(parsed, regulation.chapters) == []


def test_the_parse_has_the_shape_a_reader_sees(parsed: ParsedRegulation) -> None:
    assert [(c.number, c.title, c.articles[0].number, c.articles[-1].number) for c in parsed.chapters] == CHAPTERS
    articles = parsed.articles()
    assert [a.number for a in articles] == list(range(1, 43))
    for article in articles:
        assert len(article.paragraphs) == PARAGRAPHS.get(article.number, 1), article.number
        itemised = {len(p.items) for p in article.paragraphs if p.items}
        assert itemised == ({ITEMS[article.number]} if article.number in ITEMS else set()), article.number


def test_page_break_splits_are_joined_and_recorded(gazette_text: str, regulation: Regulation) -> None:
    assert regulation.cite("25.1").text == "在居民小区公共区域乱搭乱建，在楼道、消防通道、安全出口等区域乱堆乱放；"
    assert regulation.cite("36-1").text.endswith("处一百元以上二百元以下罚款。")
    recorded = [(r.citation, r.kind, r.printed, r.read, r.line) for r in regulation.repairs]
    read = read_gazette(gazette_text, TITLE)
    from_scan = [
        (regulation.citation_text(r.citation), r.kind, list(r.printed), list(r.read), r.line)
        for r in read.repairs
        if r.citation is not None
    ]
    assert recorded == from_scan and len(from_scan) == len(read.repairs)
    assert [r.citation for r in regulation.repairs] == ["第二十五条第一项", "第三十六条第一款"]


def test_item_markers_are_not_part_of_the_text(regulation: Regulation) -> None:
    for article in regulation.all_articles():
        for paragraph in article.paragraphs:
            for item in paragraph.items:
                assert not item.text.startswith(("(", "（", "-")), (article.number, item.number)


def test_article_42_keeps_the_blank_date_as_printed(regulation: Regulation) -> None:
    assert regulation.cite("42").text == "本条例自 年 月 日起施行。"
    effective = next(f for f in regulation.meta.external_facts if f.key == "effective-date")
    assert str(effective.date) == "2022-12-01" and "永州日报" in effective.source
    assert effective.concerns == ["第四十二条"]


def test_adoption_line_and_notes_are_quoted_from_the_gazette(parsed: ParsedRegulation, regulation: Regulation,
                                                              gazette_text: str) -> None:  # fmt: skip
    # The gazette prints the adoption line in brackets; the history records the event inside them.
    [adopted] = regulation.meta.history
    assert parsed.adoption_note.strip("()（）") == adopted.as_printed
    flat = "".join(gazette_text.split())
    for note in regulation.notes:
        assert "".join(note.quote.split()) in flat, note.key


@pytest.mark.parametrize(
    ("old", "new", "named"),
    [
        (
            "在禁止吸烟场所（区域）吸烟（含电子烟）；",
            "在禁止吸烟场所（区域）吸烟（含电子烟)；",
            "第二十二条第一款第九项",
        ),
        ("本条例自 年 月 日起施行。", "本条例自年 月 日起施行。", "第四十二条第一款"),
        ("title: 法律责任", "title: 法律 责任", "第五章"),
    ],
)
def test_one_changed_character_fails_naming_the_provision(
    parsed: ParsedRegulation, data_text: str, old: str, new: str, named: str
) -> None:
    assert data_text.count(old) == 1
    changed = regulation_from_text(data_text.replace(old, new), "changed.yaml")
    found = differences(parsed, changed.chapters)
    assert len(found) == 1 and found[0].startswith(named), found


def test_every_single_character_edit_of_the_text_is_caught(parsed: ParsedRegulation, regulation: Regulation) -> None:
    # Drop one character from each paragraph and item in turn: each edit must be reported.
    for article in regulation.all_articles():
        for paragraph in article.paragraphs:
            texts = [paragraph.text] + [item.text for item in paragraph.items]
            for index, text in enumerate(texts):
                edited = text[1:]
                chapters = copy.deepcopy(regulation.chapters)
                target = next(a for c in chapters for a in c.articles if a.number == article.number)
                p = target.paragraphs[paragraph.number - 1]
                if index == 0:
                    object.__setattr__(p, "text", edited)
                else:
                    object.__setattr__(p.items[index - 1], "text", edited)
                assert len(differences(parsed, chapters)) == 1, (article.number, paragraph.number, index)


def test_the_data_names_the_gazette_copy_the_tests_read(regulation: Regulation) -> None:
    from conftest import GAZETTE, ROOT

    gazette = regulation.meta.source
    assert gazette is not None and gazette.format == "gazette"
    assert (ROOT / gazette.file).resolve() == GAZETTE.resolve()
    assert gazette.section_title == TITLE == regulation.meta.title
    assert (gazette.publication, gazette.issue) == ("永州市人民代表大会常务委员会公报", "2022年第4号（总第223号）")


def test_the_history_is_read_from_the_gazette(gazette_text: str, regulation: Regulation) -> None:
    read = read_gazette(gazette_text, TITLE)
    history = [(e.as_printed, e.date, e.event, e.body, e.by) for e in regulation.meta.history]
    assert history == [(e.as_printed, e.date, e.event, e.body, e.by) for e in read.adoption]
