"""Where the national law data is, and reading it: from the disk cache when it holds exactly these
texts, else through the loader (PyYAML), which is imported only then.

`wenming fine` needs it for every answer about a penalised step (the procedure of 行政处罚法) and
for onward pointers to another law's penalty; no other command reads it.
"""

from __future__ import annotations

import os
from pathlib import Path

from wenming import cache
from wenming.errors import WenmingError
from wenming.laws import LawBook
from wenming.paths import shipped

SHOWN_PROBLEMS = 5


def default_paths() -> tuple[Path, Path]:
    """data/laws.yaml and data/parties.yaml as shipped in the package (wheel), else the repository's."""
    return shipped("laws.yaml"), shipped("parties.yaml")


class LawDataError(WenmingError):
    """The shipped national-law data cannot be used (exit 2): an installation problem, not the user's."""


_books: dict[tuple[str, str], LawBook] = {}


def load_lawbook(paths: tuple[str | os.PathLike[str], str | os.PathLike[str]] | None = None) -> LawBook:
    """data/laws.yaml and data/parties.yaml, validated together; LawDataError naming file:line where not."""
    laws_path, parties_path = (Path(path) for path in paths) if paths is not None else default_paths()
    key = (str(laws_path), str(parties_path))
    if key not in _books:
        texts = cache.read_texts([laws_path, parties_path])
        book = cache.fetch_record(texts, LawBook) if texts is not None else None
        if book is None:
            from wenming.loader import DataError, lawbook_from_files

            try:
                encoded, book = lawbook_from_files(laws_path, parties_path)
            except DataError as error:
                lines = error.report().splitlines()
                shown = "\n".join(lines[:SHOWN_PROBLEMS])
                more = f"\n……（共 {len(lines)} 个问题）" if len(lines) > SHOWN_PROBLEMS else ""
                raise LawDataError(
                    f"法律数据文件无效：\n{shown}{more}", suggestion="重新安装 wenming，或改正上述数据文件"
                ) from None
            cache.store_record(encoded, book)
        _books[key] = book
    return _books[key]
