"""Tables for the penalty views, drawn as rich drew them (its heavy-head and simple-head boxes).

Columns are as wide as their widest line; a table too wide for the terminal narrows its wrappable
columns, widest first (as rich did), and their text is wrapped by render.text, so that no cell line
starts with closing punctuation. Lines carry no trailing spaces.
"""

from __future__ import annotations

from typing import NamedTuple

from wenming.render.console import Console, Text, cell_len
from wenming.render.text import wrap


class Column(NamedTuple):
    header: str
    wrappable: bool = False  # may be narrower than its text, which is then wrapped
    min_width: int = 0


class Row(NamedTuple):
    cells: list[str]  # a cell may hold several lines
    style: str = ""
    end_section: bool = False  # a blank line follows (simple boxes)


class Box(NamedTuple):
    head_bar: str  # between header cells
    head_rule: str  # under the header
    head_cross: str  # where the rule meets a bar
    bar: str  # between body cells
    edge: bool  # a bar at each side, a blank line above and below, sections apart


HEAVY_HEAD = Box("┃", "━", "╇", "│", edge=False)
SIMPLE_HEAD = Box(" ", "─", "─", " ", edge=True)


def _ratio_reduce(total: int, ratios: list[int], maximums: list[int], values: list[int]) -> list[int]:
    """Take `total` off `values` in proportion to `ratios`, at most `maximums` each (rich's _ratio)."""
    ratios = [ratio if maximum else 0 for ratio, maximum in zip(ratios, maximums, strict=True)]
    total_ratio = sum(ratios)
    result: list[int] = []
    for ratio, maximum, value in zip(ratios, maximums, values, strict=True):
        if ratio and total_ratio > 0:
            taken = min(maximum, round(ratio * total / total_ratio))
            result.append(value - taken)
            total -= taken
            total_ratio -= ratio
        else:
            result.append(value)
    return result


def _collapse(widths: list[int], wrappable: list[bool], room: int) -> list[int]:
    """Narrow the widest wrappable columns to the next widest, and so on, until the table fits."""
    excess = sum(widths) - room
    while excess > 0 and any(wrappable):
        widest = max(width for width, can in zip(widths, wrappable, strict=True) if can)
        second = max(width if can and width != widest else 0 for width, can in zip(widths, wrappable, strict=True))
        ratios = [1 if (width == widest and can) else 0 for width, can in zip(widths, wrappable, strict=True)]
        if not any(ratios) or widest == second:
            break
        widths = _ratio_reduce(excess, ratios, [min(excess, widest - second)] * len(widths), widths)
        excess = sum(widths) - room
    if excess > 0:  # last resort: every column gives way
        widths = _ratio_reduce(excess, [1] * len(widths), widths, widths)
    return widths


def _crop(text: str, width: int) -> str:
    """`text` cut to `width` cells (a line the terminal would otherwise wrap)."""
    while cell_len(text) > width:
        text = text[:-1]
    return text


def draw_table(console: Console, columns: list[Column], rows: list[Row], box: Box) -> None:
    count = len(columns)
    # Padding: a space each side of a cell, none at the table's sides; simple boxes collapse the two
    # spaces between neighbours into one.
    left = [0 if index == 0 or box.edge else 1 for index in range(count)]
    right = [0 if index == count - 1 else 1 for index in range(count)]
    natural = [
        max([cell_len(line) for row in rows for line in row.cells[index].split("\n")] + [cell_len(column.header)])
        for index, column in enumerate(columns)
    ]
    natural = [max(width, column.min_width) for width, column in zip(natural, columns, strict=True)]
    padded = [width + left[index] + right[index] for index, width in enumerate(natural)]
    room = console.width - (count - 1) - (2 if box.edge else 0)
    if sum(padded) > room:
        padded = _collapse(padded, [column.wrappable for column in columns], room)
        padded = [
            max(
                min(width, natural[index] + left[index] + right[index]),
                columns[index].min_width + left[index] + right[index],
            )
            for index, width in enumerate(padded)
        ]
    widths = [width - left[index] - right[index] for index, width in enumerate(padded)]
    side = " " if box.edge else ""

    def line(cells: list[str], bar: str, style: str) -> None:
        wrapped = [
            [part for text in cell.split("\n") for part in (wrap(text, width) if cell_len(text) > width else [text])]
            for cell, width in zip(cells, widths, strict=True)
        ]
        for number in range(max(len(lines) for lines in wrapped)):
            out = Text(side)
            for index, lines in enumerate(wrapped):
                if index:
                    out.append(bar)
                text = lines[number] if number < len(lines) else ""
                padding = " " * (widths[index] - cell_len(text))
                out.append(" " * left[index] + text + padding + " " * right[index], style)
            if cell_len(out.plain) > console.width:
                out = Text(_crop(out.plain, console.width), style)
            out.rstrip()
            console.print(out)

    if box.edge:
        console.print()
    line([column.header for column in columns], box.head_bar, "bold")
    rule = box.head_cross.join(box.head_rule * width for width in padded)
    console.print(_crop(f"{side}{rule}{side}", console.width).rstrip() if box.edge else rule)
    for index, row in enumerate(rows):
        line(row.cells, box.bar, row.style)
        if row.end_section and box.edge and index < len(rows) - 1:
            console.print()
    if box.edge:
        console.print()
