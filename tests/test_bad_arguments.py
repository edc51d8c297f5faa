"""Bad arguments: exit 1 (nothing found) or 2 (not understood) with a short message, never a traceback."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from wenming.cli import app, main
from wenming.cli.app import printable

runner = CliRunner()


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


def test_a_negative_number_is_out_of_range() -> None:
    # Like 第零条: the number is read, and the message says what exists.
    code, _, stderr = invoke("article", "--", "-1")
    assert code == 1 and stderr.startswith("错误：没有第-1条：本条例共四十二条")


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
    assert "/nonexistent/\\xff.yaml: 文件不存在" in err


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
