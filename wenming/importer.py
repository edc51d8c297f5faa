"""`wenming import`: a regulation's source (LawRefBook Markdown or a gazette's text) as a data file.

The reader (wenming.reader) gives the title, adoption history, chapters, articles, paragraphs and
items word for word, with the repairs it made and the damage it found, each with its source line;
the extractor (wenming.extract) drafts the penalty part, each penalty marked for review. Both go
into a dict in data/regulation.yaml's shape and key order, which `to_yaml` writes for people to read.

Where the source was copied from (repository and commit) is data: a `provenance.yaml` beside the
source file, as data/sources/lawrefbook/ has, names it; without one the source names no repository.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from wenming.answer import Answer, field
from wenming.errors import BadInput
from wenming.extract import Drafts, draft_penalties
from wenming.reader.document import ReadRegulation
from wenming.reader.source import read_source
from wenming.reader.structure import CONVENTIONS

SCHEMA_VERSION = 1
PROVENANCE_FILE = "provenance.yaml"
# The place a title names first: a province (河南省…) and/or a city (永州市…).
_PLACE = re.compile(r"^(?P<province>[^省市]{1,10}省)?(?P<city>[^省市]{1,10}市)?")
# The body that approves a city's regulation: its province's (or region's) standing committee.
_APPROVING = re.compile(r"^(?P<province>[^省市]{1,10}(?:省|自治区))人民代表大会常务委员会$")


class ImportProblem(Answer):
    line: int | None
    kind: str
    message: str


class ImportReport(Answer):
    """What `wenming import` did: the file written (None: to stdout), what it holds, what to review."""

    output: str | None
    title: str
    complete: bool
    articles: int
    penalties: int
    drafts: int  # penalties marked `review: draft`
    # Each draft as people read it, `key（provision）`; the report on screen lists them.
    draft_names: list[str] = field(default_factory=list)  # not in the JSON
    problems: list[ImportProblem]  # the reader's damage, then the extractor's problems

    def _json(self, data: dict[str, Any]) -> Any:
        del data["draft_names"]
        return data


@dataclass
class Imported:
    data: dict[str, Any]
    report: ImportReport


def _source_file(path: Path | None) -> str:
    """The source's path relative to the root of the project it lies in (the nearest folder above it with a
    pyproject.toml and a data/ folder: a clone of this repository, wherever the package is installed),
    else as given."""
    if path is None:
        return "-"
    resolved = path.resolve()
    for folder in resolved.parents:
        if (folder / "pyproject.toml").is_file() and (folder / "data").is_dir():
            return resolved.relative_to(folder).as_posix()
    return path.as_posix()


def _provenance(path: Path | None) -> dict[str, Any]:
    """The repository and commit the source was copied from, from provenance.yaml beside it."""
    if path is None:
        return {}
    found = path.resolve().parent / PROVENANCE_FILE
    try:
        data = yaml.safe_load(found.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {key: str(data[key]) for key in ("repository", "commit") if data.get(key) is not None}


def place(title: str) -> tuple[str | None, str | None]:
    """(province, city) as the title names them; None for what it does not name."""
    match = _PLACE.match(title)
    if match is None:
        return None, None
    return match["province"], match["city"]


def regulation_data(read: ReadRegulation, drafts: Drafts, source_path: Path | None = None) -> dict[str, Any]:
    """The data file for `read` and the extractor's `drafts`, as plain data in data/regulation.yaml's
    shape and key order."""
    province, city = place(read.title)
    if province is None:  # a city's regulation is approved by its province's congress: the 批准 line names it
        approving = [event.body for event in read.adoption if event.event == "批准" and event.body]
        province = next((m["province"] for body in approving if (m := _APPROVING.match(body))), None)
    provenance = _provenance(source_path)
    history = []
    for event in read.adoption:
        entry: dict[str, Any] = {"as_printed": event.as_printed, "date": event.date, "event": event.event}
        entry |= {"body": event.body, "by": event.by}
        history.append({key: value for key, value in entry.items() if value is not None})
    meta = {
        "title": read.title,
        "history": history,
        "source": {
            "format": read.source_format,
            "file": _source_file(source_path),
            "repository": provenance.get("repository"),
            "commit": provenance.get("commit"),
        },
        "city": city,
        "province": province,
    }
    repairs = []
    for repair in read.repairs:
        entry = {"citation": repair.citation.chinese()} if repair.citation is not None else {}
        repairs.append({**entry, "kind": repair.kind, "line": repair.line, "printed": list(repair.printed),
                        "read": list(repair.read)})  # fmt: skip
    return {
        "schema_version": SCHEMA_VERSION,
        "meta": meta,
        "conventions": [{"key": key, "description": description} for key, description in CONVENTIONS.items()],
        **read.text_part(),
        "complete": not read.incomplete,
        "damage": [{"line": p.line, "kind": p.kind, "message": p.message} for p in read.problems],
        "repairs": repairs,
        "circumstances": drafts.circumstances,
        "agencies": drafts.agencies,
        "penalties": drafts.penalties,
        "liability": drafts.liability,
        "behaviour_taxonomy": drafts.behaviour_taxonomy,
    }


def import_text(text: str, source_path: Path | None = None, title: str | None = None) -> Imported:
    """The data file for the regulation in `text`; raises wenming.reader.structure.ReadError (refused)."""
    read = read_source(text, title)
    drafts = draft_penalties(read)
    data = regulation_data(read, drafts, source_path)
    problems = [ImportProblem(line=p.line, kind=p.kind, message=p.message) for p in read.problems]
    problems += [ImportProblem(line=p.line, kind=p.kind, message=p.message) for p in drafts.problems]
    penalties = data["penalties"]
    drafts_named = [
        f"{penalty.get('key', '?')}（{penalty.get('provision', '?')}）"
        for penalty in penalties
        if penalty.get("review") == "draft"
    ]
    report = ImportReport(
        output=None,
        title=read.title,
        complete=not read.incomplete,
        articles=len(read.articles),
        penalties=len(penalties),
        drafts=len(drafts_named),
        draft_names=drafts_named,
        problems=problems,
    )
    return Imported(data, report)


MAX_SOURCE_BYTES = 8 * 1024 * 1024  # a gazette issue is some 100 KB; a larger file is not a source


def read_source_file(path: Path) -> str:
    """The source's text; BadInput, saying why in Chinese, where it cannot be read."""
    shown = printable_path(path)
    try:
        if path.is_dir():
            raise BadInput(f"来源是一个目录，不是文件：{shown}")
        with path.open("rb") as handle:
            raw = handle.read(MAX_SOURCE_BYTES + 1)
    except FileNotFoundError:
        raise BadInput(f"来源文件不存在：{shown}", suggestion="检查 SOURCE 的路径") from None
    except PermissionError:
        raise BadInput(f"没有读取来源文件的权限：{shown}") from None
    except OSError as error:
        raise BadInput(f"无法读取来源文件 {shown}：{error.strerror or error}") from None
    except ValueError:  # a NUL byte in the path
        raise BadInput(f"来源路径无效：{shown}") from None
    if len(raw) > MAX_SOURCE_BYTES:
        raise BadInput(f"来源文件过大（上限 {MAX_SOURCE_BYTES} 字节）：{shown}")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise BadInput(f"来源文件不是 UTF-8 编码（第 {error.start + 1} 字节无法解码）：{shown}") from None


def printable_path(path: Path) -> str:
    """The path as text that can be printed: bytes that are not UTF-8 shown as \\xff."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def import_file(path: Path, title: str | None = None) -> Imported:
    """`import_text` of the file at `path`; BadInput where it cannot be read, ReadError where refused."""
    return import_text(read_source_file(path), path, title)


class _Dumper(yaml.SafeDumper):
    """Never an alias: a repeated value (the same list twice) is written out again."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def to_yaml(data: dict[str, Any]) -> str:
    header = f"# 《{data['meta']['title']}》 as data, written by `wenming import`; penalties marked review: draft.\n"
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=4096, default_flow_style=False)
    return header + body
