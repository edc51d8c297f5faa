"""The README and docs/: every `$ wenming …` example shows what the command prints, and the README
stays a short front page (its length, its links into docs/, its table of every command).

The examples are run by tools/refresh_examples.py, which also rewrites them: after a change to a
view or to the data, run it and read the diff.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
import typer.main

from wenming.cli import app

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
DOCS = ROOT / "docs"
README_MAX_LINES = 200


def _load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("refresh_examples", ROOT / "tools" / "refresh_examples.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # NamedTuple needs its module importable by name
    spec.loader.exec_module(module)
    return module


tool = _load_tool()
EXAMPLES = tool.collect()


@pytest.fixture
def scratch_folder() -> Iterator[Path]:
    """The folder the examples assume: data/regulation.yaml, and draft.yaml with one citation broken."""
    with tool.scratch_folder() as folder:
        yield folder


@pytest.mark.parametrize("example", EXAMPLES, ids=[f"{e.document}:{e.line}" for e in EXAMPLES])
def test_example_shows_real_output(example: tool.Example, scratch_folder: Path) -> None:
    try:
        actual = tool.run(example.command)
    except tool.MissingProgram as missing:
        pytest.skip(f"{missing} is not installed")
    assert actual == example.shown, (
        f"{example.document}:{example.line}: {example.command}\n"
        "shows other output than it prints: run `python tools/refresh_examples.py` and read the diff"
    )


def test_the_everyday_uses_and_the_validate_examples_are_shown() -> None:
    # An example may show the first lines of a long view (`wenming article 22 | head -20`).
    shown = {
        (example.document, example.command.removeprefix(tool.PROMPT).partition(" | head -")[0]) for example in EXAMPLES
    }
    for command in ("fine smoking --repeat", "article 22", "search 犬只"):
        assert ("README.md", command) in shown
    # validate on the shipped file, and on a draft with a broken citation (its problem line shown)
    assert ("docs/commands.md", "validate data/regulation.yaml") in shown
    assert ("docs/commands.md", "validate draft.yaml") in shown
    draft = next(e for e in EXAMPLES if e.command == "$ wenming validate draft.yaml")
    assert draft.shown.startswith("draft.yaml:") and "第二十二条第十三项" in draft.shown


def test_fine_comes_first_of_the_readme_examples() -> None:
    readme = [example.command for example in EXAMPLES if example.document == "README.md"]
    assert readme[0] == "$ wenming fine smoking --repeat"


def test_an_example_block_runs_only_wenming() -> None:
    with pytest.raises(ValueError, match="runs only wenming"):
        tool.parse("```console\n$ wenming article 22\n$ cat draft.yaml\n```\n")
    with pytest.raises(ValueError, match="starts with"):
        tool.parse("```console\nsome output\n```\n")
    with pytest.raises(ValueError, match="outside a ```console block"):
        tool.parse("Run it:\n\n```sh\n$ wenming article 22\n```\n")
    assert tool.parse("```sh\nWENMING_DATA=draft.yaml wenming article 22\n```\n") == []
    indented = tool.parse("- a list item:\n\n  ```console\n  $ wenming --version\n  wenming 0.1.0\n  ```\n")
    assert [(e.line, e.command, e.shown) for e in indented] == [(4, "$ wenming --version", "wenming 0.1.0")]


def test_refreshing_keeps_what_is_shown(scratch_folder: Path) -> None:
    version, head = "$ wenming --version", "$ wenming article 22 | head -1"
    text = f"Intro\n\n```console\n{version}\nstale\n{head}\n```\n\nEnd\n"
    shown = f"Intro\n\n```console\n{version}\n{tool.run(version)}\n{head}\n{tool.run(head)}\n```\n\nEnd\n"
    assert tool.run(head).count("\n") == 0 and tool.run(version).startswith("wenming ")
    assert tool.refreshed(text) == shown
    assert tool.refreshed(shown) == shown
    in_a_list = f"- item:\n\n  ```console\n  {head}\n  ```\n"
    assert tool.refreshed(in_a_list) == f"- item:\n\n  ```console\n  {head}\n  {tool.run(head)}\n  ```\n"


# --- the README as a front page ------------------------------------------------------------------


def test_the_readme_is_read_in_two_minutes() -> None:
    lines = README.read_text(encoding="utf-8").count("\n")
    assert lines <= README_MAX_LINES, f"README.md has {lines} lines: move detail into docs/"


def _links(path: Path) -> list[tuple[str, str]]:
    """The relative links of a Markdown file, as (file, anchor); inline code is not searched."""
    text = re.sub(r"```.*?```|`[^`\n]*`", "", path.read_text(encoding="utf-8"), flags=re.S)
    found = []
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if not re.match(r"[a-z]+:", target):
            file, _, anchor = target.partition("#")
            found.append((file, anchor))
    return found


def _anchors(path: Path) -> set[str]:
    """The anchors GitHub gives a file's headings: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.S)
    anchors: set[str] = set()
    for heading in re.findall(r"^#{1,6} +(.+?) *$", text, flags=re.M):
        slug = re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")
        anchor, n = slug, 0
        while anchor in anchors:
            n += 1
            anchor = f"{slug}-{n}"
        anchors.add(anchor)
    return anchors


@pytest.mark.parametrize("path", [README, *sorted(DOCS.glob("*.md"))], ids=lambda path: path.name)
def test_links_resolve(path: Path) -> None:
    links = _links(path)
    for file, anchor in links:
        target = (path.parent / file).resolve() if file else path
        assert target.is_file(), f"{path.name}: link to {file}, which is not a file"
        if anchor:
            assert anchor in _anchors(target), f"{path.name}: link to {file}#{anchor}, which is no heading"
    if path == README:
        linked = {(README.parent / file).resolve() for file, _ in links}
        assert {page.resolve() for page in DOCS.glob("*.md")} <= linked, "a page of docs/ the README does not link"


def _app_commands() -> list[str]:
    return sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def test_the_readme_table_lists_every_command() -> None:
    readme = README.read_text(encoding="utf-8")
    table = readme[readme.index("## Commands") :].split("\n\n")[1]
    rows = [row for row in table.splitlines() if row.startswith("| `wenming ")]
    listed = {name for row in rows for name in re.findall(r"`wenming ([a-z][a-z-]*)", row.split(" | ")[0])}
    assert sorted(listed) == _app_commands()


def test_the_command_reference_has_a_section_for_every_command() -> None:
    headings = re.findall(r"^## (.+)$", (DOCS / "commands.md").read_text(encoding="utf-8"), flags=re.M)
    documented = {name for heading in headings for name in re.findall(r"`wenming ([a-z][a-z-]*)", heading)}
    assert sorted(documented) == _app_commands()
