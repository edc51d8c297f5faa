"""Print the text part of a regulation file (chapters, articles, paragraphs, items, repairs)
read from a gazette, as YAML to paste into a new data file.

    python tools/import_gazette.py data/source/yongzhou-gazette-2022-04.txt 永州市文明行为促进条例

TITLE may be left out when the gazette prints one regulation. The metadata, penalty schedule,
notes and search terms are written by hand after it; tests/test_fidelity.py then keeps the text
equal to the gazette. Damage the reader finds (a missing heading, a numbering gap, a lost item
marker …) is listed on stderr with its line, and the exit status is 1: the data's `repairs` can
record page-break joins only, so anything else must be settled by hand before the text is used.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

from wenming.gazette import read_gazette
from wenming.reader.document import ReadRegulation
from wenming.reader.structure import ReadError, classify


def text_part(read: ReadRegulation) -> dict[str, Any]:
    repairs = []
    for repair in read.repairs:
        if repair.kind != "page-break-join" or repair.citation is None:
            continue  # reported as a problem, on stderr
        scan_lines = [classify(repair.line, repair.printed[0]).text, *repair.printed[1:]]
        repairs.append({
            "citation": repair.citation.chinese(show_paragraph=repair.citation.item is None),
            "kind": repair.kind,
            "scan_lines": scan_lines,
            "gazette_line": repair.line,
            "note": "扫描件在分页处断行，合并为一行",
        })  # fmt: skip
    return {**read.text_part(), "repairs": repairs}


def main(argv: list[str]) -> int:
    if not 1 <= len(argv) <= 2:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        read = read_gazette(Path(argv[0]).read_text(encoding="utf-8"), argv[1] if len(argv) > 1 else None)
    except ReadError as error:
        print(f"拒绝读入（refused）：{error}", file=sys.stderr)
        return 2
    yaml.safe_dump(text_part(read), sys.stdout, allow_unicode=True, sort_keys=False, width=4096)
    for problem in read.problems:
        print(f"[{problem.kind}] {problem.message}", file=sys.stderr)
    return 1 if read.problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
