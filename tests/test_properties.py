"""Properties for any input: citations round-trip, and no command answers anything with a traceback.

The command-line properties cover every command registered on the app, so commands
added later are covered without editing this file.
"""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from wenming.citation import Citation, CitationSyntaxError, _pattern_form, _plain_form, normalise, parse_citation
from wenming.cli import app
from wenming.errors import EXIT_NOT_FOUND, EXIT_OK, EXIT_USAGE
from wenming.numerals import MAX_NUMBER, from_chinese, parse_number, to_chinese
from wenming.search import _ROW, _rows_with

DOCUMENTED_EXIT_CODES = {EXIT_OK, EXIT_NOT_FOUND, EXIT_USAGE}
COMMANDS = sorted(command.name or command.callback.__name__ for command in app.registered_commands if command.callback)

runner = CliRunner()
numbers = st.integers(min_value=0, max_value=10**9)
citations = st.builds(
    Citation, article=numbers, paragraph=st.none() | numbers, item=st.none() | numbers
)  # fmt: skip


def test_every_statute_number_round_trips() -> None:
    for number in range(1, MAX_NUMBER + 1):
        assert from_chinese(to_chinese(number)) == number


@given(citations)
def test_a_formatted_citation_parses_back(citation: Citation) -> None:
    assert parse_citation(citation.chinese()) == citation
    assert parse_citation(citation.compact()) == citation


@given(citations)
def test_full_width_and_spaced_forms_parse_back(citation: Citation) -> None:
    full_width = citation.compact().translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert parse_citation(full_width) == citation
    # Spaces between tokens are ignored; an Arabic number (one no statute numeral spells) stays whole.
    assert parse_citation(" ".join(re.findall(r"[0-9]+|.", citation.chinese()))) == citation


# Texts made of what citations are written with, some of them well-formed pieces.
citation_like = st.lists(
    st.sampled_from([*"第条款项零一二三四五六七八九十百千0123456789-.", "第二十二条", "第九项", "第一款", "22"]),
    max_size=8,
).map("".join)


@given(citation_like)
@example("第二十九条第一款第三项")
@example("第九项第二款")
@example("022")
def test_the_plain_reader_agrees_with_the_patterns(text: str) -> None:
    # The common forms are read without compiling the patterns: wherever that reader answers, it is
    # what the patterns read; where it does not (None), the patterns decide alone.
    plain = _plain_form(text)
    if plain is None:
        return
    assert plain == _pattern_form(text)


@given(
    st.lists(st.text(alphabet="犬只狗罚款\x9f ", min_size=1, max_size=10), max_size=8),
    st.lists(st.text(alphabet="犬只狗罚款\x9e", max_size=3), max_size=3),
)
def test_a_search_splits_out_exactly_the_rows_holding_a_word(rows: list[str], words: list[str]) -> None:
    # A regulation's rows (none empty) are one text; the rows found in it are those a look at each finds.
    holding = [row for row in rows if any(word in row for word in words)]
    assert _rows_with(_ROW.join(rows), words) == holding


@given(citations, st.data())
def test_a_space_inside_an_arabic_number_is_refused(citation: Citation, data: st.DataObject) -> None:
    # 22 9 is never 第二百二十九条: a space between digits is a syntax error, never a bigger number.
    compact = citation.compact()
    gaps = [index for index in range(1, len(compact)) if compact[index - 1].isdigit() and compact[index].isdigit()]
    if not gaps:
        return
    at = data.draw(st.sampled_from(gaps))
    with pytest.raises(CitationSyntaxError):
        parse_citation(compact[:at] + " " + compact[at:])


# Text that looks like citations, broken in the ways people break them, and any text at all.
citation_like = st.lists(
    st.sampled_from(
        ["第", "条", "款", "项", "零", "一", "十", "百", "千", "二", "九", "0", "1", "2", "9", "-", ".", "２", " "]
    ),
    max_size=12,
).map("".join)
any_text = st.one_of(
    citation_like, st.text(max_size=60), citations.map(Citation.chinese), citations.map(Citation.compact)
)


@given(any_text)
@example("第零条")
@example("9" * 5000)
def test_parsing_any_text_gives_a_citation_or_a_syntax_error(text: str) -> None:
    try:
        citation = parse_citation(text)
    except CitationSyntaxError as error:
        assert str(error)
    else:
        # Only a leading minus gives a negative article (read so that the message can say what exists).
        assert citation.article >= 0 or normalise(text).startswith("-")
        assert citation.paragraph is None or citation.paragraph >= 0
        assert citation.item is None or citation.item >= 0


@given(st.text(max_size=30))
def test_parse_number_gives_a_number_or_none(text: str) -> None:
    value = parse_number(text)
    assert value is None or value >= 0


# --- the command line -------------------------------------------------------------------


def check_run(args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), (args, repr(result.exception))
    assert result.exit_code in DOCUMENTED_EXIT_CODES, (args, result.exit_code, result.output)
    assert "Traceback" not in result.output
    flags = _flags(args)
    if "--help" in flags and result.exit_code == EXIT_OK:
        assert "Usage" in result.stdout  # --help is eager: the help, whatever else is asked
    elif "--json" in flags and result.exit_code in (EXIT_OK, EXIT_NOT_FOUND) and result.stdout:
        json.loads(result.stdout)  # with --json, what is printed is JSON


def _flags(args: list[str]) -> list[str]:
    """The options click sees as options: not after `--`, and not the value of --data."""
    words = args[: args.index("--")] if "--" in args else args
    return [word for index, word in enumerate(words) if index == 0 or words[index - 1] != "--data"]


cli_settings = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_the_command_list_is_found() -> None:
    assert {"article", "validate"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
@cli_settings
@given(text=any_text, json_output=st.booleans())
def test_any_argument_to_any_command_exits_with_a_documented_code(command: str, text: str, json_output: bool) -> None:
    check_run([command, text, *(["--json"] if json_output else [])])


@cli_settings
@given(
    st.lists(st.one_of(st.sampled_from([*COMMANDS, "--json", "--help", "--data", "--", "-x"]), any_text), max_size=4)
)
def test_any_command_line_exits_with_a_documented_code(args: list[str]) -> None:
    check_run(args)
