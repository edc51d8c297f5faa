"""The view of another law's penalty (wenming.onward): a behaviour this regulation leaves unpenalised
that a national law penalises, in that law's words."""

from __future__ import annotations

from rich.text import Text

from wenming.onward import OtherLawAnswer
from wenming.render import ViewConsole
from wenming.render.lines import emit, field, hanging


def draw(console: ViewConsole, result: object) -> None:
    match result:
        case OtherLawAnswer():
            _other_law(console, result)
        case _:
            raise TypeError(f"wenming.render.onward cannot draw {type(result).__qualname__}")


def _other_law(console: ViewConsole, answer: OtherLawAnswer) -> None:
    """A behaviour this regulation leaves unpenalised that another law penalises: that law's words."""
    emit(console, Text(f"本条例未设罚则；依《{answer.law}》{answer.citation}", style="bold yellow"))
    field(console, "行为", f"{answer.violation_basis} {answer.behaviour}")
    field(console, answer.lead_in.citation, answer.provision_text)
    field(console, answer.item.citation, answer.item_text)
    step = answer.steps[answer.applied_step - 1]
    field(console, "结果", f"第{step.number}档，{step.condition}，{step.sanction}")
    if answer.reading:
        field(console, "解读", answer.reading)
    for note in [*answer.notes, *answer.referral]:
        hanging(console, "· ", note)
