"""`wenming import`: every corpus file written as a data file that loads, word for word, damage recorded.

Each of the 39 LawRefBook files is imported in-process once; the written YAML is loaded through the
project's loader (no validation problem) and its text re-checked against the source: the source's
lines under the conventions, with the repairs the data records applied, are the data's text written
back as lines. Synthetic damage, one kind at a time, is cut into a clean corpus file.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from wenming.cli import app
from wenming.importer import Imported, import_file, import_text, place, to_yaml
from wenming.loader import regulation_from_text
from wenming.model import Article, Chapter
from wenming.reader.lawrefbook import INFO_END
from wenming.reader.structure import ReadError, article_line, canonical_line, chapter_line, item_line
from wenming.regulation import Regulation

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "sources" / "lawrefbook"
FILES = sorted(path for path in CORPUS.glob("*.md") if path.name != "README.md")
CLEAN = CORPUS / "北京市文明行为促进条例(2020-04-24).md"  # no damage: the base of the synthetic sources
GAZETTE = ROOT / "data" / "source" / "yongzhou-gazette-2022-04.txt"
runner = CliRunner()


def _city(path: Path) -> str:
    return path.name[: path.name.index("文明")]


@pytest.fixture(scope="module")
def imported() -> dict[str, tuple[Imported, str, Regulation]]:
    """Each corpus file imported, written as YAML and loaded back through the loader."""
    found = {}
    for path in FILES:
        result = import_file(path)
        text = to_yaml(result.data)
        found[_city(path)] = (result, text, regulation_from_text(text, path.name))
    return found


def test_the_corpus_has_39_files() -> None:
    assert len(FILES) == 39


@pytest.mark.parametrize("path", FILES, ids=_city)
def test_every_file_imports_and_loads(path: Path, imported: dict[str, tuple[Imported, str, Regulation]]) -> None:
    result, text, regulation = imported[_city(path)]
    assert regulation.meta.title == result.report.title == path.name.split("(")[0]
    assert result.report.articles == len(regulation.all_articles())
    assert regulation.complete == result.report.complete
    assert [(d.line, d.kind) for d in regulation.damage] == [
        (p.line, p.kind) for p in result.report.problems if p.kind != "not-extracted" and p.line is not None
    ][: len(regulation.damage)]
    source = regulation.meta.source
    assert source is not None and source.format == "lawrefbook" and (ROOT / source.file).resolve() == path.resolve()
    assert source.repository == "LawRefBook/Laws" and source.commit == "2f4c5c23716267af9dbebbbbd6cbbf732b101981"
    assert regulation.meta.history and regulation.meta.history[0].event == "通过"
    assert "&" not in text and "*" not in text.replace("**", "")  # no anchors or aliases


def _data_lines(regulation: Regulation) -> list[str]:
    """The data's text as lines, in the reader's canonical form; a chapter without a title had no heading."""

    def article_lines(article: Article) -> list[str]:
        lines = []
        for paragraph in article.paragraphs:
            lines.append(article_line(article.number, paragraph.text) if paragraph.number == 1 else paragraph.text)
            lines += [item_line(item.number, item.text) for item in paragraph.items]
        return lines

    def chapter_lines(chapter: Chapter) -> list[str]:
        heading = [chapter_line(chapter.number, chapter.title)] if chapter.title is not None else []
        return heading + [line for article in chapter.articles for line in article_lines(article)]

    if not regulation.chapters:
        return [line for article in regulation.articles for line in article_lines(article)]
    return [line for chapter in regulation.chapters for line in chapter_lines(chapter)]


def _source_with_repairs(path: Path, regulation: Regulation) -> list[str]:
    raw = path.read_text(encoding="utf-8").splitlines()
    start = raw.index(INFO_END) + 1
    lines = [(start + index + 1, canonical_line(line)) for index, line in enumerate(raw[start:]) if line.strip()]
    repairs = {repair.line: repair for repair in regulation.repairs}
    out: list[str] = []
    index = 0
    while index < len(lines):
        repair = repairs.pop(lines[index][0], None)
        if repair is None:
            out.append(lines[index][1])
            index += 1
            continue
        assert [text for _, text in lines[index : index + len(repair.printed)]] == repair.printed, repair
        out += repair.read
        index += len(repair.printed)
    assert not repairs, f"repairs of lines the source does not have: {repairs}"
    return out


@pytest.mark.parametrize("path", FILES, ids=_city)
def test_the_data_is_the_source_but_for_its_recorded_repairs(
    path: Path, imported: dict[str, tuple[Imported, str, Regulation]]
) -> None:
    _, _, regulation = imported[_city(path)]
    assert _data_lines(regulation) == _source_with_repairs(path, regulation)


def test_a_province_and_a_city_are_told_from_the_title() -> None:
    assert place("河南省文明行为促进条例") == ("河南省", None)
    assert place("永州市文明行为促进条例") == (None, "永州市")


def test_yongzhou_imported_from_its_gazette_is_the_shipped_text(data_text: str) -> None:
    result = import_file(GAZETTE)
    shipped = yaml.safe_load(data_text)
    assert result.data["chapters"] == shipped["chapters"]
    repairs = [{key: value for key, value in repair.items() if key != "note"} for repair in shipped["repairs"]]
    full = {"第二十五条第一项": "第二十五条第一款第一项"}  # the import names every paragraph
    assert [{**r, "citation": full.get(r["citation"], r["citation"])} for r in repairs] == result.data["repairs"]
    assert result.data["meta"]["history"] == shipped["meta"]["history"]
    # The import names the copy; the gazette's name, issue and date were read off it by hand.
    written = {key: shipped["meta"]["source"][key] for key in ("format", "file")}
    assert result.data["meta"]["source"] == {**written, "repository": None, "commit": None}
    assert result.data["complete"] is True and result.data["damage"] == []


# --- damage, one kind at a time, cut into a clean file -------------------------------------------

CLEAN_LINES = CLEAN.read_text(encoding="utf-8").splitlines()


def _edited(changes: dict[int, str | None]) -> str:
    """The clean file with lines (1-based) replaced, or blanked where the change is None: the other
    lines keep their numbers."""
    lines = [changes.get(number, line) if number in changes else line for number, line in enumerate(CLEAN_LINES, 1)]
    return "\n".join(line or "" for line in lines) + "\n"


def _heading_lines() -> list[int]:
    return [number for number, line in enumerate(CLEAN_LINES, start=1) if line.startswith("## ")]


def _article_at(prefix: str) -> int:
    return next(number for number, line in enumerate(CLEAN_LINES, start=1) if line.startswith(prefix))


def _damage(text: str) -> tuple[Imported, Regulation, list[tuple[int, str]]]:
    result = import_text(text)
    regulation = regulation_from_text(to_yaml(result.data), "synthetic.yaml")
    return result, regulation, [(d.line, d.kind) for d in regulation.damage]


def test_the_clean_file_has_no_damage() -> None:
    _, regulation, damage = _damage(_edited({}))
    assert damage == [] and regulation.complete and regulation.repairs == []


def test_a_chapter_heading_without_its_number() -> None:
    second = _heading_lines()[1]
    title = CLEAN_LINES[second - 1].split("　", 1)[1]
    _, regulation, damage = _damage(_edited({second: title}))
    assert damage == [(second, "missing-chapter-heading")] and regulation.complete
    assert [r.kind for r in regulation.repairs] == ["chapter-marker-restored"]
    assert regulation.chapters[1].title == title


def test_a_missing_article_is_a_numbering_gap() -> None:
    _, regulation, damage = _damage(_edited({_article_at("第五条"): None}))
    assert damage == [(_article_at("第六条"), "numbering-gap")] and not regulation.complete
    assert regulation.article(5) is None and regulation.article(6) is not None


def test_merged_articles_are_split() -> None:
    third, fourth = _article_at("第三条"), _article_at("第四条")
    _, regulation, damage = _damage(_edited({third: CLEAN_LINES[third - 1] + CLEAN_LINES[fourth - 1], fourth: None}))
    assert damage == [(third, "merged-articles")] and regulation.complete
    (repair,) = regulation.repairs
    assert repair.kind == "split-merged-articles" and repair.line == third and len(repair.read) == 2


def test_a_lost_item_marker_is_restored() -> None:
    line = _article_at("（二）")
    _, regulation, damage = _damage(_edited({line: CLEAN_LINES[line - 1].removeprefix("（二）")}))
    assert damage == [(line, "lost-item-marker")] and regulation.complete
    assert [r.kind for r in regulation.repairs] == ["item-marker-restored"]


def test_a_file_without_its_last_chapter_is_cut_short() -> None:
    last = _heading_lines()[-1]
    changes: dict[int, str | None] = dict.fromkeys(range(last, len(CLEAN_LINES) + 1))
    _, regulation, damage = _damage(_edited(changes))
    assert {kind for _, kind in damage} == {"cut-short"} and len(damage) == 2  # no 附则, no 施行 article
    assert not regulation.complete


def test_a_missing_chapter_is_a_numbering_gap() -> None:
    headings = _heading_lines()
    changes: dict[int, str | None] = dict.fromkeys(range(headings[2], headings[3]))
    _, regulation, damage = _damage(_edited(changes))
    assert damage == [(headings[3], "numbering-gap"), (headings[3] + 2, "numbering-gap")]
    assert not regulation.complete and regulation.chapter(3) is None and regulation.chapter(4) is not None


def test_every_answer_from_a_file_cut_short_says_so(tmp_path: Path) -> None:
    source = tmp_path / "cut.md"
    source.write_text(_edited(dict.fromkeys(range(_heading_lines()[-1], len(CLEAN_LINES) + 1))), encoding="utf-8")
    output = tmp_path / "cut.yaml"
    result = runner.invoke(app, ["import", str(source), "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert "complete: false" in output.read_text(encoding="utf-8")
    for command in (["article", "1"], ["contents"], ["search", "文明"]):
        answer = runner.invoke(app, ["--data", str(output), *command, "--json"])
        assert answer.exit_code == 0, answer.output
        found = json.loads(answer.stdout)
        assert found["incomplete"] is True and found["notice"].startswith("本条例文本不完整（来源被截断）："), command
        shown = runner.invoke(app, ["--data", str(output), *command])
        assert shown.stdout.startswith("注意：本条例文本不完整（来源被截断）："), command


def test_a_chapterless_file_answers_article_contents_and_search(tmp_path: Path) -> None:
    output = tmp_path / "out.yaml"
    assert (
        runner.invoke(
            app, ["import", str(CORPUS / "嘉兴市文明行为促进条例(2019-10-09).md"), "-o", str(output)]
        ).exit_code
        == 0
    )
    article = json.loads(runner.invoke(app, ["--data", str(output), "article", "2", "--json"]).stdout)
    assert article["chapter"] is None and article["paragraphs"][0]["text"].startswith("本市行政区域内")
    contents = json.loads(runner.invoke(app, ["--data", str(output), "contents", "--json"]).stdout)
    assert contents["chapters"] == [] and len(contents["articles"]) == 26 and "incomplete" not in contents
    assert "第二条" in runner.invoke(app, ["--data", str(output), "contents"]).stdout
    search = runner.invoke(app, ["--data", str(output), "search", "吸烟"])
    assert search.exit_code == 0 and "第十条第七项" in search.stdout, search.output
    chapter = runner.invoke(app, ["--data", str(output), "chapter", "1"])
    assert chapter.exit_code == 1 and "本条例不分章" in chapter.stderr


# --- the command line ------------------------------------------------------------------------------


def test_import_writes_the_file_and_reports_on_stderr(tmp_path: Path) -> None:
    output = tmp_path / "zhoukou.yaml"
    result = runner.invoke(app, ["import", str(CORPUS / "周口市文明行为促进条例(2020-12-16).md"), "-o", str(output)])
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr.startswith(f"已写入 {output}：《周口市文明行为促进条例》，42 条")
    assert "第 9 行：" in result.stderr and "第 339 行：" in result.stderr
    assert runner.invoke(app, ["validate", str(output)]).exit_code == 0


def test_every_answer_from_an_imported_draft_says_it_is_unreviewed(tmp_path: Path) -> None:
    """周口's penalties are drafts: fine, fines, article and agency label them 未经人工核对; JSON carries review."""
    output = tmp_path / "zhoukou.yaml"
    assert (
        runner.invoke(
            app, ["import", str(CORPUS / "周口市文明行为促进条例(2020-12-16).md"), "-o", str(output)]
        ).exit_code
        == 0
    )
    data = yaml.safe_load(output.read_text(encoding="utf-8"))
    draft = data["penalties"][0]
    assert draft["review"] == "draft"
    base = ["--data", str(output)]
    answer = json.loads(runner.invoke(app, [*base, "fine", draft["key"], "--json"]).stdout)
    assert answer["review"] == "draft" and answer["notes"][0].startswith("未经人工核对")
    wide = {"COLUMNS": "160"}
    assert runner.invoke(app, [*base, "fine", draft["key"]], env=wide).stdout.startswith("未经人工核对")
    assert "未经人工核对" in runner.invoke(app, [*base, "fines"], env=wide).stdout
    article = draft["provision"].split("条")[0] + "条"
    assert (
        "未经人工核对"
        in runner.invoke(app, [*base, "article", draft["behaviour"].get("cites", article)], env=wide).stdout
    )
    schedule = json.loads(runner.invoke(app, [*base, "fines", "--json"]).stdout)
    assert {row["review"] for row in schedule["penalties"]} == {"draft"}
    assert runner.invoke(app, ["validate", str(output), "--strict"]).exit_code == 2


def test_import_without_output_writes_yaml_to_stdout() -> None:
    result = runner.invoke(app, ["import", str(CLEAN)])
    assert result.exit_code == 0 and "已写到标准输出" in result.stderr
    assert yaml.safe_load(result.stdout)["meta"]["title"] == "北京市文明行为促进条例"


def test_the_json_report(tmp_path: Path) -> None:
    output = tmp_path / "out.yaml"
    result = runner.invoke(
        app, ["import", str(CORPUS / "东莞市文明行为促进条例(2023-02-23).md"), "-o", str(output), "--json"]
    )
    assert result.exit_code == 0 and "\\u" not in result.stdout
    report = json.loads(result.stdout)
    assert set(report) == {"output", "title", "complete", "articles", "penalties", "drafts", "problems"}
    assert report["output"] == str(output) and report["title"] == "东莞市文明行为促进条例" and report["articles"] == 47
    assert report["problems"][0] == {"line": 5, "kind": "header", "message": report["problems"][0]["message"]}
    assert all(set(problem) == {"line", "kind", "message"} for problem in report["problems"])


GAZETTE_TWO = """# 某市人大常委会公报

# 甲市文明行为促进条例

（2020年1月1日甲市第一届人民代表大会常务委员会第一次会议通过）

第一条 本条例自2020年1月1日起施行。

# 乙市养犬管理条例

（2020年2月1日乙市第一届人民代表大会常务委员会第二次会议通过）

第一条 本条例自2020年3月1日起施行。
"""


def test_a_gazette_of_several_regulations_needs_a_title(tmp_path: Path) -> None:
    source = tmp_path / "gazette.txt"
    source.write_text(GAZETTE_TWO, encoding="utf-8")
    refused = runner.invoke(app, ["import", str(source)])
    assert refused.exit_code == 2 and "《甲市文明行为促进条例》、《乙市养犬管理条例》" in refused.stderr
    assert refused.stderr.startswith("错误：无法导入：")
    chosen = runner.invoke(app, ["import", str(source), "--title", "乙市养犬管理条例"])
    assert chosen.exit_code == 0 and yaml.safe_load(chosen.stdout)["meta"]["title"] == "乙市养犬管理条例"


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda folder: folder / "missing.md", "来源文件不存在"),
        (lambda folder: folder, "来源是一个目录"),
        (lambda folder: _write(folder / "latin1.md", "第一条".encode("gb18030")), "不是 UTF-8 编码"),
        (lambda folder: _write(folder / "readme.md", "# 说明\n\n没有条文。\n".encode()), "无法导入："),
    ],
)
def test_a_source_that_cannot_be_imported_exits_2(tmp_path: Path, setup: object, message: str) -> None:
    source = setup(tmp_path)  # type: ignore[operator]
    result = runner.invoke(app, ["import", str(source), "-o", str(tmp_path / "out.yaml")])
    assert result.exit_code == 2 and result.stderr.startswith("错误：") and message in result.stderr, result.stderr
    assert "Traceback" not in result.output and not (tmp_path / "out.yaml").exists()
    as_json = runner.invoke(app, ["import", str(source), "-o", str(tmp_path / "out.yaml"), "--json"])
    assert as_json.exit_code == 2 and message in json.loads(as_json.stdout)["error"]["message"]


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_an_unwritable_output_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["import", str(CLEAN), "-o", str(tmp_path / "no" / "such" / "out.yaml")])
    assert result.exit_code == 2 and result.stderr.startswith("错误：无法写入 ") and "Traceback" not in result.output


def test_the_source_is_never_overwritten(tmp_path: Path) -> None:
    source = tmp_path / "source.md"
    source.write_text(CLEAN.read_text(encoding="utf-8"), encoding="utf-8")
    result = runner.invoke(app, ["import", str(source), "-o", str(source)])
    assert result.exit_code == 2 and "来源文件本身" in result.stderr
    assert source.read_text(encoding="utf-8") == CLEAN.read_text(encoding="utf-8")


def test_json_needs_an_output_file() -> None:
    result = runner.invoke(app, ["import", str(CLEAN), "--json"])
    assert result.exit_code == 2 and "-o" in json.loads(result.stdout)["error"]["message"]


def test_the_installed_command_exits_0_then_2(tmp_path: Path) -> None:
    output = tmp_path / "out.yaml"
    command = [sys.executable, "-m", "wenming", "import"]
    done = subprocess.run([*command, str(CLEAN), "-o", str(output)], capture_output=True, text=True, encoding="utf-8",
                          check=False)  # fmt: skip
    assert done.returncode == 0 and output.is_file(), done.stderr
    done = subprocess.run([*command, str(tmp_path)], capture_output=True, text=True, encoding="utf-8", check=False)
    assert done.returncode == 2 and done.stderr.startswith("错误：") and "Traceback" not in done.stderr


def test_a_refused_source_raises_read_error() -> None:
    with pytest.raises(ReadError):
        import_text("# 说明\n\n没有条文。\n")


def test_a_damaged_gazette_is_written_with_its_damage(tmp_path: Path) -> None:
    source = tmp_path / "gazette.txt"
    source.write_text(GAZETTE_TWO.replace("第一条 本条例自2020年3月1日起施行。", "第二条 本条例自2020年3月1日起施行。"),
                      encoding="utf-8")  # fmt: skip
    output = tmp_path / "out.yaml"
    result = runner.invoke(app, ["import", str(source), "--title", "乙市养犬管理条例", "-o", str(output)])
    assert result.exit_code == 0 and "缺少第一条" in result.stderr
    regulation = regulation_from_text(output.read_text(encoding="utf-8"), "out.yaml")
    assert not regulation.complete and [d.kind for d in regulation.damage] == ["numbering-gap"]
    assert regulation.meta.source is not None and regulation.meta.source.format == "gazette"


def test_drafts_are_counted_and_named(monkeypatch: pytest.MonkeyPatch) -> None:
    import wenming.importer
    from wenming.extract import DraftProblem, Drafts

    drafted = Drafts(
        penalties=[
            {"key": "smoking", "provision": "第五十条", "review": "draft"},
            {"key": "other", "review": "reviewed"},
        ],
        problems=[DraftProblem(12, "unsure", "罚则的机关不明")],
    )
    monkeypatch.setattr(wenming.importer, "draft_penalties", lambda read: drafted)
    report = import_text(CLEAN.read_text(encoding="utf-8")).report
    assert (report.penalties, report.drafts, report.draft_names) == (2, 1, ["smoking（第五十条）"])
    assert report.problems[-1].json_data() == {"line": 12, "kind": "unsure", "message": "罚则的机关不明"}
    assert "draft_names" not in report.to_json()
    from wenming.cli.data import report_text

    shown = report_text(report)
    assert "待审草稿：smoking（第五十条）\n" in shown and "第 12 行：罚则的机关不明" in shown
