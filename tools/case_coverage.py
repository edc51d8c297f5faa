"""Which steps of the reviewed penalties no worked case reaches (tests/cases/city_fines/).

    python tools/case_coverage.py            # every shipped city with reviewed penalties
    python tools/case_coverage.py 江门市      # one city

A reviewed penalty is covered when, for each of its ladders (the one for anyone, or each party's and
role's), every step is the step some worked case's answer applies. Coverage is read off the answers
`wenming fine --json` gives for the cases, not off the cases' own expectations, so a case that asks
the wrong thing does not count. Exit 1 while anything is uncovered; tests/test_cities.py requires none.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
CITIES = ROOT / "data" / "regulations"
CASES = ROOT / "tests" / "cases" / "city_fines"

Reached = tuple[str, str, str | None, int]  # city, penalty key, ladder (role or party), step


def cases(city: str | None = None) -> list[dict[str, Any]]:
    paths = [CASES / f"{city}.yaml"] if city else sorted(CASES.glob("*.yaml"))
    out: list[dict[str, Any]] = []
    for path in paths:
        if path.exists():
            out += yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]
    return out


def ask(case: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    """`wenming fine` with the city's data file, as the test asks it."""
    from typer.testing import CliRunner

    from wenming.cli import app

    question = case["ask"]
    args = ["--data", str(CITIES / f"{case['city']}.yaml"), "fine", question["key"], "--json"]
    for name in question.get("when", []):
        args += ["--when", name]
    if "party" in question:
        args += ["--party", question["party"]]
    result = CliRunner().invoke(app, args)
    return result.exit_code, json.loads(result.stdout)


def reached(city: str, answer: dict[str, Any]) -> Reached | None:
    if answer.get("kind") != "penalised" or not answer.get("applied_step"):
        return None
    chosen = [v.get("role") or v.get("party") for v in answer.get("variants", []) if v.get("chosen")]
    return city, answer["violation"], chosen[0] if chosen else None, answer["applied_step"]


def required(city: str) -> list[Reached]:
    """Every (ladder, step) of the city's reviewed penalties."""
    from wenming.loader import load_regulation

    regulation = load_regulation(CITIES / f"{city}.yaml")
    out: list[Reached] = []
    for penalty in regulation.penalties:
        if penalty.review != "reviewed":
            continue
        ladders = [(v.role or v.party, v.steps) for v in penalty.variants] or [(None, penalty.steps)]
        for ladder, steps in ladders:
            out += [(city, penalty.key, ladder, index) for index in range(1, len(steps) + 1)]
    return out


def uncovered(city: str | None = None) -> list[Reached]:
    covered = {hit for case in cases(city) if (hit := reached(case["city"], ask(case)[1]))}
    cities = [city] if city else sorted(path.stem for path in CITIES.glob("*.yaml"))
    return [need for name in cities for need in required(name) if need not in covered]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("city", nargs="?", help="a city's file name in data/regulations/ (江门市)")
    args = parser.parse_args(argv)
    gaps = uncovered(args.city)
    for city, key, ladder, step in gaps:
        print(f"{city}\t{key}\t{ladder or '-'}\tstep {step}")
    print(f"{len(gaps)} step(s) of reviewed penalties without a worked case", file=sys.stderr)
    return 1 if gaps else 0


if __name__ == "__main__":
    sys.exit(main())
