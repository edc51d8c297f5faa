"""Chinese numerals as statutes print them: 一 … 九十九 … 一百零五.

Statutes number chapters, articles, paragraphs and items in Chinese. Only the
forms that occur in legislation are accepted (no 两, no 壹贰叁), and every number
has exactly one canonical spelling, so that formatting and parsing round-trip.
"""

from __future__ import annotations

_DIGITS = "零一二三四五六七八九"
_DIGIT_VALUE = {ch: i for i, ch in enumerate(_DIGITS)}
_UNITS = (("千", 1000), ("百", 100), ("十", 10))

# Full-width digits (２２) are common when people type in a Chinese IME.
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")

MAX_NUMBER = 9999
MAX_DIGITS = 100  # the longest Arabic number read exactly


def to_chinese(number: int) -> str:
    """1 -> 一, 10 -> 十, 22 -> 二十二, 105 -> 一百零五 (the statute's spelling)."""
    if not 0 < number <= MAX_NUMBER:
        raise ValueError(f"{number} is outside 1..{MAX_NUMBER}")
    parts: list[str] = []
    rest = number
    pending_zero = False
    for unit_char, unit in _UNITS:
        digit, rest = divmod(rest, unit)
        if digit:
            if pending_zero:
                parts.append("零")
                pending_zero = False
            # 十 alone at the head of the number: 十二, not 一十二.
            if not (unit == 10 and digit == 1 and not parts):
                parts.append(_DIGITS[digit])
            parts.append(unit_char)
        elif parts:
            pending_zero = True
    if rest:
        if pending_zero:
            parts.append("零")
        parts.append(_DIGITS[rest])
    return "".join(parts)


def from_chinese(text: str) -> int | None:
    """二十二 -> 22; None when `text` is not a canonical Chinese numeral.

    Parsing by re-formatting keeps one spelling per number: 一十二 and 二二 are
    rejected rather than guessed.
    """
    if not text or len(text) > 12 or any(ch not in _DIGIT_VALUE and ch not in "十百千" for ch in text):
        return None
    value = 0
    current = 0
    for ch in text:
        if ch in _DIGIT_VALUE:
            current = _DIGIT_VALUE[ch]
        else:
            unit = dict(_UNITS)[ch]
            value += (current or 1) * unit
            current = 0
    value += current
    if not 0 < value <= MAX_NUMBER or to_chinese(value) != text:
        return None
    return value


def normalise_digits(text: str) -> str:
    """Full-width digits to ASCII: ２２ -> 22."""
    return text.translate(_FULL_WIDTH_DIGITS)


def parse_number(text: str) -> int | None:
    """An Arabic (half- or full-width) or canonical Chinese numeral; None otherwise."""
    text = normalise_digits(text.strip())
    if text.isascii() and text.isdigit():
        # Bound the length before int(): a 5000-digit argument must not cost anything. Below the
        # bound the exact value is kept, so that a message can name the number the user wrote.
        return int(text) if len(text) <= MAX_DIGITS else MAX_NUMBER + 1
    return from_chinese(text)
