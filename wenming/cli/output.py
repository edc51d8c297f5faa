"""Output: results and errors printed, encodings that cannot show Chinese, and readers that leave.

Exit codes: 0 found; 1 nothing found; 2 usage error, ambiguous input or unusable data file; a reader
that has gone (a closed pipe) is 0.
"""

# json and unicodedata, needed only for errors and odd encodings, are imported where used.

import io
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TextIO, TypeVar

import typer

from wenming.answer import Answer
from wenming.cli.state import default_regulation, regulation, state
from wenming.errors import EXIT_USAGE, WenmingError
from wenming.jsonio import dumps
from wenming.regulation import Regulation, incomplete_notice

Result = TypeVar("Result", bound=Answer)  # a command's result (wenming.answer)

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


def silence_stdout() -> None:
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
        silence_stdout()
        raise typer.Exit(0) from None
    except OSError as error:
        silence_stdout()
        sys.stderr.write(f"错误：无法写出结果：{error.strerror or error}\n")
        raise typer.Exit(EXIT_USAGE) from None


def write_stdout(text: str) -> None:
    """Write text to stdout as it is (a data file), stopping quietly if the reader has gone."""
    with _reader_may_leave():
        sys.stdout.write(text)


def print_json(text: str) -> None:
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
        print_json(dumps({"error": payload}))
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


def show(result: Answer, json_output: bool, notice: str | None = None, title: str | None = None) -> None:
    """Print a result: its JSON, or the view wenming.render draws for the result's type.

    `notice`: said with the result wherever it is shown (a regulation cut short): in JSON as
    `incomplete: true` and `notice`, in the view as a line before it. `title`: the regulation the
    answer comes from, where --city chose it (a citation means nothing without its regulation): in
    JSON as `regulation`, in the view as the first line."""
    extra: dict[str, object] = {}
    if json_output:
        extra = {"regulation": title} if title is not None else {}
        if notice is not None:
            extra |= {"incomplete": True, "notice": notice}
    text = dumps(result.json_data_with(extra))
    if json_output:
        print_json(text)
        return
    if not _encodable(text + _CHINESE_PROBE, sys.stdout):
        # fail() adds the English line when stderr cannot show Chinese either.
        message = f"输出编码 {_encoding(sys.stdout)} 无法显示中文"
        fail(WenmingError(message, suggestion="设置 PYTHONIOENCODING=utf-8，或加 --json"), json_output=False)
    # rich is imported only here, when a person is going to read the output.
    from wenming.render import draw

    with _reader_may_leave():
        if title is not None:
            sys.stdout.write(f"《{title}》\n")
        if notice is not None:
            sys.stdout.write(f"注意：{notice}\n")
        draw(result)


def run(compute: Callable[[Regulation], Result], json_output: bool) -> None:
    """Compute a command's result and print it: JSON, or the view wenming.render draws for its type."""
    try:
        loaded = regulation()
        result = compute(loaded)
    except WenmingError as error:  # an unusable data file too: see regulation()
        fail(error, json_output)
        return
    chosen_by_city = state.city is not None
    show(result, json_output, incomplete_notice(loaded), loaded.meta.title if chosen_by_city else None)


def run_all(compute: Callable[[Regulation], Result], json_output: bool) -> None:
    """A `--city all` command: its result computed from every regulation (given the default one, whose
    words read a query); a regulation cut short is said in the result itself, beside its hits."""
    from wenming.corpus import CorpusError

    try:
        result = compute(default_regulation())
    except CorpusError as error:  # a shipped data file broken: the installation's fault
        fail(WenmingError(f"数据文件无效：{error}", suggestion="重新安装 wenming"), json_output)
        return
    except WenmingError as error:
        fail(error, json_output)
        return
    show(result, json_output)


def tolerant_streams() -> None:
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


__all__ = [
    "fail",
    "print_json",
    "printable",
    "run",
    "show",
    "silence_stdout",
    "tolerant_streams",
    "write_stdout",
]
