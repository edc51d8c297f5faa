"""Bad arguments: exit 1 (nothing found) or 2 (not understood) with a short message, never a traceback."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from wenming.cli import app, main
from wenming.cli.output import printable

runner = CliRunner()


def words(text: str) -> list[str]:
    """The words of click's English line: its punctuation, and argument(s), vary with click's release."""
    return re.findall(r"[\w-]+", text.replace("(s)", ""))


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("reference", "message"),
    [
        ("0", "没有第零条：本条例共四十二条"),
        ("43", "没有第四十三条：本条例共四十二条"),
        ("第零条", "没有第零条：本条例共四十二条"),
        ("第一百条", "没有第一百条：本条例共四十二条"),
        ("第四十三条", "没有第四十三条：本条例共四十二条"),
        ("99999999999", "没有第99999999999条：本条例共四十二条"),  # the number as written, not a stand-in
        ("9" * 38, "本条例共四十二条"),
        ("22.13", "没有第二十二条第十三项：第二十二条共十二项"),
        ("22-0", "没有第二十二条第零款：第二十二条共一款"),
        ("22.0", "没有第二十二条第零项"),
        ("32-5", "第三十二条共四款"),
        ("1.1", "第一条不分项"),
        ("第二十九条第二款第一项", "第二十九条第二款不分项"),
    ],
)
def test_out_of_range_citations_say_what_exists(reference: str, message: str) -> None:
    code, stdout, stderr = invoke("article", reference)
    assert code == 1 and stdout == ""
    lines = stderr.splitlines()
    assert lines[0].startswith("错误：") and message in lines[0]
    assert all(line.startswith("提示：") for line in lines[1:]) and len(lines) <= 2


@pytest.mark.parametrize(
    "reference",
    [
        "",
        "   ",
        "\t\n",
        "abc",
        "22..9",
        "22.",
        "第二十二条第九",
        "二二",
        "一十二",
        "2十2",
        "二十二-1",
        "22.九",
        "22-第一款",
        "第二十二条第九项第一款",
        "{0}{1!r:>{2}}",
        "%s%n%x",
        ".*",
        "(?P<x>a)|[",
        "\\d+$",
        "22\x00",
        "\x1b[31m22\x1b[0m",
        "第\u202e22条",
        "第" * 1000,
        "2" * 100_000,
    ],
)
def test_malformed_citations_are_usage_errors(reference: str) -> None:
    code, stdout, stderr = invoke("article", reference)
    assert code == 2 and stdout == ""
    assert stderr.startswith("错误：") and "提示：可用的写法" in stderr
    assert len(stderr) < 400  # a 100,000-character argument is not echoed back
    assert "\x1b" not in stderr and "\x00" not in stderr and "\u202e" not in stderr


@pytest.mark.parametrize("reference", ["22 9", "２２　９", " 22  9 "])
def test_a_space_between_numbers_is_refused_with_the_form_meant(reference: str) -> None:
    code, stdout, stderr = invoke("article", reference)
    assert code == 2 and stdout == ""
    assert stderr.startswith("错误：数字之间不能只用空格隔开") and "提示：项写作 22.9" in stderr
    assert "二百二十九" not in stderr


@pytest.mark.parametrize("reference", ["22", "{0}", "43", "\x1b[2J", ""])
def test_json_errors_carry_the_exit_code(reference: str) -> None:
    code, stdout, _ = invoke("article", reference, "--json")
    if code == 0:
        assert json.loads(stdout)["number"] == 22
        return
    error = json.loads(stdout)["error"]
    assert error["code"] == code and error["message"]
    assert "\x1b" not in stdout


@pytest.mark.parametrize(
    ("reference", "expected"),
    [
        ("第22条第9项", "第二十二条第九项"),
        ("22第九项", "第二十二条第九项"),
        ("第２２条", "第二十二条"),
        (" 32 - 4 ", "第三十二条第四款"),
        ("２２．９", "第二十二条第九项"),
        ("32－4", "第三十二条第四款"),
        ("《第二十二条》", "第二十二条"),
        ("第二十二條第九項", "第二十二条第九项"),
    ],
)
def test_mixed_forms_that_are_unambiguous_are_read(reference: str, expected: str) -> None:
    code, stdout, _ = invoke("article", reference, "--json")
    view = json.loads(stdout)
    assert code == 0 and (view["focus"] or view["citation"]) == expected


@pytest.mark.parametrize(
    "args", [["article", "-1"], ["article", "--", "-1"], ["article", "-1", "--json"], ["--data", "", "article", "-1"]]
)
def test_a_negative_number_is_out_of_range(args: list[str]) -> None:
    # Like 第零条: the lone negative number is the argument (not an unknown option), and the
    # message says what exists.
    code, stdout, stderr = invoke(*[arg for arg in args if arg != "--data" and arg != ""])
    assert code == 1
    if "--json" in args:
        assert json.loads(stdout)["error"]["message"] == "没有第-1条：本条例共四十二条"
    else:
        assert stderr.startswith("错误：没有第-1条：本条例共四十二条")


def test_a_negative_number_keeps_options_in_their_place() -> None:
    code, stdout, _ = invoke("search", "-1", "--json")
    assert code == 1 and json.loads(stdout)["error"]["message"] == "没有找到“-1”"
    code, stdout, _ = invoke("behaviours", "-d", "-1", "--json")
    assert code == 2 and json.loads(stdout)["error"]["message"] == "没有“-1”这一类"


@pytest.mark.parametrize(
    ("args", "chinese", "english"),
    [
        (["article"], "错误：缺少参数 REF", "Missing argument 'REF'."),
        (["search"], "错误：缺少参数 QUERY", "Missing argument 'QUERY'."),
        (["article", "22", "--bogus"], "错误：未知选项 --bogus", "No such option: --bogus"),
        (["--bogus"], "错误：未知选项 --bogus", "No such option: --bogus"),
        (["nosuch"], "错误：没有 nosuch 这个命令", "No such command 'nosuch'."),
        (["--data"], "错误：选项 --data 需要一个值", "Option '--data' requires an argument."),
        (["article", "22", "23"], "错误：参数太多", "Got unexpected extra argument(s) (23)"),
        (["--data", "x.yaml"], "错误：缺少命令", "Missing command."),
    ],
)
def test_usage_errors_say_it_in_chinese_first(args: list[str], chinese: str, english: str) -> None:
    code, stdout, stderr = invoke(*args)
    lines = stderr.splitlines()
    assert code == 2 and stdout == ""
    # The English line is click's own: its punctuation varies with click's release.
    assert lines[0] == chinese and words(lines[1]) == words(english) and lines[2].startswith("提示：用 wenming")
    assert not set("╭│╰") & set(stderr), "no box"


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (["behaviours", "-d"], "提示：用 wenming behaviours --help 查看用法"),
        (["article"], "提示：用 wenming article --help 查看用法"),
        (["--data"], "提示：用 wenming --help 查看用法"),
    ],
)
def test_a_usage_error_points_to_the_help_of_its_command(args: list[str], hint: str) -> None:
    _, _, stderr = invoke(*args)
    assert stderr.splitlines()[-1] == hint


def test_a_mistyped_command_is_named() -> None:
    _, _, stderr = invoke("artcle", "22")
    assert stderr.splitlines()[0] == "错误：没有 artcle 这个命令"
    assert "是否要用 wenming article？" in stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["article", "--json"], "缺少参数 REF"),
        (["article", "22", "--bogus", "--json"], "未知选项 --bogus"),
        (["nosuch", "--json"], "没有 nosuch 这个命令"),
    ],
)
def test_usage_errors_with_json_are_a_json_error(args: list[str], message: str) -> None:
    code, stdout, stderr = invoke(*args)
    error = json.loads(stdout)["error"]
    assert code == 2 and stderr == ""
    assert error["code"] == 2 and error["message"] == message and error["detail"] and error["suggestion"]


def test_no_arguments_still_shows_the_help() -> None:
    code, stdout, stderr = invoke()
    assert code == 2 and "Usage" in stdout + stderr and "错误：" not in stdout + stderr


@pytest.mark.parametrize(
    "args",
    [
        ["article"],
        ["article", "22", "23"],
        ["nosuchcommand"],
        ["--data"],
        ["article", "22", "--jsn"],
        ["validate", "a", "b"],
    ],
)
def test_wrong_usage_exits_2(args: list[str]) -> None:
    code, _, _ = invoke(*args)
    assert code == 2


def test_bytes_that_are_not_utf8_are_refused(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Python hands undecodable argv bytes over as lone surrogates (\udcff for byte 0xff).
    monkeypatch.setattr("sys.argv", ["wenming", "article", "\udcff\udcfe22"])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 2
    assert capsys.readouterr().err == "错误：参数「\\xff\\xfe22」不是 UTF-8 文本\n"


def test_a_data_path_may_be_any_bytes(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.argv", ["wenming", "--data", "/nonexistent/\udcff.yaml", "article", "22"])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：数据文件不存在：/nonexistent/\\xff.yaml\n") and "validate" not in err


def test_printable_escapes_what_a_terminal_would_obey() -> None:
    assert printable("第\x1b[2J条\x07\n\udcff\u202e中") == "第\\x1b[2J条\\x07\n\\xff\\u202e中"
    assert printable("第二十二条（一）") == "第二十二条（一）"


def test_validate_names_an_undecodable_path_readably(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.argv", ["wenming", "--data", "/nonexistent/\udcff.yaml", "validate", "--json"])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 2
    report = json.loads(capsys.readouterr().out)
    assert report["file"] == "/nonexistent/\\xff.yaml" and report["problems"][0]["message"] == "文件不存在"
