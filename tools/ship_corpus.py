"""Write data/regulations/ afresh: every corpus source imported, the hand-read penalties laid over
their drafts, and data/registry.json rebuilt.

    python tools/ship_corpus.py

Run it after changing the reader, the extractor, its rules (data/extraction.yaml), a record read by
hand (tests/cases/corpus/) or a source; then read the diff. tests/test_cities.py fails when a shipped
file is not what this writes.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "data" / "sources" / "lawrefbook"
SHIPPED = ROOT / "data" / "regulations"
RECORDS = ROOT / "tests" / "cases" / "corpus"


def main() -> int:
    from wenming.importer import import_file, to_yaml

    sys.path.insert(0, str(ROOT / "tools"))
    from reviewed_penalties import penalty_part

    SHIPPED.mkdir(exist_ok=True)
    for source in sorted(SOURCES.glob("*.md")):
        if source.name == "README.md":
            continue
        imported = import_file(source)
        data = imported.data
        city = data["meta"]["city"] or data["meta"]["province"] or source.name.split("文明")[0]
        text = to_yaml(data)
        if (RECORDS / f"{city}.yaml").exists():
            data.update(penalty_part(city))
            header = f"# 《{data['meta']['title']}》 as data, written by `wenming import`; penalties read by hand"
            header += f" (review: reviewed) from tests/cases/corpus/{city}.yaml by tools/ship_corpus.py.\n"
            text = header + to_yaml(data).split("\n", 1)[1]
        (SHIPPED / f"{city}.yaml").write_text(text, encoding="utf-8")
        print(f"{city}: {len(data['penalties'])} penalties", file=sys.stderr)
    return subprocess.call([sys.executable, str(ROOT / "tools" / "build_registry.py")])


if __name__ == "__main__":
    raise SystemExit(main())
