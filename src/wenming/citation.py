"""Citations of a provision: parse every form a person writes, format the statute's form.

Accepted forms (article 22, paragraph 1 of article 32, item 9 and so on):

    22  ２２  二十二  第二十二条  第22条          an article
    第三十二条第四款      32-4                   a paragraph (款)
    第二十二条第九项      22.9                   an item (项) of the article's itemised paragraph
    第二十九条第一款第三项  29-1.3                 an item of a named paragraph

Parsing is purely syntactic; whether the provision exists is the regulation's
business (`Regulation.resolve`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wenming.numerals import MAX_NUMBER, normalise_digits, parse_number, to_chinese

_CN = "零一二三四五六七八九十百千"
_NUM = rf"[0-9]+|[{_CN}]+"
_CHINESE_FORM = re.compile(
    rf"第?(?P<article>{_NUM})条?"
    rf"(?:第(?P<paragraph>{_NUM})款)?"
    rf"(?:第(?P<item>{_NUM})项)?"
)
_COMPACT_FORM = re.compile(r"(?P<article>[0-9]+)(?:-(?P<paragraph>[0-9]+))?(?:\.(?P<item>[0-9]+))?")

# How the forms are written in help texts and error messages.
CITATION_FORMS_HELP = (
    "22、２２、二十二、第二十二条；款：第三十二条第四款 或 32-4；"
    "项：第二十二条第九项 或 22.9；款和项：第二十九条第一款第三项 或 29-1.3"
)


class CitationSyntaxError(ValueError):
    """The text is not a citation in any accepted form."""


@dataclass(frozen=True, order=True)
class Citation:
    """A pointer into the regulation: article, optionally paragraph, optionally item.

    `paragraph` is None for "第二十二条第九项", where the statute leaves the paragraph
    implicit because the article has a single itemised paragraph.
    """

    article: int
    paragraph: int | None = None
    item: int | None = None

    def chinese(self, *, show_paragraph: bool = True) -> str:
        """第二十九条第一款第三项; show_paragraph=False drops a paragraph the reader need not see."""
        text = f"第{_numeral(self.article)}条"
        if self.paragraph is not None and (show_paragraph or self.item is None):
            text += f"第{_numeral(self.paragraph)}款"
        if self.item is not None:
            text += f"第{_numeral(self.item)}项"
        return text

    def contains(self, other: Citation) -> bool:
        """Whether `other` is this provision or a part of it (第二十二条 contains 第二十二条第一款第九项)."""
        return (
            self.article == other.article
            and (self.paragraph is None or self.paragraph == other.paragraph)
            and (self.item is None or self.item == other.item)
        )

    def overlaps(self, other: Citation) -> bool:
        """Whether one of the two provisions contains the other."""
        return self.contains(other) or other.contains(self)

    def compact(self) -> str:
        """29-1.3, 32-4, 22.9, 22: the Arabic form accepted on the command line."""
        text = str(self.article)
        if self.paragraph is not None:
            text += f"-{self.paragraph}"
        if self.item is not None:
            text += f".{self.item}"
        return text


def _numeral(number: int) -> str:
    # Out-of-range numbers still need a readable message (没有第零条, 没有第10000条) that parses back.
    if number == 0:
        return "零"
    return to_chinese(number) if 0 < number <= MAX_NUMBER else str(number)


def _number(text: str) -> int | None:
    # 零 is no article's number, but 第零条 is a well-formed citation of one that does not exist:
    # read it, so that the regulation can say what it has (本条例共四十二条).
    return 0 if text == "零" else parse_number(text)


def _clean(text: str) -> str:
    # People paste citations with spaces, full-width digits and 《》 around them.
    return normalise_digits("".join(text.split()))


def parse_citation(text: str) -> Citation:
    """Parse any accepted form; raise CitationSyntaxError (message in Chinese) otherwise."""
    cleaned = _clean(text)
    if not cleaned:
        raise CitationSyntaxError("条文引用为空")
    if len(cleaned) > 40:
        raise CitationSyntaxError("条文引用过长")
    match = _COMPACT_FORM.fullmatch(cleaned) or _CHINESE_FORM.fullmatch(cleaned)
    if match is None:
        raise CitationSyntaxError(f"无法识别的条文引用：{cleaned}")
    numbers: dict[str, int | None] = {}
    for part in ("article", "paragraph", "item"):
        raw = match.group(part)
        if raw is None:
            numbers[part] = None
            continue
        value = _number(raw)
        if value is None:
            raise CitationSyntaxError(f"无法识别的数字：{raw}")
        numbers[part] = value
    article = numbers["article"]
    assert article is not None  # the pattern requires it
    return Citation(article, numbers["paragraph"], numbers["item"])
