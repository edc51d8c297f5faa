"""The look-up commands, driven by tests/cases/lookup.yaml, plus the rendering they share."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len  # rich's measure: a check independent of wenming's own
from typer.testing import CliRunner

from wenming.cli import app
from wenming.lookup import article_view, behaviour_list, contents_view
from wenming.regulation import Regulation
from wenming.render import draw, make_console
from wenming.render.lines import NO_LINE_END, NO_LINE_START
from wenming.search import search

HERE = Path(__file__).resolve().parent
CASES = yaml.safe_load((HERE / "cases" / "lookup.yaml").read_text(encoding="utf-8"))
GOLDEN = HERE / "golden"

runner = CliRunner()


def invoke(args: list[str]) -> Any:
    return runner.invoke(app, args, prog_name="wenming", env={"NO_COLOR": "1", "COLUMNS": "100"})


def at(data: Any, path: str) -> Any:
    for part in str(path).split("."):
        data = data[int(part)] if isinstance(data, list) else data[part]
    return data


@pytest.mark.parametrize("case", CASES["cases"], ids=lambda case: " ".join(case["args"]) or "(none)")
def test_case(case: dict[str, Any]) -> None:
    result = invoke(case["args"])
    assert result.exit_code == case["exit"], (result.stdout, result.stderr)
    assert "Traceback" not in result.stdout + result.stderr
    for fragment in case.get("stdout", []):
        assert fragment in result.stdout
    for fragment in case.get("stderr", []):
        assert fragment in result.stderr
    if not {"fields", "citations", "exactly"} & set(case):
        return
    data = json.loads(result.stdout)
    for path, expected in case.get("fields", {}).items():
        assert at(data, path) == expected, path
    entries = data["hits"] if isinstance(data, dict) and "hits" in data else data
    citations = [entry["citation"] for entry in entries] if isinstance(entries, list) else []
    assert set(case.get("citations", [])) <= set(citations)
    if "exactly" in case:
        assert citations == case["exactly"]


def searched_text(regulation: Regulation) -> str:
    parts = [p.text for a in regulation.all_articles() for p in a.paragraphs]
    parts += [i.text for a in regulation.all_articles() for p in a.paragraphs for i in p.items]
    parts += [f"{n.summary}\n{n.quote}" for n in regulation.notes]
    return "\n".join(parts)


def test_enough_colloquial_queries() -> None:
    assert len(CASES["colloquial"]) >= 30


@pytest.mark.parametrize(("query", "expected"), CASES["colloquial"].items())
def test_colloquial_query_finds_its_provisions(regulation: Regulation, query: str, expected: list[str]) -> None:
    # Not in the text: found only through the data's colloquial terms.
    assert query not in searched_text(regulation)
    result = invoke(["search", query, "--json"])
    assert result.exit_code == 0, result.stderr
    citations = [hit["citation"] for hit in json.loads(result.stdout)["hits"]]
    assert expected and set(expected) <= set(citations), citations


@pytest.mark.parametrize(("query", "expected"), CASES["everyday"].items())
def test_everyday_question_finds_its_provisions(query: str, expected: list[str]) -> None:
    result = invoke(["search", query, "--json"])
    assert result.exit_code == 0, result.stderr
    citations = [hit["citation"] for hit in json.loads(result.stdout)["hits"]]
    assert set(expected) <= set(citations), citations


def test_search_hits_highlight_what_matched(regulation: Regulation) -> None:
    hits = json.loads(invoke(["search", "遛狗", "罚款", "--json"]).stdout)["hits"]
    assert [hit["citation"] for hit in hits if hit["kind"] != "note"] == ["第三十七条第一款", "第三十七条第二款"]
    for hit in hits:
        marked = {hit["text"][span["start"] : span["end"]] for span in hit["spans"]}
        assert marked <= {"犬只", "犬", "罚款", "处罚"} and "犬只" in marked


def test_search_is_literal_not_a_pattern() -> None:
    # “（含电子烟）” would be a regex group; as a literal it matches the parentheses too.
    hits = json.loads(invoke(["search", "吸烟（含电子烟）", "--json"]).stdout)["hits"]
    assert all("吸烟（含电子烟）" in hit["text"] for hit in hits)
    assert invoke(["search", "犬|狗"]).exit_code == 1


def test_golden_article_22(regulation: Regulation) -> None:
    console = make_console(file=io.StringIO(), width=100)
    draw(article_view(regulation, "22"), console)
    output = console.file.getvalue()  # type: ignore[union-attr]
    assert output == (GOLDEN / "article-22.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("width", [30, 44, 61])
def test_narrow_terminal_wraps_cleanly(regulation: Regulation, width: int) -> None:
    console = make_console(file=io.StringIO(), width=width)
    for number in range(1, regulation.article_count + 1):
        draw(article_view(regulation, str(number)), console)
    draw(contents_view(regulation), console)
    draw(behaviour_list(regulation), console)
    draw(behaviour_list(regulation, encouraged=True), console)
    draw(search(regulation, ["狗"]), console)
    lines = console.file.getvalue().splitlines()  # type: ignore[union-attr]
    assert all(cell_len(line) <= width for line in lines)
    assert all(line == line.rstrip() for line in lines), "trailing spaces"
    assert not [line for line in lines if line.strip() and line.strip()[0] in NO_LINE_START]
    assert not [line for line in lines if line.strip() and line.rstrip()[-1] in NO_LINE_END]


def test_wrapped_text_reads_back_as_printed(regulation: Regulation) -> None:
    console = make_console(file=io.StringIO(), width=40)
    draw(article_view(regulation, "23"), console)
    joined = "".join(line.strip() for line in console.file.getvalue().splitlines())  # type: ignore[union-attr]
    for item in regulation.cite("23").article.paragraphs[0].items:
        assert item.text in joined


def help_examples(command: str) -> list[str]:
    """The command lines after 例 Example(s): in a command's help, as typer draws it."""
    text = " ".join(invoke([command, "--help"]).stdout.split())
    found = re.search(r"例 Examples?: (.+?)(?: 退出码| ╭|$)", text)
    assert found, f"{command} --help has no 例 Examples: line"
    return [example.strip() for example in found.group(1).split(" ; ")]


@pytest.mark.parametrize("command", ["article", "chapter", "contents", "toc", "behaviours", "search"])
def test_every_command_has_help_with_examples_that_work(command: str) -> None:
    examples = help_examples(command)
    assert examples and all(example.startswith("wenming ") for example in examples), examples
    assert any(example.split()[1] == command for example in examples)
    for example in examples:
        result = invoke(example.split()[1:])
        assert result.exit_code == 0, (example, result.stderr)


def test_help_documents_citation_forms_and_exit_codes() -> None:
    text = " ".join(invoke(["article", "--help"]).stdout.split())
    assert "22.9" in text and "32-4" in text and "29-1.3" in text and "退出码" in text


def test_version() -> None:
    result = invoke(["--version"])
    assert result.exit_code == 0 and result.stdout.startswith("wenming ")


def test_shell_completion_script() -> None:
    result = invoke(["--show-completion", "bash"])
    assert result.exit_code == 0 and "_wenming_completion" in result.stdout


def test_shell_completion_completes_commands_and_options() -> None:
    # The app's own command group (Chinese usage errors) must leave typer's completion working.
    for words, expected in (("wenming art", "article"), ("wenming article --j", "--json")):
        env = {"_WENMING_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(len(words.split()) - 1)}
        result = runner.invoke(app, [], prog_name="wenming", env=env)
        assert result.exit_code == 0 and expected in result.stdout.split()


def test_piped_output_is_plain_text() -> None:
    env = {**os.environ, "TERM": "xterm-256color", "FORCE_COLOR": ""}
    env.pop("FORCE_COLOR")
    for args in (["article", "22"], ["search", "狗"], ["behaviours"], ["contents"]):
        out = subprocess.run(
            [sys.executable, "-m", "wenming", *args], capture_output=True, text=True, check=True, env=env
        ).stdout
        assert "\x1b" not in out and out.strip()


@settings(max_examples=60, deadline=None)
@given(
    command=st.sampled_from(["article", "chapter", "search", "behaviours"]),
    text=st.text(alphabet=st.sampled_from("0123456789２２二十第条款项章.-* 狗犬只（）|\\[]"), max_size=12),
)
def test_any_input_gets_an_answer_not_a_traceback(command: str, text: str) -> None:
    args = [command, "--json", "-d", text] if command == "behaviours" else [command, "--json", "--", text]
    result = invoke(args)
    assert result.exit_code in (0, 1, 2)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    if result.exit_code:
        assert "Traceback" not in result.stdout + result.stderr


def test_article_behaviours_and_fine_name_the_same_unpenalised_part(regulation: Regulation) -> None:
    """22(10)'s rabies vaccination: one residue (Regulation.unpenalised_part) for article, behaviours and fine."""
    from wenming.citation import parse_citation
    from wenming.resolve import unpenalised_units

    rest = "饲养犬只未按规定接种狂犬病疫苗"  # 第二十二条第十项 less what 第三十七条 penalises, read by hand
    assert regulation.unpenalised_part(parse_citation("22.10")) == rest
    assert regulation.unpenalised_part(parse_citation("22.9")) is None  # penalised as a whole
    assert regulation.unpenalised_part(parse_citation("22.1")) is None  # not penalised at all
    item = article_view(regulation, "22.10").paragraphs[0].items[9]
    assert item.unpenalised_part == rest
    entry = next(e for e in behaviour_list(regulation).entries if e.citation == "第二十二条第十项")
    assert entry.unpenalised_part == rest
    partly = [unit for unit in unpenalised_units(regulation) if unit.part_of_penalised]
    assert [(unit.citation, unit.text) for unit in partly] == [("第二十二条第十项", rest)]


def test_behaviours_and_fine_quote_article_35_in_its_own_words(regulation: Regulation) -> None:
    from wenming.penalty import fine

    article_35 = regulation.cite("35")
    entry = next(e for e in behaviour_list(regulation).entries if e.citation == "第二十二条第一项")
    assert entry.otherwise == f"本条例未设罚则；{article_35.text}（第三十五条）"
    assert f"第三十五条：{article_35.text}" in fine(regulation, "22.1").referral  # type: ignore[union-attr]


def _view(args: list[str]) -> str:
    result = CliRunner().invoke(app, args, env={"NO_COLOR": "1", "COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    return result.stdout


def test_a_search_spread_over_items_shows_them_numbered() -> None:
    # 电梯 is in 第二十二条第五项 and 吸烟 in its 第九项: the hit is the paragraph, and the reader
    # must still see which item says what.
    lines = _view(["search", "电梯", "吸烟"]).splitlines()
    assert lines[0].startswith("第二十二条")
    assert any(line.strip().startswith("（五）擅自在道路") for line in lines)
    assert any(line.strip().startswith("（九）在禁止吸烟场所") for line in lines)


def test_a_split_search_says_how_it_searched() -> None:
    assert _view(["search", "电动车不戴头盔"]).splitlines()[0] == "按「电动车」「不戴头盔」查找"


def test_a_note_hit_names_every_provision_it_concerns_and_which_words_matched() -> None:
    heading = _view(["search", "养犬管理"]).splitlines()[0]
    assert heading.startswith("立法说明《关于养犬管理的问题》（第二十二条第十项、第三十七条第一款、第三十七条第二款）")
    assert "原文" in heading or "摘要" in heading
