"""Lines of text with a hanging lead, wrapped by rich, shared by every view.

rich wraps (Text.wrap: at spaces where it can, so that `--social-service` stays whole; runs of
Chinese, which have no spaces, are folded by display cells, rich.cells, which count combining and
zero-width characters as none). Here a line is only composed: a lead (a label, an item's number)
with the text hanging under it, and no trailing spaces. One courtesy is kept on top of rich's
breaks: Chinese may break between any two characters, so a run of it after a space is not moved
to the next line whole; and a line does not start with closing punctuation (，。）…) nor end with
opening punctuation (the character before moves down with it).
"""

from __future__ import annotations

from itertools import chain
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text

from wenming.render import ViewConsole

if TYPE_CHECKING:  # only the views that draw a table import rich.table (article and search do not)
    from rich.table import Table

INDENT = 2
# Closing punctuation that must not begin a line (the preceding character moves down with it).
NO_LINE_START = frozenset("，。、；：？！）》」』”’…")
# Opening punctuation that must not end a line (it moves down with what it opens).
NO_LINE_END = frozenset("（《「『“‘")
MIN_TEXT_CELLS = 10
# Keeps a number with its unit (罚款 100–200 元): no line breaks there unless nothing else fits;
# written as a plain space.
NBSP = "\u00a0"


def wrap(console: ViewConsole, text: Text, width: int) -> list[Text]:
    """`text` in lines of at most `width` cells, broken where rich breaks them, then the courtesy above."""
    width = max(width, 2)  # a wide character's cells
    lines: list[Text] = []
    for paragraph in text.split("\n", allow_blank=True):
        rest = paragraph
        while True:
            if "\t" not in rest.plain and rest.cell_len <= width:  # it fits: rich would keep it whole
                lines.append(rest)
                break
            first, *more = rest.wrap(console, width, overflow="fold", no_wrap=False)
            if not more:
                lines.append(first)
                break
            # rich's lines keep every character of the text, so its first line ends at len(first.plain)
            cut = _break(rest.plain, max(len(first.plain), 1), width)
            head, rest = rest.divide([cut])
            lines.append(head)
            spaces = len(rest.plain) - len(rest.plain.lstrip(" "))  # where rich dropped them at a break
            rest = rest[spaces:]
    for line in lines:
        line.rstrip()
    return lines


def _breakable(plain: str, pos: int) -> bool:
    """Whether a line may end before plain[pos]: after a space, or beside a Chinese (wide) character."""
    if NBSP in (plain[pos - 1], plain[pos]):
        return False
    return plain[pos - 1].isspace() or cell_len(plain[pos - 1]) == 2 or cell_len(plain[pos]) == 2


def _courteous(plain: str, pos: int) -> bool:
    return plain[pos] not in NO_LINE_START and plain[pos - 1] not in NO_LINE_END


def _break(plain: str, cut: int, width: int) -> int:
    """Where to end a line that rich ended at `cut`.

    rich breaks at spaces, folds a word too long for any line wherever it must, and moves a run of
    Chinese after a space to the next line whole. Chinese may break before or after any of its
    characters, so the line takes what of the run fits, and a fold moves back to such a place (a
    number is not cut: 罚款（2000–5000 元）); then the courtesy about punctuation.
    """
    more: list[int] = []
    cells, pos = cell_len(plain[:cut]), cut
    while pos < len(plain) - 1:  # what more fits
        cells += cell_len(plain[pos])
        if cells > width:
            break
        pos += 1
        if _breakable(plain, pos):
            more.append(pos)
    less = (pos for pos in range(cut, 0, -1) if _breakable(plain, pos))  # or less, looked at as needed
    for pos in chain(reversed(more), less):  # the longest line first
        if _courteous(plain, pos):
            return pos
    # Nothing fits courteously: a number leaves its unit (（100–200 / 元）), else the courtesy yields
    # (a lone --refused before 。 stays whole).
    units = [pos for pos in range(cut, 0, -1) if plain[pos - 1] == NBSP]
    good = more or [pos for pos in range(cut, 0, -1) if _breakable(plain, pos)]
    return next((pos for pos in units if _courteous(plain, pos)), max(good, default=units[0] if units else cut))


def emit(console: ViewConsole, body: Text, indent: int = 0, lead: Text | str = "") -> None:
    """Print `body` after `lead`, wrapped to the console, later lines hanging under the body.

    A narrow terminal gives up indentation before it gives up the width limit.
    """
    lead_text = lead if isinstance(lead, Text) else Text(lead)
    width = console.width
    hang = indent + lead_text.cell_len
    squeezed = width - hang < width // 2 or lead_text.cell_len > width - MIN_TEXT_CELLS
    if lead_text.plain.strip() and squeezed:
        # A long lead (a citation, a label) would squeeze the text: it gets its own lines, and the text
        # follows under it.
        lead_text = lead_text.copy()
        lead_text.rstrip()
        for line in wrap(console, lead_text, max(width - indent, MIN_TEXT_CELLS)):
            _print(console, Text(" " * indent) + line)
        indent, hang, lead_text = indent + INDENT, indent + INDENT, Text()
    if width - hang < MIN_TEXT_CELLS:
        hang = max(width - MIN_TEXT_CELLS, 0)
        indent = min(indent, max(hang - lead_text.cell_len, 0))
    for number, line in enumerate(wrap(console, body, max(width - hang, MIN_TEXT_CELLS))):
        start = Text(" " * indent) + lead_text if number == 0 else Text(" " * hang)
        _print(console, start + line)


def _print(console: ViewConsole, line: Text) -> None:
    line.rstrip()
    line.plain = line.plain.replace(NBSP, " ")
    console.put(line)


def hanging(console: ViewConsole, marker: str, text: str, style: str = "", marker_style: str = "") -> None:
    """`marker` then `text`, continuation lines indented under the text."""
    emit(console, Text(text, style=style), lead=Text(marker, style=marker_style))


def field(console: ViewConsole, label: str, value: str) -> None:
    """`label：value`, the label bold, continuation lines under the value."""
    hanging(console, f"{label}：", value, marker_style="bold")


def amount_words(fine_min: int | None, fine_max: int | None) -> str:
    """A fine in yuan as the views write it: 50–200 元, 200 元 (fixed), 200 元以下 (no minimum), — (none)."""
    if fine_max is not None and fine_min is None:  # an upper limit only: no lower figure is stated
        return f"{fine_max}{NBSP}元以下"
    if fine_min is None or fine_max is None:
        return "—"
    return f"{fine_min}{NBSP}元" if fine_min == fine_max else f"{fine_min}–{fine_max}{NBSP}元"


def print_table(console: ViewConsole, table: Table) -> None:
    """A table's lines without the spaces rich pads them with."""
    for line in console.render_lines(table, console.options, pad=False):
        text = Text.assemble(
            *((segment.text.replace(NBSP, " "), segment.style or "") for segment in line if not segment.control)
        )
        text.rstrip()
        console.put(text)
