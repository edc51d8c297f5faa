"""The agencies the regulation names, and what each enforces under which provision."""

from wenming.answer import Answer
from wenming.errors import BadInput, NotFound
from wenming.model import Agency
from wenming.regulation import Regulation
from wenming.resolve import MAX_QUERY, close_words


class Duty(Answer):
    """What an agency does under one provision."""

    provision: str
    kind: str  # penalty, or the liability kind (protection, referral ...)
    violation: str | None  # the penalty's key, for kind == penalty
    description: str
    violation_basis: str | None
    shared_with: list[str]  # other agencies named in the same provision
    agency_text: str | None = None  # the provision's words naming its agencies, for a shared duty
    through: str | None = None  # the department that does it, for a duty of a part (由其交通管理部门)
    review: str = "reviewed"  # draft: the penalty or provision is not yet read by a person


class AgencyView(Answer):
    key: str
    name: str
    short_name: str
    aliases: list[str]
    sources: list[str]
    duties: list[Duty]


class AgencyAnswer(Answer):
    """`wenming agency [NAME]`: the agencies (or the one named) and what each enforces."""

    query: str | None
    agencies: list[AgencyView]


def _duties(regulation: Regulation, agency: Agency) -> list[Duty]:
    duties: list[Duty] = []
    for source in agency.source:
        cited = regulation.cite(source)
        for penalty in regulation.penalties_under(cited.citation):
            if agency.key in penalty.agencies:
                others = [key for key in penalty.agencies if key != agency.key]
                duties.append(
                    Duty(
                        provision=cited.chinese,
                        kind="penalty",
                        violation=penalty.key,
                        description=penalty.name,
                        violation_basis=regulation.cite(penalty.behaviour_cites).chinese,
                        shared_with=regulation.agency_names(others),
                        agency_text=penalty.agency_text if others else None,
                        review=penalty.review,
                    )
                )
        for entry in regulation.liability:
            if regulation.cite(entry.citation).citation == cited.citation:
                description = entry.summary + (f"（{entry.external_law}）" if entry.external_law else "")
                duties.append(
                    Duty(
                        provision=cited.chinese,
                        kind=entry.kind,
                        violation=None,
                        description=description,
                        violation_basis=None,
                        shared_with=[],
                        review=entry.review,
                    )
                )
    return duties


def _all_duties(regulation: Regulation, agency: Agency) -> list[Duty]:
    """The agency's own duties and those of its departments (part_of), marked as theirs, in the
    regulation's order (37-1, 38, 39), however the data lists its sources."""
    duties = _duties(regulation, agency)
    for part in regulation.agencies:
        if part.part_of == agency.key:
            duties += [duty.replace(through=part.name) for duty in _duties(regulation, part)]

    def place(duty: Duty) -> tuple[int, int, int]:
        cited = regulation.cite(duty.provision).citation
        return cited.article, cited.paragraph or 0, cited.item or 0

    return sorted(duties, key=place)  # stable: duties under one provision keep their order


def _agency_view(regulation: Regulation, agency: Agency) -> AgencyView:
    return AgencyView(
        key=agency.key,
        name=agency.name,
        short_name=agency.short_name,
        aliases=list(agency.aliases),
        sources=[regulation.cite(source).chinese for source in agency.source],
        duties=_all_duties(regulation, agency),
    )


# Suggestions for a name no agency has: closer than for `fine`, sharing two characters in a row
# (交通管理 -> 公安机关交通管理部门), not a 市 or 管 that every body's name has (市场监管).
AGENCY_CUTOFF = 0.6


def find_agency(regulation: Regulation, query: str) -> Agency:
    text = query.strip()[: MAX_QUERY + 1]
    if not text:
        raise BadInput("请给出执法机关的名称", suggestion="例如 wenming agency 公安机关；不带参数列出全部")

    def names(agency: Agency) -> list[str]:
        return [agency.key, agency.name, agency.short_name, *agency.aliases]

    exact = [a for a in regulation.agencies if text.lower() == a.key or text in names(a)]
    # Part of a name only for a word (公安, traffic): "-" is in every hyphenated key, and means none.
    if not exact and any(char.isalnum() for char in text):
        exact = [
            a for a in regulation.agencies if any(text in name or (len(name) > 1 and name in text) for name in names(a))
        ]
    if len(exact) == 1:
        return exact[0]
    if exact:
        raise BadInput(
            f"「{text}」对应多个执法机关，请指明其中一个：",
            suggestion=f"例如 wenming agency {exact[0].key}",
            candidates=[f"{a.key}  {a.name}" for a in exact],
            choices=[{"key": a.key, "name": a.name} for a in exact],
        )
    pool = {name: a.key for a in regulation.agencies for name in names(a)}
    listed = "、".join(close_words(text, pool, cutoff=AGENCY_CUTOFF, shared=2))
    raise NotFound(
        f"没有找到执法机关「{text}」",
        suggestion="用 wenming agency 列出全部" + (f"；相近的有：{listed}" if listed else ""),
    )


def agencies(regulation: Regulation, query: str | None = None) -> AgencyAnswer:
    """`wenming agency [NAME]`: every agency, or the one NAME names and its departments (公安 names
    公安机关 and its 交通管理部门 both: people mean either), with what each enforces."""
    if query is None:
        chosen = list(regulation.agencies)
    else:
        found = find_agency(regulation, query)
        chosen = [found, *(agency for agency in regulation.agencies if agency.part_of == found.key)]
    return AgencyAnswer(query=query, agencies=[_agency_view(regulation, agency) for agency in chosen])
