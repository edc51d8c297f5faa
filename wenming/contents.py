"""Look-up: the table of contents, and one chapter's articles (`wenming contents`, `wenming chapter`)."""

from typing import Any

from wenming.answer import Answer
from wenming.citation import Citation, CitationSyntaxError, chapter_citation, parse_chapter_reference
from wenming.errors import BadInput, NotFound
from wenming.model import Article, Chapter
from wenming.numerals import to_chinese
from wenming.regulation import Regulation

FIRST_LINE_CHARS = 28  # characters of an article's opening shown in the contents


class ArticleLine(Answer):
    number: int
    citation: str
    first_line: str  # the opening of its first paragraph, cut at FIRST_LINE_CHARS with …


class ChapterView(Answer):
    number: int
    citation: str  # 第三章
    title: str | None  # None where the source lacks the chapter's heading
    first_article: int
    last_article: int
    articles_text: str  # 第二十二条至第二十七条
    articles: list[ArticleLine]


class ContentsView(Answer):
    title: str
    chapters: list[ChapterView]
    # A regulation without chapters: its articles. Left out of the JSON where there are chapters.
    articles: list[ArticleLine] | None = None

    def _json(self, data: dict[str, Any]) -> Any:
        if data["articles"] is None:
            del data["articles"]
        return data


def _first_line(article: Article) -> str:
    text = article.paragraphs[0].text
    return text if len(text) <= FIRST_LINE_CHARS else text[: FIRST_LINE_CHARS - 1] + "…"


def _article_line(article: Article) -> ArticleLine:
    citation = Citation(article.number).chinese()
    return ArticleLine(number=article.number, citation=citation, first_line=_first_line(article))


def _chapter_view(chapter: Chapter) -> ChapterView:
    first, last = chapter.articles[0].number, chapter.articles[-1].number
    span = Citation(first).chinese() + (f"至{Citation(last).chinese()}" if last != first else "")
    return ChapterView(
        number=chapter.number,
        citation=chapter_citation(chapter.number),
        title=chapter.title,
        first_article=first,
        last_article=last,
        articles_text=span,
        articles=[_article_line(a) for a in chapter.articles],
    )


def contents_view(regulation: Regulation) -> ContentsView:
    if not regulation.chapters:
        articles = [_article_line(article) for article in regulation.articles]
        return ContentsView(title=regulation.meta.title, chapters=[], articles=articles)
    return ContentsView(title=regulation.meta.title, chapters=[_chapter_view(c) for c in regulation.chapters])


def chapter_view(regulation: Regulation, reference: str) -> ContentsView:
    """One chapter: `3`, `三`, `第三章`."""
    try:
        number = parse_chapter_reference(reference)
    except CitationSyntaxError as error:
        raise BadInput(str(error), suggestion=error.suggestion) from None
    if not regulation.chapters:
        raise NotFound("本条例不分章", suggestion="用 wenming contents 查看各条")
    chapter = regulation.chapter(number)
    if chapter is None:
        count = to_chinese(len(regulation.chapters))
        raise NotFound(f"没有{chapter_citation(number)}：本条例共{count}章", suggestion="用 wenming contents 查看目录")
    return ContentsView(title=regulation.meta.title, chapters=[_chapter_view(chapter)])
