"""Another regulation file: --data, WENMING_DATA, their precedence, and `wenming validate`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from wenming.cli import app

runner = CliRunner()

SHIPPED_LAST_ARTICLE = "本条例自 年 月 日起施行。"


def variant(folder: Path, data_text: str, name: str, effective: str) -> Path:
    """A valid copy of the regulation whose Article 42 gives a date, so that we can tell which file answered."""
    assert SHIPPED_LAST_ARTICLE in data_text
    path = folder / name
    path.write_text(data_text.replace(SHIPPED_LAST_ARTICLE, f"本条例自{effective}起施行。"), encoding="utf-8")
    return path


def article_42(args: list[str], env: dict[str, str] | None = None) -> str:
    result = runner.invoke(app, [*args, "article", "42", "--json"], env=env)
    assert result.exit_code == 0, result.output
    return str(json.loads(result.stdout)["paragraphs"][0]["text"])


@pytest.fixture
def drafts(tmp_path: Path, data_text: str) -> tuple[Path, Path]:
    return (
        variant(tmp_path, data_text, "a.yaml", "2030年1月1日"),
        variant(tmp_path, data_text, "b.yaml", "2040年1月1日"),
    )


def test_without_either_the_shipped_file_answers() -> None:
    assert article_42([], env={"WENMING_DATA": ""}) == SHIPPED_LAST_ARTICLE


def test_data_option_loads_another_file(drafts: tuple[Path, Path]) -> None:
    assert article_42(["--data", str(drafts[0])]) == "本条例自2030年1月1日起施行。"


def test_environment_variable_loads_another_file(drafts: tuple[Path, Path]) -> None:
    assert article_42([], env={"WENMING_DATA": str(drafts[1])}) == "本条例自2040年1月1日起施行。"


def test_data_option_beats_the_environment_variable(drafts: tuple[Path, Path]) -> None:
    text = article_42(["--data", str(drafts[0])], env={"WENMING_DATA": str(drafts[1])})
    assert text == "本条例自2030年1月1日起施行。"


def test_a_broken_file_named_by_the_environment_is_refused(tmp_path: Path) -> None:
    result = runner.invoke(app, ["article", "22"], env={"WENMING_DATA": str(tmp_path / "missing.yaml")})
    assert result.exit_code == 2
    assert result.stderr.startswith("错误：数据文件不存在：") and "missing.yaml" in result.stderr
    assert "数据文件无效" not in result.stderr and "validate" not in result.stderr


@pytest.mark.parametrize("json_output", [False, True])
def test_a_missing_data_file_says_so(json_output: bool) -> None:
    result = runner.invoke(app, ["--data", "/nonexistent", "article", "22", *(["--json"] if json_output else [])])
    assert result.exit_code == 2
    if json_output:
        error = json.loads(result.stdout)["error"]
        assert error["message"] == "数据文件不存在：/nonexistent" and "WENMING_DATA" in error["suggestion"]
    else:
        assert result.stderr == "错误：数据文件不存在：/nonexistent\n提示：检查 --data 或 WENMING_DATA 给出的路径\n"


def test_a_broken_file_shows_its_first_problems_and_points_to_validate(tmp_path: Path) -> None:
    path = tmp_path / "many.yaml"
    path.write_text("\n".join(f"k{i}: {i}" for i in range(30)), encoding="utf-8")
    result = runner.invoke(app, ["--data", str(path), "article", "22"])
    assert result.exit_code == 2
    # 30 unknown keys, schema_version and meta missing
    assert result.stderr.count(f"{path}:") == 5 and "共 32 个问题" in result.stderr
    assert f"wenming validate {path}" in result.stderr


# --- validate ---------------------------------------------------------------------------


def test_validate_summarises_the_shipped_file(data_text: str) -> None:
    result = runner.invoke(app, ["validate", "--json"], env={"WENMING_DATA": ""})
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["valid"] is True and report["problems"] == []
    # The counts, taken independently from the raw YAML.
    raw = yaml.safe_load(data_text)
    articles = [article for chapter in raw["chapters"] for article in chapter["articles"]]
    paragraphs = [paragraph for article in articles for paragraph in article["paragraphs"]]
    summary = report["summary"]
    assert summary["chapters"] == 6 and summary["articles"] == 42 == len(articles)
    assert summary["paragraphs"] == len(paragraphs)
    assert summary["items"] == sum(len(paragraph.get("items", [])) for paragraph in paragraphs)
    assert summary["penalties"] == len(raw["penalties"]) == 5
    # The behaviours Chapter 5 penalises, as the data cites them: 22(9) smoking, 32-4 venues,
    # 22(10) dogs (leash and waste), 23(9) shared vehicles.
    assert summary["penalised_provisions"] == [
        "第二十二条第九项",
        "第三十二条第四款",
        "第二十二条第十项",
        "第二十三条第九项",
    ]


def test_validate_human_view() -> None:
    result = runner.invoke(app, ["validate"], env={"WENMING_DATA": "", "COLUMNS": "100"})
    assert result.exit_code == 0
    assert result.stdout.startswith("有效 valid：")
    assert "6 章，42 条，58 款，106 项" in result.stdout and "第三十二条第四款" in result.stdout


def test_validate_lists_every_problem_with_file_line_and_field(tmp_path: Path, data_text: str) -> None:
    broken = data_text.replace("    cites: 第二十二条第九项\n", "    cites: 第二十二条第十三项\n", 1)
    broken = broken.replace("    - overdue\n", "    - late\n", 1)
    path = tmp_path / "broken.yaml"
    path.write_text(broken, encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path), "--json"])
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    assert report["valid"] is False and report["summary"] is None
    assert [(p["file"], p["field"]) for p in report["problems"]] == [
        (str(path), "penalties[0].behaviour.cites"),
        (str(path), "penalties[4].steps[1].when_any[0]"),
    ]
    assert all(isinstance(p["line"], int) and p["message"] for p in report["problems"])
    human = runner.invoke(app, ["validate", str(path)])
    assert human.exit_code == 2
    line = broken[: broken.index("第二十二条第十三项")].count("\n") + 1
    assert f"{path}:{line}: penalties[0].behaviour.cites: 引用「第二十二条第十三项」无法解析" in human.stdout
    assert "共 2 个问题" in human.stdout


def test_validate_checks_the_data_option_or_its_argument(drafts: tuple[Path, Path], tmp_path: Path) -> None:
    result = runner.invoke(app, ["--data", str(drafts[0]), "validate", "--json"])
    assert result.exit_code == 0 and json.loads(result.stdout)["file"] == str(drafts[0])
    result = runner.invoke(app, ["validate", "--json"], env={"WENMING_DATA": str(drafts[1])})
    assert json.loads(result.stdout)["file"] == str(drafts[1])
    missing = tmp_path / "missing.yaml"
    result = runner.invoke(app, ["--data", str(drafts[0]), "validate", str(missing), "--json"])
    assert result.exit_code == 2 and json.loads(result.stdout)["problems"][0]["message"] == "文件不存在"


def test_validate_reads_the_file_afresh(tmp_path: Path, data_text: str) -> None:
    path = tmp_path / "draft.yaml"
    path.write_text(data_text, encoding="utf-8")
    assert runner.invoke(app, ["--data", str(path), "article", "1"]).exit_code == 0  # now cached in-process
    path.write_text(data_text.replace("schema_version: 1", "schema_version: 2"), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2 and "schema_version" in result.stdout


@pytest.mark.parametrize("path", ["", "  "])
def test_validate_refuses_an_empty_path(path: str) -> None:
    result = runner.invoke(app, ["validate", path])
    assert result.exit_code == 2 and "数据文件路径为空" in result.stderr


def test_behaviours_come_from_the_data_not_the_wording_of_headings(tmp_path: Path, data_text: str) -> None:
    # Another city may word its headings differently: its behaviour_articles still say what is governed.
    old = "在交通出行方面，重点治理下列不文明行为："
    assert data_text.count(old) == 1
    reworded = tmp_path / "reworded.yaml"
    reworded.write_text(data_text.replace(old, "交通出行中的下列行为，予以重点治理："), encoding="utf-8")
    result = runner.invoke(app, ["--data", str(reworded), "behaviours", "-d", "交通", "--json"])
    entries = json.loads(result.stdout)
    assert result.exit_code == 0 and len(entries) == 9
    assert {entry["kind"] for entry in entries} == {"governed"} and entries[8]["penalties"]


# --- the circumstances and fine's flags -------------------------------------------------------


def test_fine_flags_are_aliases_of_when_and_when_takes_any_circumstance_by_name_or_key(data_text: str) -> None:
    """--refused is short for --when refused; --when takes any circumstance the data names, by its key or
    its Chinese name, so a regulation's own circumstances need no flag of their own."""
    import typer.main

    from wenming.cli.penalty import CIRCUMSTANCE_FLAGS

    fine = typer.main.get_command(app).commands["fine"]  # type: ignore[attr-defined]
    flags = [opt for param in fine.params if getattr(param, "is_flag", False) for opt in param.opts]
    assert sorted(flag for flag in flags if flag not in {"--social-service", "--json"}) == sorted(
        f"--{key}" for key in CIRCUMSTANCE_FLAGS
    )

    def answer(*args: str) -> dict[str, object]:
        result = runner.invoke(app, ["fine", "smoking", *args, "--json"])
        assert result.exit_code == 0, result.output
        found = json.loads(result.stdout)
        assert isinstance(found, dict)
        return found

    by_flag = answer("--refused")
    assert answer("--when", "refused") == by_flag == answer("--when", "拒不改正")
    both = answer("--when", "拒不改正", "--when", "情节严重")
    assert (both["applied_step"], both["circumstances"]) == (3, ["拒不改正", "情节严重"])


def test_a_circumstance_the_regulation_does_not_name_exits_2_listing_its_own(tmp_path: Path, data_text: str) -> None:
    renamed = data_text.replace("- key: refused\n", "- key: refusal\n", 1)
    renamed = renamed.replace("    - refused\n", "    - refusal\n").replace("related: [refused]", "related: [refusal]")
    path = tmp_path / "renamed.yaml"
    path.write_text(renamed, encoding="utf-8")
    assert runner.invoke(app, ["validate", str(path), "--json"]).exit_code == 0  # a key is the data's to choose
    refused = runner.invoke(app, ["--data", str(path), "fine", "smoking", "--refused", "--json"])
    assert refused.exit_code == 2
    error = json.loads(refused.stdout)
    assert "refused" in error["error"]["message"] and "拒不改正（refusal）" in error["error"]["suggestion"]
    reached = runner.invoke(app, ["--data", str(path), "fine", "smoking", "--when", "拒不改正", "--json"])
    assert json.loads(reached.stdout)["applied_step"] == 2
    unknown = runner.invoke(app, ["fine", "smoking", "--when", "情节恶劣"], env={"COLUMNS": "200"})
    assert unknown.exit_code == 2 and "情节恶劣" in unknown.output and "再次违反（repeat）" in unknown.output


def test_validate_counts_drafts_and_strict_refuses_them(tmp_path: Path, data_text: str) -> None:
    drafted = data_text.replace("  taxonomy: dog-waste\n", "  taxonomy: dog-waste\n  review: draft\n", 1)
    path = tmp_path / "drafted.yaml"
    path.write_text(drafted, encoding="utf-8")
    lenient = runner.invoke(app, ["validate", str(path), "--json"])
    assert lenient.exit_code == 0
    report = json.loads(lenient.stdout)
    assert report["summary"]["drafts"] == 1
    assert [w["field"] for w in report["warnings"]] == ["penalties[3].review"]
    strict = runner.invoke(app, ["validate", str(path), "--strict", "--json"])
    assert strict.exit_code == 2 and json.loads(strict.stdout)["problems"][0]["field"] == "penalties[3].review"
    assert runner.invoke(app, ["validate", "--strict"], env={"WENMING_DATA": ""}).exit_code == 0  # Yongzhou: reviewed
    # Every answer from the draft says so: first among the notes, in the view's header, and in JSON.
    fined = runner.invoke(app, ["--data", str(path), "fine", "dog-waste", "--refused", "--json"])
    answer = json.loads(fined.stdout)
    assert answer["review"] == "draft" and answer["notes"][0].startswith("未经人工核对")
    human = runner.invoke(app, ["--data", str(path), "fine", "dog-waste"], env={"COLUMNS": "100"})
    assert human.stdout.startswith("未经人工核对")


# --- global options where people put them -----------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["article", "42", "--data", "{a}", "--json"],
        ["article", "42", "--json", "--data={a}"],
        ["article", "--data", "{a}", "42", "--json"],
        ["--data", "{b}", "article", "42", "--data", "{a}", "--json"],  # the later one, as click takes it
    ],
)
def test_the_data_option_works_after_the_command_too(drafts: tuple[Path, Path], args: list[str]) -> None:
    result = runner.invoke(app, [arg.format(a=drafts[0], b=drafts[1]) for arg in args])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["paragraphs"][0]["text"] == "本条例自2030年1月1日起施行。"


def test_the_data_option_after_the_command_with_a_negative_number_and_after_dashes(drafts: tuple[Path, Path]) -> None:
    result = runner.invoke(app, ["article", "-1", "--data", str(drafts[0]), "--json"])
    assert result.exit_code == 1 and json.loads(result.stdout)["error"]["message"] == "没有第-1条：本条例共四十二条"
    result = runner.invoke(app, ["search", "--json", "--", "--data"])  # after `--`: a word to search for
    assert result.exit_code == 1 and "--data" in json.loads(result.stdout)["error"]["message"]


def test_the_data_option_after_the_command_without_its_value() -> None:
    result = runner.invoke(app, ["article", "22", "--data"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[:2] == ["错误：选项 --data 需要一个值", "Option '--data' requires an argument."]


def test_the_data_option_after_the_command_in_a_real_process(drafts: tuple[Path, Path]) -> None:
    import subprocess
    import sys

    command = [sys.executable, "-m", "wenming", "article", "42", "--data", str(drafts[0]), "--json"]
    out = subprocess.run(command, capture_output=True, text=True, check=True)
    assert json.loads(out.stdout)["paragraphs"][0]["text"] == "本条例自2030年1月1日起施行。"
