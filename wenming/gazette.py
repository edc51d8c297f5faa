"""Read a regulation out of a gazette scan converted to text.

A gazette issue holds several documents; the regulation is the section under a heading that is
exactly its title (`read_gazette` chooses it by title, or takes the one regulation the issue
prints). Within it:

    (2022年6月23日……会议通过)       the adoption history, in brackets under the title
    第一章 总 则                  a chapter heading (possibly with markdown #s)
    第一条 为了……                 an article and its first paragraph
    市、县（市、区）……             a further paragraph
    - (一) 见义勇为；              an item of the paragraph above (half- or full-width
    （二）紧急现场救护；            parentheses, with or without a list dash)

The lines become chapters, articles, paragraphs and items the same way as a LawRefBook file's
(`wenming.reader.structure.read_body`). The scan splits lines at page breaks ("……乱堆乱" / "放；");
a line that does not end a sentence is joined to the next and the join is recorded as a repair, so a
reviewer sees every place the data differs from the scan. Nothing here knows about Yongzhou: the
same reader reads another city's regulation from its gazette.

`parse_regulation` is the strict form the project's own data is checked with: any damage is an
error, and `differences` compares the parse with the data, provision by provision.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from wenming.citation import Citation, chapter_citation
from wenming.reader.document import ReadRegulation
from wenming.reader.header import is_adoption_line, read_adoption_lines
from wenming.reader.structure import (
    Article,
    Chapter,
    Item,
    Paragraph,
    ReadError,
    Repair,
    classify,
    read_body,
)

_HEADING = re.compile(r"^(?P<hashes>#+)\s*(?P<text>.*)$")
_CHAPTER = re.compile(r"^第[一二三四五六七八九十百]+章")
_FIRST_ARTICLE = re.compile(r"^第一条\s")

# The parse's parts are the reader's (kept under their old names for the gazette's users).
ParsedItem = Item
ParsedParagraph = Paragraph
ParsedArticle = Article
ParsedChapter = Chapter


class TextLike(Protocol):
    @property
    def text(self) -> str: ...


class ParagraphLike(TextLike, Protocol):
    @property
    def items(self) -> Sequence[TextLike]: ...


class ArticleLike(Protocol):
    @property
    def number(self) -> int: ...
    @property
    def paragraphs(self) -> Sequence[ParagraphLike]: ...


class ChapterLike(Protocol):
    """What `differences` needs of a chapter: the loaded models satisfy it, so does the parse."""

    @property
    def title(self) -> str: ...
    @property
    def articles(self) -> Sequence[ArticleLike]: ...


class GazetteParseError(ReadError):
    """The text does not have the shape of a regulation; the message names the line."""


@dataclass(frozen=True)
class ScanRepair:
    """Where the data differs from the scan: `scan` as printed, `text` as repaired."""

    citation: Citation
    kind: str
    scan: str
    text: str
    line: int


@dataclass
class ParsedRegulation:
    title: str
    adoption_note: str | None
    chapters: list[Chapter]
    repairs: list[ScanRepair]

    def articles(self) -> list[Article]:
        return [article for chapter in self.chapters for article in chapter.articles]


def _headings(lines: Sequence[str]) -> list[tuple[int, int, str]]:
    """(index, level, text) of every heading that is not a chapter's."""
    found = []
    for index, line in enumerate(lines):
        heading = _HEADING.match(line.strip())
        if heading and not _CHAPTER.match(heading["text"].strip()):
            found.append((index, len(heading["hashes"]), heading["text"].strip()))
    return found


def _section(lines: Sequence[str], start: int, level: int) -> list[tuple[int, str]]:
    section: list[tuple[int, str]] = []
    for index in range(start, len(lines)):
        heading = _HEADING.match(lines[index].strip())
        if heading and len(heading["hashes"]) <= level and not _CHAPTER.match(heading["text"].strip()):
            break
        section.append((index + 1, lines[index]))
    return section


def regulation_section(text: str, title: str) -> list[tuple[int, str]]:
    """The (line number, line) pairs under the heading that is exactly `title`."""
    lines = text.splitlines()
    for index, level, heading in _headings(lines):
        if heading == title:
            return _section(lines, index + 1, level)
    raise GazetteParseError(f"找不到标题为《{title}》的章节（no heading titled {title}）")


def regulation_titles(text: str) -> list[str]:
    """The titles of the documents in a gazette that print a regulation (a 第一条 under them)."""
    lines = text.splitlines()
    titles = []
    end = 0  # a heading inside a regulation found already (its 目录) is part of it, not another
    for index, level, heading in _headings(lines):
        section = _section(lines, index + 1, level)
        if index >= end and any(_FIRST_ARTICLE.match(line.strip()) for _, line in section):
            titles.append(heading)
            end = section[-1][0] if section else index
    return titles


def read_gazette(text: str, title: str | None = None) -> ReadRegulation:
    """The regulation titled `title` in a gazette's text; without a title, the one it prints."""
    if title is None:
        titles = regulation_titles(text)
        if not titles:
            raise GazetteParseError(
                "没有找到条例：没有哪个标题下有第一条（no regulation: no heading has a 第一条 under it）"
            )
        if len(titles) > 1:
            listed = "、".join(f"《{t}》" for t in titles)
            raise GazetteParseError(
                f"公报中有 {len(titles)} 部条例，请指定标题：{listed}（name the regulation to read）"
            )
        title = titles[0]
    section = regulation_section(text, title)
    title_line = section[0][0] - 1 if section else 1
    first = next(
        (i for i, (n, line) in enumerate(section) if classify(n, line).kind in ("chapter", "article")), len(section)
    )
    adoption_lines = [
        (n, line.strip()) for n, line in section[:first] if line.strip()[:1] in "(（" and is_adoption_line(line)
    ]
    taken = {n for n, _ in adoption_lines}
    adoption, problems = read_adoption_lines(adoption_lines)
    body = read_body([(n, line) for n, line in section if n not in taken], "page-break-join", layout=True)
    return ReadRegulation(
        title,
        "gazette",
        title_line,
        adoption_lines,
        adoption,
        body.chapters,
        body.articles,
        problems + body.problems,
        body.repairs,
        body.skipped,
        body.incomplete,
    )


def _scan_repair(repair: Repair) -> ScanRepair:
    assert repair.citation is not None
    first = classify(repair.line, repair.printed[0]).text
    scan = [first, *repair.printed[1:]]
    return ScanRepair(repair.citation, repair.kind, "\n".join(scan), "".join(scan), repair.line)


def parse_regulation(text: str, title: str) -> ParsedRegulation:
    """Parse the regulation titled `title` out of a whole gazette's text, strictly: any damage
    (a missing heading, a numbering gap, a lost item marker …) is an error naming its line."""
    read = read_gazette(text, title)
    if read.problems:
        raise GazetteParseError("；".join(problem.message for problem in read.problems))
    if not read.chapters:
        raise GazetteParseError(f"《{title}》中没有找到任何章")
    note = read.adoption_lines[0][1] if read.adoption_lines else None
    repairs = [_scan_repair(repair) for repair in read.repairs]
    return ParsedRegulation(title, note, read.chapters, repairs)


def differences(parsed: ParsedRegulation, chapters: Sequence[ChapterLike]) -> list[str]:
    """Every place where `chapters` (e.g. a loaded regulation's) differ from the parsed gazette.

    Each entry names the provision (第二十二条第九项) and shows both texts.
    """
    found: list[str] = []
    if len(chapters) != len(parsed.chapters):
        found.append(f"章数不同：数据 {len(chapters)}，公报 {len(parsed.chapters)}")
    for data_chapter, chapter in zip(chapters, parsed.chapters, strict=False):
        chapter_name = chapter_citation(chapter.number)
        if data_chapter.title != chapter.title:
            found.append(f"{chapter_name}章名不同：数据「{data_chapter.title}」，公报「{chapter.title}」")
        data_articles = {article.number: article for article in data_chapter.articles}
        for article in chapter.articles:
            name = Citation(article.number).chinese()
            data_article = data_articles.pop(article.number, None)
            if data_article is None:
                found.append(f"{name}：数据中缺失（公报在{chapter_name}）")
                continue
            found += _paragraph_differences(name, article, data_article)
        found += [f"{Citation(number).chinese()}：公报{chapter_name}中没有此条" for number in data_articles]
    return found


def _paragraph_differences(name: str, article: ParsedArticle, data_article: ArticleLike) -> list[str]:
    found: list[str] = []
    if len(data_article.paragraphs) != len(article.paragraphs):
        found.append(f"{name}：款数不同，数据 {len(data_article.paragraphs)}，公报 {len(article.paragraphs)}")
    for data_paragraph, paragraph in zip(data_article.paragraphs, article.paragraphs, strict=False):
        where = Citation(article.number, paragraph.number).chinese()
        if data_paragraph.text != paragraph.text:
            found.append(f"{where}：文本不同\n  数据：{data_paragraph.text}\n  公报：{paragraph.text}")
        if len(data_paragraph.items) != len(paragraph.items):
            found.append(f"{where}：项数不同，数据 {len(data_paragraph.items)}，公报 {len(paragraph.items)}")
        for data_item, item in zip(data_paragraph.items, paragraph.items, strict=False):
            if data_item.text != item.text:
                item_name = Citation(article.number, paragraph.number, item.number).chinese()
                found.append(f"{item_name}：文本不同\n  数据：{data_item.text}\n  公报：{item.text}")
    return found
