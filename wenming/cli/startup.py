"""The command's entry: arguments Python could not decode, which command to build, and how the run ends.

Exit codes: those of the commands; 2 for an argument that is not UTF-8 text; 0 when the reader of
the output has gone; 130 on Ctrl-C.
"""

import os
import sys

from wenming.cli.build import COMMAND_NAMES, GLOBAL_VALUE_OPTIONS, make_app
from wenming.cli.output import printable, silence_stdout, tolerant_streams
from wenming.errors import EXIT_USAGE


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


def named_command(arguments: list[str], names: list[str]) -> str | None:
    """The command a command line runs, when it names one of `names` after the global options only.

    None for anything else (no command, --help or --version, an unknown option or command): there
    the whole app answers, its help and its suggestions listing every command.
    """
    index = 0
    while index < len(arguments) and arguments[index].startswith("-"):
        if arguments[index] in GLOBAL_VALUE_OPTIONS:
            index += 2
        elif arguments[index].partition("=")[0] in GLOBAL_VALUE_OPTIONS:
            index += 1
        else:
            return None
    if index < len(arguments) and arguments[index] in names:
        return arguments[index]
    return None


def main() -> None:
    tolerant_streams()
    arguments = sys.argv[1:]
    undecodable = _undecodable_argument(arguments)
    if undecodable is not None:
        sys.stderr.write(f"错误：参数「{printable(undecodable)}」不是 UTF-8 文本\n")
        sys.exit(EXIT_USAGE)
    # Only the named command is built, except when the shell asks for completions, which list them all.
    completing = "_WENMING_COMPLETE" in os.environ
    only = None if completing else named_command(arguments, list(COMMAND_NAMES))
    try:
        make_app(only)()
    except BrokenPipeError:  # the reader left outside our writes and click's own EPIPE handling
        silence_stdout()
        sys.exit(0)
    except KeyboardInterrupt:
        sys.exit(130)


__all__ = ["main", "named_command"]
