"""A liability provision's words -> its ladder(s): conditions, sanctions, measures, amounts, and
who enforces them. Procedure only; the words it looks for are the rules file's."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from wenming.amounts import fine_amounts
from wenming.concepts import AgencyKind
from wenming.extract.found import FoundAgency, FoundLadder, FoundMeasure, FoundStep, Where
from wenming.extract.rules import Rules, longest_first

_CLAUSE_END = "；。"
_SEGMENT = re.compile(r"[^，；,。]+")
_LAW = re.compile(r"《[^《》]+》")
_OPEN, _CLOSE = "（(", "）)"


@dataclass(frozen=True)
class Segment:
    start: int
    end: int
    text: str
    after_clause: bool  # the first segment after a ；(or at the start)


def segments(text: str) -> list[Segment]:
    found = []
    for match in _SEGMENT.finditer(text):
        before = text[: match.start()].rstrip()
        found.append(Segment(match.start(), match.end(), match.group(), not before or before[-1] in _CLAUSE_END))
    return found


def has_sanction(text: str, rules: Rules) -> bool:
    """Whether `text` imposes something: a measure, a fine with its amount, or a referral."""
    if any(word in text for rule in rules.measures for word in rule.words):
        return True
    if any(word in text for word in rules.referral):
        return True
    return any(_fine(match.group()) for match in re.finditer(rules.fine_pattern, text))


def _fine(words: str) -> bool:
    try:
        return fine_amounts(words) is not None
    except ValueError:
        return False


def _named_at(condition: str, word: str, rules: Rules) -> int:
    """Where `condition` names `word` (not denying it: 尚未构成…), or -1."""
    at = condition.find(word)
    while at >= 0 and any(condition[:at].endswith(n) for n in rules.circumstance_negations):
        at = condition.find(word, at + 1)
    return at


def circumstance_of(condition: str, rules: Rules) -> tuple[str, str] | None:
    """The circumstance `condition` names (key, the words found): the earliest word, the longest there."""
    best: tuple[int, int, str, str] | None = None
    for rule in rules.circumstances:
        for word in rule.words:
            at = _named_at(condition, word, rules)
            if at >= 0 and (best is None or (at, -len(word)) < (best[0], -best[1])):
                best = (at, len(word), rule.key, word)
    return (best[2], best[3]) if best else None


def circumstances_in(condition: str, rules: Rules) -> list[str]:
    """Every circumstance `condition` names, in its order (拒不改正或者多次违反: refused, repeat);
    a word inside a longer one found (拒不改正 in 警告后拒不改正) is not another."""
    hits = sorted(
        (_named_at(condition, word, rules), -len(word), rule.key)
        for rule in rules.circumstances
        for word in rule.words
        if _named_at(condition, word, rules) >= 0
    )
    keys: list[str] = []
    end = -1
    for at, negative_length, key in hits:
        if at >= end:
            keys += [key] if key not in keys else []
            end = at - negative_length
    return keys


def referral_of(text: str, rules: Rules) -> tuple[bool, list[str]]:
    referred = any(word in text for word in rules.referral)
    laws = list(dict.fromkeys(_LAW.findall(text))) if referred else []
    return referred, laws


# --- measures ---------------------------------------------------------------------------------


def measures_of(sanction: str, rules: Rules) -> tuple[list[FoundMeasure], str, list[str]]:
    """What `sanction` imposes, in its order, the connector between them, and doubts."""
    found: list[tuple[int, FoundMeasure]] = []
    notes: list[str] = []
    for match in re.finditer(rules.fine_pattern, sanction):
        words = match.group()
        try:
            amounts = fine_amounts(words)
        except ValueError as error:
            notes.append(f"罚款数额无法识别：{error}")
            continue
        if amounts is None:
            continue
        lead = re.split("[，；,]", sanction[: match.start()])[-1]
        optional = any(word in lead[-4:] for word in rules.optional_words)
        if amounts.of is not None:
            measure = FoundMeasure(
                "fine-multiple", rules.fine_name, words, amounts.low, amounts.high, optional, of=amounts.of
            )
        elif amounts.per is not None:
            measure = FoundMeasure(
                "fine-per-unit", rules.fine_name, words, amounts.low, amounts.high, optional, per=amounts.per
            )
        else:
            measure = FoundMeasure("fine", rules.fine_name, words, amounts.low, amounts.high, optional)
        found.append((match.start(), measure))
    for rule in rules.measures:
        for word in longest_first(rule.words):
            pattern = rule.pattern or re.escape(word)
            hits = [
                m
                for m in re.finditer(pattern, sanction)
                if not any(sanction.startswith(after, m.end()) for after in rule.not_before)
            ]
            if not hits:
                continue
            hit = hits[0]
            text = hit.group()
            what = text[len(word) :] or None if rule.kind in ("confiscation", "revocation") else None
            name = text if rule.kind in ("order", "confiscation", "revocation") else word
            found.append((hit.start(), FoundMeasure(rule.kind, name, text, what=what)))
            break
    referred, _ = referral_of(sanction, rules)
    if referred and not any(m.kind in ("fine", "fine-per-unit", "fine-multiple") for _, m in found):
        word = next(w for w in longest_first(rules.referral) if w in sanction)
        found.append((sanction.find(word), FoundMeasure("per-law", rules.per_law_name, sanction)))
    found.sort(key=lambda pair: pair[0])
    measures = [measure for _, measure in found]
    kinds = [m.kind for m in measures]
    connector = "and"
    warning = next((m for _, m in found if m.kind == "warning"), None)
    if warning is not None and any(k in kinds for k in ("fine", "fine-per-unit")):
        # 处警告或者二十元…罚款: the fine's words begin before the warning's, so look after it
        after = sanction.find(warning.text) + len(warning.text)
        if any(sanction.startswith(word, after) for word in rules.or_words):
            connector = "or"
    # …给予处理或者处分: a sanction offered as the other of two
    if any(sanction[:at].endswith(word) for at, m in found if m.kind != "order" for word in rules.or_words):
        connector = "or"
    return measures, connector, notes


# --- steps ------------------------------------------------------------------------------------


def _starts_sanction(
    segment: Segment, previous: Segment | None, rules: Rules, following: Segment | None = None
) -> bool:
    if segment.text.startswith(rules.agency_marker):
        return True
    # …徇私舞弊的，对直接负责的主管人员和其他直接责任人员，依法给予处分: who bears it, then the sanction
    if (
        previous is not None
        and previous.text.endswith(rules.condition_end)
        and any(segment.text.startswith(word) for word in rules.sanction_openers)
        and not segment.text.endswith(rules.condition_end)
        and following is not None
        and not following.after_clause
        and has_sanction(following.text, rules)
    ):
        return True
    return has_sanction(segment.text, rules) and (previous is None or previous.text.endswith(rules.condition_end))


def or_behaviour(segment: str, rules: Rules) -> bool:
    """A condition joined by 或者 that describes a behaviour of its own (…，或者放任犬只恐吓他人的)."""
    word = next((w for w in longest_first(rules.or_words) if segment.startswith(w)), None)
    return (
        word is not None
        and segment.endswith(rules.condition_end)
        and circumstance_of(segment, rules) is None
        and len(segment) - len(word) >= rules.new_behaviour_min_chars
    )


def steps_of(text: str, rules: Rules) -> tuple[list[FoundStep], list[str]]:
    """The steps `text` words: its first condition (the violation), then each circumstance."""
    notes: list[str] = []
    segs = segments(text)
    if not segs:
        return [], notes
    first = next(
        (
            i
            for i, s in enumerate(segs)
            if _starts_sanction(s, segs[i - 1] if i else None, rules, segs[i + 1] if i + 1 < len(segs) else None)
        ),
        None,
    )
    if first is None:
        first = next((i for i, s in enumerate(segs) if has_sanction(s.text, rules)), None)
    if first is None:
        return [], notes
    # Each later condition: a segment ending in 的 that names a circumstance or opens a clause.
    # (first and last segment of the condition, first of its sanction)
    bounds: list[tuple[int, int, int]] = [(0, first - 1, first) if first > 0 else (0, 0, 0)]
    i = first + 1
    while i < len(segs):
        seg = segs[i]
        if seg.text.endswith(rules.condition_end) and (circumstance_of(seg.text, rules) or seg.after_clause):
            j, skip = i, 0
            while j + 1 < len(segs) and segs[j + 1].text.endswith(rules.condition_end) and not segs[j + 1].after_clause:
                if or_behaviour(segs[j + 1].text, rules) and circumstance_of(segs[j].text, rules):
                    # 警告后不改正的，或者放任犬只恐吓他人的: the second is a penalty of its own
                    skip = 1
                    break
                j += 1
            bounds.append((i, j, j + 1 + skip))
            i = j + 1 + skip
        else:
            i += 1
    steps: list[FoundStep] = []
    for index, (c_first, c_last, s_first) in enumerate(bounds):
        condition = text[segs[c_first].start : segs[c_last].end]
        if s_first >= len(segs):
            continue
        s_end = segs[bounds[index + 1][0]].start if index + 1 < len(bounds) else len(text)
        sanction = text[segs[s_first].start : s_end].rstrip("，；,。 ")
        for stop in _CLAUSE_END:
            if stop in sanction:
                sanction = sanction.split(stop)[0]
                notes.append(f"「{condition}」之后的罚则跨句，只取到「{stop}」为止")
        measures, connector, measure_notes = measures_of(sanction, rules)
        notes += measure_notes
        if not measures:
            continue
        if index:
            circumstance = circumstance_of(condition, rules)
            if circumstance is None:
                notes.append(f"条件「{condition}」不属规则所列情形，记为条例自己的情形")
            if c_last > c_first:
                notes.append(f"条件「{condition}」由几句并列，可能另含一种行为")
        else:
            # The violation itself, unless the condition's last clause is a circumstance of its own
            # (…举报人，构成违反治安管理行为的，由公安机关依法处罚).
            own = segs[c_last].text if c_last > c_first else ""
            circumstance = circumstance_of(own, rules) if own else None
            if circumstance and any(r.in_behaviour for r in rules.circumstances if r.key == circumstance[0]):
                circumstance = None
        steps.append(
            FoundStep(
                condition,
                sanction,
                circumstance[0] if circumstance else ("other" if index else None),
                circumstance[1] if circumstance else (condition.removesuffix(rules.condition_end) if index else None),
                measures,
                "or" if connector == "or" else "and",
                [k for k in circumstances_in(condition, rules) if circumstance and k != circumstance[0]],
            )
        )
    return steps, notes


# --- parties and roles ------------------------------------------------------------------------


def ladders_of(text: str, rules: Rules) -> tuple[list[FoundLadder], list[str]]:
    """One ladder for anyone, or one per role (属驾驶人行为的…) or party (对单位处…，对个人处…)."""
    roles = list(re.finditer(rules.role_pattern, text))
    if len(roles) >= 2:
        ladders, notes = [], []
        for index, match in enumerate(roles):
            end = roles[index + 1].start() if index + 1 < len(roles) else len(text)
            steps, step_notes = steps_of(text[match.start() : end].rstrip("，；,。"), rules)
            notes += step_notes
            if steps:
                ladders.append(FoundLadder(None, match.group("role"), steps))
        return ladders, notes
    steps, notes = steps_of(text, rules)
    return _party_ladders(steps, rules), notes


def _named_party(who: str, rules: Rules) -> bool:
    return who in rules.roles or any(who.endswith(word) for r in rules.parties for word in r.words)


def _party_ladders(steps: list[FoundStep], rules: Rules) -> list[FoundLadder]:
    split: dict[int, list[tuple[str, str]]] = {}
    for index, step in enumerate(steps):
        hits = list(re.finditer(rules.party_pattern, step.sanction))
        if len(hits) == 1 and not _named_party(hits[0].group("who"), rules):
            continue
        if hits:
            parts = []
            for h_index, hit in enumerate(hits):
                end = hits[h_index + 1].start() if h_index + 1 < len(hits) else len(step.sanction)
                parts.append((hit.group("who"), step.sanction[hit.start() : end].rstrip("，；,。")))
            split[index] = parts
    if not split:
        return [FoundLadder(None, None, steps)] if steps else []
    whos = [who for who, _ in next(iter(split.values()))]
    ladders = []
    for position, who in enumerate(whos):
        own: list[FoundStep] = []
        for index, step in enumerate(steps):
            step_parts = split.get(index)
            if step_parts is None or position >= len(step_parts):
                own.append(step)
                continue
            part = step_parts[position][1]
            measures, connector, _ = measures_of(part, rules)
            head = step.sanction[: step.sanction.find(step_parts[0][1])]
            optional = any(word in head[-4:] for word in rules.optional_words)
            shared, _, _ = measures_of(head, rules)
            measures = [*shared, *(replace(m, optional=m.optional or optional) for m in measures)]
            if measures:
                own.append(
                    replace(step, sanction=part, measures=measures, connector="or" if connector == "or" else "and")
                )
        party = next((r.party for r in rules.parties if any(who.endswith(w) for w in r.words)), None)
        exact = any(who in r.words for r in rules.parties)
        if own:
            ladders.append(FoundLadder(party, None if exact else who, own))
    return ladders


# --- agencies ---------------------------------------------------------------------------------


def _split_outside_brackets(text: str, separators: list[str]) -> list[str]:
    parts, depth, start, i = [], 0, 0, 0
    while i < len(text):
        ch = text[i]
        depth += ch in _OPEN
        depth -= ch in _CLOSE
        separator = next((s for s in separators if depth == 0 and text.startswith(s, i)), None)
        if separator:
            parts.append(text[start:i])
            i += len(separator)
            start = i
            continue
        i += 1
    parts.append(text[start:])
    return [part for part in parts if part]


def agency_kind(name: str, kinds: list[AgencyKind]) -> str:
    best = max(((len(w), k.key) for k in kinds for w in k.words if w in name), default=None)
    return best[1] if best else "other"


def subject_agencies(
    text: str, where: Where, rules: Rules, kinds: list[AgencyKind]
) -> tuple[list[FoundAgency], str | None]:
    """The agency a sentence names as its subject (有关行政执法部门可以…), where no 由 names one."""
    match = re.search(rules.agency_subject_pattern, text)
    if match is None:
        return [], None
    name = match.group("name")
    return [FoundAgency(name, agency_kind(name, kinds), where)], name


def agencies_in(text: str, where: Where, rules: Rules, kinds: list[AgencyKind]) -> tuple[list[FoundAgency], str | None]:
    """The agencies `text` names after 由, and the words naming them (verbatim)."""
    found: list[FoundAgency] = []
    first_text: str | None = None
    for match in re.finditer(re.escape(rules.agency_marker), text):
        rest = text[match.end() :]
        ends = [rest.find(word) for word in rules.agency_end if rest.find(word) > 0]
        if not ends:
            continue
        name_text = rest[: min(ends)]
        if re.search("[，；。,]", name_text):
            continue
        for trim in rules.agency_trim:
            name_text = name_text.removesuffix(trim)
        name_text = name_text.rstrip("，, ")
        if not name_text:
            continue
        first_text = first_text or name_text
        parts = _split_outside_brackets(name_text, longest_first(rules.agency_split))
        merged: list[str] = []
        pending = ""
        for part in parts:
            if len(part) < rules.agency_min_chars:
                pending += part + "、"
                continue
            merged.append(pending + part)
            pending = ""
        if pending:
            merged.append(pending.rstrip("、"))
        for name in merged:
            if not any(a.name == name for a in found):
                found.append(FoundAgency(name, agency_kind(name, kinds), where))
    return found, first_text
