"""One way to turn a regulation's lines into chapters, articles, paragraphs and items.

Both source formats (LawRefBook Markdown, a gazette converted to text) hand their body lines to
`read_body`. A line is one of

    ## 第一章  总则   /  ### 第一章 总 则        a chapter heading (markup and spacing vary)
    第一条 为了……    /  第一条　为了……          an article and its first paragraph
    （一）见义勇为；  /  - (一) 见义勇为；        an item of the paragraph above
    市、县（市、区）……                          a further paragraph

Word for word: the text of a paragraph or item is the line after its marker; a 第（一）项 inside the
text is kept as printed. Where the source is damaged the reader repairs only what it can repair
unambiguously, records each repair (`Repair`: the lines as printed and as read) and reports each
damage (`Problem`, with its line). Nothing is dropped: a line the reader cannot place is reported.

`canonical_line` applies the conventions (markup, marker spacing, chapter-title spacing) to one
printed line and `render_lines` writes a read structure back as lines in the same form, so that a
fidelity test can check: the source's lines, with the recorded repairs applied, are the rendering.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from wenming.citation import Citation
from wenming.model import RepairKind  # the data records each repair the reader makes, by the same kinds
from wenming.numerals import from_chinese, to_chinese

NUMERAL = "[一二三四五六七八九十百零]+"
_HEADING = re.compile(r"^(?P<hashes>#+)\s*(?P<text>.*)$")
_LIST_ENTRY = re.compile(r"^-\s+(?P<text>.*)$")
_CHAPTER = re.compile(rf"^第(?P<number>{NUMERAL})章(?:\s+(?P<title>.*)|(?P<bare>[^\s条节].*)?)$")
_ARTICLE = re.compile(rf"^第(?P<number>{NUMERAL})条\s+(?P<text>.*)$")
_ITEM = re.compile(rf"^[（(](?P<number>{NUMERAL})[)）]\s*(?P<text>.*)$")
# A line ending in one of these ends its paragraph or item; any other ending breaks a sentence.
SENTENCE_END = ("。", "；", "：", "！", "？", "”", "」", ";", ":", "!", "?")
_INTRODUCES_ITEMS = ("：", ":")
_ITEM_END = ("；", ";")
# The longest chapter title a bare line (a heading that lost its 第X章) may be read as.
_BARE_TITLE_MAX = 12

ConventionKey = Literal["scan-markup", "item-markers", "article-marker-spacing", "chapter-title-spacing"]

# What `canonical_line` does to every printed line: the differences a fidelity test allows everywhere.
CONVENTIONS: dict[ConventionKey, str] = {
    "scan-markup": "标题符号“#”、列表符号“-”和行首行尾的空白不计入文本。",
    "item-markers": "项的序号“(一)”“（一）”不计入项的文本，由项的编号表示。",
    "article-marker-spacing": "“第X条”与条文之间的空格（半角、全角或多个）不计入文本。",
    "chapter-title-spacing": "章名中的排版空格删去：“总 则”记为“总则”。",
}

ProblemKind = Literal[
    "missing-chapter-heading",  # a chapter's heading is absent, or printed without its 第X章
    "numbering-gap",  # a chapter, article or item number is not the one expected
    "merged-articles",  # two articles run together on one line
    "merged-items",  # two items run together on one line
    "lost-item-marker",  # an item printed without its (一)
    "broken-line",  # a paragraph or item broken over two lines mid-sentence
    "cut-short",  # the regulation ends early: no 附则, no 施行 article, a last line cut off
    "stray-text",  # text where no article is open (before the first article)
    "unreadable-number",  # a 第X条/第X章/(X) whose numeral is not a canonical Chinese numeral
    "header",  # the adoption history is damaged
]


class ReadError(ValueError):
    """The source cannot be read as a regulation at all (it is refused); the message says why."""


@dataclass
class Item:
    number: int
    text: str
    line: int


@dataclass
class Paragraph:
    number: int
    text: str
    line: int
    items: list[Item] = field(default_factory=list)


@dataclass
class Article:
    number: int
    line: int
    paragraphs: list[Paragraph] = field(default_factory=list)


@dataclass
class Chapter:
    """A chapter; `title` and `line` are None when the source lacks its heading altogether."""

    number: int
    title: str | None
    line: int | None
    articles: list[Article] = field(default_factory=list)


@dataclass(frozen=True)
class Problem:
    """Damage found in the source: where, what kind, and a message in Chinese (English after it)."""

    line: int
    kind: ProblemKind
    message: str


@dataclass(frozen=True)
class Repair:
    """Where the structure differs from the source: `printed` lines (in canonical form, from `line`
    on, consecutive non-blank lines) were read as `read` (as `render_lines` writes them)."""

    line: int
    kind: RepairKind
    citation: Citation | None  # the provision repaired; None for a chapter heading
    printed: tuple[str, ...]
    read: tuple[str, ...]


def problem(line: int, kind: ProblemKind, chinese: str, english: str) -> Problem:
    """A problem whose message names the line, in Chinese first, then in English."""
    return Problem(line, kind, f"第 {line} 行：{chinese}（{english}）")


@dataclass
class Body:
    """What `read_body` makes of a regulation's body lines."""

    chapters: list[Chapter]  # empty for a regulation without chapters
    articles: list[Article]  # every article in order, whether in a chapter or not
    problems: list[Problem]
    repairs: list[Repair]
    skipped: list[int]  # lines read as layout only: a gazette's table of contents, its 目录 heading
    incomplete: bool  # the regulation is cut short, or a chapter or article is missing


@dataclass(frozen=True)
class Line:
    """One printed line, classified."""

    number: int
    kind: Literal["blank", "chapter", "toc", "heading", "article", "item", "text"]
    canonical: str  # the line under the conventions
    value: int | None = None  # the chapter, article or item number
    text: str = ""  # the words after the marker (a chapter's title without its spacing)
    numeral: str = ""


def classify(number: int, raw: str) -> Line:
    line = raw.strip()
    if not line:
        return Line(number, "blank", "")
    heading = _HEADING.match(line)
    body = heading["text"].strip() if heading else line
    listed = _LIST_ENTRY.match(body)
    if listed:
        body = listed["text"].strip()
    if (chapter := _CHAPTER.match(body)) and from_chinese(chapter["number"]) is not None:
        title = "".join((chapter["title"] or chapter["bare"] or "").split())
        canonical = f"第{chapter['number']}章" + (f" {title}" if title else "")
        kind: Literal["chapter", "toc"] = "toc" if listed else "chapter"
        return Line(number, kind, canonical, from_chinese(chapter["number"]), title, chapter["number"])
    if heading:
        return Line(number, "heading", body)
    if article := _ARTICLE.match(body):
        text = article["text"].strip()
        return Line(
            number,
            "article",
            f"第{article['number']}条 {text}",
            from_chinese(article["number"]),
            text,
            article["number"],
        )
    if item := _ITEM.match(body):
        text = item["text"].strip()
        return Line(number, "item", f"（{item['number']}）{text}", from_chinese(item["number"]), text, item["number"])
    return Line(number, "text", body, text=body)


def canonical_line(raw: str) -> str:
    """A printed line under the conventions (`CONVENTIONS`): how `render_lines` would write it."""
    return classify(1, raw).canonical


def article_line(number: int, text: str) -> str:
    return f"第{to_chinese(number)}条 {text}"


def item_line(number: int, text: str) -> str:
    return f"（{to_chinese(number)}）{text}"


def chapter_line(number: int, title: str) -> str:
    return f"第{to_chinese(number)}章 {title}" if title else f"第{to_chinese(number)}章"


def render_lines(chapters: Sequence[Chapter], articles: Sequence[Article]) -> list[str]:
    """The structure written back as lines, one per heading, paragraph and item, in canonical form.

    A chapter whose heading the source lacks (`line` None) writes no heading line."""
    lines: list[str] = []

    def article_lines(article: Article) -> None:
        for paragraph in article.paragraphs:
            first = paragraph.number == 1
            lines.append(article_line(article.number, paragraph.text) if first else paragraph.text)
            lines.extend(item_line(item.number, item.text) for item in paragraph.items)

    if not chapters:
        for article in articles:
            article_lines(article)
        return lines
    for chapter in chapters:
        if chapter.line is not None:
            lines.append(chapter_line(chapter.number, chapter.title or ""))
        for article in chapter.articles:
            article_lines(article)
    return lines


def _sentence_ended(text: str) -> bool:
    return text.rstrip().endswith(SENTENCE_END)


def _merged_article(text: str, next_number: int) -> re.Match[str] | None:
    """Where the next article starts inside `text` (…制定。第四十二条本条例…), if it does.

    Only the very next number counts, after a sentence's end, and not a reference to it
    (第四十二条第二款, 第四十二条规定的)."""
    pattern = rf"(?<=[。；;])\s*第{to_chinese(next_number)}条(?![第的规所、和至之])"
    return re.search(pattern, text)


def _merged_item(text: str, next_number: int) -> re.Match[str] | None:
    return re.search(rf"(?<=[；;。])\s*[（(]{to_chinese(next_number)}[)）]", text)


class _Builder:
    """Accumulates chapters, articles, paragraphs and items line by line; collects damage."""

    def __init__(self, lines: Sequence[Line], breaks: Literal["page-break-join", "line-break-join"]) -> None:
        self.breaks: Literal["page-break-join", "line-break-join"] = breaks
        self.has_chapters = any(line.kind == "chapter" for line in lines)
        self.chapters: list[Chapter] = []
        self.articles: list[Article] = []
        self.problems: list[Problem] = []
        self.repairs: list[Repair] = []
        self.skipped: list[int] = []
        self.incomplete = False
        # The paragraph or item the last line wrote to, while a line break may continue it.
        self.open_target: Paragraph | Item | None = None
        self.open_render: Callable[[], str] = str
        self.open_citation: Citation | None = None
        self.open_printed: list[str] = []
        self.open_line = 0

    # --- reporting --------------------------------------------------------------------------

    def problem(self, line: int, kind: ProblemKind, chinese: str, english: str) -> None:
        self.problems.append(problem(line, kind, chinese, english))

    def repair(
        self, line: int, kind: RepairKind, citation: Citation | None, printed: Sequence[str], read: Sequence[str]
    ) -> None:
        self.repairs.append(Repair(line, kind, citation, tuple(printed), tuple(read)))

    # --- structure --------------------------------------------------------------------------

    @property
    def article(self) -> Article | None:
        return self.articles[-1] if self.articles else None

    def add_chapter(self, number: int, title: str, line: int) -> None:
        self.close()
        if not self.chapters and self.articles:
            # Articles before the first heading: the first chapter's heading is missing.
            first, last = self.articles[0], self.articles[-1]
            self.chapters.append(Chapter(1, None, None, list(self.articles)))
            zh = f"{_article_range(first, last)}之前没有章标题：缺少第一章的标题"
            self.problem(first.line, "missing-chapter-heading", zh, "no chapter heading before these articles")
        expected = self.chapters[-1].number + 1 if self.chapters else 1
        if number != expected:
            self.problem(line, "numbering-gap", *_gap_message("章", number, expected))
            if number > expected:
                self.incomplete = True
        self.chapters.append(Chapter(number, title, line))

    def add_article(self, number: int, text: str, line: int, printed: str) -> list[str]:
        self.close()
        if (merged := _merged_article(text, number + 1)) is not None:
            first, rest = text[: merged.start()], text[merged.end() :].strip()
            zh = f"第{to_chinese(number)}条与第{to_chinese(number + 1)}条连在一行，已分开"
            return self.split(
                line, printed, "merged-articles", zh, "two articles run together on one line", Citation(number),
                lambda: self.add_article(number, first, line, printed),
                lambda: self.add_article(number + 1, rest, line, printed),
            )  # fmt: skip
        expected = self.articles[-1].number + 1 if self.articles else 1
        if number != expected:
            self.problem(line, "numbering-gap", *_gap_message("条", number, expected))
            if number > expected:
                self.incomplete = True
        article = Article(number, line)
        self.articles.append(article)
        if self.chapters:
            self.chapters[-1].articles.append(article)
        return self.add_paragraph(text, line, printed)

    def split(
        self, line: int, printed: str, kind: Literal["merged-articles", "merged-items"], chinese: str, english: str,
        citation: Citation, first: Callable[[], list[str]], second: Callable[[], list[str]],
    ) -> list[str]:  # fmt: skip
        """One printed line holding two provisions: read as both, reported, recorded as one repair."""
        self.problem(line, kind, chinese, f"{english}; split")
        read = first() + second()
        self.close()
        # A third provision on the line was split off inside `second`: this repair covers it.
        self.repairs = [repair for repair in self.repairs if repair.line != line]
        repair: RepairKind = "split-merged-articles" if kind == "merged-articles" else "split-merged-items"
        self.repair(line, repair, citation, [printed], read)
        return read

    def add_paragraph(self, text: str, line: int, printed: str) -> list[str]:
        self.close()
        article = self.article
        assert article is not None
        if article.paragraphs and (merged := _merged_article(text, article.number + 1)) is not None:
            first, rest = text[: merged.start()], text[merged.end() :].strip()
            zh = f"第{to_chinese(article.number + 1)}条接在上一款的末尾，已分开"
            return self.split(
                line, printed, "merged-articles", zh, "the next article runs on at a paragraph's end",
                Citation(article.number), lambda: self.add_paragraph(first, line, printed),
                lambda: self.add_article(article.number + 1, rest, line, printed),
            )  # fmt: skip
        paragraph = Paragraph(len(article.paragraphs) + 1, text, line)
        article.paragraphs.append(paragraph)
        opens_article = paragraph.number == 1
        number = article.number
        self.open(
            paragraph,
            Citation(number, paragraph.number),
            printed,
            line,
            (lambda: article_line(number, paragraph.text)) if opens_article else (lambda: paragraph.text),
        )
        return [self.open_render()]

    def add_item(self, number: int, text: str, line: int, printed: str) -> list[str]:
        self.close()
        article = self.article
        assert article is not None
        if (merged_article := _merged_article(text, article.number + 1)) is not None:
            first, rest = text[: merged_article.start()], text[merged_article.end() :].strip()
            zh = f"第{to_chinese(article.number + 1)}条接在一项的末尾，已分开"
            return self.split(
                line, printed, "merged-articles", zh, "the next article runs on at an item's end",
                Citation(article.number), lambda: self.add_item(number, first, line, printed),
                lambda: self.add_article(article.number + 1, rest, line, printed),
            )  # fmt: skip
        paragraph = article.paragraphs[-1]
        expected = len(paragraph.items) + 1
        if (merged := _merged_item(text, number + 1)) is None:
            if number > expected and self.restore_markers(article, number):
                paragraph = article.paragraphs[-1]
                expected = len(paragraph.items) + 1
            if number != expected:
                self.problem(line, "numbering-gap", *_gap_message("项", number, expected))
        else:
            first, rest = text[: merged.start()], text[merged.end() :].strip()
            zh = f"第（{to_chinese(number)}）项与第（{to_chinese(number + 1)}）项连在一行，已分开"
            return self.split(
                line, printed, "merged-items", zh, "two items run together on one line",
                Citation(article.number, paragraph.number, number), lambda: self.add_item(number, first, line, printed),
                lambda: self.add_item(number + 1, rest, line, printed),
            )  # fmt: skip
        item = Item(number, text, line)
        paragraph.items.append(item)
        self.open(
            item,
            Citation(article.number, paragraph.number, number),
            printed,
            line,
            lambda: item_line(number, item.text),
        )
        return [self.open_render()]

    def restore_markers(self, article: Article, number: int) -> bool:
        """Item (n) follows k plain paragraphs after a list's lead-in or its last item (m), and
        n == m + k + 1: the k paragraphs are items that lost their markers. Reads them as items if so."""
        paragraphs = article.paragraphs
        for index in range(len(paragraphs) - 2, -1, -1):
            owner, lost = paragraphs[index], paragraphs[index + 1 :]
            if lost[0].items:
                return False
            if number == len(owner.items) + len(lost) + 1 and (owner.items or owner.text.endswith(_INTRODUCES_ITEMS)):
                del paragraphs[index + 1 :]
                for paragraph in lost:
                    self.lost_marker(article, owner, paragraph.text, paragraph.line, paragraph.text)
                return True
        return False

    def lost_marker(self, article: Article, owner: Paragraph, text: str, line: int, printed: str) -> None:
        number = len(owner.items) + 1
        item = Item(number, text, line)
        owner.items.append(item)
        zh = f"第{to_chinese(article.number)}条的一项缺少序号，按位置读作第（{to_chinese(number)}）项"
        self.problem(line, "lost-item-marker", zh, "an item printed without its marker; numbered by its place")
        self.repair(
            line,
            "item-marker-restored",
            Citation(article.number, owner.number, number),
            [printed],
            [item_line(number, text)],
        )

    def add_text(self, text: str, line: int, next_line: Line | None) -> None:
        article = self.article
        if self.continues():
            self.join(text, line)
        elif self.has_chapters and _bare_title(text) and next_line is not None and next_line.kind == "article":
            number = self.chapters[-1].number + 1 if self.chapters else (2 if self.articles else 1)
            title = "".join(text.split())
            self.add_chapter(number, title, line)
            zh = f"章标题「{text}」缺少“第{to_chinese(number)}章”字样，按位置读作第{to_chinese(number)}章"
            self.problem(line, "missing-chapter-heading", zh, "a chapter heading without its number; numbered by place")
            self.repair(line, "chapter-marker-restored", None, [text], [chapter_line(number, title)])
        elif article is None:
            self.problem(line, "stray-text", f"第一条之前的文字，未读入：「{text}」", "text before the first article")
        elif _lost_marker(article.paragraphs[-1], text):
            self.close()
            self.lost_marker(article, article.paragraphs[-1], text, line, text)
        else:
            self.add_paragraph(text, line, text)

    # --- line breaks ------------------------------------------------------------------------

    def open(
        self, target: Paragraph | Item, citation: Citation, printed: str, line: int, render: Callable[[], str]
    ) -> None:
        self.open_target, self.open_citation, self.open_line, self.open_render = target, citation, line, render
        self.open_printed = [printed]

    def continues(self) -> bool:
        """Whether the open paragraph or item stops mid-sentence (a page or line break)."""
        return self.open_target is not None and not _sentence_ended(self.open_target.text)

    def join(self, text: str, line: int) -> None:
        assert self.open_target is not None
        if self.breaks == "line-break-join":
            zh = f"此行接续第 {self.open_line} 行的句子，已合并"
            self.problem(line, "broken-line", zh, "a sentence broken over two lines; joined")
        self.open_target.text += text
        self.open_printed.append(text)

    def close(self) -> None:
        if self.open_target is not None and len(self.open_printed) > 1:
            self.repair(self.open_line, self.breaks, self.open_citation, self.open_printed, [self.open_render()])
        self.open_target = None
        self.open_printed = []

    # --- the end ----------------------------------------------------------------------------

    def finish(self, last_line: int) -> None:
        open_text = self.open_target.text if self.open_target is not None else ""
        self.close()
        if not self.articles:
            raise ReadError("没有找到任何条文（no article found）")
        if open_text and not _sentence_ended(open_text):
            self.cut_short(last_line, f"最后一行在句中断开：「…{open_text[-12:]}」", "the last line stops mid-sentence")
        last = self.articles[-1]
        if not any("施行" in paragraph.text for paragraph in last.paragraphs):
            zh = f"最后一条（第{to_chinese(last.number)}条）不是施行条款，条例不完整"
            self.cut_short(last_line, zh, "the last article is not the commencement article")
        if self.chapters and self.chapters[-1].title != "附则":
            chapter = self.chapters[-1]
            zh = f"最后一章是第{to_chinese(chapter.number)}章「{chapter.title}」，没有附则"
            self.cut_short(last_line, zh, "no 附则 chapter at the end")

    def cut_short(self, line: int, chinese: str, english: str) -> None:
        self.problem(line, "cut-short", chinese, english)
        self.incomplete = True


def _lost_marker(owner: Paragraph, text: str) -> bool:
    """Whether a plain line after `owner` is an item of it printed without its marker: the list is
    still open (its last item ends in ；), or the line ends in ； right after the list's lead-in (：)."""
    if owner.items:
        return owner.items[-1].text.endswith(_ITEM_END)
    return owner.text.endswith(_INTRODUCES_ITEMS) and text.endswith(_ITEM_END)


def _bare_title(text: str) -> bool:
    """A short line without punctuation: a chapter title printed without its 第X章."""
    compact = "".join(text.split())
    return 0 < len(compact) <= _BARE_TITLE_MAX and not re.search(r"[，。；：、,.;:！？!?（）()“”]", compact)


def _article_range(first: Article, last: Article) -> str:
    if first is last:
        return f"第{to_chinese(first.number)}条"
    return f"第{to_chinese(first.number)}条至第{to_chinese(last.number)}条"


def _gap_message(unit: str, number: int, expected: int) -> tuple[str, str]:
    found = f"编号为第{to_chinese(number)}{unit}，应为第{to_chinese(expected)}{unit}"
    if number > expected:
        missing = f"第{to_chinese(expected)}{unit}"
        if number > expected + 1:
            missing += f"至第{to_chinese(number - 1)}{unit}"
        return f"{found}：缺少{missing}", "the numbering skips: text is missing"
    return found, "the numbering repeats or goes back"


def read_body(
    raw_lines: Sequence[tuple[int, str]], breaks: Literal["page-break-join", "line-break-join"], layout: bool = False
) -> Body:
    """Read (line number, line) pairs into chapters, articles, paragraphs and items.

    `breaks` says what a line break in mid-sentence is: a gazette scan's page break (repaired,
    not damage) or a transcription's broken line (repaired and reported). With `layout`, headings
    that are not chapters' (a gazette's 目录) are layout, skipped; without, they are reported."""
    lines = [line for line in (classify(number, raw) for number, raw in raw_lines) if line.kind != "blank"]
    builder = _Builder(lines, breaks)
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else None
        if line.kind in ("chapter", "article", "item") and line.value is None:
            zh = f"无法识别的编号「{line.numeral}」，此行按普通文字读入"
            builder.problem(line.number, "unreadable-number", zh, "unreadable numeral; read as text")
            if builder.article is not None:
                builder.add_text(line.canonical, line.number, following)
            continue
        if line.kind == "toc" or (line.kind == "heading" and layout):
            builder.skipped.append(line.number)
        elif line.kind == "heading":
            zh = f"不是章标题的标题行，未读入：「{line.canonical}」"
            builder.problem(line.number, "stray-text", zh, "a heading that is not a chapter's; not read")
        elif line.kind == "chapter":
            assert line.value is not None
            builder.add_chapter(line.value, line.text, line.number)
        elif line.kind == "article":
            assert line.value is not None
            builder.add_article(line.value, line.text, line.number, line.canonical)
        elif builder.article is None:
            zh = f"第一条之前的文字，未读入：「{line.canonical}」"
            builder.problem(line.number, "stray-text", zh, "text before the first article; not read")
        elif line.kind == "item":
            assert line.value is not None
            builder.add_item(line.value, line.text, line.number, line.canonical)
        else:
            builder.add_text(line.text, line.number, following)
    builder.finish(lines[-1].number if lines else 0)
    return Body(
        builder.chapters, builder.articles, builder.problems, builder.repairs, builder.skipped, builder.incomplete
    )


def text_part(chapters: Sequence[Chapter], articles: Sequence[Article]) -> dict[str, Any]:
    """The structure in data/regulation.yaml's shape: `chapters` (or `articles` without chapters)."""

    def article_data(article: Article) -> dict[str, Any]:
        paragraphs = []
        for paragraph in article.paragraphs:
            entry: dict[str, Any] = {"number": paragraph.number, "text": paragraph.text}
            if paragraph.items:
                entry["items"] = [{"number": item.number, "text": item.text} for item in paragraph.items]
            paragraphs.append(entry)
        return {"number": article.number, "paragraphs": paragraphs}

    if not chapters:
        return {"articles": [article_data(article) for article in articles]}
    return {
        "chapters": [
            {
                "number": chapter.number,
                "title": chapter.title,
                "articles": [article_data(article) for article in chapter.articles],
            }
            for chapter in chapters
        ]
    }
