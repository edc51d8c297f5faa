"""Rewrite the output shown under every `$ wenming …` line of README.md from a real run.

    python tools/refresh_readme.py

The README's examples are checked by tests (tests/test_lookup.py, tests/test_penalty.py, …);
after a change to a view, run this, read the diff, and commit it with the change.
"""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from wenming.cli import app

README = Path(__file__).resolve().parents[1] / "README.md"
BLOCK = re.compile(r"(```console\n)(.*?)(```)", flags=re.S)
ENV = {"NO_COLOR": "1", "COLUMNS": "80"}


def run(command_line: str) -> str:
    words, _, pipe = command_line.removeprefix("$ wenming ").partition(" | ")
    result = CliRunner().invoke(app, words.split(), prog_name="wenming", env=ENV)
    lines = [line.rstrip() for line in (result.stdout + result.stderr).rstrip("\n").split("\n")]
    if pipe.startswith("head -"):
        lines = lines[: int(pipe.removeprefix("head -"))]
    return "\n".join(lines)


def refresh_block(match: re.Match[str]) -> str:
    body = match.group(2)
    if not body.startswith("$ wenming "):
        return match.group(0)  # a shell session of another kind: leave it as written
    refreshed = ""
    for part in re.split(r"^(?=\$ wenming )", body, flags=re.M):
        command = part.partition("\n")[0]
        _, _, pipe = command.partition(" | ")
        if (pipe and not pipe.startswith("head -")) or ".yaml" in command:
            # Piped into another tool (jq), or about a data file the README only describes:
            # not reproducible here, left as written.
            refreshed += part
        elif part.strip():
            refreshed += f"{command}\n{run(command)}\n"
    return match.group(1) + refreshed + match.group(3)


def main() -> None:
    text = README.read_text(encoding="utf-8")
    README.write_text(BLOCK.sub(refresh_block, text), encoding="utf-8")


if __name__ == "__main__":
    main()
