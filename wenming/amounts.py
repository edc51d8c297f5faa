"""The amounts a sanction's words state: 处五十元罚款, 处一万元以上五万元以下的罚款, 处二百元以下罚款,
处每只犬五千元罚款, 处赔偿费一倍以上三倍以下罚款.

This is the grammar of Chinese amounts (numerals with 万, 元, 以上/以下, 倍), not a reading of any
regulation: the validation of a data file and the extractor both use it, so that the amounts a
data file states are always the ones its quoted words spell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wenming.numerals import from_chinese

_NUMERAL = "[零一二三四五六七八九十百千万]+"
_YUAN = rf"(?P<{{name}}>{_NUMERAL})元"
_RANGE = re.compile(rf"{_YUAN.format(name='low')}以上(?:的)?{_YUAN.format(name='high')}以下")
_UPPER = re.compile(rf"{_YUAN.format(name='high')}以下")
_FIXED = re.compile(_YUAN.format(name="high"))
_PER = re.compile(rf"每(?P<per>[^，。；、\d]{{1,6}}?)(?={_NUMERAL}元)")
_TIMES = re.compile(rf"(?P<of>[^，。；、处以并]{{1,12}}?)(?P<low>{_NUMERAL})倍以上(?P<high>{_NUMERAL})倍以下")
_TIMES_FIXED = re.compile(rf"(?P<of>[^，。；、处以并]{{1,12}}?)(?P<high>{_NUMERAL})倍")


def yuan(text: str) -> int | None:
    """一百 -> 100, 五万 -> 50000, 一万五千 -> 15000, 二十万 -> 200000; None unless a canonical numeral."""
    if "万" not in text:
        return from_chinese(text)
    head, _, tail = text.partition("万")
    if "万" in tail:
        return None
    tens_of_thousands = from_chinese(head) if head else None
    if tens_of_thousands is None:
        return None
    if not tail:
        return tens_of_thousands * 10000
    # 一万五千: the part after 万 is a whole number below ten thousand (一万零五百 writes its 零).
    rest = from_chinese(tail[1:]) if tail.startswith("零") else from_chinese(tail)
    if rest is None or (not tail.startswith("零") and rest < 1000):
        return None
    return tens_of_thousands * 10000 + rest


@dataclass(frozen=True)
class Amounts:
    """What one fine's words state. An upper limit only (二百元以下) has `low` None; a fixed fine
    has low == high; `per` is the unit of a per-unit fine (只犬, after 每); `of` the sum a multiple is of."""

    low: int | None
    high: int | None
    per: str | None = None
    of: str | None = None


def fine_amounts(words: str) -> Amounts | None:
    """The amounts in `words` (a fine's words, e.g. 处一百元以上二百元以下罚款); None when they state none.

    Raises ValueError for an amount that is not a canonical Chinese numeral (a damaged source).
    """
    times = _TIMES.search(words) or _TIMES_FIXED.search(words)
    if times is not None and "元" not in words:
        low_times = times.groupdict().get("low")
        return Amounts(
            low=_number(low_times) if low_times else _number(times.group("high")),
            high=_number(times.group("high")),
            of=times.group("of"),
        )
    per = _PER.search(words)
    found = _RANGE.search(words)
    if found is not None:
        return Amounts(_number(found.group("low")), _number(found.group("high")), per.group("per") if per else None)
    upper = _UPPER.search(words)
    if upper is not None:
        return Amounts(None, _number(upper.group("high")), per.group("per") if per else None)
    fixed = _FIXED.search(words)
    if fixed is not None:
        amount = _number(fixed.group("high"))
        return Amounts(amount, amount, per.group("per") if per else None)
    return None


def _number(text: str) -> int:
    value = yuan(text)
    if value is None:
        raise ValueError(f"无法识别的金额：{text}（not a Chinese numeral）")
    return value
