"""Citations of a provision: parse every form a person writes, format the statute's form.

Accepted forms (article 22, paragraph 1 of article 32, item 9 and so on):

    22  ２２  二十二  第二十二条  第22条          an article
    第三十二条第四款      32-4                   a paragraph (款)
    第二十二条第九项      22.9                   an item (项) of the article's itemised paragraph
    第二十九条第一款第三项  29-1.3                 an item of a named paragraph

Before parsing, the text is normalised the way people paste and type it: full-width ASCII
(２２．９, 32－4) becomes ASCII, traditional 條/項 become 条/项, and brackets or quotes around the
whole citation (《第二十二条》, “22.9”) are dropped. Spaces between tokens are ignored (第 22 条,
32 - 4), but a space never joins two Arabic numbers: `22 9` is a syntax error suggesting 22.9,
never 第二百二十九条. (Spaces inside a Chinese numeral are ignored: only a canonical numeral
parses, so 二十 二 can only be 二十二.) A lone negative number (-1) is read as an article
number, so that the regulation can say what it has, as for 第零条.

Chapter references (3, 三, 第三章) are parsed here too: `parse_chapter_reference`.

Parsing is purely syntactic; whether the provision exists is the regulation's
business (`Regulation.resolve`).
"""

from __future__ import annotations

import re
from typing import Any

from wenming.numerals import MAX_NUMBER, parse_number, to_chinese

MAX_LENGTH = 40  # characters of a citation as typed: 第二十九条第一款第三项 is 11

# The forms as pattern text, compiled by `re` when first used (and kept in its cache): a command compiles
# only the forms it reads, where compiling all six at import cost a millisecond of every start.
_CN = "零一二三四五六七八九十百千"
_NUM = rf"[0-9]+|[{_CN}]+"
_CHINESE_FORM = (
    rf"第?(?P<article>{_NUM})条?"
    rf"(?:第(?P<paragraph>{_NUM})款)?"
    rf"(?:第(?P<item>{_NUM})项)?"
)
# A leading minus is read (-1), so that a negative number gets "没有第-1条" like 第零条 does.
_COMPACT_FORM = r"(?P<article>-?[0-9]+)(?:-(?P<paragraph>[0-9]+))?(?:\.(?P<item>[0-9]+))?"
# -1 is read, as for an article, so that the answer is "no such chapter" (exit 1), not a usage error.
_CHAPTER_FORM = rf"第?(?P<number>-?[0-9]+|[{_CN}]+)章?"
# What a citation is written with: a text of these alone that does not parse is a malformed
# citation (a usage error), not words to look up.
_CITATION_LIKE = rf"[0-9.\-\s第条款项{_CN}]+"

# Full-width ASCII digits and punctuation (U+FF01-FF5E, letters aside) to ASCII, as NFKC would;
# the dashes an IME gives for "-"; traditional 條 and 項.
_TRANSLATION: dict[int, int | str] = {
    code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F) if not chr(code - 0xFEE0).isalpha()
}
_TRANSLATION.update(dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2212\ufe63"), "-"))
_TRANSLATION.update({ord("條"): "条", ord("項"): "项"})
# Around the whole citation: 《第二十二条》, “22.9”, 【22】, (22) (full-width ones are ASCII by now).
_BRACKETS = {
    "《": "》",
    "〈": "〉",
    "「": "」",
    "『": "』",
    "“": "”",
    "‘": "’",
    "【": "】",
    "〔": "〕",
    "(": ")",
    "[": "]",
    '"': '"',
    "'": "'",
}
_SPACED_NUMBERS = r"[0-9]\s+[0-9]"
_IDEOGRAPHIC_STOP = r"(?<=[0-9])\s*。\s*(?=[0-9])"  # 22。9: "." typed in a Chinese IME

# How the forms are written in help texts and error messages.
CITATION_FORMS_HELP = (
    "22、２２、二十二、第二十二条；款：第三十二条第四款 或 32-4；"
    "项：第二十二条第九项 或 22.9；款和项：第二十九条第一款第三项 或 29-1.3"
)


class CitationSyntaxError(ValueError):
    """The text is not a citation in any accepted form; `suggestion` says what was probably meant."""

    def __init__(self, message: str, suggestion: str | None = None) -> None:
        super().__init__(message)
        self.suggestion = suggestion


class Citation:
    """A pointer into the regulation: article, optionally paragraph, optionally item.

    `paragraph` is None for "第二十二条第九项", where the statute leaves the paragraph
    implicit because the article has a single itemised paragraph.

    Immutable, hashable, and ordered by (article, paragraph, item). A plain class rather than a
    dataclass(frozen=True, order=True), whose generated methods cost every command about 0.5 ms
    to create (benchmarks/startup.py).
    """

    __slots__ = ("article", "item", "paragraph")
    article: int
    paragraph: int | None
    item: int | None

    def __init__(self, article: int, paragraph: int | None = None, item: int | None = None) -> None:
        object.__setattr__(self, "article", article)
        object.__setattr__(self, "paragraph", paragraph)
        object.__setattr__(self, "item", item)

    def _key(self) -> tuple[int, int | None, int | None]:
        return (self.article, self.paragraph, self.item)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"Citation is immutable: cannot set {name}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"Citation is immutable: cannot delete {name}")

    def __reduce__(self) -> tuple[type[Citation], tuple[int, int | None, int | None]]:
        return (Citation, self._key())  # copy and pickle rebuild it through __init__, not __setattr__

    def __repr__(self) -> str:
        return f"Citation(article={self.article!r}, paragraph={self.paragraph!r}, item={self.item!r})"

    def __hash__(self) -> int:
        return hash(self._key())

    def __eq__(self, other: object) -> bool:
        return self._key() == other._key() if isinstance(other, Citation) else NotImplemented

    def __lt__(self, other: Citation) -> bool:
        return self._key() < other._key() if isinstance(other, Citation) else NotImplemented

    def __le__(self, other: Citation) -> bool:
        return self._key() <= other._key() if isinstance(other, Citation) else NotImplemented

    def __gt__(self, other: Citation) -> bool:
        return self._key() > other._key() if isinstance(other, Citation) else NotImplemented

    def __ge__(self, other: Citation) -> bool:
        return self._key() >= other._key() if isinstance(other, Citation) else NotImplemented

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


def chapter_citation(number: int) -> str:
    """第三章; a number no chapter has still reads back (没有第七章, 没有第零章)."""
    return f"第{_numeral(number)}章"


def _numeral(number: int) -> str:
    # Out-of-range numbers still need a readable message (没有第零条, 没有第10000条) that parses back.
    if number == 0:
        return "零"
    return to_chinese(number) if 0 < number <= MAX_NUMBER else str(number)


def _number(text: str) -> int | None:
    # 零 is no article's number, but 第零条 is a well-formed citation of one that does not exist:
    # read it, so that the regulation can say what it has (本条例共四十二条).
    return 0 if text == "零" else parse_number(text)


def normalise(text: str) -> str:
    """The text as typed or pasted, made parseable: ASCII digits and punctuation, simplified 条/项,
    the brackets or quotes around the whole of it gone. Spaces are kept (see `_unspaced`)."""
    text = text.translate(_TRANSLATION).strip()
    if "。" in text:  # the pattern is compiled only for a text it can change
        text = re.sub(_IDEOGRAPHIC_STOP, ".", text)
    while len(text) >= 2 and _BRACKETS.get(text[0]) == text[-1]:
        text = text[1:-1].strip()
    return text


def _unspaced(text: str) -> str:
    """`text` without spaces, refusing a space that would join two numbers (22 9 is not 229)."""
    if text.isprintable() and " " not in text:  # no space at all (the usual case): nothing to refuse
        return text
    if re.search(_SPACED_NUMBERS, text):
        text = " ".join(text.split())  # as short as the caller's bound on the unspaced text allows
        numbers = text.split()
        suggestion = None
        if all(number.isdigit() for number in numbers):
            if len(numbers) == 2:
                suggestion = f"项写作 {numbers[0]}.{numbers[1]}，款写作 {numbers[0]}-{numbers[1]}"
            elif len(numbers) == 3:
                suggestion = f"款和项写作 {numbers[0]}-{numbers[1]}.{numbers[2]}"
        raise CitationSyntaxError(f"数字之间不能只用空格隔开：{text}", suggestion=suggestion)
    return "".join(text.split())


def parse_citation(text: str) -> Citation:
    """Parse any accepted form; raise CitationSyntaxError (message in Chinese) otherwise."""
    normalised = normalise(text)
    if not normalised:
        raise CitationSyntaxError("条文引用为空")
    if len("".join(normalised.split())) > MAX_LENGTH:
        raise CitationSyntaxError("条文引用过长")
    cleaned = _unspaced(normalised)
    if "《" in cleaned:  # 《永州市文明行为促进条例》第二十二条: the title is not part of the citation
        raise CitationSyntaxError(
            f"无法识别的条文引用：{cleaned}", suggestion="只写条文引用，不写法规名称，例如 第二十二条"
        )
    plain = _plain_form(cleaned)
    return plain if plain is not None else _pattern_form(cleaned)


def _pattern_form(cleaned: str) -> Citation:
    """Any accepted form, normalised and without spaces, read by the patterns."""
    match = re.fullmatch(_COMPACT_FORM, cleaned) or re.fullmatch(_CHINESE_FORM, cleaned)
    if match is None:
        raise CitationSyntaxError(f"无法识别的条文引用：{cleaned}")
    numbers: dict[str, int | None] = {}
    for part in ("article", "paragraph", "item"):
        raw = match.group(part)
        if raw is None:
            numbers[part] = None
            continue
        value = _number(raw.removeprefix("-"))
        if value is None:
            raise CitationSyntaxError(f"无法识别的数字：{raw}")
        numbers[part] = -value if raw.startswith("-") else value
    article = numbers["article"]
    assert article is not None  # the pattern requires it
    return Citation(article, numbers["paragraph"], numbers["item"])


def _plain_form(text: str) -> Citation | None:
    """22, 第二十二条, 第三十二条第四款, 第二十二条第九项, 第二十九条第一款第三项: the forms the data and
    most people write, read without compiling the patterns (a millisecond of a command's start). None
    for any other text, which the patterns read as before: they accept all of these too, alike."""
    if text.isascii() and text.isdigit():
        number = _number(text)
        return None if number is None else Citation(number)
    pieces = text.split("第")
    if pieces[0] or not 2 <= len(pieces) <= 4:
        return None
    numbers: dict[str, int] = {}
    units = iter("条款项")  # 条 first, then 款 and 项 in that order, each at most once
    for piece in pieces[1:]:
        body, unit = piece[:-1], piece[-1:]
        if not body or unit not in units:  # `in` on the iterator moves past the units skipped
            return None
        if not (all(char in _CN for char in body) or (body.isascii() and body.isdigit())):
            return None
        number = _number(body)
        if number is None:
            return None
        numbers[unit] = number
    if "条" not in numbers:
        return None
    return Citation(numbers["条"], numbers.get("款"), numbers.get("项"))


def looks_like_citation(text: str) -> bool:
    """Whether `text` is written as a citation is (22.9.1, 22 9, 第二十二条第九), parseable or not."""
    normalised = normalise(text)
    return bool(re.fullmatch(_CITATION_LIKE, normalised)) and bool(re.search(r"[0-9第]", normalised))


def parse_chapter_reference(text: str) -> int:
    """A chapter's number from 3, ３, 三 or 第三章; raise CitationSyntaxError otherwise."""
    normalised = normalise(text)
    if len("".join(normalised.split())) > MAX_LENGTH:
        raise CitationSyntaxError("章的写法过长", suggestion="写作 3、三 或 第三章")
    cleaned = _unspaced(normalised)
    match = re.fullmatch(_CHAPTER_FORM, cleaned)
    written = match.group("number") if match else ""
    number = -int(written[1:]) if written.startswith("-") else _number(written) if match else None
    if number is None:
        raise CitationSyntaxError(f"无法识别的章：{cleaned}", suggestion="写作 3、三 或 第三章")
    return number
