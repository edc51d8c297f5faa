"""Write data/registry.json: every shipped regulation, with what `wenming cities` shows of it.

    python tools/build_registry.py            # rewrite it
    python tools/build_registry.py --check    # exit 1 if it is not what the data files say

The registry is generated, never edited: each entry is read off its data file (title, city, province,
adoption history, article and penalty counts, review marks, completeness, source). It is JSON so that
choosing a regulation (wenming.registry) costs no YAML and no validation. The default regulation is
named here, in DEFAULT below's data file, not in the package's code.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
REGISTRY = DATA / "registry.json"
# The regulation a command reads without --city: its data file, relative to data/.
DEFAULT = "regulation.yaml"
_EFFECTIVE = re.compile(r"自(\d{4})年(\d{1,2})月(\d{1,2})日起施行")
_APPROVED_BY = re.compile(r"经(?P<province>[^省市]{1,10}(?:省|自治区))")


def _date(regulation: Any, event: str, fact_key: str) -> str | None:
    """An ISO date from the history (通过, 批准, 施行), else the external fact that records it."""
    found = next((e.date for e in regulation.meta.history if e.event == event and e.date is not None), None)
    if found is None:
        found = next((f.date for f in regulation.meta.external_facts if f.key == fact_key), None)
    return found.isoformat() if found is not None else None


def _effective(regulation: Any) -> str | None:
    stated = _date(regulation, "施行", "effective-date")
    if stated is not None:
        return stated
    articles = regulation.all_articles()
    for paragraph in articles[-1].paragraphs if articles else []:
        match = _EFFECTIVE.search(paragraph.text)
        if match:
            year, month, day = (int(part) for part in match.groups())
            return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def entry(path: Path) -> dict[str, Any]:
    from wenming.loader import load_regulation

    regulation = load_regulation(path)
    meta = regulation.meta
    province = meta.province
    if province is None:
        province = next(
            (m["province"] for f in meta.external_facts if f.key == "approval" and (m := _APPROVED_BY.search(f.fact))),
            None,
        )
    reviewed = sum(1 for p in regulation.penalties if p.review == "reviewed")
    source = meta.source.file if meta.source is not None else path.relative_to(ROOT).as_posix()
    return {
        "city": meta.city or meta.title.split("文明")[0],
        "title": meta.title,
        "province": province,
        "adopted": _date(regulation, "通过", "adoption"),
        "approved": _date(regulation, "批准", "approval"),
        "effective": _effective(regulation),
        "articles": len(regulation.all_articles()),
        "penalties": len(regulation.penalties),
        "reviewed": reviewed,
        "complete": regulation.complete,
        "source": source,
        "file": path.relative_to(DATA).as_posix(),
    }


def build() -> str:
    files = [DATA / DEFAULT, *sorted((DATA / "regulations").glob("*.yaml"))]
    entries = [entry(path) for path in files]
    default = entries[0]["city"]
    registry = {"schema_version": 1, "default": default, "cities": entries}
    return json.dumps(registry, ensure_ascii=False, indent=1) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    text = build()
    if args.check:
        current = REGISTRY.read_text(encoding="utf-8") if REGISTRY.exists() else ""
        if current != text:
            print("data/registry.json is not current: run python tools/build_registry.py", file=sys.stderr)
            return 1
        return 0
    REGISTRY.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
