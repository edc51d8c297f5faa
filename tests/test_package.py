"""The package as a user gets it: the library API, the shipped data, and no UI imports in the domain."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

import wenming
from wenming.cli import app

DATA = Path(__file__).resolve().parents[1] / "data" / "regulation.yaml"


def test_library_api() -> None:
    article = wenming.load_regulation().article(22)
    assert article is not None and article.paragraphs[0].items[8].text == "在禁止吸烟场所（区域）吸烟（含电子烟）；"


def test_shipped_data_is_the_working_trees() -> None:
    """The copy the installed package reads is data/regulation.yaml as it is now: an edit to the data
    without reinstalling fails here (the other tests read data/ itself, see conftest)."""
    from wenming.registry import default_data_path

    shipped = default_data_path().read_bytes()
    assert shipped == DATA.read_bytes(), f"{default_data_path()} differs from {DATA}: reinstall (pip install .)"


def test_shipped_law_data_is_the_working_trees() -> None:
    from wenming.lawbook import default_paths

    for shipped in default_paths():
        assert shipped.read_bytes() == (DATA.parent / shipped.name).read_bytes(), f"{shipped}: reinstall"


def test_domain_imports_neither_typer_nor_rich() -> None:
    code = (
        "import sys, wenming, wenming.lookup, wenming.search, wenming.gazette, wenming.validation, wenming.penalty,"
        " wenming.resolve, wenming.agency, wenming.datacheck, wenming.cache, wenming.paths,"
        " wenming.contents, wenming.behaviours, wenming.laws, wenming.lawbook, wenming.procedure, wenming.onward;"
        "r = wenming.load_regulation(); r.cite('22.9'); wenming.search.search(r, ['狗']);"
        "wenming.lookup.article_view(r, '22'); wenming.lookup.behaviour_list(r);"
        "wenming.penalty.fine(r, '22.9', ['refused']);"
        "wenming.penalty.fine(r, '37-1', ['refused'], laws=wenming.lawbook.load_lawbook, party='个人', amount=200);"
        "wenming.penalty.fine(r, '狂犬疫苗', laws=wenming.lawbook.load_lawbook);"
        "print(sorted(m for m in ('typer', 'rich', 'click') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_article_json_for_every_article() -> None:
    runner = CliRunner()
    chapter_of = {n: c for c, first, last in [(1, 1, 6), (2, 7, 21), (3, 22, 27), (4, 28, 34), (5, 35, 41), (6, 42, 42)]
                  for n in range(first, last + 1)}  # fmt: skip
    for number in range(1, 43):
        result = runner.invoke(app, ["article", str(number), "--json"])
        assert result.exit_code == 0, result.output
        data = json.loads(result.stdout)
        assert data["number"] == number and data["chapter"] == chapter_of[number]
        assert data["paragraphs"] and all({"number", "text", "items"} <= set(p) for p in data["paragraphs"])
        for paragraph in data["paragraphs"]:
            assert all(set(item) >= {"number", "text"} for item in paragraph["items"])


def test_installed_command_runs_from_another_folder(tmp_path: object) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "wenming", "article", "22", "--json"],
        capture_output=True,
        text=True,
        cwd="/",
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "在禁止吸烟场所（区域）吸烟（含电子烟）；" in result.stdout  # Chinese unescaped
