"""The adoption history under a regulation's title: each 通过, 批准, 修正, 公布 or 施行 line.

    2020年8月31日 三门峡市第七届人民代表大会常务委员会第二十三次会议通过        (LawRefBook)
    2018年11月30日 经山东省第十三届人民代表大会常务委员会第七次会议批准
    (2022年6月23日永州市第六届人民代表大会常务委员会第四次会议通过)          (a gazette)

A printed line may hold several events (the gazette prints `（…通过　…修正）` in one bracket);
each date starts one. `by` is what stands between the date and the verb, as printed; `body` is
the organ it names, without the session and meeting numbers.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from wenming.numerals import normalise_digits
from wenming.reader.structure import Problem, problem

_DATE = re.compile(r"(?P<year>[0-9０-９]{4})\s*年\s*(?P<month>[0-9０-９]{1,2})\s*月\s*(?P<day>[0-9０-９]{1,2})\s*日")
_EVENT = re.compile(r"(?P<event>通过|批准|修正|修订|公布|施行)$")
_SESSION = re.compile(r"第[0-9一二三四五六七八九十百零]+届")
_MEETING = re.compile(r"第[0-9一二三四五六七八九十百零]+次(?:全体)?会议$")
_NOTICE = re.compile(r"公告.*$")
_OPEN, _CLOSE = "(（", ")）"


@dataclass(frozen=True)
class AdoptionEvent:
    line: int
    as_printed: str  # this event's words, as printed (without the brackets around the line)
    date: datetime.date | None
    event: str | None  # 通过, 批准, 修正, 修订, 公布, 施行
    by: str | None  # e.g. 三门峡市第七届人民代表大会常务委员会第二十三次会议
    body: str | None  # e.g. 三门峡市人民代表大会常务委员会


def is_adoption_line(text: str) -> bool:
    return _DATE.search(text) is not None


def read_adoption_line(line: int, text: str) -> tuple[list[AdoptionEvent], list[Problem]]:
    """The events a printed line holds, and what is wrong with it."""
    problems: list[Problem] = []
    printed = text.strip()
    inner = printed
    if inner[:1] in _OPEN and inner[-1:] in _CLOSE:
        inner = inner[1:-1].strip()
    elif inner[-1:] in _CLOSE and inner.count("）") + inner.count(")") > inner.count("（") + inner.count("("):
        zh = f"沿革行末多出右括号「{inner[-1]}」"
        problems.append(problem(line, "header", zh, "a stray closing bracket ends the adoption line"))
        inner = inner[:-1].strip()
    starts = [match.start() for match in _DATE.finditer(inner)]
    if not starts:
        problems.append(problem(line, "header", f"沿革行中没有日期：「{printed}」", "no date in the adoption line"))
        return [], problems
    if starts[0] != 0:
        zh = f"沿革行不以日期开头：「{printed}」"
        problems.append(problem(line, "header", zh, "the adoption line does not start with a date"))
    events = []
    for start, end in zip(starts, [*starts[1:], len(inner)], strict=True):
        segment = inner[start:end].strip().rstrip("，,；;　 ")
        events.append(_event(line, segment, problems))
    return events, problems


def _event(line: int, segment: str, problems: list[Problem]) -> AdoptionEvent:
    date_match = _DATE.match(segment)
    assert date_match is not None
    try:
        date: datetime.date | None = datetime.date(
            *(int(normalise_digits(date_match[part])) for part in ("year", "month", "day"))
        )
    except ValueError:
        date = None
        problems.append(problem(line, "header", f"日期无效：「{date_match[0]}」", "an invalid date"))
    rest = segment[date_match.end() :].strip()
    event_match = _EVENT.search(rest)
    if event_match is None:
        zh = f"沿革行没有写明通过、批准、修正、公布或施行：「{segment}」"
        problems.append(problem(line, "header", zh, "the adoption line names no event"))
        return AdoptionEvent(line, segment, date, None, rest or None, None)
    by = rest[: event_match.start()].strip() or None
    body: str | None = None
    if by is not None and (_MEETING.search(by) or _NOTICE.search(by)):
        organ = by.removeprefix("经").strip()
        body = _SESSION.sub("", _NOTICE.sub("", _MEETING.sub("", organ))).strip() or None
    return AdoptionEvent(line, segment, date, event_match["event"], by, body)


def read_adoption_lines(lines: list[tuple[int, str]]) -> tuple[list[AdoptionEvent], list[Problem]]:
    """The events of every adoption line (line number, text), and what is wrong with each."""
    events: list[AdoptionEvent] = []
    problems: list[Problem] = []
    for number, line in lines:
        found_events, found_problems = read_adoption_line(number, line)
        events += found_events
        problems += found_problems
    return events, problems
