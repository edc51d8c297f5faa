"""click's usage errors said as wenming's own, and command lines read as people type them.

Exit codes: 2 for every usage error (Chinese first, then click's English line, then a hint; with
`--json`, the same as a JSON error on stdout).

Nothing here imports click or a private module of typer: click's errors are recognised by the names
of their classes (UsageError and its kin, along the error's MRO) and read through the attributes
click documents (message, param, option_name, ctx, format_message()), so a typer that carries its
own copy of click and one that depends on click itself are alike to wenming.
"""

import difflib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import typer

from wenming.cli.help import HelpGroup
from wenming.cli.output import fail
from wenming.errors import EXIT_USAGE, WenmingError

_ARGUMENTS = "wenming.arguments"  # ctx.meta key: the command line, for --json in a usage error
# A lone negative number (article -1) that click would take for an option: a minus, a digit, then
# digits, points and dashes (full-width ones too, as typed in a Chinese IME).
_DIGITS = frozenset("0123456789０１２３４５６７８９")
_NUMBER_CHARACTERS = _DIGITS | frozenset(".．-－")


def _kinds(error: BaseException) -> set[str]:
    """The names of the error's classes: click's UsageError, NoSuchOption, … wherever click lives."""
    return {cls.__name__ for cls in type(error).__mro__}


def _param_name(param: Any) -> str:
    """REF for an argument, --data for an option: as the usage line names it."""
    if param is None:
        return ""
    if getattr(param, "param_type_name", "") == "option":
        return "/".join(getattr(param, "opts", []))
    return str(getattr(param, "metavar", None) or (getattr(param, "name", None) or "").upper()).strip("[]")


def _chinese(error: Any) -> str:
    """The Chinese line for one of click's usage errors (its English line follows it)."""
    kinds = _kinds(error)
    param = getattr(error, "param", None)
    hint = _param_name(param)
    message = str(getattr(error, "message", ""))
    option_name = getattr(error, "option_name", "")
    if "MissingParameter" in kinds:
        kind = "选项" if getattr(param, "param_type_name", "") == "option" else "参数"
        return f"缺少{kind} {hint}".rstrip()
    if "NoSuchOption" in kinds:
        return f"未知选项 {option_name}"
    if "BadOptionUsage" in kinds:
        if "requires" in message:
            return f"选项 {option_name} 需要一个值"
        return f"选项 {option_name} 用法不对"
    if "BadParameter" in kinds:
        return f"{hint} 的值无效" if hint else "参数的值无效"
    if message.startswith("Got unexpected extra argument"):
        return "参数太多"
    if message.startswith("Missing command"):
        return "缺少命令"
    return "用法错误"


def _report(ctx: Any, chinese: str, english: str, suggestion: str) -> None:
    """A usage error as wenming's own: Chinese first, then the English line, then the hint; exit 2."""
    fail(WenmingError(chinese, suggestion=suggestion), "--json" in ctx.meta.get(_ARGUMENTS, []), detail=english)


def _usage_error(error: Any, ctx: Any) -> None:
    """Report a click usage error as wenming's own: Chinese first, then click's English line; exit 2."""
    if error.ctx is not None:
        command_path = error.ctx.command_path
    else:  # click's parser leaves some errors without a context: the subcommand is the one being parsed
        command_path = " ".join(filter(None, [ctx.command_path, ctx.invoked_subcommand]))
    arguments = ctx.meta.get(_ARGUMENTS, [])
    option_name = getattr(error, "option_name", None)
    suggestion = f"用 {command_path} --help 查看用法"
    if "NoSuchOption" in _kinds(error) and error.ctx is not None and error.ctx.parent is None:
        # `wenming --json article 22`: a command's option given before the command.
        command = next((arg for arg in arguments if not arg.startswith("-")), None)
        found = error.ctx.command.get_command(error.ctx, command) if command is not None else None
        options = {opt for param in getattr(found, "params", []) for opt in getattr(param, "opts", [])}
        moved = " ".join([a for a in arguments if a != option_name] + [option_name])
        if option_name in options and option_name in arguments:
            suggestion = f"{option_name} 是命令的选项，请写在命令之后：{command_path} {moved}"
    _report(ctx, _chinese(error), error.format_message(), suggestion)


@contextmanager
def _usage_errors_reported(ctx: Any) -> Iterator[None]:
    try:
        yield
    except Exception as error:
        kinds = _kinds(error)
        if "UsageError" not in kinds:
            raise
        _usage_error(error, ctx)


def _option_arity(params: Any) -> dict[str, bool]:
    """Each option name of these parameters, and whether it takes a value."""
    return {
        name: not (param.is_flag or param.count)
        for param in params
        if getattr(param, "param_type_name", "") == "option"
        for name in (*param.opts, *param.secondary_opts)
    }


def _is_negative_number(arg: str) -> bool:
    return arg[:1] == "-" and arg[1:2] in _DIGITS and all(char in _NUMBER_CHARACTERS for char in arg[2:])


def _negative_numbers_as_arguments(command: Any, args: list[str]) -> list[str]:
    """`wenming article -1`: pass the -1 on as the argument it is meant to be, not as an option.

    The command's options keep their places; its arguments follow a `--`, in their order.
    """
    end = args.index("--") if "--" in args else len(args)
    if not any(_is_negative_number(arg) for arg in args[:end]):
        return args
    takes_value = _option_arity(command.params)
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
        elif arg.startswith("-") and not _is_negative_number(arg):
            options.append(arg)  # --json=…, an unknown option: click says what it thinks of it
        else:
            arguments.append(arg)
        index += 1
    return [*options, "--", *arguments, *args[end + 1 :]]


def _global_options_first(group: Any, ctx: Any, args: list[str]) -> list[str]:
    """`wenming article 22 --data x.yaml` as `wenming --data x.yaml article 22`: the group's own options
    (the global ones, whatever they are), given after the command, are moved before it.

    Not an option the command has too (the command's own wins), nor anything after `--`, nor the
    value of one of the command's options. A global option missing its value is a usage error here.
    """
    help_names = set(ctx.help_option_names)
    global_options = {
        name: value for name, value in _option_arity(group.get_params(ctx)).items() if name not in help_names
    }
    index = 0  # the command: the first word after the global options given before it
    while index < len(args) and args[index].startswith("-") and args[index] != "--":
        index += 2 if global_options.get(args[index]) else 1
    if index >= len(args) or args[index].startswith("-"):
        return args
    command = group.get_command(ctx, args[index])
    if command is None:
        return args
    own = _option_arity(command.params)
    moved: list[str] = []
    kept: list[str] = []
    rest = args[index + 1 :]
    at = 0
    while at < len(rest):
        arg = rest[at]
        name, equals, _ = arg.partition("=")
        if arg == "--":
            kept += rest[at:]
            break
        if arg in own:
            kept.append(arg)
            if own[arg] and at + 1 < len(rest):
                at += 1
                kept.append(rest[at])
        elif name in global_options and name not in own and (not equals or global_options[name]):
            moved.append(arg)
            if global_options[name] and not equals:
                if at + 1 >= len(rest) or rest[at + 1] == "--":
                    _report(
                        ctx,
                        f"选项 {name} 需要一个值",
                        f"Option '{name}' requires an argument.",
                        f"用 {ctx.command_path} --help 查看用法",
                    )
                at += 1
                moved.append(rest[at])
        else:
            kept.append(arg)
        at += 1
    if not moved:
        return args
    return [*args[:index], *moved, args[index], *kept]


class Commands(HelpGroup):
    """wenming's command group: click's usage errors said as wenming's own (Chinese first, `--json`
    honoured, exit 2, no box), global options taken after the command too, and a lone negative number
    read as an argument."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if not args and self.no_args_is_help and not ctx.resilient_parsing:  # `wenming` alone: the help
            import sys

            sys.stderr.write(self.get_help(ctx) + "\n")
            raise typer.Exit(EXIT_USAGE)
        ctx.meta[_ARGUMENTS] = list(args)
        with _usage_errors_reported(ctx):
            return super().parse_args(ctx, _global_options_first(self, ctx, args))
        raise AssertionError("unreachable")  # pragma: no cover - the handler exits

    def resolve_command(self, ctx: Any, args: list[str]) -> tuple[str | None, Any, list[str]]:
        if (
            args
            and not ctx.resilient_parsing
            and not args[0].startswith("-")
            and self.get_command(ctx, args[0]) is None
        ):
            self._unknown_command(ctx, args[0])
        name, command, rest = super().resolve_command(ctx, args)
        if command is not None:
            rest = _negative_numbers_as_arguments(command, rest)
        return name, command, rest

    def _unknown_command(self, ctx: Any, name: str) -> None:
        close = difflib.get_close_matches(name, self.list_commands(ctx), n=1)
        english = f"No such command {name!r}." + (f" Did you mean {close[0]!r}?" if close else "")
        if close:
            suggestion = f"是否要用 {ctx.command_path} {close[0]}？用 {ctx.command_path} --help 查看全部命令"
        else:
            suggestion = f"用 {ctx.command_path} --help 查看用法"
        _report(ctx, f"没有 {name} 这个命令", english, suggestion)

    def invoke(self, ctx: Any) -> Any:
        with _usage_errors_reported(ctx):
            return super().invoke(ctx)
        raise AssertionError("unreachable")  # pragma: no cover - the handler exits


__all__ = ["Commands"]
