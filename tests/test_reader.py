"""The reader: every LawRefBook file read (or refused with its reason), word for word, damage reported.

The corpus is data/sources/lawrefbook/ (LawRefBook/Laws, a community transcription). Each file is
re-read and written back as lines: those lines are the file's own, under the conventions, except
where a recorded repair says otherwise. The damage each file shows is pinned here, file by file, so
that the reader can neither start hiding damage nor start inventing it; docs/corpus-damage.md is the
same inventory for people (tests/test_reader.py::test_the_damage_report_is_current keeps it current).
"""

from __future__ import annotations

import datetime
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from wenming.gazette import GazetteParseError, read_gazette, regulation_section, regulation_titles
from wenming.reader.document import ReadRegulation
from wenming.reader.lawrefbook import INFO_END, read_lawrefbook
from wenming.reader.source import read_file, read_source, source_format
from wenming.reader.structure import ReadError, canonical_line

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "sources" / "lawrefbook"
FILES = sorted(path for path in CORPUS.glob("*.md") if path.name != "README.md")

# Counted off each file: chapters, articles, paragraphs, items.
SHAPES = {
    "三门峡市": (5, 43, 56, 55), "东莞市": (6, 47, 79, 122), "东营市": (6, 42, 60, 42), "临沂市": (6, 63, 87, 86),
    "丽水市": (6, 36, 66, 44), "信阳市": (5, 40, 51, 72), "北京市": (6, 63, 91, 94), "南阳市": (6, 44, 66, 82),
    "台州市": (3, 21, 28, 48), "周口市": (5, 42, 67, 96), "商丘市": (5, 39, 55, 61), "嘉兴市": (0, 26, 46, 25),
    "威海市": (2, 17, 33, 31), "安阳市": (5, 33, 47, 63), "平顶山市": (6, 40, 59, 85), "德州市": (6, 41, 68, 85),
    "日照市": (5, 36, 62, 50), "杭州市": (8, 40, 66, 26), "枣庄市": (6, 48, 56, 52), "江门市": (5, 52, 81, 106),
    "河南省": (5, 53, 69, 98), "泰安市": (6, 53, 77, 78), "济南市": (6, 47, 58, 23), "济宁市": (5, 52, 75, 49),
    "淄博市": (4, 44, 83, 54), "湖州市": (6, 40, 75, 21), "湛江市": (0, 22, 41, 66), "滨州市": (6, 51, 84, 16),
    "漯河市": (6, 43, 51, 48), "潮州市": (6, 47, 70, 117), "濮阳市": (5, 34, 50, 69), "绍兴市": (6, 43, 56, 32),
    "聊城市": (6, 50, 84, 56), "舟山市": (6, 42, 59, 49), "菏泽市": (6, 22, 32, 54), "许昌市": (5, 37, 53, 37),
    "阳江市": (0, 36, 45, 111), "青岛市": (5, 38, 63, 24), "鹤壁市": (6, 42, 51, 35),
}  # fmt: skip

# The damage in the corpus, file by file: (line, kind). Checked by hand against each file.
DAMAGE: dict[str, list[tuple[int, str]]] = {
    "东莞市": [(5, "header"), (67, "lost-item-marker"), (113, "lost-item-marker"), (115, "lost-item-marker"),
              (361, "merged-items")],
    "南阳市": [(243, "broken-line")],
    "台州市": [(165, "cut-short"), (165, "cut-short")],
    "周口市": [(9, "missing-chapter-heading"), (61, "lost-item-marker"), (339, "merged-articles")],
    "商丘市": [(9, "missing-chapter-heading")],
    "威海市": [(51, "broken-line"), (141, "cut-short"), (141, "cut-short")],
    "安阳市": [(9, "missing-chapter-heading"), (39, "missing-chapter-heading")],
    "平顶山市": [(9, "missing-chapter-heading")],
    "江门市": [(5, "header")],
    "泰安市": [(9, "missing-chapter-heading")],
    "济南市": [(9, "missing-chapter-heading")],
    "淄博市": [(289, "cut-short"), (289, "cut-short")],
    "湛江市": [(5, "header")],
    "潮州市": [(5, "header"), (39, "missing-chapter-heading"), (391, "missing-chapter-heading")],
    "濮阳市": [(9, "missing-chapter-heading")],
    "舟山市": [(235, "cut-short"), (235, "cut-short")],
    "阳江市": [(5, "header"), (301, "lost-item-marker")],
}  # fmt: skip
INCOMPLETE = {"台州市", "威海市", "淄博市", "舟山市"}


def _city(path: Path) -> str:
    return path.name[: path.name.index("文明")]


def _city_or_name(path: Path) -> str:
    return _city(path) if "文明" in path.name else path.name


@pytest.fixture(scope="module")
def corpus() -> dict[str, ReadRegulation]:
    return {_city(path): read_file(path) for path in FILES}


def test_the_corpus_is_the_whole_lawrefbook_folder() -> None:
    assert len(FILES) == 39 == len(SHAPES)
    assert "2f4c5c23716267af9dbebbbbd6cbbf732b101981" in (CORPUS / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", FILES, ids=_city)
def test_every_file_is_read_with_its_shape(path: Path, corpus: dict[str, ReadRegulation]) -> None:
    read = corpus[_city(path)]
    assert read.title == path.name.split("(")[0]
    counts = read.counts()
    assert (counts["chapters"], counts["articles"], counts["paragraphs"], counts["items"]) == SHAPES[_city(path)]
    assert [article.number for article in read.articles] == list(range(1, len(read.articles) + 1))


@pytest.mark.parametrize("path", FILES, ids=_city)
def test_every_file_reports_exactly_its_damage(path: Path, corpus: dict[str, ReadRegulation]) -> None:
    read = corpus[_city(path)]
    assert [(problem.line, problem.kind) for problem in read.problems] == DAMAGE.get(_city(path), [])
    assert read.incomplete == (_city(path) in INCOMPLETE)
    for problem in read.problems:
        assert problem.message.startswith(f"第 {problem.line} 行："), problem


def _apply(lines: list[tuple[int, str]], read: ReadRegulation) -> list[str]:
    """The source's lines with each recorded repair applied: what the reader says it read."""
    repairs = {repair.line: repair for repair in read.repairs}
    assert len(repairs) == len(read.repairs), "one repair per printed line"
    out: list[str] = []
    index = 0
    while index < len(lines):
        number, _ = lines[index]
        repair = repairs.pop(number, None)
        if repair is None:
            out.append(lines[index][1])
            index += 1
            continue
        printed = [text for _, text in lines[index : index + len(repair.printed)]]
        assert printed == list(repair.printed), repair
        out += repair.read
        index += len(repair.printed)
    assert not repairs, f"repairs of lines the source does not have: {repairs}"
    return out


@pytest.mark.parametrize("path", FILES, ids=_city)
def test_round_trip_reproduces_the_source(path: Path, corpus: dict[str, ReadRegulation]) -> None:
    """Modulo the conventions (`canonical_line`) and the recorded repairs."""
    raw = path.read_text(encoding="utf-8").splitlines()
    body = raw[raw.index(INFO_END) + 1 :]
    start = len(raw) - len(body)
    lines = [(start + index + 1, canonical_line(line)) for index, line in enumerate(body) if line.strip()]
    read = corpus[_city(path)]
    assert read.skipped == []
    assert read.lines() == _apply(lines, read)


def test_yongzhou_gazette_round_trips_too(gazette_text: str) -> None:
    read = read_gazette(gazette_text, "永州市文明行为促进条例")
    assert read.problems == [] and not read.incomplete
    section = regulation_section(gazette_text, "永州市文明行为促进条例")
    adoption = {number for number, _ in read.adoption_lines}
    for number in read.skipped:  # layout only: the 目录 heading and the contents' entries
        line = dict(section)[number].strip()
        assert (line.startswith("#") and "目" in line) or re.match(r"^- 第.+章", line), line
    lines = [(number, canonical_line(line)) for number, line in section
             if line.strip() and number not in adoption and number not in read.skipped]  # fmt: skip
    assert read.lines() == _apply(lines, read)
    assert [repair.kind for repair in read.repairs] == ["page-break-join", "page-break-join"]


# --- the adoption history -------------------------------------------------------------------


def test_adoption_lines_are_read_with_date_event_and_body(corpus: dict[str, ReadRegulation]) -> None:
    beijing = corpus["北京市"].adoption
    assert [(e.date, e.event, e.body) for e in beijing] == [
        (datetime.date(2020, 4, 24), "通过", "北京市人民代表大会常务委员会")
    ]
    assert beijing[0].by == "北京市第十五届人民代表大会常务委员会第二十一次会议"
    dongying = corpus["东营市"].adoption
    assert [(e.event, e.by, e.body) for e in dongying][1] == (
        "批准", "经山东省第十三届人民代表大会常务委员会第七次会议", "山东省人民代表大会常务委员会")  # fmt: skip
    hangzhou = corpus["杭州市"].adoption
    assert [e.event for e in hangzhou] == ["通过", "批准", "公布", "施行"]
    assert hangzhou[2].body == "杭州市人民代表大会常务委员会" and hangzhou[3].by is None
    assert corpus["台州市"].adoption[0].body == "台州市人民代表大会"  # adopted by the congress itself
    assert corpus["滨州市"].adoption[0].body == "滨州市人民代表大会常务委员会"  # 第3次会议, in Arabic
    jiangmen = corpus["江门市"].adoption[1]  # printed with a stray ）, reported
    assert jiangmen.event == "批准" and jiangmen.as_printed.endswith("批准")


def test_every_corpus_file_has_a_dated_adoption(corpus: dict[str, ReadRegulation]) -> None:
    for city, read in corpus.items():
        assert read.adoption and read.adoption[0].event == "通过" and read.adoption[0].date, city
        assert all(e.date and e.event and e.line for e in read.adoption), city


def test_the_gazette_adoption_line_is_read(gazette_text: str) -> None:
    read = read_gazette(gazette_text, "永州市文明行为促进条例")
    assert read.adoption_lines == [(72, "(2022年6月23日永州市第六届人民代表大会常务委员会第四次会议通过)")]
    (event,) = read.adoption
    assert (event.date, event.event, event.body) == (datetime.date(2022, 6, 23), "通过", "永州市人民代表大会常务委员会")
    assert event.by == "永州市第六届人民代表大会常务委员会第四次会议"


# --- synthetic sources: one per kind of damage ------------------------------------------------


def _md(body: str, header: str = "2020年1月1日 某市第一届人民代表大会常务委员会第一次会议通过") -> str:
    return f"# 某市文明行为促进条例\n\n{header}\n\n{INFO_END}\n\n{body}"


def _kinds(read: ReadRegulation) -> list[tuple[int, str]]:
    return [(problem.line, problem.kind) for problem in read.problems]


WHOLE = """## 第一章  总则

第一条 为了促进文明行为，制定本条例。

第二条 鼓励下列行为：

（一）见义勇为；

(二)志愿服务。

## 第二章  附则

第三条 本条例自2020年1月1日起施行。
"""


def test_a_whole_synthetic_regulation_has_no_problems() -> None:
    read = read_lawrefbook(_md(WHOLE))
    assert read.problems == [] and read.repairs == [] and not read.incomplete
    assert read.text_part() == {"chapters": [
        {"number": 1, "title": "总则", "articles": [
            {"number": 1, "paragraphs": [{"number": 1, "text": "为了促进文明行为，制定本条例。"}]},
            {"number": 2, "paragraphs": [{"number": 1, "text": "鼓励下列行为：", "items": [
                {"number": 1, "text": "见义勇为；"}, {"number": 2, "text": "志愿服务。"}]}]}]},
        {"number": 2, "title": "附则", "articles": [
            {"number": 3, "paragraphs": [{"number": 1, "text": "本条例自2020年1月1日起施行。"}]}]},
    ]}  # fmt: skip


def test_a_regulation_without_chapters_is_read_as_articles() -> None:
    read = read_lawrefbook(_md("第一条 为了促进文明行为，制定本条例。\n\n第二条 本条例自2020年1月1日起施行。\n"))
    assert read.problems == [] and read.chapters == [] and [a.number for a in read.articles] == [1, 2]
    assert list(read.text_part()) == ["articles"]


def test_missing_first_chapter_heading_is_reported_at_the_first_article() -> None:
    # As in 周口市, 商丘市, 安阳市, 平顶山市, 泰安市, 济南市, 濮阳市: articles 1–n before 第二章.
    read = read_lawrefbook(_md(WHOLE.replace("## 第一章  总则\n", "")))
    assert _kinds(read) == [(8, "missing-chapter-heading")]
    assert "第一条至第二条之前没有章标题" in read.problems[0].message
    assert [(c.number, c.title, c.line) for c in read.chapters] == [(1, None, None), (2, "附则", 16)]
    assert not read.incomplete  # no text is missing, only a heading


def test_a_chapter_heading_without_its_number_is_reported_and_numbered_by_place() -> None:
    # As in 安阳市 (行为规范), 潮州市 (倡导与规范, 附 则).
    read = read_lawrefbook(_md(WHOLE.replace("## 第二章  附则", "附 则")))
    assert _kinds(read) == [(17, "missing-chapter-heading")]
    assert "缺少“第二章”字样" in read.problems[0].message
    assert [(c.number, c.title) for c in read.chapters] == [(1, "总则"), (2, "附则")]
    assert read.repairs[0].printed == ("附 则",) and read.repairs[0].read == ("第二章 附则",)


def test_an_article_numbering_gap_is_reported_and_marks_the_regulation_incomplete() -> None:
    read = read_lawrefbook(_md(WHOLE.replace("第三条", "第五条")))
    assert _kinds(read) == [(19, "numbering-gap")]
    assert "缺少第三条至第四条" in read.problems[0].message
    assert read.incomplete and read.articles[-1].number == 5  # the number as printed


def test_a_chapter_numbering_gap_is_reported() -> None:
    read = read_lawrefbook(_md(WHOLE.replace("第二章", "第三章")))
    assert _kinds(read) == [(17, "numbering-gap")] and "缺少第二章" in read.problems[0].message
    assert read.incomplete


def test_an_item_numbering_gap_without_a_lost_marker_is_reported() -> None:
    read = read_lawrefbook(_md(WHOLE.replace("(二)", "(三)")))
    assert _kinds(read) == [(15, "numbering-gap")]
    assert [item.number for item in read.articles[1].paragraphs[0].items] == [1, 3]


def test_two_articles_run_together_are_split_and_reported() -> None:
    # As in 周口市 line 339: 第四十一条 ……制定。第四十二条本条例自2021年1月1日起施行。
    read = read_lawrefbook(_md("第一条 为了促进文明行为，制定本条例。第二条本条例自2020年1月1日起施行。\n"))
    assert _kinds(read) == [(7, "merged-articles")]
    assert [article.paragraphs[0].text for article in read.articles] == [
        "为了促进文明行为，制定本条例。", "本条例自2020年1月1日起施行。"]  # fmt: skip
    (repair,) = read.repairs
    assert repair.read == ("第一条 为了促进文明行为，制定本条例。", "第二条 本条例自2020年1月1日起施行。")
    # Run on at the end of an item, as the next article's first words.
    merged = WHOLE.replace("(二)志愿服务。\n\n## 第二章  附则\n\n第三条 ", "(二)志愿服务。第三条")
    read = read_lawrefbook(_md(merged.replace("## 第一章  总则", "## 第一章  附则")))
    assert _kinds(read) == [(15, "merged-articles")]
    assert [item.text for item in read.articles[1].paragraphs[0].items] == ["见义勇为；", "志愿服务。"]
    assert read.articles[2].paragraphs[0].text == "本条例自2020年1月1日起施行。"


def test_an_article_reference_inside_a_paragraph_is_not_a_merge() -> None:
    text = WHOLE.replace("为了促进文明行为，制定本条例。", "为了促进文明行为。第二条规定的行为受保护。")
    assert read_lawrefbook(_md(text)).problems == []


def test_lost_item_markers_are_restored_by_place_and_reported() -> None:
    # As in 东莞市 lines 67, 113, 115: the first item(s) of a list printed without （一）.
    read = read_lawrefbook(_md(WHOLE.replace("（一）见义勇为；", "见义勇为；")))
    assert _kinds(read) == [(13, "lost-item-marker")]
    assert [(item.number, item.text) for item in read.articles[1].paragraphs[0].items] == [
        (1, "见义勇为；"), (2, "志愿服务。")]  # fmt: skip
    # The last item of a list, after an item ending in ；: as in 周口市 line 61 and 阳江市 line 301.
    read = read_lawrefbook(_md(WHOLE.replace("(二)志愿服务。", "志愿服务。")))
    assert _kinds(read) == [(15, "lost-item-marker")]
    assert [item.number for item in read.articles[1].paragraphs[0].items] == [1, 2]
    # A marker lost in the middle of a list, on an item that does not end in ；, is found by the gap.
    middle = WHOLE.replace("(二)志愿服务。", "（二）捐献血液。\n\n志愿服务\n\n（四）其他。")
    read = read_lawrefbook(_md(middle))
    assert ("lost-item-marker") in [kind for _, kind in _kinds(read)]
    assert [item.number for item in read.articles[1].paragraphs[0].items] == [1, 2, 3, 4]


def test_two_items_run_together_are_split_and_reported() -> None:
    # As in 东莞市 line 361: （二）……服务； （三）支持……
    read = read_lawrefbook(_md(WHOLE.replace("（一）见义勇为；\n\n(二)", "（一）见义勇为； (二)")))
    assert _kinds(read) == [(13, "merged-items")]
    assert [item.text for item in read.articles[1].paragraphs[0].items] == ["见义勇为；", "志愿服务。"]


def test_a_file_cut_short_is_reported_and_marked_incomplete() -> None:
    # As in 台州市, 威海市, 淄博市, 舟山市: no 附则, no 施行 article.
    cut = WHOLE[: WHOLE.index("## 第二章")]
    read = read_lawrefbook(_md(cut))
    assert _kinds(read) == [(15, "cut-short"), (15, "cut-short")] and read.incomplete
    assert "不是施行条款" in read.problems[0].message and "没有附则" in read.problems[1].message
    # Cut in mid-sentence: the last line itself is reported.
    read = read_lawrefbook(_md(WHOLE.replace("本条例自2020年1月1日起施行。", "本条例自2020年1月")))
    assert (19, "cut-short") in _kinds(read) and read.incomplete


def test_a_line_broken_mid_sentence_is_joined_and_reported() -> None:
    # As in 南阳市 line 241 and 威海市 line 49.
    read = read_lawrefbook(_md(WHOLE.replace("为了促进文明行为，", "为了促进文明行为\n\n，")))
    assert _kinds(read) == [(11, "broken-line")]  # the continuation line, naming line 9
    assert read.articles[0].paragraphs[0].text == "为了促进文明行为，制定本条例。"


def test_text_before_the_first_article_is_reported_not_dropped() -> None:
    read = read_lawrefbook(_md("序言一段。\n\n" + WHOLE))
    assert _kinds(read) == [(7, "stray-text")] and "序言一段。" in read.problems[0].message


def test_a_stray_bracket_in_the_adoption_line_is_reported() -> None:
    read = read_lawrefbook(_md(WHOLE, "2020年1月1日 某省人民代表大会常务委员会第一次会议批准）"))
    assert _kinds(read) == [(3, "header")]
    assert read.adoption[0].event == "批准"


def test_inner_item_references_are_kept_as_printed() -> None:
    text = WHOLE.replace("为了促进文明行为，制定本条例。", "违反本条例第二条第（一）项规定的，予以表彰。")
    read = read_lawrefbook(_md(text))
    assert read.articles[0].paragraphs[0].text == "违反本条例第二条第（一）项规定的，予以表彰。"


def test_full_width_space_after_the_article_number_is_read() -> None:
    read = read_lawrefbook(_md(WHOLE.replace("第一条 ", "第一条\u3000")))
    assert read.problems == [] and read.articles[0].paragraphs[0].text.startswith("为了")


# --- refusals and format ----------------------------------------------------------------------


def test_a_source_without_articles_is_refused() -> None:
    with pytest.raises(ReadError, match="没有找到任何条文"):
        read_lawrefbook(_md("## 第一章 总则\n"))


def test_a_markdown_file_without_a_title_is_refused() -> None:
    with pytest.raises(ReadError, match="标题"):
        read_lawrefbook(f"no title\n{INFO_END}\n第一条 本条例自2020年1月1日起施行。\n")


def test_the_format_is_told_by_content(gazette_text: str) -> None:
    assert source_format(FILES[0].read_text(encoding="utf-8")) == "lawrefbook"
    assert source_format(gazette_text) == "gazette"


GAZETTE = """# 某市人大常委会公报

## 目 录

# 甲市文明行为促进条例

（2020年1月1日甲市第一届人民代表大会常务委员会第一次会议通过）

第一条 本条例自2020年1月1日起施行。

# 乙市养犬管理条例

（2020年2月1日乙市第一届人民代表大会常务委员会第二次会议通过）

第一条 本条例自2020年3月1日起施行。
"""


def test_a_gazette_with_several_regulations_needs_a_title() -> None:
    assert regulation_titles(GAZETTE) == ["甲市文明行为促进条例", "乙市养犬管理条例"]
    with pytest.raises(GazetteParseError, match="《甲市文明行为促进条例》、《乙市养犬管理条例》"):
        read_source(GAZETTE)
    read = read_source(GAZETTE, "乙市养犬管理条例")
    assert read.adoption[0].date == datetime.date(2020, 2, 1) and read.problems == []
    with pytest.raises(GazetteParseError, match="找不到标题为《丙市条例》"):
        read_source(GAZETTE, "丙市条例")


def test_a_source_with_no_regulation_is_refused() -> None:
    with pytest.raises(GazetteParseError, match="没有找到条例"):
        read_source("# 公报\n\n正文。\n")


def test_a_gazette_with_one_regulation_needs_no_title(gazette_text: str) -> None:
    assert regulation_titles(gazette_text) == ["永州市文明行为促进条例"]
    assert read_source(gazette_text).title == "永州市文明行为促进条例"


def test_a_lawrefbook_file_read_under_another_title_is_refused() -> None:
    with pytest.raises(ReadError, match="不是《乙市条例》"):
        read_source(FILES[0].read_text(encoding="utf-8"), "乙市条例")


def test_the_command_line_entry_prints_structure_and_problems() -> None:
    path = next(p for p in FILES if p.name.startswith("周口市"))
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "read_source.py"), str(path), "--json"],
                          capture_output=True, text=True, encoding="utf-8", check=False)  # fmt: skip
    assert done.returncode == 1, done.stderr  # damage found
    import json

    data = json.loads(done.stdout)
    assert data["title"] == "周口市文明行为促进条例" and data["counts"]["articles"] == 42
    assert [p["kind"] for p in data["problems"]] == ["missing-chapter-heading", "lost-item-marker", "merged-articles"]


def test_damage_kinds_seen_in_the_corpus() -> None:
    seen = Counter(kind for damage in DAMAGE.values() for _, kind in damage)
    assert seen == {"missing-chapter-heading": 10, "cut-short": 8, "header": 5, "lost-item-marker": 5,
                    "broken-line": 2, "merged-articles": 1, "merged-items": 1}  # fmt: skip


def test_the_damage_report_is_current() -> None:
    report = (ROOT / "docs" / "corpus-damage.md").read_text(encoding="utf-8")
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "corpus_report.py")], capture_output=True,
                          text=True, encoding="utf-8", check=True)  # fmt: skip
    assert done.stdout == report


def _squash(line: str) -> str:
    """A line without what the conventions may change: spacing, heading and list markup, bracket width."""
    line = re.sub(r"^\s*(#+|-)\s", "", line)
    return "".join(line.split()).translate(str.maketrans("()", "（）"))


@pytest.mark.parametrize("path", [*FILES, ROOT / "data" / "source" / "yongzhou-gazette-2022-04.txt"], ids=_city_or_name)
def test_the_conventions_change_nothing_but_spacing_markup_and_bracket_width(path: Path) -> None:
    for line in path.read_text(encoding="utf-8").splitlines():
        assert _squash(canonical_line(line)) == _squash(line), line
