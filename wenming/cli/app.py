"""The typer app, its global options, and the one place results and errors are printed.

Exit codes: 0 found; 1 nothing found; 2 usage error, ambiguous input or unusable data file.
"""

# Start-up (benchmarks/startup.py): typer reads the global options' signature on every run, so the
# annotations here are real objects rather than strings to evaluate (no `from __future__ import
# annotations`); json, shlex and unicodedata, needed only for errors and odd encodings, are imported there.

import difflib
import io
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO, TypeVar

import typer
from pydantic import BaseModel
from typer.core import TyperGroup

from wenming import __version__, cache
from wenming.errors import EXIT_USAGE, WenmingError
from wenming.paths import default_data_path
from wenming.regulation import Regulation

if TYPE_CHECKING:
    from wenming.loader import DataError

EXIT_CODES_HELP = (
    "退出码 exit codes: 0 找到 found；1 没有找到 nothing found；2 用法错误或数据文件无效 usage error or invalid data。"
)

# --- usage errors ---------------------------------------------------------------------------

try:  # typer >= 0.2x carries its own copy of click
    from typer._click import exceptions as _click_errors
except ImportError:  # pragma: no cover - older typer, on click itself
    from click import exceptions as _click_errors  # type: ignore[import-not-found,no-redef,unused-ignore]

_ARGUMENTS = "wenming.arguments"  # ctx.meta key: the command line, for --json in a usage error
# A lone negative number (article -1) that click would take for an option.
_NEGATIVE_NUMBER = re.compile(r"-[0-9０-９][0-9０-９.．\-－]*")


class _UnknownCommand(_click_errors.UsageError):  # type: ignore[misc,name-defined,unused-ignore]
    def __init__(self, name: str, close: list[str], ctx: Any) -> None:
        suggestion = f" Did you mean {', '.join(repr(match) for match in close)}?" if close else ""
        super().__init__(f"No such command {name!r}.{suggestion}", ctx)
        self.name = name
        self.close = close


def _param_name(param: Any) -> str:
    """REF for an argument, --data for an option: as the usage line names it."""
    if param is None:
        return ""
    if getattr(param, "param_type_name", "") == "option":
        return "/".join(getattr(param, "opts", []))
    return str(getattr(param, "metavar", None) or (getattr(param, "name", None) or "").upper())


def _chinese(error: Any) -> str:
    """The Chinese line for one of click's usage errors (its English line follows it)."""
    param = getattr(error, "param", None)
    hint = _param_name(param)
    if isinstance(error, _UnknownCommand):
        return f"没有 {error.name} 这个命令"
    if isinstance(error, _click_errors.MissingParameter):
        kind = "选项" if getattr(param, "param_type_name", "") == "option" else "参数"
        return f"缺少{kind} {hint}".rstrip()
    if isinstance(error, _click_errors.NoSuchOption):
        return f"未知选项 {error.option_name}"
    if isinstance(error, _click_errors.BadOptionUsage):
        if "requires" in error.message:
            return f"选项 {error.option_name} 需要一个值"
        return f"选项 {error.option_name} 用法不对"
    if isinstance(error, _click_errors.BadParameter):
        return f"{hint} 的值无效" if hint else "参数的值无效"
    if error.message.startswith("Got unexpected extra argument"):
        return "参数太多"
    if error.message.startswith("Missing command"):
        return "缺少命令"
    return "用法错误"


def _usage_error(error: Any, ctx: Any) -> None:
    """Report a click usage error as wenming's own: Chinese first, then click's English line; exit 2."""
    if error.ctx is not None:
        command_path = error.ctx.command_path
    else:  # click's parser leaves some errors without a context: the subcommand is the one being parsed
        command_path = " ".join(filter(None, [ctx.command_path, ctx.invoked_subcommand]))
    arguments = ctx.meta.get(_ARGUMENTS, [])
    if isinstance(error, _UnknownCommand) and error.close:
        suggestion = f"是否要用 {command_path} {error.close[0]}？用 {command_path} --help 查看全部命令"
    elif isinstance(error, _click_errors.NoSuchOption) and error.ctx is not None and error.ctx.parent is None:
        # `wenming --json article 22`: a command's option given before the command.
        command = next((arg for arg in arguments if not arg.startswith("-")), None)
        found = error.ctx.command.get_command(error.ctx, command) if command is not None else None  # type: ignore[attr-defined]
        options = {opt for param in getattr(found, "params", []) for opt in getattr(param, "opts", [])}
        moved = " ".join([a for a in arguments if a != error.option_name] + [error.option_name])
        if error.option_name in options and error.option_name in arguments:
            suggestion = f"{error.option_name} 是命令的选项，请写在命令之后：{command_path} {moved}"
        else:
            suggestion = f"用 {command_path} --help 查看用法"
    else:
        suggestion = f"用 {command_path} --help 查看用法"
    fail(WenmingError(_chinese(error), suggestion=suggestion), "--json" in arguments, detail=error.format_message())


@contextmanager
def _usage_errors_reported(ctx: Any) -> Iterator[None]:
    try:
        yield
    except _click_errors.NoArgsIsHelpError:  # `wenming` alone: the help, as click shows it
        raise
    except _click_errors.UsageError as error:
        _usage_error(error, ctx)


def _negative_numbers_as_arguments(command: Any, args: list[str]) -> list[str]:
    """`wenming article -1`: pass the -1 on as the argument it is meant to be, not as an option.

    The command's options keep their places; its arguments follow a `--`, in their order.
    """
    end = args.index("--") if "--" in args else len(args)
    if not any(_NEGATIVE_NUMBER.fullmatch(arg) for arg in args[:end]):
        return args
    takes_value = {
        name: not (param.is_flag or param.count)
        for param in command.params
        if getattr(param, "param_type_name", "") == "option"
        for name in (*param.opts, *param.secondary_opts)
    }
    options: list[str] = []
    arguments: list[str] = []
    index = 0
    while index < end:
        arg = args[index]
        if arg in takes_value:
            options.append(arg)
            if takes_value[arg] and index + 1 < end:
                index += 1
                options.append(args[index])
        elif arg.startswith("-") and not _NEGATIVE_NUMBER.fullmatch(arg):
            options.append(arg)  # --json=…, an unknown option: click says what it thinks of it
        else:
            arguments.append(arg)
        index += 1
    return [*options, "--", *arguments, *args[end + 1 :]]


class _Commands(TyperGroup):
    """wenming's command group: click's usage errors said as wenming's own (Chinese first, `--json`
    honoured, exit 2, no box), and a lone negative number read as an argument."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        ctx.meta[_ARGUMENTS] = list(args)
        with _usage_errors_reported(ctx):
            return super().parse_args(ctx, args)
        raise AssertionError("unreachable")  # pragma: no cover - the handler exits

    def resolve_command(self, ctx: Any, args: list[str]) -> tuple[str | None, Any, list[str]]:
        if (
            args
            and not ctx.resilient_parsing
            and not args[0].startswith("-")
            and self.get_command(ctx, args[0]) is None
        ):
            raise _UnknownCommand(args[0], difflib.get_close_matches(args[0], self.list_commands(ctx), n=1), ctx)
        name, command, rest = super().resolve_command(ctx, args)
        if command is not None:
            rest = _negative_numbers_as_arguments(command, rest)
        return name, command, rest

    def invoke(self, ctx: Any) -> Any:
        with _usage_errors_reported(ctx):
            return super().invoke(ctx)
        raise AssertionError("unreachable")  # pragma: no cover - the handler exits


app = typer.Typer(
    cls=_Commands,
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
        raise data_error(error) from None


# Characters of the regulation's text and views: an output that cannot encode these cannot show wenming.
_CHINESE_PROBE = "第一条款项章（）：；、，。《》罚款"
# Shown in English too, for the terminal that cannot show the Chinese.
_ENCODING_HELP = (
    "wenming: the output encoding {encoding} cannot show Chinese text; "
    "set PYTHONIOENCODING=utf-8 (or use a UTF-8 locale), or use --json."
)


def _encoding(stream: TextIO) -> str:
    return getattr(stream, "encoding", None) or "utf-8"


def _encodable(text: str, stream: TextIO) -> bool:
    try:
        text.encode(_encoding(stream))
    except (UnicodeEncodeError, LookupError):
        return False
    return True


_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _escape(ch: str) -> str:
    if "\udc80" <= ch <= "\udcff":  # a byte that was not UTF-8, as Python keeps it in argv
        return f"\\x{ord(ch) - 0xDC00:02x}"
    return ch.encode("unicode_escape", "backslashreplace").decode("ascii")


def printable(text: str) -> str:
    """Text safe to print: control characters, bidi overrides and undecodable bytes shown as escapes.

    User input is echoed in messages; an escape sequence in it must not reach the terminal.
    """
    import unicodedata

    return "".join(
        _escape(ch) if ch != "\n" and (unicodedata.category(ch) in ("Cc", "Cs") or ch in _BIDI_CONTROLS) else ch
        for ch in text
    )


def _silence_stdout() -> None:
    """Point stdout at the null device, so that the flush at exit cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):  # not a real file (tests)
        pass


@contextmanager
def _reader_may_leave() -> Iterator[None]:
    """`wenming article 22 | head -1`: when the reader has gone, stop quietly with exit 0.

    Any other failure to write (a full disk) is said on stderr, with exit 2.
    """
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        raise typer.Exit(0) from None
    except OSError as error:
        _silence_stdout()
        sys.stderr.write(f"错误：无法写出结果：{error.strerror or error}\n")
        raise typer.Exit(EXIT_USAGE) from None


def _print_json(text: str) -> None:
    """Write JSON (indent 2) to stdout; where its encoding cannot show Chinese, the same JSON with \\uXXXX."""
    if not _encodable(text, sys.stdout):
        import json

        text = json.dumps(json.loads(text), ensure_ascii=True, indent=2)
    with _reader_may_leave():
        sys.stdout.write(text + "\n")


def fail(error: WenmingError, json_output: bool, detail: str | None = None) -> None:
    """Report a user error (JSON on stdout with --json, else text on stderr) and exit with its code.

    `detail` is a second line after the message, e.g. click's own English words for a usage error.
    """
    message = printable(error.message)
    detail = printable(detail) if detail else None
    suggestion = printable(error.suggestion) if error.suggestion else None
    candidates = [printable(candidate) for candidate in error.candidates]
    if json_output:
        payload: dict[str, Any] = {"code": error.exit_code, "message": message}
        if detail:
            payload["detail"] = detail
        if suggestion:
            payload["suggestion"] = suggestion
        if candidates:
            payload["candidates"] = candidates
        if error.choices:
            payload["choices"] = error.choices
        import json

        _print_json(json.dumps({"error": payload}, ensure_ascii=False, indent=2))
    else:
        lines = [f"错误：{message}"]
        if detail:
            lines.append(detail)
        lines += [f"  {candidate}" for candidate in candidates]
        if suggestion:
            lines.append(f"提示：{suggestion}")
        if not _encodable(_CHINESE_PROBE, sys.stderr):  # stderr escapes what it cannot show; say why in English
            lines.append(_ENCODING_HELP.format(encoding=_encoding(sys.stderr)))
        sys.stderr.write("\n".join(lines) + "\n")
    raise typer.Exit(error.exit_code)


def show(result: BaseModel, json_output: bool) -> None:
    """Print a result: its JSON, or the view wenming.render draws for the result's type."""
    text = result.model_dump_json(indent=2)
    if json_output:
        _print_json(text)
        return
    if not _encodable(text + _CHINESE_PROBE, sys.stdout):
        # fail() adds the English line when stderr cannot show Chinese either.
        message = f"输出编码 {_encoding(sys.stdout)} 无法显示中文"
        fail(WenmingError(message, suggestion="设置 PYTHONIOENCODING=utf-8，或加 --json"), json_output=False)
    # rich is imported only here, when a person is going to read the output.
    from wenming.render import draw

    with _reader_may_leave():
        draw(result)


SHOWN_DATA_PROBLEMS = 5  # in a look-up's message; `wenming validate` lists them all


def data_error(error: "DataError") -> WenmingError:
    """An unusable data file as a user error: the first problems, and where to see the rest."""
    import shlex

    from wenming.loader import DataFileMissing

    if isinstance(error, DataFileMissing):  # nothing to validate: the path is wrong
        return WenmingError(f"数据文件不存在：{error.source}", suggestion="检查 --data 或 WENMING_DATA 给出的路径")
    lines = error.report().splitlines()[:SHOWN_DATA_PROBLEMS]
    if len(error.problems) > SHOWN_DATA_PROBLEMS:
        lines.append(f"……（共 {len(error.problems)} 个问题）")
    return WenmingError(
        "数据文件无效：\n" + "\n".join(lines),
        suggestion=f"用 wenming validate {shlex.quote(error.source)} 查看全部问题",
    )


def run(compute: Callable[[Regulation], Result], json_output: bool) -> None:
    """Compute a command's result and print it: JSON, or the view wenming.render draws for its type."""
    try:
        result = compute(regulation())
    except WenmingError as error:  # an unusable data file too: see regulation()
        fail(error, json_output)
        return
    show(result, json_output)


def _undecodable_argument(arguments: list[str]) -> str | None:
    """The first argument holding bytes that are not UTF-8 (surrogate-escaped by Python), if any.

    A data file's path may be any bytes the file system allows; every other argument is text.
    """
    for index, argument in enumerate(arguments):
        if any("\udc80" <= ch <= "\udcff" for ch in argument):
            is_path = argument.startswith("--data=") or (index > 0 and arguments[index - 1] == "--data")
            if not is_path:
                return argument
    return None


def _tolerant_streams() -> None:
    """Output that a character cannot stop: help texts are written by click and rich (typer's help) too.

    Where the encoding shows Chinese (GBK), a rare character it lacks becomes "?"; where it
    does not (ascii, cp1252), Chinese becomes \\uXXXX escapes and the English stays readable.
    """
    for stream in (sys.stdout, sys.stderr):
        if _encoding(stream).lower().replace("-", "").replace("_", "").startswith("utf"):
            continue
        errors = "replace" if _encodable(_CHINESE_PROBE, stream) else "backslashreplace"
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors=errors)


def named_command(arguments: list[str], names: list[str]) -> str | None:
    """The command a command line runs, when it names one of `names` after the global options only.

    None for anything else (no command, --help or --version, an unknown option or command): there
    the whole app answers, its help and its suggestions listing every command.
    """
    index = 0
    while index < len(arguments) and arguments[index].startswith("-"):
        if arguments[index] == "--data":
            index += 2
        elif arguments[index].startswith("--data="):
            index += 1
        else:
            return None
    if index < len(arguments) and arguments[index] in names:
        return arguments[index]
    return None


@contextmanager
def _only_the_named_command(arguments: list[str]) -> Iterator[None]:
    """Start-up (benchmarks/startup.py): typer makes a click command of every registered command at
    every run (0.8 ms for ten); a command line that names one needs only that one.

    Not when the shell asks for completions, which list the commands. The app is whole again after
    (main() may be called in a process that goes on, as tests do).
    """
    registered = app.registered_commands
    if "_WENMING_COMPLETE" not in os.environ:
        from typer.main import get_command_name

        def name(info: Any) -> str:
            return info.name or get_command_name(info.callback.__name__)

        chosen = named_command(arguments, [name(info) for info in registered])
        if chosen is not None:
            app.registered_commands = [info for info in registered if name(info) == chosen]
    try:
        yield
    finally:
        app.registered_commands = registered


def main() -> None:
    _tolerant_streams()
    undecodable = _undecodable_argument(sys.argv[1:])
    if undecodable is not None:
        sys.stderr.write(f"错误：参数「{printable(undecodable)}」不是 UTF-8 文本\n")
        sys.exit(EXIT_USAGE)
    try:
        with _only_the_named_command(sys.argv[1:]):
            app()
    except BrokenPipeError:  # the reader left outside our writes and click's own EPIPE handling
        _silence_stdout()
        sys.exit(0)
    except KeyboardInterrupt:
        sys.exit(130)


__all__ = [
    "EXIT_USAGE",
    "JsonOption",
    "app",
    "data_error",
    "fail",
    "main",
    "named_command",
    "printable",
    "regulation",
    "run",
    "show",
    "state",
]
