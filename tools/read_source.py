"""Read a regulation from a source file and print its structure and the damage found.

    python tools/read_source.py data/sources/lawrefbook/周口市文明行为促进条例(2020-12-16).md
    python tools/read_source.py data/source/yongzhou-gazette-2022-04.txt --title 永州市文明行为促进条例 --json

The format (LawRefBook Markdown or gazette text) is told by content. Without --json: a summary,
the text part as YAML (data/regulation.yaml's shape) and each problem with its line. With --json:
everything as one JSON object. Exit status: 0 read without damage, 1 read with damage (listed),
2 refused (the reason on stderr).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import yaml

from wenming.reader.source import read_file
from wenming.reader.structure import ReadError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--title", help="the regulation to read from a gazette holding several documents")
    parser.add_argument("--json", action="store_true", help="print everything as JSON")
    args = parser.parse_args(argv)
    try:
        read = read_file(args.file, args.title)
    except ReadError as error:
        print(f"拒绝读入（refused）：{error}", file=sys.stderr)
        return 2
    if args.json:
        json.dump(read.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        counts = read.counts()
        status = "不完整（incomplete）" if read.incomplete else "完整（complete as far as the reader can tell）"
        print(f"# 《{read.title}》 {read.source_format}: {counts['chapters']} 章 {counts['articles']} 条 "
              f"{counts['paragraphs']} 款 {counts['items']} 项；{status}")  # fmt: skip
        for event in read.adoption:
            print(f"# {event.date} {event.event} {event.by or ''}")
        yaml.safe_dump(read.text_part(), sys.stdout, allow_unicode=True, sort_keys=False, width=4096)
        for problem in read.problems:
            print(f"[{problem.kind}] {problem.message}", file=sys.stderr)
    return 1 if read.problems else 0


if __name__ == "__main__":
    sys.exit(main())
