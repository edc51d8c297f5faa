"""How the shipped regulations penalise one behaviour of the shared taxonomy (`wenming compare KEY`).

A behaviour is named by its taxonomy key (data/vocabulary.yaml `behaviours`), its name, or a phrase:
a phrase is read by a regulation's phrase matcher (a penalty with a `taxonomy` names the key), else by
the taxonomy's names and words. Each city's penalties with that key give a row per ladder (the one for
anyone, then each party's or role's own, where the provision sets its own amounts); the cities that
govern the behaviour without penalising it are listed apart.

Speed: reading forty regulations from their cache entries costs far more than a look-up; the rows of
every taxonomy key, from every shipped regulation, are one index (`CompareIndex`), itself a cache entry
keyed on the bytes of every file it is built from (wenming.cache.fetch_record), so a warm run reads one
entry. Nothing here knows a city, a provision or a phrase: they are all the data's.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeVar

from wenming import cache, jsonio
from wenming.answer import Answer, field
from wenming.datarecord import DataRecord
from wenming.errors import BadInput, NotFound, WenmingError

if TYPE_CHECKING:
    from wenming.model import Measure, Penalty, Step
    from wenming.regulation import Regulation

__all__ = [
    "AgencyRef",
    "CompareIndex",
    "CompareRow",
    "CompareStep",
    "Comparison",
    "UnpenalisedRow",
    "build_index",
    "compare",
    "resolve_key",
    "shipped_index",
]


# The index and its rows are records (wenming.datarecord): built by this code from validated data and
# kept in the cache, they are never validated themselves; a record class costs little to define.
_Row = TypeVar("_Row", bound=DataRecord)


# --- result models ---------------------------------------------------------------------------------


class AgencyRef(DataRecord):
    kind: str | None  # the shared agency kind (data/vocabulary.yaml agency_kinds), None where not known
    text: str  # the regulation's own words


class CompareStep(DataRecord):
    condition: str  # the provision's words
    measures: list[str]  # what the step imposes; a multiple of a sum says so: 罚款（赔偿费1–3倍）
    fine_min: int | None  # None: no fine in yuan, or an upper limit only (二百元以下)
    fine_max: int | None
    per: str | None = None  # a per-unit fine's unit (只犬): the amounts are per unit
    optional: bool = False  # 可以处: the fine may be imposed, need not


class CompareRow(DataRecord):
    taxonomy: str
    city: str
    title: str
    penalty: str  # the penalty's key in its regulation (for `wenming --city CITY fine KEY`)
    name: str  # the penalty's name in its regulation
    violation_basis: str
    penalty_basis: str
    agencies: list[AgencyRef]
    party: Literal["person", "organisation"] | None = None  # whose ladder, where the provision sets one
    party_name: str | None = None
    role: str | None = None  # as written: 个人, 单位, 驾驶人
    steps: list[CompareStep]
    fine_min: int | None  # over all steps; None where any step states an upper limit only
    fine_max: int | None
    per: str | None = None  # the unit, where the fines are per unit
    multiple: bool = False  # some step fines a multiple of a sum: no amount in yuan
    review: str  # reviewed | draft | text-only: drafts are 未经人工核对
    complete: bool = True  # False: the regulation's text is cut short


class UnpenalisedRow(DataRecord):
    taxonomy: str
    city: str
    title: str
    violation_basis: str
    text: str  # the words of the provision (or the part of it) that govern the behaviour
    referral: str | None = None  # a liability provision that refers it to other laws, where there is one
    review: str = "reviewed"
    complete: bool = True


class BehaviourName(DataRecord):
    key: str
    name: str
    words: list[str] = field(default_factory=list)


class PartyName(DataRecord):
    key: Literal["person", "organisation"]
    name: str
    aliases: list[str] = field(default_factory=list)


class CompareIndex(DataRecord):
    """The rows of every taxonomy key from the regulations it was built from, and the names to read a key.

    Each key's rows are kept as JSON text (a list of their records' `dump()`), built
    into models only for the key asked: a warm run constructs a dozen rows, not the corpus's hundreds."""

    behaviours: list[BehaviourName]
    parties: list[PartyName]
    cities: list[str]
    rows: dict[str, str]  # taxonomy key -> its CompareRow list as JSON
    unpenalised: dict[str, str]  # taxonomy key -> its UnpenalisedRow list as JSON
    # Taxonomy key -> the cities with a penalty for it.
    penalising: dict[str, list[str]] = field(default_factory=dict)


class _BrokenIndex(Exception):
    """A kept index whose rows are not what this code writes: it is built again."""


def _as_json(rows: Sequence[DataRecord]) -> str:
    return jsonio.compact([row.dump() for row in rows])


def _decoded(model: type[_Row], text: str | None) -> list[_Row]:
    if text is None:
        return []
    found = cache.records_from(model, jsonio.loads(text))
    if found is None:
        raise _BrokenIndex(model.__name__)
    return found


class Comparison(Answer):
    """`wenming compare KEY`: every city's penalties for one behaviour, heaviest first."""

    key: str
    name: str
    party: str | None = None  # the --party kind the rows are filtered to
    party_name: str | None = None  # its name (data/parties.yaml): 公民, 法人或者其他组织
    cities: list[str]  # the regulations compared
    rows: list[CompareRow]
    unpenalised: list[UnpenalisedRow]
    notes: list[str] = field(default_factory=list)


# --- building the index --------------------------------------------------------------------------------


def _measure_words(measure: Measure) -> str:
    if measure.kind != "fine-multiple":
        return measure.name
    if measure.min is None:
        times = f"{measure.max}倍以下"
    elif measure.min == measure.max:
        times = f"{measure.max}倍"
    else:
        times = f"{measure.min}–{measure.max}倍"
    return f"{measure.name}（{measure.of}{times}）"


def _step(step: Step) -> CompareStep:
    fine = step.fine_measure
    multiple = next((m for m in step.measures if m.kind == "fine-multiple"), None)
    return CompareStep(
        condition=step.condition,
        measures=[_measure_words(measure) for measure in step.measures],
        fine_min=fine.min if fine is not None else None,
        fine_max=fine.max if fine is not None else None,
        per=fine.per if fine is not None else None,
        optional=any(m.optional for m in (fine, multiple) if m is not None),
    )


def _agencies(regulation: Regulation, penalty: Penalty) -> list[AgencyRef]:
    found = [regulation.agency(key) for key in penalty.agencies]
    refs = [AgencyRef(kind=agency.kind, text=agency.name) for agency in found if agency is not None]
    if not refs and penalty.agency_text is not None:
        refs.append(AgencyRef(kind=None, text=penalty.agency_text))
    return refs


def _rows(
    city: str, title: str, complete: bool, regulation: Regulation, parties: Mapping[str, str]
) -> list[CompareRow]:
    from wenming.units import behaviour_of, provision_of

    rows = []
    for penalty in regulation.penalties:
        if penalty.taxonomy is None:
            continue
        for variant, steps in penalty.ladders():
            views = [_step(step) for step in steps]
            fines = [view for view in views if view.fine_max is not None]
            floors = [view.fine_min for view in fines]
            party = variant.party if variant is not None else None
            rows.append(
                CompareRow(
                    taxonomy=penalty.taxonomy,
                    city=city,
                    title=title,
                    penalty=penalty.key,
                    name=penalty.name,
                    violation_basis=behaviour_of(regulation, penalty).chinese,
                    penalty_basis=provision_of(regulation, penalty).chinese,
                    agencies=_agencies(regulation, penalty),
                    party=party,
                    party_name=parties.get(party) if party is not None else None,
                    role=variant.role if variant is not None else None,
                    steps=views,
                    fine_min=None if not fines or None in floors else min(f for f in floors if f is not None),
                    fine_max=max(view.fine_max for view in fines if view.fine_max is not None) if fines else None,
                    per=next((view.per for view in fines if view.per is not None), None),
                    multiple=any(m.kind == "fine-multiple" for step in steps for m in step.measures),
                    review=penalty.review,
                    complete=complete,
                )
            )
    return rows


def _unpenalised(city: str, title: str, complete: bool, regulation: Regulation) -> list[UnpenalisedRow]:
    """The provisions that govern a behaviour of a key no penalty of this regulation has."""
    penalised = {penalty.taxonomy for penalty in regulation.penalties if penalty.taxonomy is not None}
    # The provisions (or parts) some penalty covers, whatever its key: a behaviour they govern is
    # penalised there (枣庄 第九条第七项 under roadway-vending), not 未设罚则 under another key.
    covered = {
        (regulation.cite(cited).chinese, penalty.behaviour.part)
        for penalty in regulation.penalties
        if penalty.behaviour.cites is not None
        for cited in (penalty.behaviour.cites, *penalty.behaviour.also)
    }
    found: dict[tuple[str, str], UnpenalisedRow] = {}
    for link in regulation.behaviour_taxonomy:
        if link.taxonomy in penalised:
            continue
        provision = regulation.cite(link.cites)
        if (provision.chinese, None) in covered or (provision.chinese, link.part) in covered:
            continue
        found.setdefault(
            (link.taxonomy, provision.chinese),
            UnpenalisedRow(
                taxonomy=link.taxonomy,
                city=city,
                title=title,
                violation_basis=provision.chinese,
                text=link.part or provision.text,
                review=link.review,
                complete=complete,
            ),
        )
    for liability in regulation.liability:
        if liability.taxonomy is None or liability.taxonomy in penalised:
            continue
        cited = liability.behaviour.cites if liability.behaviour is not None else None
        provision = regulation.cite(cited or liability.citation)
        referral = regulation.cite(liability.citation).chinese
        known = found.get((liability.taxonomy, provision.chinese))
        if known is not None:
            found[(liability.taxonomy, provision.chinese)] = known.replace(referral=referral)
            continue
        found[(liability.taxonomy, provision.chinese)] = UnpenalisedRow(
            taxonomy=liability.taxonomy,
            city=city,
            title=title,
            violation_basis=provision.chinese,
            text=provision.text,
            referral=referral,
            review=liability.review,
            complete=complete,
        )
    return list(found.values())


def build_index(regulations: Iterable[tuple[str, str, bool, Regulation]]) -> CompareIndex:
    """The index of these regulations (city, title, complete, regulation), with the shared names."""
    from wenming.lawbook import load_lawbook
    from wenming.loader import load_vocabulary

    vocabulary, _ = load_vocabulary()
    kinds = load_lawbook().parties.kinds
    parties: dict[str, str] = {str(key): kind.name for key, kind in kinds.items()}
    rows: dict[str, list[CompareRow]] = {}
    unpenalised: dict[str, list[UnpenalisedRow]] = {}
    cities: list[str] = []
    for city, title, complete, regulation in regulations:
        cities.append(city)
        for row in _rows(city, title, complete, regulation, parties):
            rows.setdefault(row.taxonomy, []).append(row)
        for entry in _unpenalised(city, title, complete, regulation):
            unpenalised.setdefault(entry.taxonomy, []).append(entry)
    return CompareIndex(
        behaviours=[BehaviourName(key=b.key, name=b.name, words=b.words) for b in vocabulary.behaviours],
        parties=[
            PartyName(key=key, name=kind.name, aliases=kind.aliases)
            for key, kind in kinds.items()
            if key in ("person", "organisation")
        ],
        cities=cities,
        rows={key: _as_json(found) for key, found in rows.items()},
        unpenalised={key: _as_json(found) for key, found in unpenalised.items()},
        penalising={key: list(dict.fromkeys(row.city for row in found)) for key, found in rows.items()},
    )


def _index_files() -> list[Path]:
    """Every file the shipped index is built from: an edit to any of them is a new index."""
    from wenming.corpus import files
    from wenming.paths import shipped, vocabulary_path

    # laws.yaml and parties.yaml as wenming.lawbook names them (its import brings in the law's models).
    national = (shipped("laws.yaml"), shipped("parties.yaml"))
    return [shipped("registry.json"), vocabulary_path(), *national, *(path for _, path in files())]


def shipped_index(*, fresh: bool = False) -> CompareIndex:
    """The index of every shipped regulation: one cache entry when fresh, else built (and kept)."""
    texts = cache.read_texts(_index_files())
    if texts is not None and not fresh:
        index = cache.fetch_record(texts, CompareIndex)
        if index is not None:
            return index
    from wenming.corpus import regulations

    index = build_index((entry.city, entry.title, entry.complete, regulation) for entry, regulation in regulations())
    if texts is not None:
        cache.store_record(texts, index)
    return index


# --- reading the key --------------------------------------------------------------------------------------


def _choices(index: CompareIndex, keys: Sequence[str]) -> list[dict[str, str | None]]:
    names = {b.key: b.name for b in index.behaviours}
    return [{"key": key, "name": names[key]} for key in keys]


def _by_phrase(regulation: Regulation, phrase: str) -> list[str]:
    """The taxonomy keys the regulation's phrase matcher reads the phrase as (none where it reads none)."""
    from wenming.resolve import resolve_query

    try:
        found = resolve_query(regulation, phrase).found
    except BadInput as error:  # several penalties: the keys they share
        keys = [regulation.penalty(str(choice.get("key"))) for choice in error.choices]
        taxonomy = {penalty.taxonomy for penalty in keys if penalty is not None}
        return sorted(key for key in taxonomy if key is not None) if None not in taxonomy else []
    except WenmingError:
        return []
    from wenming.model import Penalty

    return [found.taxonomy] if isinstance(found, Penalty) and found.taxonomy is not None else []


def resolve_key(index: CompareIndex, query: str, regulation: Callable[[], Regulation] | None = None) -> str:
    """The taxonomy key `query` names: a key, a name, or a phrase (NotFound exit 1; BadInput exit 2 if several)."""
    wanted = query.strip()
    if not wanted:
        raise BadInput("行为为空", suggestion="给出行为的键（dog-leash）、名称或说法（遛狗不牵绳）")
    known = [b.key for b in index.behaviours]
    for behaviour in index.behaviours:
        if wanted in (behaviour.key, behaviour.key.lower(), behaviour.name) or wanted.lower() == behaviour.key:
            return behaviour.key
    found = _by_phrase(regulation(), wanted) if regulation is not None else []
    if not found:
        found = [b.key for b in index.behaviours if any(word in wanted for word in (b.name, *b.words))]
    if not found and len(wanted) >= 2:
        found = [b.key for b in index.behaviours if wanted in b.name or any(wanted in word for word in b.words)]
    if len(found) == 1:
        return found[0]
    if found:
        listed = "、".join(f"{key}（{name}）" for key, name in ((c["key"], c["name"]) for c in _choices(index, found)))
        raise BadInput(
            f"「{wanted}」可指多种行为：{listed}",
            suggestion="写出其中一个键，如 wenming compare " + found[0],
            choices=_choices(index, found),
        )
    pool = {key: key for key in known} | {b.name: b.key for b in index.behaviours}
    near = list(dict.fromkeys(pool[word] for word in difflib.get_close_matches(wanted, list(pool), n=5, cutoff=0.3)))
    raise NotFound(
        f"行为分类中没有「{wanted}」",
        suggestion=("最接近的：" + "、".join(near) + "；" if near else "")
        + "data/vocabulary.yaml 的 behaviours 列出全部键",
        choices=_choices(index, near),
    )


# --- the comparison ----------------------------------------------------------------------------------------


def _party_key(index: CompareIndex, party: str) -> str:
    wanted = party.strip()
    for kind in index.parties:
        if wanted in (kind.key, kind.name, *kind.aliases):
            return kind.key
    listed = "、".join(f"{kind.key}（{'、'.join([kind.name, *kind.aliases])}）" for kind in index.parties)
    raise BadInput(f"没有「{wanted}」这种当事人", suggestion=f"--party 可写：{listed}")


def _for_party(rows: list[CompareRow], party: str) -> list[CompareRow]:
    """Each penalty's ladder for the party: its own where the provision sets one, else the ladder for anyone
    (and the roles' ladders, which name no party)."""
    kept: list[CompareRow] = []
    groups: dict[tuple[str, str], list[CompareRow]] = {}
    for row in rows:
        groups.setdefault((row.city, row.penalty), []).append(row)
    for group in groups.values():
        own = [row for row in group if row.party == party]
        kept += own or [row for row in group if row.party is None]
    return kept


def _order(row: CompareRow) -> tuple[int, int, int]:
    """Heaviest fixed maximum first; per-unit fines after them; then multiples of a sum and no fine at all."""
    if row.fine_max is None:
        return (2, 0, 0)
    return (1 if row.per is not None else 0, -row.fine_max, -(row.fine_min or 0))


def compare(
    key_or_phrase: str,
    party: str | None = None,
    cities: Sequence[str] | None = None,
    *,
    index: CompareIndex | None = None,
    regulation: Callable[[], Regulation] | None = None,
) -> Comparison:
    """Every row of the behaviour `key_or_phrase` names, in the index (default: every shipped regulation),
    for these `cities` only where given, for one `party` kind where given (person, organisation, 个人, 单位).

    `regulation` gives the regulation whose phrase matcher reads a phrase (default: the default one)."""
    if index is not None:
        return _compare(index, key_or_phrase, party, cities, regulation)
    try:
        return _compare(shipped_index(), key_or_phrase, party, cities, regulation)
    except _BrokenIndex:  # a kept index this code cannot read: built again
        return _compare(shipped_index(fresh=True), key_or_phrase, party, cities, regulation)


def _compare(
    chosen: CompareIndex,
    key_or_phrase: str,
    party: str | None,
    cities: Sequence[str] | None,
    regulation: Callable[[], Regulation] | None,
) -> Comparison:
    key = resolve_key(chosen, key_or_phrase, regulation or _default_regulation)
    party_key = _party_key(chosen, party) if party is not None else None
    wanted = set(cities) if cities is not None else set(chosen.cities)
    rows = [row for row in _decoded(CompareRow, chosen.rows.get(key)) if row.city in wanted]
    if party_key is not None:
        rows = _for_party(rows, party_key)
    order = {city: number for number, city in enumerate(chosen.cities)}
    rows.sort(key=lambda row: (*_order(row), order.get(row.city, 0)))
    penalising = set(chosen.penalising.get(key, []))
    unpenalised = [
        entry
        for entry in _decoded(UnpenalisedRow, chosen.unpenalised.get(key))
        if entry.city in wanted and entry.city not in penalising
    ]
    name = next(b.name for b in chosen.behaviours if b.key == key)
    notes = []
    if not rows and not unpenalised:
        notes.append(f"所比较的条例都没有关于「{name}」（{key}）的规定（按行为分类的标注）。")
    if any(row.review == "draft" for row in rows) or any(e.review == "draft" for e in unpenalised):
        notes.append("未经人工核对：标为草稿的罚则是按规则自动提取的，以条文原文为准。")
    if any(not row.complete for row in rows) or any(not e.complete for e in unpenalised):
        notes.append("文本不完整：该城市的条例来源被截断，可能缺少条文。")
    return Comparison(
        key=key,
        name=name,
        party=party_key,
        party_name=next((kind.name for kind in chosen.parties if kind.key == party_key), None),
        cities=[city for city in chosen.cities if city in wanted],
        rows=rows,
        unpenalised=unpenalised,
        notes=notes,
    )


def _default_regulation() -> Regulation:
    from wenming.corpus import load
    from wenming.registry import default_data_path, registry

    return load(registry().default_entry, default_data_path())
