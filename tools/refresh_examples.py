"""Rewrite the output shown under every `$ wenming …` line of README.md and docs/*.md from a real run.

    python tools/refresh_examples.py            # rewrite the examples in place
    python tools/refresh_examples.py --check    # exit 1, listing the stale ones, without writing

tests/test_docs.py checks every example the same way; after a change to a view or to the data, run
this, read the diff, and commit it with the change.

An example is a ```console block whose every command line starts `$ wenming `; the lines up to the
next command or the end of the block are its output (stdout, then stderr, as a terminal shows
them). Commands run in-process as a terminal of 80 columns without colour would show them
(COLUMNS=80, NO_COLOR=1), on the working tree's data/regulation.yaml, from a scratch folder that
holds `data/regulation.yaml` (a copy) and `draft.yaml` (the same with one citation broken, for the
`validate` example). A command may be piped into `head -N` or into other programs (`jq`,
`python -m json.tool`), which are run for real; a block of shell commands of another kind is a
```sh block, which is never run.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

from typer.testing import CliRunner

from wenming.cli import app

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "regulation.yaml"
ENV = {"NO_COLOR": "1", "COLUMNS": "80", "WENMING_DATA": str(DATA)}
PROMPT = "$ wenming "
# A console block, at the margin or indented under a list item (its lines all share the indent).
BLOCK = re.compile(r"^(?P<indent> *)```console\n(?P<body>.*?)^(?P=indent)```$", flags=re.S | re.M)
# draft.yaml: the shipped file with one dangling citation, so the line number shown cannot go stale.
DRAFT_BREAK = ("    cites: 第二十二条第九项\n", "    cites: 第二十二条第十三项\n")


class Example(NamedTuple):
    document: str  # relative to the repository root, e.g. docs/commands.md
    line: int  # of the command line
    command: str  # the whole line, `$ wenming …`
    shown: str  # the output as written, without a final newline


class MissingProgram(Exception):
    """A program an example pipes into (jq) is not installed here."""


def documents() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def parse(text: str, document: str = "") -> list[Example]:
    """The examples of one document, in order. A console block whose first line is no `$ wenming `
    command, a `$ ` line of another program, or a `$ wenming ` line outside a console block is an
    error: it would go unchecked."""
    examples = []
    for block in BLOCK.finditer(text):
        first_line = text.count("\n", 0, block.start("body")) + 1
        body = dedent(block.group("body"), block.group("indent"))
        for offset, line in enumerate(body.split("\n")):
            if line.startswith("$ ") and not line.startswith(PROMPT):
                raise ValueError(f"{document}:{first_line + offset}: a console block runs only wenming: {line}")
        if not body.startswith(PROMPT):
            raise ValueError(f"{document}:{first_line}: a console block starts with `{PROMPT}…`")
        line = first_line
        for part in re.split(rf"^(?={re.escape(PROMPT)})", body, flags=re.M):
            if part:
                command, _, shown = part.partition("\n")
                examples.append(Example(document, line, command, shown.rstrip("\n")))
                line += part.count("\n")
    outside = BLOCK.sub(lambda block: "\n" * block.group(0).count("\n"), text)
    for number, line in enumerate(outside.split("\n"), start=1):
        if line.lstrip().startswith(PROMPT):
            raise ValueError(f"{document}:{number}: an example outside a ```console block: {line.strip()}")
    return examples


def dedent(body: str, indent: str) -> str:
    return "".join(line.removeprefix(indent) for line in body.splitlines(keepends=True))


def collect() -> list[Example]:
    return [example for path in documents() for example in parse(path.read_text("utf-8"), rel(path))]


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


@contextmanager
def scratch_folder() -> Iterator[Path]:
    """A scratch folder as the examples assume one, made the working directory while in use."""
    data_text = DATA.read_text(encoding="utf-8")
    old, new = DRAFT_BREAK
    assert data_text.count(old) == 1, f"the draft's broken citation must be made in one place: {old!r}"
    previous = os.getcwd()
    with tempfile.TemporaryDirectory(prefix="wenming-examples-") as folder:
        path = Path(folder)
        (path / "data").mkdir()
        (path / "data" / "regulation.yaml").write_text(data_text, encoding="utf-8")
        (path / "draft.yaml").write_text(data_text.replace(old, new), encoding="utf-8")
        # The LawRefBook corpus, for `wenming import`'s examples.
        shutil.copytree(ROOT / "data" / "sources", path / "data" / "sources")
        os.chdir(path)
        try:
            yield path
        finally:
            os.chdir(previous)


def run(command: str) -> str:
    """What a terminal shows for `command` (a `$ wenming …` line), run in the current folder."""
    words, *pipeline = command.removeprefix(PROMPT).split(" | ")
    result = CliRunner().invoke(app, shlex.split(words), prog_name="wenming", env=ENV)
    output = result.stdout
    for stage in pipeline:
        output = through(output, shlex.split(stage))
    lines = [line.rstrip() for line in (output + result.stderr).rstrip("\n").split("\n")]
    return "\n".join(lines)


def through(text: str, argv: list[str]) -> str:
    """`text` piped into one stage: `head -N` here; any other program run for real."""
    if argv[0] == "head" and len(argv) == 2 and re.fullmatch(r"-\d+", argv[1]):
        return "".join(text.splitlines(keepends=True)[: int(argv[1][1:])])
    if argv[0] in ("python", "python3"):
        argv = [sys.executable, *argv[1:]]
    elif shutil.which(argv[0]) is None:
        raise MissingProgram(argv[0])
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        argv, input=text, capture_output=True, text=True, encoding="utf-8", env=env, check=True
    ).stdout


def refreshed(text: str) -> str:
    """`text` with every example's output rewritten from a real run (in a scratch folder)."""

    def block(match: re.Match[str]) -> str:
        indent = match.group("indent")
        body = dedent(match.group("body"), indent)
        parts = [part for part in re.split(rf"^(?={re.escape(PROMPT)})", body, flags=re.M) if part]
        new = "".join(f"{command}\n{run(command)}\n" for command in (p.partition("\n")[0] for p in parts))
        indented = "".join(indent + line if line.strip() else line for line in new.splitlines(keepends=True))
        return f"{indent}```console\n{indented}{indent}```"

    parse(text)  # refuse a block that would go unchecked
    return BLOCK.sub(block, text)


def main(argv: list[str]) -> int:
    check = argv == ["--check"]
    if argv and not check:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    stale = []
    with scratch_folder():
        for path in documents():
            text = path.read_text(encoding="utf-8")
            new = refreshed(text)
            if new != text:
                stale.append(rel(path))
                if not check:
                    path.write_text(new, encoding="utf-8")
    for name in stale:
        print(f"{'stale' if check else 'refreshed'}: {name}")
    return 1 if check and stale else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
