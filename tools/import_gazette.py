"""Print the text part of a regulation file (chapters, articles, paragraphs, items, repairs)
parsed from a gazette, as YAML to paste into a new data file.

    python tools/import_gazette.py data/source/yongzhou-gazette-2022-04.txt 永州市文明行为促进条例

The metadata, penalty schedule, notes and search terms are written by hand after it;
tests/test_fidelity.py then keeps the text equal to the gazette.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

from wenming.gazette import parse_regulation


def text_part(gazette_text: str, title: str) -> dict[str, Any]:
    parsed = parse_regulation(gazette_text, title)
    chapters = []
    for chapter in parsed.chapters:
        articles = []
        for article in chapter.articles:
            paragraphs = []
            for paragraph in article.paragraphs:
                entry: dict[str, Any] = {"number": paragraph.number, "text": paragraph.text}
                if paragraph.items:
                    entry["items"] = [{"number": i.number, "text": i.text} for i in paragraph.items]
                paragraphs.append(entry)
            articles.append({"number": article.number, "paragraphs": paragraphs})
        chapters.append({"number": chapter.number, "title": chapter.title, "articles": articles})
    repairs = [
        {
            "citation": repair.citation.chinese(show_paragraph=repair.citation.item is None),
            "kind": repair.kind,
            "scan_lines": repair.scan.split("\n"),
            "gazette_line": repair.line,
            "note": "扫描件在分页处断行，合并为一行",
        }
        for repair in parsed.repairs
    ]
    return {"chapters": chapters, "repairs": repairs}


def main() -> None:
    path, title = sys.argv[1], sys.argv[2]
    data = text_part(Path(path).read_text(encoding="utf-8"), title)
    yaml.safe_dump(data, sys.stdout, allow_unicode=True, sort_keys=False, width=4096)


if __name__ == "__main__":
    main()
