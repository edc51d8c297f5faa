"""Checks that span data/laws.yaml and data/parties.yaml: every citation quoted, every `words` a
piece of its provision, every amount the figure its words spell.

Each problem carries the path of the field it concerns, from the file's name on (("laws",
"procedure", "on_the_spot", "may", "words")), which the loader turns into file:line. Only the
loader imports this module: a cached answer needs no checks.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from wenming.datarecord import DataRecord
from wenming.laws import Law, LawBook, RegulationWords
from wenming.numerals import to_chinese

FieldPath = tuple[str | int, ...]


class Problem(NamedTuple):
    """A problem and the path of the field it concerns, from the file's name on ("laws", "procedure", …)."""

    path: FieldPath
    message: str


def _walk(node: object, path: FieldPath) -> Iterator[tuple[FieldPath, DataRecord]]:
    """Every record in the tree under `node`, with its path (a field by its name in the file)."""
    if isinstance(node, DataRecord):
        yield path, node
        for name, field in type(node).declared_fields.items():
            yield from _walk(getattr(node, name), (*path, field.alias or name))
    elif isinstance(node, list):
        for index, element in enumerate(node):
            yield from _walk(element, (*path, index))
    elif isinstance(node, dict):
        for key, element in node.items():
            yield from _walk(element, (*path, str(key)))


def _quotes_problems(law: Law | None, node: object, path: FieldPath) -> Iterator[Problem]:
    """Each citation of `law` under `node` quoted; each `words` in its provision; each figure spelled."""
    if law is None:
        yield Problem(path, "没有这部法律（laws 中的 key）")
        return
    for where, model in _walk(node, path):
        if isinstance(model, RegulationWords):
            continue  # words of the regulation, checked against it by the tests
        for index, citation in enumerate(getattr(model, "cites", None) or []):
            if citation not in law.texts:
                yield Problem((*where, "cites", index), f"{law.title}{citation}没有在 laws 中引用原文")
        citation, words = getattr(model, "citation", None), getattr(model, "words", None)
        if isinstance(citation, str) and isinstance(words, str):
            text = law.texts.get(citation)
            if text is None:
                yield Problem((*where, "citation"), f"{law.title}{citation}没有在 laws 中引用原文")
            elif words not in text:
                yield Problem((*where, "words"), f"不是{citation}原文的一部分")
            for name in ("amount", "fine_max"):
                figure = getattr(model, name, None)
                if isinstance(figure, int) and figure and f"{to_chinese(figure)}元" not in words:
                    yield Problem((*where, name), f"{figure} 与原文的数额（{words}）不符")


def lawbook_problems(book: LawBook) -> list[Problem]:
    """Every reference problem across data/laws.yaml (paths start "laws") and data/parties.yaml ("parties")."""
    data = book.laws
    laws = {law.key: law for law in data.laws}
    problems: list[Problem] = []
    keys = [law.key for law in data.laws]
    for index, key in enumerate(keys):
        if keys.index(key) != index:
            problems.append(Problem(("laws", "laws", index, "key"), f"法律的 key「{key}」重复"))
    for index, law in enumerate(data.laws):
        citations = [provision.citation for provision in law.provisions]
        for p_index, citation in enumerate(citations):
            if citations.index(citation) != p_index:
                problems.append(Problem(("laws", "laws", index, "provisions", p_index), f"{citation}重复引用"))
    procedure_law = laws.get(data.procedure.law)
    problems += _quotes_problems(procedure_law, data.procedure, ("laws", "procedure"))
    problems += _quotes_problems(procedure_law, data.checklist, ("laws", "checklist"))
    for index, ground in enumerate(data.reduce_grounds):
        problems += _quotes_problems(laws.get(ground.law), ground, ("laws", "reduce_grounds", index))
    for index, onward in enumerate(data.onward):
        onward_law = laws.get(onward.law)
        problems += _quotes_problems(onward_law, onward, ("laws", "onward", index))
        if onward_law is not None and onward.provision not in onward_law.texts:
            problems.append(Problem(("laws", "onward", index, "provision"), f"{onward.provision}没有引用原文"))
    grounds = [ground.key for ground in data.reduce_grounds]
    for index, key in enumerate(grounds):
        if grounds.index(key) != index:
            problems.append(Problem(("laws", "reduce_grounds", index, "key"), f"依据的 key「{key}」重复"))
    for key, kind in book.parties.kinds.items():
        if procedure_law is not None and kind.words not in procedure_law.texts.get(kind.citation, ""):
            problems.append(Problem(("parties", "kinds", key, "words"), f"不是{kind.citation}原文的一部分"))
    for key, entry in book.parties.penalties.items():
        for index, quote in enumerate(entry.quotes):
            quoted = laws.get(quote.source)
            if quote.source != "regulation" and (
                quoted is None or quote.words not in quoted.texts.get(quote.citation, "")
            ):
                where = ("parties", "penalties", key, "quotes", index, "words")
                problems.append(Problem(where, f"不是{quote.source} {quote.citation}原文的一部分"))
    return problems
