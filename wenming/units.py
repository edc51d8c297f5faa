"""What `fine` can answer with: a penalty, or a provision unit no ladder of this regulation penalises.

Shared by the matching of names and citations (wenming.resolve) and of phrases (wenming.matcher).
"""

from __future__ import annotations

from wenming.citation import Citation
from wenming.declared import Value
from wenming.model import Penalty
from wenming.regulation import Provision, Regulation
from wenming.vocabulary import per_regulation


class Unpenalised(Value):
    """A behaviour provision, or the part of one, that no ladder of this regulation penalises."""

    at: Citation
    citation: str  # the statute's form of `at`
    text: str
    part_of_penalised: bool  # the rest of a provision whose other parts are penalised


Match = Penalty | Unpenalised


def behaviour_of(regulation: Regulation, penalty: Penalty) -> Provision:
    """The provision of the governed behaviour a penalty is for (第二十二条第九项)."""
    return regulation.cite(penalty.behaviour_cites)


def provision_of(regulation: Regulation, penalty: Penalty) -> Provision:
    """The liability provision that imposes a penalty (第三十六条第一款)."""
    return regulation.cite(penalty.provision)


@per_regulation
def unpenalised_units(regulation: Regulation) -> tuple[Unpenalised, ...]:
    """Every provision unit no ladder penalises, with penalised parts of an item taken out.

    The liability provisions that carry a ladder (Articles 36-38) are left out: they are the
    penalties themselves.
    """
    found: list[Unpenalised] = []
    for unit in regulation.units():
        if regulation.penalties_under(unit.citation, overlapping=True):
            continue
        if regulation.penalties_citing_whole(unit.citation):  # a penalty cites the whole article
            continue
        if not regulation.penalties_citing(unit.citation):
            found.append(Unpenalised(at=unit.citation, citation=unit.chinese, text=unit.text, part_of_penalised=False))
            continue
        rest = regulation.unpenalised_part(unit.citation)  # None: the penalties cover it all
        if rest:
            found.append(Unpenalised(at=unit.citation, citation=unit.chinese, text=rest, part_of_penalised=True))
    return tuple(found)


def governed(regulation: Regulation, match: Match) -> bool:
    """A penalty, or a behaviour Chapter 3 governs (rather than one advocated, or a general article)."""
    return isinstance(match, Penalty) or regulation.behaviour_kind(match.at) == "governed"
