"""How well the penalty extractor (wenming.extract) reads the regulations read by hand.

    python tools/extraction_accuracy.py          # a table by field, then every miss named
    python tools/extraction_accuracy.py --json   # the same, for machines

Runs the extractor over each source of tests/cases/corpus/*.yaml and compares it, provision by
provision (matched by id: article-paragraph[-item][-sN]), with the hand record. A field is right
for a provision when it equals the record's; a provision the extractor missed is wrong in every
field, so each figure is out of every provision read by hand.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from wenming.extract import find_liability
from wenming.extract.found import Finding, FoundLadder
from wenming.reader.source import read_file

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "cases" / "corpus"
SOURCES = ROOT / "data" / "sources" / "lawrefbook"
STANDARD = {"refused", "warned-refused", "overdue", "serious", "grave", "flagrant", "repeat"}
FINES = ("fine", "fine-per-unit", "fine-multiple")

Record = dict[str, Any]


def _circumstance(key: str | None) -> str | None:
    return key if key is None or key in STANDARD else "other"


def _record_amount(measure: Record) -> tuple[int | None, int | None]:
    if measure["kind"] == "fine-per-unit":
        return measure["amount"], measure["amount"]
    if measure["kind"] == "fine-multiple":
        return measure["min_times"], measure["max_times"]
    return measure["min"], measure["max"]


def _record_ladders(record: Record) -> list[tuple[tuple[str, str | None], list[Record]]]:
    return [((v["party"], v["role"]), v["steps"]) for v in record["variants"]]


def _found_who(ladder: FoundLadder) -> tuple[str, str | None]:
    return (ladder.party or "any", ladder.role)


# Each field: what the record says, what the extractor found, in comparable form.
def _fields(record: Record, found: Finding) -> dict[str, tuple[Any, Any]]:
    ladders = _record_ladders(record)
    return {
        "link": (record["behaviour"]["link"], found.link),
        "cites": (sorted(record["behaviour"]["cites"]), sorted(found.cites)),
        "agencies": (sorted({a["kind"] for a in record["agencies"]}), sorted({a.kind for a in found.agencies})),
        "referral": (
            record["referral"]["laws"] if record["referral"] else None,
            found.laws if found.referral else None,
        ),
        "variants": (
            sorted(who for who, _ in ladders) if len(ladders) > 1 or ladders[0][0] != ("any", None) else [],
            sorted(_found_who(ladder) for ladder in found.ladders)
            if len(found.ladders) > 1 or (found.ladders and _found_who(found.ladders[0]) != ("any", None))
            else [],
        ),
        "steps": (
            [[_circumstance(s["circumstance"]) for s in steps] for _, steps in ladders],
            [[_circumstance(s.circumstance) for s in ladder.steps] for ladder in found.ladders],
        ),
        "measures": (
            [[sorted(m["kind"] for m in s["measures"]) for s in steps] for _, steps in ladders],
            [[sorted(m.kind for m in s.measures) for s in ladder.steps] for ladder in found.ladders],
        ),
        "amounts": (
            [[[_record_amount(m) for m in s["measures"] if m["kind"] in FINES] for s in steps] for _, steps in ladders],
            [
                [[(m.min, m.max) for m in s.measures if m.kind in FINES] for s in ladder.steps]
                for ladder in found.ladders
            ],
        ),
        "optional": (
            [
                [[m.get("optional", False) for m in s["measures"] if m["kind"] in FINES] for s in steps]
                for _, steps in ladders
            ],
            [[[m.optional for m in s.measures if m.kind in FINES] for s in ladder.steps] for ladder in found.ladders],
        ),
        "connector": (
            [[s["connector"] for s in steps] for _, steps in ladders],
            [[s.connector for s in ladder.steps] for ladder in found.ladders],
        ),
        "taxonomy": (record["taxonomy"], found.taxonomy),
    }


FIELDS = [
    "link",
    "cites",
    "agencies",
    "referral",
    "variants",
    "steps",
    "measures",
    "amounts",
    "optional",
    "connector",
    "taxonomy",
]


@dataclass
class Report:
    provisions: int = 0
    found: int = 0
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    misses: dict[str, list[str]] = field(default_factory=lambda: {f: [] for f in FIELDS})

    def accuracy(self) -> dict[str, float]:
        figures = {"provisions found": self.found / self.provisions}
        figures.update({name: self.right[name] / self.provisions for name in FIELDS})
        return figures

    def to_dict(self) -> dict[str, Any]:
        return {
            "provisions": self.provisions,
            "found": self.found,
            "missed": self.missed,
            "spurious": self.spurious,
            "accuracy": {k: round(v, 4) for k, v in self.accuracy().items()},
            "misses": self.misses,
        }


def _show(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def measure(read_findings: Callable[[Path], list[Finding]] | None = None) -> Report:
    """Compare the extractor with every hand record; `read_findings` replaces the extractor (tests)."""
    report = Report()
    for case in sorted(CASES.glob("*.yaml")):
        data = yaml.safe_load(case.read_text(encoding="utf-8"))
        source = SOURCES / data["source"]
        found = read_findings(source) if read_findings else find_liability(read_file(source))
        by_id = {f"{data['city']}-{finding.id}": finding for finding in found}
        recorded = {record["id"] for record in data["penalties"]}
        report.spurious += sorted(i for i in by_id if i not in recorded)
        for record in data["penalties"]:
            report.provisions += 1
            finding = by_id.get(record["id"])
            if finding is None:
                report.missed.append(record["id"])
                for name in FIELDS:
                    report.misses[name].append(f"{record['id']}: 未找到")
                continue
            report.found += 1
            for name, (expected, got) in _fields(record, finding).items():
                if expected == got:
                    report.right[name] += 1
                else:
                    report.misses[name].append(f"{record['id']}: 应为 {_show(expected)}，得 {_show(got)}")
    return report


def main(argv: list[str]) -> int:
    report = measure()
    if "--json" in argv:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        return 0
    print(f"条款 {report.provisions}，找到 {report.found}，漏 {len(report.missed)}，多出 {len(report.spurious)}")
    print()
    print(f"{'field':<18}{'accuracy':>10}")
    for name, value in report.accuracy().items():
        print(f"{name:<18}{value:>10.1%}")
    print()
    if report.missed:
        print("漏找（missed）:", "、".join(report.missed))
    if report.spurious:
        print("多出（spurious）:", "、".join(report.spurious))
    for name in FIELDS:
        found_misses = [m for m in report.misses[name] if not m.endswith("未找到")]
        if found_misses:
            print(f"\n{name}:")
            for miss in found_misses:
                print(f"  {miss}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
