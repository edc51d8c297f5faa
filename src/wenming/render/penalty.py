"""Views of penalty results: one answer, the whole schedule, the agencies."""

from __future__ import annotations

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from wenming.agency import AgencyAnswer
from wenming.penalty import FineAnswer, Schedule, StepView

INDENT = 2


def _amount(fine_min: int | None, fine_max: int | None) -> str:
    if fine_min is None or fine_max is None:
        return "—"
    return f"{fine_min} 元" if fine_min == fine_max else f"{fine_min}–{fine_max} 元"


def _when(step: StepView) -> str:
    return "、".join(step.circumstances) if step.circumstances else "违法行为本身"


def _wrap(text: str, width: int) -> list[str]:
    """Chinese has no spaces to break at: cut by display width."""
    lines = [""]
    for char in text:
        if lines[-1] and cell_len(lines[-1] + char) > width:
            lines.append("")
        lines[-1] += char
    return lines


def _hanging(console: Console, marker: str, text: str, style: str = "", marker_style: str = "") -> None:
    """`marker` then `text`, continuation lines indented under the text."""
    indent = cell_len(marker)
    for index, line in enumerate(_wrap(text, max(console.width - indent, 10))):
        out = Text(marker if index == 0 else " " * indent, style=marker_style)
        out.append(line, style=style)
        console.print(out, no_wrap=True, crop=False)


def _treatment(step: StepView) -> str:
    """罚款 200–500 元, or the measures of a step without a fine: 责令改正、警告."""
    if step.fine_min is None:
        return "、".join(step.measures)
    others = [measure for measure in step.measures if measure != "罚款"]
    return "、".join([*others, f"罚款 {_amount(step.fine_min, step.fine_max)}"])


def _field(console: Console, label: str, value: str) -> None:
    _hanging(console, f"{label}：", value, marker_style="bold")


def _ladder(steps: list[StepView], marked: bool) -> Table:
    table = Table(show_edge=False, pad_edge=False, header_style="bold")
    if marked:
        table.add_column("", no_wrap=True)
    table.add_column("档", no_wrap=True)
    table.add_column("情形", overflow="fold")
    table.add_column("原文", overflow="fold")
    table.add_column("罚款", no_wrap=True)
    for step in steps:
        wording = f"{step.condition}，{step.sanction}"
        cells = [str(step.number), _when(step), wording, _amount(step.fine_min, step.fine_max)]
        if marked:
            cells.insert(0, "▶" if step.applied else ("·" if step.reached else ""))
        table.add_row(*cells, style="bold yellow" if step.applied else "")
    return table


def fine_answer(console: Console, answer: FineAnswer) -> None:
    if not answer.penalised:
        console.print(Text("本条例未设罚则", style="bold yellow"))
        for unit in answer.unpenalised:
            _field(console, "行为", f"{unit.citation} {unit.text}")
        for note in answer.notes:
            _hanging(console, "· ", note)
        return
    heading = Text(f"{answer.violation}  {answer.violation_name}", style="bold")
    console.print(heading)
    _field(console, "行为", f"{answer.violation_basis} {answer.behaviour}")
    _field(console, "罚则", answer.penalty_basis or "—")
    _field(console, "执法机关", "、".join(answer.agencies))
    if answer.circumstances:
        described = zip(answer.circumstances, answer.circumstance_descriptions, strict=False)
        _field(console, "情形", "、".join(f"{name}（{meaning}）" for name, meaning in described))
    console.print(_ladder(answer.steps, marked=True))
    outcome = f"第{answer.applied_step}档，{answer.sanction}"
    m = answer.mitigation
    if m is not None and m.requested and m.applies:
        outcome += f"；依{m.citation}可为 {_amount(answer.fine_min, answer.fine_max)}"
    _field(console, "结果", outcome)
    if m is not None:
        done = "已完成并经认定" if m.requested else "未申请"
        state = done if m.applies else "不起作用：本档没有罚款"
        _field(console, m.citation, f"{m.effect}（{state}）；条件：")
        for condition in m.conditions:
            _hanging(console, " " * INDENT + "- ", condition, style="dim")
    if answer.decision:
        _field(console, answer.decision_label or "", answer.decision)
    for note in answer.notes:
        _hanging(console, "· ", note, style="dim")


def schedule(console: Console, result: Schedule) -> None:
    console.print(Text(f"《{result.title}》罚则一览", style="bold"))
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False, collapse_padding=True)
    table.add_column("违法行为", no_wrap=True)
    table.add_column("行为 / 罚则", no_wrap=True)
    table.add_column("执法机关", overflow="fold", min_width=10)
    table.add_column("情形", overflow="fold", min_width=12)
    table.add_column("处理（罚款）", no_wrap=True)
    for row in result.penalties:
        for index, step in enumerate(row.steps):
            first = index == 0
            table.add_row(
                row.violation if first else "",
                row.violation_basis if first else (row.penalty_basis if index == 1 else ""),
                "\n".join(row.agency_short_names) if first else "",
                _when(step),
                _treatment(step),
                end_section=index == len(row.steps) - 1,
            )
    console.print(table)
    for note in result.notes:
        _hanging(console, "· ", note, style="dim")


def agency_answer(console: Console, result: AgencyAnswer) -> None:
    for index, agency in enumerate(result.agencies):
        if index:
            console.print()
        heading = Text(f"{agency.name}", style="bold")
        heading.append(f"  {agency.key}", style="cyan")
        console.print(heading)
        if agency.aliases or agency.short_name != agency.name:
            _hanging(console, "简称、俗称：", "、".join([agency.short_name, *agency.aliases]), style="dim")
        for duty in agency.duties:
            if duty.violation is not None:
                line = f"{duty.provision}  {duty.violation} {duty.description}（{duty.violation_basis}）"
            else:
                line = f"{duty.provision}  {duty.description}"
            if duty.through:
                line += f"；由{duty.through}"
            if duty.agency_text:
                line += f"；原文：{duty.agency_text}"
            _hanging(console, " " * INDENT + "- ", line)
