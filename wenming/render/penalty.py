"""Views of penalty results: one answer, the whole schedule, the agencies."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wenming.model import step_treatment
from wenming.penalty import FineAnswer, NotMetAnswer, ProvisionAnswer, UnpenalisedAnswer
from wenming.render.console import Console, Text, cell_len
from wenming.render.table import HEAVY_HEAD, SIMPLE_HEAD, Column, Row, draw_table
from wenming.render.text import INDENT, emit, wrap

if TYPE_CHECKING:  # names for annotations: a fine's view need not import the agencies' models
    from wenming.agency import AgencyAnswer
    from wenming.penalty import Schedule, StepView

# The ladder table: one space each side of a cell and a rule between cells.
CELL_GAP = 3
MIN_WORDING_CELLS = 8
NARROW = 60  # below this many cells, tables become lists


def _amount(fine_min: int | None, fine_max: int | None) -> str:
    if fine_min is None or fine_max is None:
        return "—"
    return f"{fine_min} 元" if fine_min == fine_max else f"{fine_min}–{fine_max} 元"


def _when(step: StepView) -> str:
    return "、".join(step.circumstances) if step.circumstances else "违法行为本身"


def _hanging(console: Console, marker: str, text: str, style: str = "", marker_style: str = "") -> None:
    """`marker` then `text`, continuation lines indented under the text."""
    emit(console, Text(text, style=style), lead=Text(marker, style=marker_style))


def _treatment(step: StepView) -> str:
    """罚款 200–500 元, or the measures of a step without a fine: 责令改正、警告."""
    measure = step.fine_measure or ""
    return step_treatment(
        step.measures, measure, step.fine_min, step.fine_max, lambda low, high: f"{measure} {_amount(low, high)}"
    )


def _field(console: Console, label: str, value: str) -> None:
    _hanging(console, f"{label}：", value, marker_style="bold")


def _print_ladder(console: Console, steps: list[StepView], marked: bool) -> None:
    """The ladder as a table, or, where a table's wording column would be too narrow to read, as a list."""
    if console.width >= NARROW:
        _ladder(console, steps, marked)
        return
    for step in steps:
        mark = ("▶ " if step.applied else ("· " if step.reached else "  ")) if marked else ""
        wording = f"{_when(step)}：{step.condition}，{step.sanction}（{_amount(step.fine_min, step.fine_max)}）"
        emit(console, Text(wording, style="bold yellow" if step.applied else ""), lead=f"{mark}{step.number} ")


def _ladder(console: Console, steps: list[StepView], marked: bool) -> None:
    """The ladder; its wording is wrapped here, so that no cell line starts with ） or ，."""
    whens = [_when(step) for step in steps]
    amounts = [_amount(step.fine_min, step.fine_max) for step in steps]
    fixed = [cell_len(max([*whens, "情形"], key=cell_len)), cell_len(max([*amounts, "罚款"], key=cell_len)), 2]
    if marked:
        fixed.append(1)
    wording_width = max(console.width - sum(fixed) - CELL_GAP * len(fixed), MIN_WORDING_CELLS)
    columns = [Column("档"), Column("情形"), Column("原文"), Column("罚款")]
    if marked:
        columns.insert(0, Column(""))
    rows = []
    for step, when, amount in zip(steps, whens, amounts, strict=True):
        wording = "\n".join(wrap(f"{step.condition}，{step.sanction}", wording_width))
        cells = [str(step.number), when, wording, amount]
        if marked:
            cells.insert(0, "▶" if step.applied else ("·" if step.reached else ""))
        rows.append(Row(cells, style="bold yellow" if step.applied else ""))
    draw_table(console, columns, rows, HEAVY_HEAD)


PROVISION_KINDS = {  # how a liability provision without a ladder is headed
    "referral": "法律责任条款：依其他法律、法规处罚",
    "protection": "法律责任条款：保护劝阻人、投诉人、举报人",
    "discipline": "法律责任条款：有关部门及其工作人员的责任",
    "mitigation": "法律责任条款：以社会服务从轻、减轻或者不予罚款",
}


def fine_answer(console: Console, answer: FineAnswer) -> None:
    if isinstance(answer, UnpenalisedAnswer):
        emit(console, Text("本条例未设罚则", style="bold yellow"))
        for unit in answer.unpenalised:
            label = "行为" if unit.provision_kind in ("governed", "encouraged", "advocated") else "规定"
            _field(console, label, f"{unit.citation} {unit.text}")
        for note in [*answer.notes, *answer.referral]:
            _hanging(console, "· ", note)
        return
    if isinstance(answer, NotMetAnswer):  # the phrase contradicts a condition: no penalty, and why
        emit(console, Text(f"条件不满足，不依{answer.penalty_basis}处罚", style="bold yellow"))
        _field(console, "行为", f"{answer.violation_basis} {answer.behaviour}")
        for note in answer.notes:
            _hanging(console, "· ", note)
        return
    if isinstance(answer, ProvisionAnswer):
        emit(console, Text(PROVISION_KINDS[answer.provision_kind], style="bold yellow"))
        _field(console, answer.citation, answer.text)
        for note in answer.notes:
            _hanging(console, "· ", note)
        return
    _hanging(console, f"{answer.violation}  ", answer.violation_name or "", style="bold", marker_style="bold")
    _field(console, "行为", f"{answer.violation_basis} {answer.behaviour}")
    _field(console, "罚则", answer.penalty_basis or "—")
    _field(console, "执法机关", "、".join(answer.agencies))
    if answer.circumstances:
        described = zip(answer.circumstances, answer.circumstance_descriptions, strict=False)
        _field(console, "情形", "、".join(f"{name}（{meaning}）" for name, meaning in described))
    _print_ladder(console, answer.steps, marked=True)
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
    emit(console, Text(f"《{result.title}》罚则一览", style="bold"))
    if console.width < NARROW:
        for row in result.penalties:
            lead = f"{row.violation} "
            basis = f"{row.violation_basis} / {row.penalty_basis}（{'、'.join(row.agency_short_names)}）"
            emit(console, Text(basis), lead=Text(lead, style="bold"))
            for step in row.steps:
                emit(console, Text(f"{_when(step)}：{_treatment(step)}"), indent=INDENT, lead="- ")
    else:
        _schedule_table(console, result)
    for note in result.notes:
        _hanging(console, "· ", note, style="dim")


def _schedule_table(console: Console, result: Schedule) -> None:
    columns = [
        Column("违法行为"),
        Column("行为 / 罚则"),
        Column("执法机关", wrappable=True, min_width=10),
        Column("情形", wrappable=True, min_width=12),
        Column("处理（罚款）"),
    ]
    rows = []
    for row in result.penalties:
        for index, step in enumerate(row.steps):
            first = index == 0
            cells = [
                row.violation if first else "",
                row.violation_basis if first else (row.penalty_basis if index == 1 else ""),
                "\n".join(row.agency_short_names) if first else "",
                _when(step),
                _treatment(step),
            ]
            rows.append(Row(cells, end_section=index == len(row.steps) - 1))
    draw_table(console, columns, rows, SIMPLE_HEAD)


def agency_answer(console: Console, result: AgencyAnswer) -> None:
    for index, agency in enumerate(result.agencies):
        if index:
            console.print()
        emit(console, Text(agency.key, style="cyan"), lead=Text(f"{agency.name}  ", style="bold"))
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
