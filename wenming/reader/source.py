"""Read a regulation from a source in either format, told apart by content.

A LawRefBook file has a `<!-- INFO END -->` line; anything else is read as a gazette, which may
hold several documents: `title` chooses one, and without it the one regulation it prints is read
(or the reader refuses, listing the titles).
"""

from __future__ import annotations

from pathlib import Path

from wenming.gazette import read_gazette
from wenming.reader.document import ReadRegulation, SourceFormat
from wenming.reader.lawrefbook import is_lawrefbook, read_lawrefbook
from wenming.reader.structure import ReadError


def source_format(text: str) -> SourceFormat:
    return "lawrefbook" if is_lawrefbook(text) else "gazette"


def read_source(text: str, title: str | None = None) -> ReadRegulation:
    """The regulation in `text`; raises `wenming.reader.structure.ReadError` (a refusal, with its reason)."""
    if source_format(text) == "lawrefbook":
        read = read_lawrefbook(text)
        if title is not None and read.title != title:
            raise ReadError(f"此文件是《{read.title}》，不是《{title}》（the file holds another regulation）")
        return read
    return read_gazette(text, title)


def read_file(path: Path, title: str | None = None) -> ReadRegulation:
    return read_source(path.read_text(encoding="utf-8"), title)
