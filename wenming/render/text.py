"""Wrapping Chinese text for the terminal, shared by every view.

Lines are wrapped here, by display cells (rich's Padding, used before, padded every line with
trailing spaces): continuation lines hang under the text, no line starts with closing
punctuation or ends with opening punctuation, and a narrow terminal gives up indentation
before it gives up the width limit.
"""

from __future__ import annotations

from wenming.render.console import Console, Text, cell_len

INDENT = 2
# Closing punctuation that must not begin a line (the preceding character moves down with it).
NO_LINE_START = frozenset("，。、；：？！）》」』”’…")
# Opening punctuation that must not end a line (it moves down with what it opens).
NO_LINE_END = frozenset("（《「『“‘")
MIN_TEXT_CELLS = 10


def _line_ranges(text: str, width: int) -> list[tuple[int, int]]:
    """Where to break `text` so that each line fits `width` cells."""
    ranges: list[tuple[int, int]] = []
    start, cells = 0, 0
    for index, char in enumerate(text):
        if char == "\n":
            ranges.append((start, index))
            start, cells = index + 1, 0
            continue
        char_cells = cell_len(char)
        if cells + char_cells > width and index > start:
            cut = index
            while (text[cut] in NO_LINE_START or text[cut - 1] in NO_LINE_END) and cut - 1 > start:
                cut -= 1
            ranges.append((start, cut))
            start, cells = cut, cell_len(text[cut:index])
        cells += char_cells
    ranges.append((start, len(text)))
    return ranges


def emit(console: Console, body: Text, indent: int = 0, lead: Text | str = "") -> None:
    """Print `body` after `lead`, wrapped to the console, later lines hanging under the body."""
    lead_text = lead if isinstance(lead, Text) else Text(lead)
    hang = indent + lead_text.cell_len
    lead_cells = lead_text.cell_len
    squeezed = console.width - hang < console.width // 2 or lead_cells > console.width - MIN_TEXT_CELLS
    if lead_text.plain.strip() and squeezed:
        # In a narrow terminal a long lead (a citation, a label) would squeeze the text: it gets its own
        # lines, wrapped too, and the text follows under it.
        lead_text = lead_text + ""  # a copy: the caller's lead is left as it was
        lead_text.rstrip()
        for start, end in _line_ranges(lead_text.plain, max(console.width - indent, MIN_TEXT_CELLS)):
            lead_line = Text(" " * indent) + lead_text[start:end]
            lead_line.rstrip()
            console.print(lead_line)
        indent, hang, lead_text = indent + INDENT, indent + INDENT, Text()
    if console.width - hang < MIN_TEXT_CELLS:
        # Too narrow for the indent: give up indentation before giving up the width limit.
        hang = max(console.width - MIN_TEXT_CELLS, 0)
        indent = min(indent, max(hang - lead_text.cell_len, 0))
    width = max(console.width - hang, MIN_TEXT_CELLS)
    for number, (start, end) in enumerate(_line_ranges(body.plain, width)):
        line = Text(" " * indent) + lead_text if number == 0 else Text(" " * hang)
        line.append_text(body[start:end])
        line.rstrip()
        console.print(line)


def wrap(text: str, width: int) -> list[str]:
    """`text` cut into lines of at most `width` cells, none starting with closing punctuation."""
    return [text[start:end] for start, end in _line_ranges(text, max(width, 1))]
