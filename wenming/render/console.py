"""Styled text and the console it is written to: wenming's own, small, in place of rich's.

Start-up (benchmarks/startup.py): importing rich cost a view about 12 ms, a tenth of a look-up; the
views use a handful of styles and lines they wrap themselves, which is all this module does.

Colour is decided as rich decided it, so that users see what they saw:
- escapes only on a terminal (stdout a tty), or where TTY_COMPATIBLE=1 or FORCE_COLOR (non-empty)
  says so; TTY_COMPATIBLE=0 turns them off; TERM=dumb or unknown: none at all;
- NO_COLOR (non-empty) drops colours but keeps bold, dim and reverse (https://no-color.org is about
  colour; a search's match is shown in reverse, and must stay visible);
- width: COLUMNS when it is a number, else the terminal's, else 80 (80 too for a dumb terminal).
"""

from __future__ import annotations

import os
import sys
from itertools import pairwise
from typing import IO

# SGR parameters of the styles the views use. Attributes before colours, as rich wrote them.
_ATTRIBUTES = {"bold": "1", "dim": "2", "reverse": "7"}
_COLOURS = {"red": "31", "green": "32", "yellow": "33", "cyan": "36"}


def _wide(char: str) -> bool:
    import unicodedata  # only text beyond ASCII needs it

    return unicodedata.east_asian_width(char) in "WF"


def cell_len(text: str) -> int:
    """Display cells of `text`: East Asian wide and full-width characters take two, others one."""
    if text.isascii():
        return len(text)
    return len(text) + sum(1 for char in text if not char.isascii() and _wide(char))


class Text:
    """A line of text in styled segments, as (text, style) pairs; a style is words such as "bold yellow"."""

    __slots__ = ("segments", "style")

    def __init__(self, text: str = "", style: str = "") -> None:
        self.style = style  # the line's own style, under what is appended to it (as in rich)
        self.segments: list[tuple[str, str]] = [(text, style)] if text else []

    @classmethod
    def _of(cls, segments: list[tuple[str, str]]) -> Text:
        line = cls()
        line.segments = segments
        return line

    @property
    def plain(self) -> str:
        return "".join(text for text, _ in self.segments)

    @property
    def cell_len(self) -> int:
        return cell_len(self.plain)

    def append(self, text: str, style: str = "") -> Text:
        if text:
            self.segments.append((text, f"{self.style} {style}".strip()))
        return self

    def append_text(self, other: Text) -> Text:
        self.segments.extend(other.segments)
        return self

    def __add__(self, other: Text | str) -> Text:
        other = other if isinstance(other, Text) else Text(other)
        return Text._of([*self.segments, *other.segments])

    def __getitem__(self, span: slice) -> Text:
        """The characters `start:end` of the line, with their styles."""
        start, end, _ = span.indices(len(self.plain))
        segments: list[tuple[str, str]] = []
        offset = 0
        for text, style in self.segments:
            low, high = max(start - offset, 0), min(end - offset, len(text))
            if low < high:
                segments.append((text[low:high], style))
            offset += len(text)
        return Text._of(segments)

    def stylize(self, style: str, start: int, end: int) -> None:
        """Add `style` to the characters `start:end` (a search's match, over the line's own style)."""
        segments: list[tuple[str, str]] = []
        offset = 0
        for text, own in self.segments:
            cuts = sorted({0, len(text), *(min(max(at - offset, 0), len(text)) for at in (start, end))})
            for low, high in pairwise(cuts):
                inside = start <= offset + low and offset + high <= end
                segments.append((text[low:high], f"{own} {style}".strip() if inside else own))
            offset += len(text)
        self.segments = segments

    def rstrip(self) -> None:
        while self.segments and not self.segments[-1][0].rstrip():
            self.segments.pop()
        if self.segments:
            text, style = self.segments[-1]
            self.segments[-1] = (text.rstrip(), style)


def _sgr(style: str, colour: bool) -> str:
    words = style.split()
    codes = [_ATTRIBUTES[word] for word in _ATTRIBUTES if word in words]
    if colour:
        codes += [_COLOURS[word] for word in words if word in _COLOURS]
    return ";".join(codes)


class Console:
    """Where a view is written: lines kept until `flush`, then written at once (one write, not one a line).

    `styles` False writes plain text; `colour` False (NO_COLOR) keeps bold, dim and reverse only.
    """

    def __init__(self, file: IO[str] | None = None, width: int = 80, styles: bool = False, colour: bool = True):
        self.file = file
        self.width = width
        self.styles = styles
        self.colour = colour
        self._lines: list[str] = []
        self._codes: dict[str, str] = {}

    def _styled(self, text: str, style: str) -> str:
        if not (self.styles and style):
            return text
        codes = self._codes.get(style)
        if codes is None:
            codes = self._codes[style] = _sgr(style, self.colour)
        return f"\x1b[{codes}m{text}\x1b[0m" if codes else text

    def print(self, line: Text | str = "") -> None:
        """One line, as it is: the views wrap their lines themselves."""
        if isinstance(line, str):
            self._lines.append(line)
            return
        merged: list[tuple[str, str]] = []  # neighbours of one style are written as one
        for text, style in line.segments:
            if merged and merged[-1][1] == style:
                merged[-1] = (merged[-1][0] + text, style)
            elif text:
                merged.append((text, style))
        self._lines.append("".join(self._styled(text, style) for text, style in merged))

    def flush(self) -> None:
        if self._lines:
            text = "\n".join(self._lines) + "\n"
            self._lines = []
            (self.file or sys.stdout).write(text)


def _enable_windows_escapes() -> bool:  # pragma: no cover - Windows only
    """Windows consoles show escapes once asked to (virtual terminal processing); False if they cannot."""
    if sys.platform != "win32":
        return True
    try:
        import ctypes
        import msvcrt

        kernel32 = ctypes.windll.kernel32
        handle = msvcrt.get_osfhandle(sys.stdout.fileno())
        mode = ctypes.c_uint32()
        if not kernel32.GetConsoleMode(handle, ctypes.byref(mode)):
            return False
        return bool(kernel32.SetConsoleMode(handle, mode.value | 0x0004))  # ENABLE_VIRTUAL_TERMINAL_PROCESSING
    except (AttributeError, OSError, ValueError):
        return False


def _is_terminal(file: IO[str], environ: os._Environ[str] | dict[str, str]) -> bool:
    compatible = environ.get("TTY_COMPATIBLE", "")
    if compatible in ("0", "1"):
        return compatible == "1"
    force = environ.get("FORCE_COLOR")
    if force is not None:
        return force != ""
    try:
        return file.isatty()
    except (AttributeError, ValueError):  # not a real stream, or closed
        return False


def _terminal_width() -> int:
    for stream in (sys.stdout, sys.stderr, sys.stdin):
        try:
            return os.get_terminal_size(stream.fileno()).columns
        except (AttributeError, ValueError, OSError):  # not a terminal
            continue
    return 0


def make_console(file: IO[str] | None = None, width: int | None = None) -> Console:
    """The console for stdout (or `file`): colour, styles and width decided from it and the environment."""
    environ = os.environ
    terminal = _is_terminal(file or sys.stdout, environ)
    dumb = terminal and environ.get("TERM", "").lower() in ("dumb", "unknown")
    if width is None:
        columns = environ.get("COLUMNS", "")
        width = int(columns) if columns.isdigit() else (80 if dumb else _terminal_width()) or 80
    styles = terminal and not dumb and (file is not None or _enable_windows_escapes())
    return Console(file, width, styles=styles, colour=environ.get("NO_COLOR", "") == "")
