"""Read a regulation file safely, validate it, and report problems as file:line: field: message.

PyYAML's own loaders are not used to build objects: they silently keep the last of
two duplicate keys, expand aliases without bound and (unsafe ones) construct
arbitrary objects. Instead the libyaml event stream is folded into plain dicts and
lists here, which lets us reject duplicate keys, anchors, aliases and explicit tags,
bound depth and size, and remember the line of every value for error messages.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from wenming import cache
from wenming.model import Regulation
from wenming.paths import default_data_path
from wenming.validation import Problem, regulation_problems

try:  # the C parser is several times faster; fall back to pure Python where libyaml is missing
    _YamlLoader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _YamlLoader = yaml.SafeLoader

MAX_FILE_BYTES = 4 * 1024 * 1024
MAX_DEPTH = 32

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


def _line(event: Any) -> int:
    return int(event.start_mark.line) + 1


def _scalar(loader: Any, event: Any) -> Any:
    """The value of a plain or quoted scalar under YAML 1.1's core schema, dates kept as text."""
    tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
    node = yaml.ScalarNode(tag, event.value)
    if tag == "tag:yaml.org,2002:int":
        return loader.construct_yaml_int(node)
    if tag == "tag:yaml.org,2002:bool":
        return loader.construct_yaml_bool(node)
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:float":
        return loader.construct_yaml_float(node)
    return event.value  # str, and timestamps, which the models parse


def _events(text: str) -> Iterator[Any]:
    loader = _YamlLoader(text)
    try:
        while loader.check_event():
            yield loader.get_event()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise _YamlProblem(None if mark is None else mark.line + 1, f"YAML 语法错误：{error.problem}") from None
    except yaml.YAMLError as error:
        raise _YamlProblem(None, f"YAML 语法错误：{error}") from None
    finally:
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

    for event in _events(text):
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


def regulation_from_text(text: str, source: str = "<text>") -> Regulation:
    """Validate YAML text as a regulation; raise DataError naming every problem."""
    try:
        data, lines = parse_yaml(text)
    except _YamlProblem as problem:
        raise DataError(source, [DataProblem(problem.line, None, problem.message)]) from None
    if not isinstance(data, dict):
        raise DataError(source, [DataProblem(lines.get(()), None, "顶层应为映射（键: 值）")])
    try:
        regulation = Regulation.model_validate(data)
    except ValidationError as error:
        raise DataError(source, _pydantic_problems(error, lines)) from None
    problems = regulation_problems(regulation)
    if problems:
        raise DataError(source, _reference_problems(problems, lines))
    return regulation


def read_text(path: Path) -> str:
    """The file's text, refusing what is not a readable, bounded, UTF-8 regular file."""
    source = str(path)
    try:
        if path.is_dir():
            raise DataError(source, [DataProblem(None, None, "这是一个目录，不是数据文件")])
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise DataError(source, [DataProblem(None, None, f"文件过大（{size} 字节，上限 {MAX_FILE_BYTES}）")])
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise DataError(source, [DataProblem(None, None, "文件不存在")]) from None
    except PermissionError:
        raise DataError(source, [DataProblem(None, None, "没有读取权限")]) from None
    except OSError as error:
        raise DataError(source, [DataProblem(None, None, f"无法读取：{error.strerror or error}")]) from None
    if len(raw) > MAX_FILE_BYTES:
        raise DataError(source, [DataProblem(None, None, f"文件过大（上限 {MAX_FILE_BYTES} 字节）")])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DataError(source, [DataProblem(None, None, f"文件不是 UTF-8 编码（第 {error.start} 字节）")]) from None


_cache: dict[str, Regulation] = {}


def load_regulation(path: str | os.PathLike[str] | None = None) -> Regulation:
    """The regulation in `path` (default: the shipped one), validated; cached per process and on disk."""
    resolved = Path(path) if path is not None else default_data_path()
    key = str(resolved)
    if key not in _cache:
        text = read_text(resolved)
        regulation = cache.fetch(text)
        if regulation is None:
            regulation = regulation_from_text(text, key)
            cache.store(text, regulation)
        _cache[key] = regulation
    return _cache[key]
