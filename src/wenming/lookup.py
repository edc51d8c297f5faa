"""Article look-up: the result model that `wenming article` prints, as JSON or as a view."""

from __future__ import annotations

from pydantic import BaseModel

from wenming.citation import CITATION_FORMS_HELP, Citation, CitationSyntaxError, parse_citation
from wenming.errors import BadInput, NotFound
from wenming.model import Provision, Regulation, UnknownProvision


class ItemView(BaseModel):
    number: int
    citation: str
    text: str


class ParagraphView(BaseModel):
    number: int
    citation: str
    text: str
    items: list[ItemView]


class ArticleView(BaseModel):
    number: int
    citation: str
    chapter: int
    chapter_title: str
    # The part the reference named (a paragraph or item), or None for the whole article.
    focus: str | None
    paragraphs: list[ParagraphView]


def find_provision(regulation: Regulation, reference: str) -> Provision:
    """Resolve a user's reference, turning parse and look-up failures into user errors."""
    try:
        citation = parse_citation(reference)
    except CitationSyntaxError as error:
        raise BadInput(f"{error}", suggestion=f"可用的写法：{CITATION_FORMS_HELP}") from None
    try:
        return regulation.resolve(citation)
    except UnknownProvision as error:
        raise NotFound(str(error)) from None


def article_view(regulation: Regulation, reference: str) -> ArticleView:
    provision = find_provision(regulation, reference)
    article = provision.article
    chapter = regulation.chapter_of(article.number)
    assert chapter is not None  # every resolved article sits in a chapter
    cite = regulation.citation_text
    paragraphs = [
        ParagraphView(
            number=paragraph.number,
            citation=cite(Citation(article.number, paragraph.number)),
            text=paragraph.text,
            items=[
                ItemView(
                    number=item.number,
                    citation=cite(Citation(article.number, paragraph.number, item.number)),
                    text=item.text,
                )
                for item in paragraph.items
            ],
        )
        for paragraph in article.paragraphs
    ]
    focus = provision.chinese if provision.paragraph is not None else None
    return ArticleView(
        number=article.number,
        citation=cite(Citation(article.number)),
        chapter=chapter.number,
        chapter_title=chapter.title,
        focus=focus,
        paragraphs=paragraphs,
    )
