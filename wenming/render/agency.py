"""The view of the agencies and what each enforces (wenming.agency)."""

from __future__ import annotations

from rich.text import Text

from wenming.agency import AgencyAnswer
from wenming.render import ViewConsole
from wenming.render.lines import INDENT, emit, hanging


def draw(console: ViewConsole, result: object) -> None:
    match result:
        case AgencyAnswer():
            agency_answer(console, result)
        case _:
            raise TypeError(f"wenming.render.agency cannot draw {type(result).__qualname__}")


def agency_answer(console: ViewConsole, result: AgencyAnswer) -> None:
    for index, agency in enumerate(result.agencies):
        if index:
            console.put(Text())
        emit(console, Text(agency.key, style="cyan"), lead=Text(f"{agency.name}  ", style="bold"))
        if agency.aliases or agency.short_name != agency.name:
            hanging(console, "简称、俗称：", "、".join([agency.short_name, *agency.aliases]), style="dim")
        for duty in agency.duties:
            if duty.violation is not None:
                line = f"{duty.provision}  {duty.violation} {duty.description}（{duty.violation_basis}）"
            else:
                line = f"{duty.provision}  {duty.description}"
            if duty.through:
                line += f"；由{duty.through}"
            if duty.agency_text:
                line += f"；原文：{duty.agency_text}"
            if duty.review == "draft":
                line += "（未经人工核对）"
            hanging(console, " " * INDENT + "- ", line)
