"""pyproject.toml's lower bounds as pins, for the CI run at the lowest versions allowed.

python3 .ci/lowest_bounds.py                      # print the pins
python3 .ci/lowest_bounds.py --check .ci/lowest.txt  # exit 1 when the file pins anything else
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def pins() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    found = []
    for requirement in project["dependencies"]:
        match = re.match(r"\s*([A-Za-z0-9_.-]+)\s*(?:\[[^]]*\])?\s*.*?>=\s*([0-9][^,;\s]*)", requirement)
        if match is None:
            raise SystemExit(f"no lower bound (>=) in {requirement!r}")
        found.append(f"{match.group(1)}=={match.group(2)}")
    return found


def pinned(path: Path) -> list[str]:
    lines = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line]


def main(arguments: list[str]) -> int:
    if arguments[:1] == ["--check"]:
        expected, actual = pins(), pinned(Path(arguments[1]))
        if sorted(expected, key=str.lower) != sorted(actual, key=str.lower):
            print(f"{arguments[1]} pins {actual}; pyproject.toml's lower bounds are {expected}", file=sys.stderr)
            return 1
        return 0
    print("\n".join(pins()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
