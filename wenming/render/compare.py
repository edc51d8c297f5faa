"""The view of a comparison across cities (wenming.compare): a table, fine ranges as bars, and the
cities that govern the behaviour without a penalty.

The table never cuts an amount: the fine column is no_wrap, and where the table would not fit with it
(and the city and provision) whole, each row is a short block of lines instead. The bars are drawn
where there is room for them, on one scale (the largest maximum), for the rows with a maximum in yuan.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text

from wenming.compare import CompareRow, CompareStep, Comparison
from wenming.render import ViewConsole
from wenming.render.lines import INDENT, NBSP, NO_LINE_START, amount_words, emit, hanging

MIN_AGENCY_CELLS = 8  # the agencies column folds, down to this
GAP = 2  # cells between two columns
MIN_BAR_CELLS = 12  # narrower than this, no chart
DRAFT = "未经人工核对"
INCOMPLETE = "文本不完整"


def draw(console: ViewConsole, result: object) -> None:
    match result:
        case Comparison():
            comparison(console, result)
        case _:
            raise TypeError(f"wenming.render.compare cannot draw {type(result).__qualname__}")


# --- words ------------------------------------------------------------------------------------------


def _fine(row: CompareRow) -> str:
    """The row's fines over all its steps: 100–200 元, 200 元以下, 每只犬 5000 元, 赔偿费 1–3 倍, —."""
    if row.fine_max is None:
        multiples = [m for step in row.steps for m in step.measures if "倍" in m and "（" in m]
        return "；".join(m[m.index("（") + 1 : -1] for m in multiples) if multiples else "不罚款"
    amount = amount_words(row.fine_min, row.fine_max)
    return f"每{row.per}{NBSP}{amount}" if row.per else amount


def _whom(row: CompareRow) -> str:
    return row.role or row.party_name or row.party or "—"


def _review(row: CompareRow) -> str:
    marks = [DRAFT] if row.review == "draft" else (["仅原文"] if row.review == "text-only" else ["已核对"])
    return "\n".join([*marks, *([INCOMPLETE] if not row.complete else [])])


def _agencies(row: CompareRow) -> str:
    return "、".join(agency.text for agency in row.agencies) or "（未写明）"


def _step_words(step: CompareStep) -> str:
    return f"{step.condition}{'、'.join(step.measures)}"


# --- the view -------------------------------------------------------------------------------------------


def comparison(console: ViewConsole, result: Comparison) -> None:
    emit(console, Text(f"{result.key}  {result.name}", style="bold"))
    penalising = list(dict.fromkeys(row.city for row in result.rows))
    said = f"比较 {len(result.cities)} 部条例：{len(penalising)} 个城市设有罚则，{len(result.rows)} 行"
    if result.party is not None:
        said += f"（当事人：{result.party_name or result.party}）"
    emit(console, Text(said))
    if result.rows and not _table(console, result.rows):
        _list(console, result.rows)
    if result.rows:
        _bars(console, result.rows)
    if result.unpenalised:
        emit(console, Text("未设罚则（有规定，无罚款等处罚）", style="bold yellow"))
        for entry in result.unpenalised:
            marks = [DRAFT] if entry.review == "draft" else []
            marks += [] if entry.complete else [INCOMPLETE]
            referral = ""
            if entry.referral is not None:  # a liability provision that leaves it to other laws
                by = "" if entry.referral == entry.violation_basis else f"依{entry.referral}"
                referral = f"（{by}由其他法律、法规处理）"
            label = f"〔{'、'.join(marks)}〕" if marks else ""
            hanging(console, f"{entry.city} {entry.violation_basis} ", f"{entry.text}{referral}{label}")
    for note in result.notes:
        hanging(console, "· ", note, style="dim")


def _table(console: ViewConsole, rows: list[CompareRow]) -> bool:
    """The rows as a table, if it fits with the city, provisions, fine and review whole; else False.

    Laid out here rather than by rich's Table, which measures and renders every cell several times
    (15 ms for a dozen rows, most of a view's time): each column as wide as its widest line, the
    agencies folded into what is left, and the whole written as one Text."""
    parties = any(_whom(row) != "—" for row in rows)  # a column only where some provision sets one
    headers = ["城市", "罚则 / 行为", *(["当事人"] if parties else []), "执法机关", "罚款", "核对"]
    folding = headers.index("执法机关")
    cells = [
        [
            row.city,
            f"{row.penalty_basis}\n{row.violation_basis}",
            *([_whom(row)] if parties else []),
            _agencies(row),
            _fine(row).replace(NBSP, " "),
            _review(row),
        ]
        for row in rows
    ]
    widths = [
        max(cell_len(line) for text in [header, *(row[column] for row in cells)] for line in text.split("\n"))
        for column, header in enumerate(headers)
    ]
    fixed = sum(width for column, width in enumerate(widths) if column != folding) + GAP * (len(headers) - 1)
    if console.width - fixed < MIN_AGENCY_CELLS:
        return False
    widths[folding] = min(widths[folding], console.width - fixed)
    out = Text()
    _table_line(out, [[header] for header in headers], widths, "bold")
    out.append("─" * (sum(widths) + GAP * (len(headers) - 1)) + "\n")
    for row, texts in zip(rows, cells, strict=True):
        lines = [text.split("\n") for text in texts]
        if cell_len(texts[folding]) > widths[folding]:
            lines[folding] = _fold(texts[folding], widths[folding])
        style = "yellow" if row.review == "draft" or not row.complete else ""
        _table_line(out, lines, widths, "", style)
    out.rstrip()
    console.put(out)
    return True


def _fold(text: str, width: int) -> list[str]:
    """An agency's name in lines of at most `width` cells, a line never starting with closing punctuation
    (the character before moves down with it). Names are Chinese, which breaks anywhere; rich's wrap, which
    `wenming.render.lines` uses for prose, costs a quarter of a millisecond a cell here."""
    lines: list[str] = []
    line = ""
    for char in text:
        if line and cell_len(line + char) > width:
            if char in NO_LINE_START and len(line) > 1:
                lines.append(line[:-1])
                line = line[-1]
            else:
                lines.append(line)
                line = ""
        line += char
    return [*lines, line]


def _table_line(out: Text, lines: list[list[str]], widths: list[int], style: str, last_style: str = "") -> None:
    """One table row of several lines, each cell padded to its column's width, appended to `out`."""
    for number in range(max(len(cell) for cell in lines)):
        line = Text(style=style)
        for column, (cell, width) in enumerate(zip(lines, widths, strict=True)):
            text = cell[number] if number < len(cell) else ""
            last = column == len(lines) - 1
            line.append(text, style=last_style if last else "")
            if not last:
                line.append(" " * (width - cell_len(text) + GAP))
        line.rstrip()
        out.append_text(line)
        out.append("\n")


def _list(console: ViewConsole, rows: list[CompareRow]) -> None:
    """Each row as lines: city and provision, then whom, the fine, the agencies and the review mark."""
    for row in rows:
        emit(
            console,
            Text(f"{row.penalty_basis}（行为：{row.violation_basis}）"),
            lead=Text(f"{row.city} ", style="bold"),
        )
        whom = "" if _whom(row) == "—" else f"{_whom(row)}："
        marks = _review(row).replace("\n", "、")
        emit(console, Text(f"{whom}罚款{NBSP}{_fine(row)}〔{marks}〕"), indent=INDENT, lead="- ")
        emit(console, Text(f"执法：{_agencies(row)}"), indent=INDENT, lead="- ")


def _bars(console: ViewConsole, rows: list[CompareRow]) -> None:
    """The fines in yuan as bars on one scale: ░ up to the least amount, █ from it to the most."""
    shown = [row for row in rows if row.fine_max is not None and row.per is None]
    if len(shown) < 2:
        return
    labels = [f"{row.city}{'（' + _whom(row) + '）' if _whom(row) != '—' else ''}" for row in shown]
    amounts = [_fine(row).replace(NBSP, " ") for row in shown]
    label_cells = max(cell_len(label) for label in labels)
    amount_cells = max(cell_len(amount) for amount in amounts)
    cells = console.width - label_cells - amount_cells - 2
    if cells < MIN_BAR_CELLS:
        return
    top = max(row.fine_max or 0 for row in shown)
    emit(console, Text(f"罚款幅度（元，满格 {top} 元；░ 下限以下，█ 幅度）", style="bold"))
    chart = Text()
    for label, amount, row in zip(labels, amounts, shown, strict=True):
        high = max(1, round((row.fine_max or 0) * cells / top))
        low = min(high - 1, round((row.fine_min or 0) * cells / top)) if row.fine_min is not None else 0
        bar = "░" * low + "█" * (high - low)
        padding = " " * (label_cells - cell_len(label))
        line = Text(f"{label}{padding} ") + Text(bar, style="cyan") + Text(" " * (cells - high) + f" {amount}")
        line.rstrip()
        chart.append_text(line)
        chart.append("\n")
    chart.rstrip()
    console.put(chart)
