"""Parse a regulation out of a gazette scan converted to text.

A gazette issue holds several documents; the regulation is the section under a
heading that is exactly its title. Within it:

    第一章 总 则                  a chapter heading (possibly with markdown #s)
    第一条 为了……                 an article and its first paragraph
    市、县（市、区）……             a further paragraph
    - (一) 见义勇为；              an item of the paragraph above (half- or full-width
    （二）紧急现场救护；            parentheses, with or without a list dash)

The scan splits lines at page breaks ("……乱堆乱" / "放；"); a line that does not end
a sentence is joined to the next and the join is reported as a `ScanRepair`, so a
reviewer sees every place the data differs from the scan. Nothing here knows about
Yongzhou: the same parser reads another city's regulation from its gazette.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from wenming.citation import Citation, chapter_citation
from wenming.numerals import from_chinese

_HEADING = re.compile(r"^(?P<hashes>#+)\s*(?P<text>.*)$")
_CHAPTER = re.compile(r"^第(?P<number>[一二三四五六七八九十百]+)章\s*(?P<title>.*)$")
_ARTICLE = re.compile(r"^第(?P<number>[一二三四五六七八九十百]+)条[\s\u3000]+(?P<text>.*)$")
_ITEM = re.compile(r"^(?:-\s*)?[（(](?P<number>[一二三四五六七八九十百]+)[)）]\s*(?P<text>.*)$")
_LIST_ENTRY = re.compile(r"^-\s")
# A line ending in one of these ends its paragraph or item; any other ending is a
# page break in the middle of a sentence.
_SENTENCE_END = ("。", "；", "：", "！", "？", "”", "」")


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


class GazetteParseError(ValueError):
    """The text does not have the shape of a regulation; the message names the line."""


@dataclass
class ParsedItem:
    number: int
    text: str


@dataclass
class ParsedParagraph:
    number: int
    text: str
    items: list[ParsedItem] = field(default_factory=list)


@dataclass
class ParsedArticle:
    number: int
    paragraphs: list[ParsedParagraph] = field(default_factory=list)


@dataclass
class ParsedChapter:
    number: int
    title: str
    articles: list[ParsedArticle] = field(default_factory=list)


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
    chapters: list[ParsedChapter]
    repairs: list[ScanRepair]

    def articles(self) -> list[ParsedArticle]:
        return [article for chapter in self.chapters for article in chapter.articles]


def regulation_section(text: str, title: str) -> list[tuple[int, str]]:
    """The (line number, line) pairs under the heading that is exactly `title`."""
    lines = text.splitlines()
    start = level = None
    for index, line in enumerate(lines):
        heading = _HEADING.match(line.strip())
        if heading and heading["text"].strip() == title:
            start, level = index + 1, len(heading["hashes"])
            break
    if start is None or level is None:
        raise GazetteParseError(f"找不到标题为《{title}》的章节")
    section: list[tuple[int, str]] = []
    for index in range(start, len(lines)):
        heading = _HEADING.match(lines[index].strip())
        if heading and len(heading["hashes"]) <= level and not _CHAPTER.match(heading["text"].strip()):
            break
        section.append((index + 1, lines[index]))
    return section


def _number(raw: str, what: str, line: int) -> int:
    value = from_chinese(raw)
    if value is None:
        raise GazetteParseError(f"第 {line} 行：无法识别的{what}编号「{raw}」")
    return value


def _expect(number: int, expected: int, what: str, line: int) -> None:
    if number != expected:
        raise GazetteParseError(f"第 {line} 行：{what}编号为 {number}，应为 {expected}")


class _Builder:
    """Accumulates chapters, articles, paragraphs and items line by line."""

    def __init__(self) -> None:
        self.chapters: list[ParsedChapter] = []
        self.repairs: list[ScanRepair] = []
        # The paragraph or item the last line wrote to, for page-break joins.
        self.open_text: ParsedParagraph | ParsedItem | None = None
        self.open_citation: Citation | None = None
        self.open_scan = ""
        self.open_line = 0

    @property
    def article(self) -> ParsedArticle:
        return self.chapters[-1].articles[-1]

    def add_chapter(self, number: int, title: str, line: int) -> None:
        self.close()
        _expect(number, len(self.chapters) + 1, "章", line)
        self.chapters.append(ParsedChapter(number, "".join(title.split())))

    def add_article(self, number: int, text: str, line: int) -> None:
        self.close()
        if not self.chapters:
            raise GazetteParseError(f"第 {line} 行：第{number}条出现在第一章之前")
        previous = sum(len(chapter.articles) for chapter in self.chapters)
        _expect(number, previous + 1, "条", line)
        self.chapters[-1].articles.append(ParsedArticle(number))
        self.add_paragraph(text, line)

    def add_paragraph(self, text: str, line: int) -> None:
        self.close()
        paragraphs = self.article.paragraphs
        paragraph = ParsedParagraph(len(paragraphs) + 1, text)
        paragraphs.append(paragraph)
        self.open(paragraph, Citation(self.article.number, paragraph.number), text, line)

    def add_item(self, number: int, text: str, line: int) -> None:
        self.close()
        paragraph = self.article.paragraphs[-1]
        _expect(number, len(paragraph.items) + 1, "项", line)
        item = ParsedItem(number, text)
        paragraph.items.append(item)
        self.open(item, Citation(self.article.number, paragraph.number, number), text, line)

    def open(self, target: ParsedParagraph | ParsedItem, citation: Citation, scan: str, line: int) -> None:
        self.open_text, self.open_citation, self.open_scan, self.open_line = target, citation, scan, line

    def continues(self) -> bool:
        """Whether the open paragraph or item stops mid-sentence (a page break)."""
        return self.open_text is not None and not self.open_text.text.endswith(_SENTENCE_END)

    def join(self, text: str, line: int) -> None:
        assert self.open_text is not None and self.open_citation is not None
        self.open_text.text += text
        self.open_scan += "\n" + text

    def close(self) -> None:
        target = self.open_text
        if target is not None and "\n" in self.open_scan:
            assert self.open_citation is not None
            self.repairs.append(
                ScanRepair(self.open_citation, "page-break-join", self.open_scan, target.text, self.open_line)
            )
        self.open_text = None
        self.open_scan = ""


def parse_regulation(text: str, title: str) -> ParsedRegulation:
    """Parse the regulation titled `title` out of a whole gazette's text."""
    builder = _Builder()
    adoption_note: str | None = None
    for line_number, raw in regulation_section(text, title):
        line = raw.strip()
        if not line:
            continue
        heading = _HEADING.match(line)
        body = heading["text"].strip() if heading else line
        if chapter := _CHAPTER.match(body):
            if _LIST_ENTRY.match(line):  # the table of contents lists chapters as "- 第一章 总 则"
                continue
            builder.add_chapter(_number(chapter["number"], "章", line_number), chapter["title"], line_number)
            continue
        if heading:  # another heading inside the section, e.g. "## 目 录"
            continue
        if not builder.chapters:
            if adoption_note is None and line[0] in "(（":
                adoption_note = line
            continue
        if article := _ARTICLE.match(line):
            builder.add_article(_number(article["number"], "条", line_number), article["text"], line_number)
        elif item := _ITEM.match(line):
            builder.add_item(_number(item["number"], "项", line_number), item["text"], line_number)
        elif builder.continues():
            builder.join(line, line_number)
        else:
            builder.add_paragraph(line, line_number)
    builder.close()
    if not builder.chapters:
        raise GazetteParseError(f"《{title}》中没有找到任何章")
    return ParsedRegulation(title, adoption_note, builder.chapters, builder.repairs)


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
