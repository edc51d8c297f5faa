"""Read a regulation file safely, validate it, and report problems as file:line: field: message.

PyYAML's own loaders are not used to build objects: they silently keep the last of
two duplicate keys, expand aliases without bound and (unsafe ones) construct
arbitrary objects. Instead the libyaml event stream is folded into plain dicts and
lists here, which lets us reject duplicate keys, anchors, aliases and explicit tags,
bound depth and size, and remember the line of every value for error messages.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from wenming import cache
from wenming.concepts import Vocabulary
from wenming.lawcheck import lawbook_problems
from wenming.laws import LawBook, LawData, PartiesData
from wenming.paths import MAX_DATA_BYTES, vocabulary_path
from wenming.registry import default_data_path
from wenming.regulation import Regulation
from wenming.validation import Problem, regulation_problems, vocabulary_problems

try:  # the C parser is several times faster; fall back to pure Python where libyaml is missing
    _YamlLoader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _YamlLoader = yaml.SafeLoader

# Bounds that keep a hostile file cheap to refuse (well under a second, even with the
# pure-Python parser) while leaving room for a regulation many times the shipped one
# (about 40 KB, 2,100 YAML nodes, nesting depth 9): ten times its nodes, twenty-five times its bytes.
MAX_FILE_BYTES = MAX_DATA_BYTES
MAX_NODES = 25_000
MAX_DEPTH = 32
MAX_NUMBER_LENGTH = 40  # digits of a YAML number: int("9" * 5000) is refused by Python, and costly
MAX_PROBLEMS = 100  # a file of 20,000 wrong fields is reported by its first hundred

FieldPath = tuple[str | int, ...]


@dataclass(frozen=True)
class DataProblem:
    line: int | None
    field: str | None
    message: str


class DataError(Exception):
    """A regulation file that cannot be used; `problems` says where and what."""

    def __init__(self, source: str, problems: list[DataProblem]) -> None:
        self.source = source
        self.problems = problems
        super().__init__(self.report())

    def report(self) -> str:
        lines = []
        for problem in self.problems:
            where = self.source if problem.line is None else f"{self.source}:{problem.line}"
            field = f" {problem.field}:" if problem.field else ""
            lines.append(f"{where}:{field} {problem.message}")
        return "\n".join(lines)


class DataFileMissing(DataError):
    """The path names no file: nothing to validate, only a path to correct."""


def format_field(path: FieldPath) -> str:
    """("penalties", 0, "fine", "min") -> penalties[0].fine.min"""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


# --- YAML to plain data ----------------------------------------------------------------


class _YamlProblem(Exception):
    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


# Control characters (tab and newline aside) and bidi overrides: YAML escapes can write them.
_CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _line(event: Any) -> int:
    return int(event.start_mark.line) + 1


def _scalar(loader: Any, event: Any) -> Any:
    """The value of a plain or quoted scalar under YAML 1.1's core schema, dates kept as text."""
    tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
    node = yaml.ScalarNode(tag, event.value)
    if tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float") and len(event.value) > MAX_NUMBER_LENGTH:
        raise _YamlProblem(_line(event), f"数字过长（超过 {MAX_NUMBER_LENGTH} 位）")
    if tag == "tag:yaml.org,2002:int":
        return loader.construct_yaml_int(node)
    if tag == "tag:yaml.org,2002:bool":
        return loader.construct_yaml_bool(node)
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:float":
        return loader.construct_yaml_float(node)
    control = _CONTROL_CHARACTER.search(event.value)
    if control:  # "\e[2J" in a quoted scalar would reach the reader's terminal
        raise _YamlProblem(_line(event), f"文本含有控制字符 U+{ord(control.group()):04X}")
    return event.value  # str, and timestamps, which the models parse


def _events(text: str) -> Iterator[Any]:
    loader = None
    try:
        loader = _YamlLoader(text)  # the pure-Python reader checks characters here already
        while loader.check_event():
            yield loader.get_event()
    except yaml.reader.ReaderError as error:  # NUL and other control characters
        # libyaml reports a byte offset, the Python reader a character offset: find the character instead.
        code = error.character if isinstance(error.character, int) else ord(error.character[:1] or b"\0")
        at = text.find(chr(code))
        line = text.count("\n", 0, at) + 1 if at >= 0 else None
        raise _YamlProblem(line, f"含有 YAML 不允许的字符 U+{code:04X}") from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = None if mark is None else mark.line + 1
        if "nesting depth" in str(error.problem):  # libyaml's own bound, met before ours when scanning ahead
            raise _YamlProblem(line, f"嵌套超过 {MAX_DEPTH} 层") from None
        raise _YamlProblem(line, f"YAML 语法错误：{error.problem}") from None
    except yaml.YAMLError as error:
        raise _YamlProblem(None, f"YAML 语法错误：{' '.join(str(error).split())}") from None
    finally:
        if loader is not None:
            loader.dispose()


def parse_yaml(text: str) -> tuple[Any, dict[FieldPath, int]]:
    """Plain data from one YAML document, and the line of every value by its path."""
    lines: dict[FieldPath, int] = {}
    # Each open container: (container, its path, the pending mapping key or None).
    stack: list[list[Any]] = []
    root: Any = None
    documents = 0
    scalar_loader = _YamlLoader("")

    def place(value: Any, event: Any) -> None:
        nonlocal root
        if not stack:
            root = value
            lines[()] = _line(event)
            return
        frame = stack[-1]
        container, path = frame[0], frame[1]
        if isinstance(container, list):
            key: str | int = len(container)
            container.append(value)
        elif frame[2] is None:  # this value is a mapping key
            if not isinstance(value, (str, int, float, bool)):
                raise _YamlProblem(_line(event), "映射的键必须是简单值")
            key_text = str(value)
            if key_text in container:
                raise _YamlProblem(_line(event), f"键「{key_text}」重复（第 {lines[(*path, key_text)]} 行已有）")
            frame[2] = key_text
            lines[(*path, key_text)] = _line(event)
            return
        else:
            key = frame[2]
            container[key] = value
            frame[2] = None
        lines.setdefault((*path, key), _line(event))

    def path_of_next() -> FieldPath:
        frame = stack[-1]
        container, path = frame[0], frame[1]
        return (*path, len(container) if isinstance(container, list) else frame[2])

    for count, event in enumerate(_events(text)):
        if count > MAX_NODES:
            raise _YamlProblem(_line(event), f"内容过多（超过 {MAX_NODES} 个 YAML 节点）")
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise _YamlProblem(_line(event), "文件只能包含一个 YAML 文档")
            continue
        if isinstance(event, yaml.AliasEvent):
            raise _YamlProblem(_line(event), "不支持 YAML 别名（*），请直接写出内容")
        if isinstance(event, (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            if event.anchor is not None:
                raise _YamlProblem(_line(event), f"不支持 YAML 锚点（&{event.anchor}）")
            if event.tag is not None:  # !!python/object and friends: no tag is needed by the schema
                raise _YamlProblem(_line(event), f"不允许使用 YAML 标签 {event.tag}")
        if isinstance(event, yaml.ScalarEvent):
            place(_scalar(scalar_loader, event), event)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            if len(stack) >= MAX_DEPTH:
                raise _YamlProblem(_line(event), f"嵌套超过 {MAX_DEPTH} 层")
            container: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
            path = path_of_next() if stack else ()
            place(container, event)
            stack.append([container, path, None])
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            stack.pop()
    scalar_loader.dispose()
    if documents == 0:
        raise _YamlProblem(None, "文件为空")
    return root, lines


# --- validation ---------------------------------------------------------------------------

_PYDANTIC_MESSAGES = {
    "missing": "缺少必填字段",
    "extra_forbidden": "未知字段",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "string_type": "应为字符串",
    "list_type": "应为列表",
    "model_type": "应为映射（键: 值）",
    "dict_type": "应为映射（键: 值）",
    "bool_type": "应为 true 或 false",
    "too_short": "不能为空",
    "string_too_short": "不能为空",
    "greater_than_equal": "数值过小",
    "literal_error": "取值不在允许范围内",
    "string_pattern_mismatch": "格式不符",
    "date_from_datetime_parsing": "应为日期（YYYY-MM-DD）",
    "date_parsing": "应为日期（YYYY-MM-DD）",
    "date_type": "应为日期（YYYY-MM-DD）",
}


def _line_for(path: FieldPath, lines: dict[FieldPath, int]) -> int | None:
    for end in range(len(path), -1, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return None


def _pydantic_problems(error: ValidationError, lines: dict[FieldPath, int]) -> list[DataProblem]:
    problems = []
    for detail in error.errors(include_url=False):
        path: FieldPath = tuple(part for part in detail["loc"] if isinstance(part, (str, int)))
        if detail["type"] == "value_error":
            message = str(detail["ctx"]["error"]) if "ctx" in detail else detail["msg"]
        else:
            chinese = _PYDANTIC_MESSAGES.get(detail["type"])
            message = f"{chinese}（{detail['msg']}）" if chinese else detail["msg"]
        problems.append(DataProblem(_line_for(path, lines), format_field(path) or None, message))
    return problems


def _reference_problems(problems: list[Problem], lines: dict[FieldPath, int]) -> list[DataProblem]:
    return [DataProblem(_line_for(p.path, lines), format_field(p.path), p.message) for p in problems]


def _bounded(problems: list[DataProblem]) -> list[DataProblem]:
    if len(problems) <= MAX_PROBLEMS:
        return problems
    rest = len(problems) - MAX_PROBLEMS
    return [*problems[:MAX_PROBLEMS], DataProblem(None, None, f"另有 {rest} 个问题未列出，请先改正以上问题")]


def _parsed_mapping(text: str, source: str) -> tuple[dict[str, Any], dict[FieldPath, int]]:
    try:
        data, lines = parse_yaml(text)
    except _YamlProblem as problem:
        raise DataError(source, [DataProblem(problem.line, None, problem.message)]) from None
    if not isinstance(data, dict):
        raise DataError(source, [DataProblem(lines.get(()), None, "顶层应为映射（键: 值）")])
    return data, lines


def regulation_from_text(
    text: str, source: str = "<text>", vocabulary: tuple[Vocabulary, str] | None = None
) -> Regulation:
    """Validate YAML text as a regulation; raise DataError naming every problem.

    `vocabulary`: the shared vocabulary and its digest (default: the shipped one), against which
    the concepts of the regulation's behaviours are checked."""
    data, lines = _parsed_mapping(text, source)
    try:
        regulation = Regulation.validate(data)
    except ValidationError as error:
        raise DataError(source, _bounded(_pydantic_problems(error, lines))) from None
    shared = vocabulary[0] if vocabulary is not None else load_vocabulary()[0]
    problems = regulation_problems(regulation, shared)
    if problems:
        raise DataError(source, _bounded(_reference_problems(problems, lines)))
    return regulation


def vocabulary_from_text(text: str, source: str = "<text>") -> Vocabulary:
    """Validate YAML text as the shared vocabulary; raise DataError naming every problem."""
    data, lines = _parsed_mapping(text, source)
    try:
        vocabulary = Vocabulary.validate(data)
    except ValidationError as error:
        raise DataError(source, _bounded(_pydantic_problems(error, lines))) from None
    problems = vocabulary_problems(vocabulary)
    if problems:
        raise DataError(source, _bounded(_reference_problems(problems, lines)))
    return vocabulary


def text_digest(text: str) -> str:
    """What names a vocabulary's version, for the per-process cache of load_vocabulary."""
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_vocabularies: dict[str, tuple[Vocabulary, str]] = {}


def load_vocabulary(path: str | os.PathLike[str] | None = None) -> tuple[Vocabulary, str]:
    """The shared vocabulary (default: the shipped one), validated, with its digest; cached per process."""
    resolved = Path(path) if path is not None else vocabulary_path()
    text = read_text(resolved)
    digest = text_digest(text)
    cached = _vocabularies.get(str(resolved))
    if cached is None or cached[1] != digest:
        cached = (vocabulary_from_text(text, display_path(resolved)), digest)
        _vocabularies[str(resolved)] = cached
    return cached


def display_path(path: str | os.PathLike[str]) -> str:
    """The path as text that can be printed: bytes that are not UTF-8 shown as \\xff, not kept as surrogates."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def read_text(path: Path) -> str:
    """The file's text, refusing what is not a readable, bounded, UTF-8 regular file."""
    source = display_path(path)

    def refuse(message: str) -> DataError:
        return DataError(source, [DataProblem(None, None, message)])

    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise refuse("这是一个目录，不是数据文件")
        if not stat.S_ISREG(info.st_mode):  # a pipe or device could block or never end
            raise refuse("不是普通文件（可能是管道或设备）")
        if info.st_size > MAX_FILE_BYTES:
            raise refuse(f"文件过大（{info.st_size} 字节，上限 {MAX_FILE_BYTES}）")
        # O_NONBLOCK: should the path be swapped for a pipe after the check, opening it must not wait.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(descriptor, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise refuse("不是普通文件（可能是管道或设备）")
            raw = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise DataFileMissing(source, [DataProblem(None, None, "文件不存在")]) from None
    except PermissionError:
        raise refuse("没有读取权限") from None
    except NotADirectoryError:
        raise refuse("路径中有一部分不是目录") from None
    except OSError as error:
        raise refuse(f"无法读取：{error.strerror or error}") from None
    except ValueError:  # a NUL byte in the path
        raise refuse("路径无效") from None
    if len(raw) > MAX_FILE_BYTES:
        raise refuse(f"文件过大（上限 {MAX_FILE_BYTES} 字节）")
    if not raw.strip():
        raise refuse("文件为空")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise DataError(
            source, [DataProblem(line, None, f"文件不是 UTF-8 编码（第 {error.start + 1} 字节无法解码）")]
        ) from None


_cache: dict[str, Regulation] = {}


def load_regulation(path: str | os.PathLike[str] | None = None) -> Regulation:
    """The regulation in `path` (default: the shipped one), validated; cached per process and on disk."""
    resolved = Path(path) if path is not None else default_data_path()
    key = str(resolved)
    if key not in _cache:
        text = read_text(resolved)
        regulation = cache.fetch(text)
        if regulation is None:
            regulation = regulation_from_text(text, display_path(resolved))
            cache.store(text, regulation)
        _cache[key] = regulation
    return _cache[key]


# --- the national law data (data/laws.yaml and data/parties.yaml) -------------------------------------


def lawbook_from_files(laws_path: Path, parties_path: Path) -> tuple[list[bytes], LawBook]:
    """Both files validated, with the texts the cache keys them on; DataError names the first file with
    problems, each as file:line: field: message."""
    read: dict[str, tuple[str, str, dict[FieldPath, int], Any]] = {}
    for name, path, model in (("laws", laws_path, LawData), ("parties", parties_path, PartiesData)):
        source = display_path(path)
        text = read_text(path)
        data, lines = _parsed_mapping(text, source)
        try:
            value = model.validate(data)
        except ValidationError as error:
            raise DataError(source, _bounded(_pydantic_problems(error, lines))) from None
        read[name] = (text, source, lines, value)
    book = LawBook(laws=read["laws"][3], parties=read["parties"][3])
    for name, (_, source, lines, _) in read.items():
        problems = [
            Problem(problem.path[1:], problem.message) for problem in lawbook_problems(book) if problem.path[0] == name
        ]
        if problems:
            raise DataError(source, _bounded(_reference_problems(problems, lines)))
    return [read[name][0].encode("utf-8") for name in ("laws", "parties")], book
