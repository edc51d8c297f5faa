"""Make a synthetic corpus of N regulations from the shipped ones, for the scale study (docs/scale.md).

    python tools/synthesise_corpus.py 300 /tmp/corpus-300

writes /tmp/corpus-300/registry.json and /tmp/corpus-300/regulations/*.yaml: the shipped regulations
as they are, then copies of them in turn under new city names (江门市-017: the 17th regulation, a copy
of 江门市's) until there are N. A copy's data is its original's except the city and the title
(江门市-017文明行为促进条例), so that every file's bytes differ (each has a cache entry of its own,
as a real corpus would). wenming reads such a folder instead of the shipped data when
WENMING_CORPUS_DIR names it (not for normal use):

    WENMING_CORPUS_DIR=/tmp/corpus-300 wenming --city all search 犬只
    python benchmarks/startup.py --corpus /tmp/corpus-300
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
DATA = REPOSITORY / "data"


def synthesise(count: int, out: Path) -> int:
    """Write a corpus of `count` regulations into `out` (emptied first); the number written."""
    registry = json.loads((DATA / "registry.json").read_text(encoding="utf-8"))
    shipped = registry["cities"]
    if out.exists():
        shutil.rmtree(out)
    (out / "regulations").mkdir(parents=True)
    cities = []
    for number in range(count):
        original = shipped[number % len(shipped)]
        text = (DATA / original["file"]).read_text(encoding="utf-8")
        if number < len(shipped):
            entry = dict(original)
        else:
            city = f"{original['city']}-{number:03d}"
            title = original["title"].replace(original["city"], city, 1)
            if title == original["title"]:  # a title that does not name its city
                title = f"{city}{original['title']}"
            entry = {**original, "city": city, "title": title, "file": f"regulations/{city}.yaml"}
            text = text.replace(f"title: {original['title']}\n", f"title: {title}\n", 1)
            # meta.city: the city's name, or null for a province's regulation (left so: the title says it)
            text = text.replace(f"\n  city: {original['city']}\n", f"\n  city: {city}\n", 1)
        (out / entry["file"]).write_text(text, encoding="utf-8")
        cities.append(entry)
    (out / "registry.json").write_text(
        json.dumps({**registry, "cities": cities}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return len(cities)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("count", type=int, help="how many regulations (at least 1)")
    parser.add_argument("out", type=Path, help="the folder to write (emptied first)")
    args = parser.parse_args(argv)
    if args.count < 1:
        parser.error("count must be at least 1")
    written = synthesise(args.count, args.out)
    print(f"{written} regulations in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
