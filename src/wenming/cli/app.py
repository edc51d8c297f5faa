"""The typer app, its global options, and the one place results and errors are printed.

Exit codes: 0 found; 1 nothing found; 2 usage error, ambiguous input or unusable data file.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from pydantic import BaseModel

from wenming import __version__, cache
from wenming.errors import EXIT_USAGE, WenmingError
from wenming.model import Regulation
from wenming.paths import default_data_path

EXIT_CODES_HELP = (
    "退出码 exit codes: 0 找到 found；1 没有找到 nothing found；2 用法错误或数据文件无效 usage error or invalid data。"
)

app = typer.Typer(
    name="wenming",
    help="《永州市文明行为促进条例》条文与罚则查询。Look up the Yongzhou Civilized Behaviour Promotion Regulation.\n\n"
    + EXIT_CODES_HELP,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)

Result = TypeVar("Result", bound=BaseModel)
JsonOption = Annotated[bool, typer.Option("--json", help="输出 JSON（与屏幕显示同一结果）。Print the result as JSON.")]


class _State:
    data_path: Path | None = None


state = _State()


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"wenming {__version__}")
        raise typer.Exit()


@app.callback()
def _global_options(
    data: Annotated[
        Path | None,
        typer.Option(
            "--data",
            envvar="WENMING_DATA",
            help="使用另一个同格式的条例数据文件（也可用环境变量 WENMING_DATA）。Use another regulation file.",
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_show_version, is_eager=True, help="显示版本。Show the version.")
    ] = False,
) -> None:
    state.data_path = data


def regulation() -> Regulation:
    """The regulation, from the cache when it is fresh, else parsed and validated (an unusable file: exit 2).

    The loader is imported only on a cache miss: PyYAML's import alone costs more than a cached look-up.
    """
    cached = cache.cached_regulation(state.data_path or default_data_path())
    if cached is not None:
        return cached
    from wenming.loader import DataError, load_regulation

    try:
        return load_regulation(state.data_path)
    except DataError as error:
        raise WenmingError(f"数据文件无效：\n{error.report()}", suggestion="用 wenming validate 查看详情") from None


def fail(error: WenmingError, json_output: bool) -> None:
    """Report a user error (JSON on stdout with --json, else text on stderr) and exit with its code."""
    if json_output:
        import json  # only errors need it; results are printed by pydantic

        payload: dict[str, Any] = {"code": error.exit_code, "message": error.message}
        if error.suggestion:
            payload["suggestion"] = error.suggestion
        if error.candidates:
            payload["candidates"] = error.candidates
        sys.stdout.write(json.dumps({"error": payload}, ensure_ascii=False, indent=2) + "\n")
    else:
        lines = [f"错误：{error.message}"]
        lines += [f"  {candidate}" for candidate in error.candidates]
        if error.suggestion:
            lines.append(f"提示：{error.suggestion}")
        sys.stderr.write("\n".join(lines) + "\n")
    raise typer.Exit(error.exit_code)


def run(compute: Callable[[Regulation], Result], json_output: bool, renderer: str) -> None:
    """Compute a command's result and print it: JSON, or the view `renderer` names in wenming.render."""
    try:
        result = compute(regulation())
    except WenmingError as error:  # includes an unusable data file, see regulation()
        fail(error, json_output)
        return
    if json_output:
        sys.stdout.write(result.model_dump_json(indent=2) + "\n")
        return
    # rich is imported only here, when a person is going to read the output.
    from importlib import import_module

    from wenming.render import draw

    module, _, function = renderer.partition(":")
    draw(getattr(import_module(f"wenming.render.{module}"), function), result)


def main() -> None:
    try:
        app()
    except BrokenPipeError:  # `wenming article 22 | head -1`: the reader left, nothing to say
        sys.stderr.close()
        sys.exit(0)
    except KeyboardInterrupt:
        sys.exit(130)


__all__ = ["EXIT_USAGE", "JsonOption", "app", "fail", "main", "regulation", "run", "state"]
