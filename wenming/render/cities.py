"""The view of the shipped regulations (wenming.cities)."""

from __future__ import annotations

from rich import box
from rich.cells import cell_len
from rich.table import Table
from rich.text import Text

from wenming.cities import CitiesAnswer, CityView
from wenming.render import ViewConsole
from wenming.render.lines import INDENT, emit, print_table

NOTE_CELLS = 8  # the notes column folds, but no narrower than this


def draw(console: ViewConsole, result: object) -> None:
    match result:
        case CitiesAnswer():
            cities(console, result)
        case _:
            raise TypeError(f"wenming.render.cities cannot draw {type(result).__qualname__}")


def _state(city: CityView) -> str:
    """未核对 for drafts, 不完整 for a source cut short, 默认 for the default."""
    said = []
    if city.reviewed < city.penalties:
        said.append(f"{city.penalties - city.reviewed} 项未经人工核对")
    if not city.complete:
        said.append("文本不完整")
    if city.default:
        said.append("默认")
    return "；".join(said)


def cities(console: ViewConsole, result: CitiesAnswer) -> None:
    emit(console, Text(f"随附条例 {len(result.cities)} 部（--city 城市名 选用）", style="bold"))
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False, collapse_padding=True)
    for header in ("城市", "省", "施行", "条", "罚则"):
        table.add_column(header, no_wrap=True)
    table.add_column("说明", overflow="fold", min_width=NOTE_CELLS)
    for city in result.cities:
        table.add_row(
            city.city,
            city.province or "—",
            city.effective or "—",
            str(city.articles),
            f"{city.reviewed}/{city.penalties}",
            _state(city),
        )
    whole = [max(cell_len(str(cell)) for cell in [column.header, *column.cells]) for column in table.columns[:-1]]
    if sum(whole) + NOTE_CELLS + 2 * len(table.columns) > console.width:  # a cell would be cut: a line each
        for city in result.cities:
            emit(console, Text(f"{city.city}：{city.title}，{city.articles} 条，罚则 {city.reviewed}/{city.penalties}"))
            if _state(city):
                emit(console, Text(_state(city), style="dim"), INDENT)
        return
    print_table(console, table)
    emit(console, Text("罚则：已核对/全部；未核对的是按规则提取的草稿。", style="dim"))
