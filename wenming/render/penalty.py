"""Views of penalty results (wenming.penalty): one answer to `fine`, and the whole schedule.

Tables are rich's. A table never cuts an amount: amount columns are no_wrap, and where the table
would not fit with them whole, the view is a list instead.
"""

from __future__ import annotations

from rich import box
from rich.cells import cell_len
from rich.table import Table
from rich.text import Text

from wenming.model import step_treatment
from wenming.penalty import (
    MitigationView,
    NotMetAnswer,
    PenalisedAnswer,
    ProvisionAnswer,
    Schedule,
    ScheduleRow,
    StepView,
    UnpenalisedAnswer,
)
from wenming.render import ViewConsole
from wenming.render.lines import INDENT, NBSP, amount_words, emit, field, hanging, print_table, wrap

MIN_WORDING_CELLS = 8  # the ladder's wording column: narrower than this, the ladder is a list
# The schedule's columns that fold (agencies, circumstances) need at least this many cells.
MIN_AGENCY_CELLS = 10
MIN_WHEN_CELLS = 12


def draw(console: ViewConsole, result: object) -> None:
    match result:
        case PenalisedAnswer():
            fine_answer(console, result)
        case UnpenalisedAnswer():
            _unpenalised(console, result)
        case ProvisionAnswer():
            _provision(console, result)
        case NotMetAnswer():
            _not_met(console, result)
        case Schedule():
            schedule(console, result)
        case _:
            raise TypeError(f"wenming.render.penalty cannot draw {type(result).__qualname__}")


# --- words ------------------------------------------------------------------------------------


def _stepamount_words(step: StepView) -> str:
    """The fine column: 50–200 元; 可处 200 元以下 for an optional fine; 每只犬 5000 元 per unit."""
    if step.fine_of is not None:  # a multiple of a sum: no amount in yuan
        times = step.times_max if step.times_min == step.times_max else f"{step.times_min}–{step.times_max}"
        return ("可处 " if step.fine_optional else "") + f"{step.fine_of} {times} 倍"
    amount = amount_words(step.fine_min, step.fine_max)
    if step.fine_max is None:
        return amount
    if step.fine_per:
        amount = f"每{step.fine_per} {amount}"
    return f"可处 {amount}" if step.fine_optional else amount


def _when(step: StepView) -> str:
    return "、".join(step.circumstances) if step.circumstances else "违法行为本身"


def _treatment(step: StepView) -> str:
    """罚款 200–500 元, or the measures of a step without a fine: 责令改正、警告; alternatives: 警告或罚款 …."""
    measure = step.fine_measure or ""
    if step.alternatives:
        said = [f"{name} {_stepamount_words(step)}" if name == measure else name for name in step.alternatives]
        orders = [name for name in step.measures if name not in step.alternatives]
        return "、".join([*orders, "或".join(said)])
    return step_treatment(
        step.measures, measure, step.fine_min, step.fine_max, lambda _low, _high: f"{measure} {_stepamount_words(step)}"
    )


def _widest(texts: list[str]) -> int:
    return max((cell_len(line) for text in texts for line in text.split("\n")), default=0)


# --- one answer (`wenming fine`) ----------------------------------------------------------------


def fine_answer(console: ViewConsole, answer: PenalisedAnswer) -> None:
    _header(console, answer)
    _ladder(console, answer.steps, marked=True)
    _readings(console, answer.steps)
    _outcome(console, answer)
    if answer.mitigation is not None:
        _mitigation(console, answer.mitigation)
    _decision(console, answer)
    _procedure(console, answer)
    _notes(console, answer.notes)


def _unpenalised(console: ViewConsole, answer: UnpenalisedAnswer) -> None:
    """Behaviours the regulation names without a penalty: each as what it is, then Article 35."""
    emit(console, Text("本条例未设罚则", style="bold yellow"))
    for unit in answer.unpenalised:
        label = "行为" if unit.provision_kind in ("governed", "encouraged", "advocated") else "规定"
        field(console, label, f"{unit.citation} {unit.text}")
    for note in [*answer.notes, *answer.referral]:
        hanging(console, "· ", note)


# The same kinds in a word, for a list of them (`fines` of a regulation whose provisions are all such).
SHORT_PROVISION_KINDS = {"referral": "转致", "protection": "保护", "discipline": "处分", "text-only": "原文"}

PROVISION_KINDS = {  # how a liability provision without a ladder is headed, by its kind in the data
    "referral": "法律责任条款：其他法律、法规已有处罚规定的，从其规定",
    "protection": "法律责任条款：保护劝阻人、投诉人、举报人",
    "discipline": "法律责任条款：有关部门及其工作人员的责任",
    "mitigation": "法律责任条款：社会服务与从轻、减轻或者不予罚款",
    "text-only": "法律责任条款（未能结构化，以原文为准）",
}


def _not_met(console: ViewConsole, answer: NotMetAnswer) -> None:
    """The phrase contradicts a condition of the provision: no penalty under it, and why."""
    heading = f"条件不满足，不依{answer.penalty_basis}处罚"
    if answer.because:  # it rests on a reading of words the regulation does not define
        heading += "（解读）"
    emit(console, Text(heading, style="bold yellow"))
    field(console, "行为", f"{answer.violation_basis} {answer.behaviour}")
    _notes(console, answer.notes)


def _provision(console: ViewConsole, answer: ProvisionAnswer) -> None:
    """A liability provision that is no ladder, as the kind of provision it is, in its own words."""
    emit(console, Text(PROVISION_KINDS[answer.provision_kind], style="bold yellow"))
    field(console, answer.citation, answer.text)
    _notes(console, answer.notes)


def _header(console: ViewConsole, answer: PenalisedAnswer) -> None:
    """The violation, its behaviour, its penalty provision, who enforces it, the circumstances given."""
    if answer.review == "draft":
        emit(console, Text("未经人工核对（草稿：由程序按规则提取）", style="bold red"))
    hanging(console, f"{answer.violation}  ", answer.violation_name or "", style="bold", marker_style="bold")
    field(console, "行为", f"{answer.violation_basis} {answer.behaviour}")
    field(console, "罚则", answer.penalty_basis or "—")
    field(console, "执法机关", "、".join(answer.agencies) or "（条文未写明）")
    if answer.circumstances:
        described = zip(answer.circumstances, answer.circumstance_descriptions, strict=False)
        field(
            console,
            "情形",
            "、".join(name if meaning == name else f"{name}（{meaning}）" for name, meaning in described),
        )


def _ladder(console: ViewConsole, steps: list[StepView], marked: bool) -> None:
    """The ladder as a table; a list where the wording would be too narrow to read beside whole amounts."""
    whens = [_when(step) for step in steps]
    amounts = [_stepamount_words(step) for step in steps]
    fixed = [_widest([*whens, "情形"]), _widest([*amounts, "罚款"]), _widest([str(len(steps)), "档"])]
    if marked:
        fixed.append(1)
    # heavy head, no edge: a rule and a space each side between neighbours
    wording_width = console.width - sum(fixed) - 3 * len(fixed)
    if wording_width < MIN_WORDING_CELLS:
        _ladder_list(console, steps, marked)
        return
    table = Table(show_edge=False, pad_edge=False, header_style="bold", box=box.HEAVY_HEAD)
    if marked:
        table.add_column("", no_wrap=True)
    table.add_column("档", no_wrap=True)
    table.add_column("情形", no_wrap=True)
    table.add_column("原文", no_wrap=True)
    table.add_column("罚款", no_wrap=True)
    for step, when, amount in zip(steps, whens, amounts, strict=True):
        # The wording is wrapped here rather than by the table, so that no cell line starts with ） or ，.
        wording = Text("\n").join(wrap(console, Text(step.wording), wording_width))
        cells: list[str | Text] = [str(step.number), when, wording, amount]
        if marked:
            cells.insert(0, "▶" if step.applied else ("·" if step.reached else ""))
        table.add_row(*cells, style="bold yellow" if step.applied else "")
    print_table(console, table)


def _ladder_list(console: ViewConsole, steps: list[StepView], marked: bool) -> None:
    for step in steps:
        mark = ("▶ " if step.applied else ("· " if step.reached else "  ")) if marked else ""
        wording = f"{_when(step)}：{step.wording}（{_stepamount_words(step)}）"
        emit(console, Text(wording, style="bold yellow" if step.applied else ""), lead=f"{mark}{step.number} ")


def _readings(console: ViewConsole, steps: list[StepView]) -> None:
    """Each step's reading under the ladder: an interpretation is shown wherever its step is."""
    for step in steps:
        if step.reading:
            emit(console, Text(f"第{step.number}档的解读：", style="bold"))
            emit(console, Text(step.reading, style="dim"), INDENT)


def _outcome(console: ViewConsole, answer: PenalisedAnswer) -> None:
    """The step applied, and the range Article 41 allows when it was asked for and bears on it."""
    if not answer.applied_step:
        field(console, "结果", "未达到任何一档：本款的处罚条件未给出")
        return
    outcome = f"第{answer.applied_step}档，{answer.sanction}"
    m = answer.mitigation
    if m is not None and m.requested and m.applies:
        outcome += f"；依{m.citation}可为 {amount_words(answer.fine_min, answer.fine_max)}"
    field(console, "结果", outcome)


def _mitigation(console: ViewConsole, m: MitigationView) -> None:
    done = "已完成并经认定" if m.requested else "未申请"
    state = done if m.applies else "不起作用：本档没有罚款"
    field(console, m.citation, f"{m.effect}（{state}）；条件：")
    for condition in m.conditions:
        hanging(console, " " * INDENT + "- ", condition, style="dim")


def _decision(console: ViewConsole, answer: PenalisedAnswer) -> None:
    if answer.decision:
        field(console, answer.decision_label or "", answer.decision)


def _procedure(console: ViewConsole, answer: PenalisedAnswer) -> None:
    """What 行政处罚法 attaches to the step reached, in short: what applies, on which condition, for
    whom, and what does not; every entry's quoted text and reading are in the JSON."""
    if answer.administrative_penalty is None:  # the national law was not read (the library's assess())
        return
    emit(console, Text(f"《{answer.procedure_law}》（条文与解读见 --json 的 procedure）", style="bold"))
    if answer.party is not None:
        party = answer.party
        whom = party.name if party.given and party.name else "、".join(party.addresses_names)
        label = "当事人" if party.given or len(party.addresses_names) == 1 else "可能的当事人"
        field(console, label, whom + ("（解读，见 --json 的 party.basis）" if party.reading else ""))
    if not answer.administrative_penalty:
        hanging(
            console,
            "· ",
            "本档只有责令改正：读作不是行政处罚，不适用行政处罚的决定程序（解读，见 --json 的 procedure）。",
        )
    if answer.deadline is not None:
        deadline = answer.deadline
        hanging(
            console,
            "· ",
            f"第{deadline.presupposed_by_step}档以「{deadline.presupposed_by}」为条件，责令改正应写明期限："
            f"{deadline.wording}（解读，依据{deadline.citation}：{deadline.words}）",
        )
    # In short: what applies, what applies on a condition (the part of the range it can hold for, and
    # for whom), the facts an officer must establish, and what does not apply; the JSON quotes each.
    applying: list[str] = []
    facts: list[str] = []
    not_applying: list[str] = []
    for entry in answer.procedure:
        # A provision holding two rules (第三十三条第一款's two sentences) is named with its rule's opening words.
        name = entry.citation + (f"（{entry.words.split('，')[0]}…）" if entry.words else "")
        if entry.party_name and entry.applies is not True:  # the answer differs by party: say whose
            name += f"（{entry.party_name}）"
        if entry.applies is True and entry.party_name:  # for one party; the other's answer differs
            hanging(console, f"· {name}（{entry.party_name}）：", "适用")
        elif entry.applies is True:
            _add_once(applying, name)
        elif entry.applies is False:
            _add_once(not_applying, name)
        elif entry.fact:
            _add_once(facts, name)
        else:
            said = entry.applies
            if entry.fine_min is not None and entry.fine_max is not None:
                said += f"（仅罚款{amount_words(entry.fine_min, entry.fine_max)}时）".replace(NBSP, "")
            if entry.threshold_note:
                said += "（“较大数额”的标准不在本工具的资料中）"
            hanging(console, f"· {name}：", said)
    if applying:
        hanging(console, "· 适用：", "、".join(applying))
    if facts:
        hanging(console, "· 视事实而定：", "、".join(facts))
    if not_applying:
        hanging(console, "· 不适用：", "、".join(not_applying), style="dim")
    if answer.amount is not None:
        amount = answer.amount
        on_the_spot = "；".join(
            f"{q.party_name}：{'可以' if q.qualifies else '不可以'}依{q.citation}（{q.limit}元以下）"
            for q in amount.qualifies
        )
        ground = f"，依据《{amount.ground.law}》{amount.ground.citation}" if amount.ground else ""
        field(console, "数额", f"{amount.amount}元{ground}；{on_the_spot}")


def _add_once(names: list[str], name: str) -> None:
    if name not in names:
        names.append(name)


def _notes(console: ViewConsole, notes: list[str]) -> None:
    for note in notes:
        hanging(console, "· ", note, style="dim")


# --- the schedule (`wenming fines`) -------------------------------------------------------------


def schedule(console: ViewConsole, result: Schedule) -> None:
    emit(console, Text(f"《{result.title}》罚则一览", style="bold"))
    if not result.penalties:  # an imported regulation whose liability provisions hold no ladder (or none yet)
        emit(console, Text("数据中没有罚款阶梯；法律责任条款：", style="yellow"))
        for provision in result.provisions:
            kind = SHORT_PROVISION_KINDS.get(provision.kind, provision.kind)
            draft = "（未经人工核对）" if provision.review == "draft" else ""
            hanging(console, "· ", f"{provision.citation}（{kind}）{provision.summary}{draft}")
        _notes(console, result.notes)
        return
    if not _schedule_table(console, result):
        _schedule_list(console, result)
    for row in result.penalties:  # an interpretation is shown wherever its step is
        for step in row.steps:
            if step.reading:
                emit(console, Text(f"{row.penalty_basis}第{step.number}档（{row.violation}）的解读：", style="bold"))
                emit(console, Text(step.reading, style="dim"), INDENT)
    _notes(console, result.notes)


def _row_name(row: ScheduleRow, between: str = "\n") -> str:
    """The key, with whom the row's ladder is for (dog-keeping（单位）), and a draft's label under it."""
    whom = f"（{row.role or row.party}）" if row.role or row.party else ""
    return row.violation + whom + (f"{between}未经人工核对" if row.review == "draft" else "")


def _schedule_list(console: ViewConsole, result: Schedule) -> None:
    for row in result.penalties:
        agencies = f"（{'、'.join(row.agency_short_names)}）" if row.agency_short_names else ""
        basis = f"{row.violation_basis} / {row.penalty_basis}{agencies}"
        emit(console, Text(basis), lead=Text(f"{_row_name(row, ' ')} ", style="bold"))
        for step in row.steps:
            emit(console, Text(f"{_when(step)}：{_treatment(step)}"), indent=INDENT, lead="- ")


def _schedule_table(console: ViewConsole, result: Schedule) -> bool:
    """The schedule as a table, if it fits with its keys, provisions and treatments whole; else False."""
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False, collapse_padding=True)
    table.add_column("违法行为", no_wrap=True)
    table.add_column("行为 / 罚则", no_wrap=True)
    table.add_column("执法机关", overflow="fold", min_width=MIN_AGENCY_CELLS)
    table.add_column("情形", overflow="fold", min_width=MIN_WHEN_CELLS)
    table.add_column("处理（罚款）", no_wrap=True)
    for row in result.penalties:
        for index, step in enumerate(row.steps):
            first = index == 0
            table.add_row(
                _row_name(row) if first else "",
                row.violation_basis if first else (row.penalty_basis if index == 1 else ""),
                "\n".join(row.agency_short_names) if first else "",
                _when(step),
                _treatment(step),
                end_section=index == len(row.steps) - 1,
            )
    # Whole columns at their widest, folding ones at their least; the box's edges and one cell of
    # (collapsed) padding and one rule between neighbours.
    columns = table.columns
    need = sum(
        _widest([str(column.header), *map(str, column.cells)]) if column.no_wrap else column.min_width or 1
        for column in columns
    )
    if need + 2 + 2 * (len(columns) - 1) > console.width:
        return False
    print_table(console, table)
    return True
