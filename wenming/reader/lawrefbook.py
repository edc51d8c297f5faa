"""Read one regulation from a LawRefBook Markdown file (github.com/LawRefBook/Laws).

    # 北京市文明行为促进条例

    2020年4月24日 北京市第十五届人民代表大会常务委员会第二十一次会议通过

    <!-- INFO END -->

    ## 第一章　总　　则

    第一条 为了……

The lines between the title and `<!-- INFO END -->` are the adoption history; the body after it is
read by `wenming.reader.structure.read_body`. A community transcription: a line broken in
mid-sentence is damage (reported, and joined), not a page break.
"""

from __future__ import annotations

import re

from wenming.reader.document import ReadRegulation
from wenming.reader.header import read_adoption_lines
from wenming.reader.structure import ReadError, problem, read_body

INFO_END = "<!-- INFO END -->"
_TITLE = re.compile(r"^#\s+(?P<title>\S.*)$")


def is_lawrefbook(text: str) -> bool:
    return any(line.strip() == INFO_END for line in text.splitlines())


def read_lawrefbook(text: str) -> ReadRegulation:
    lines = text.splitlines()
    numbered = [(index + 1, line) for index, line in enumerate(lines)]
    end = next((number for number, line in numbered if line.strip() == INFO_END), None)
    if end is None:
        raise ReadError(f"没有“{INFO_END}”行：不是 LawRefBook 格式（not a LawRefBook file）")
    content = [(number, line.strip()) for number, line in numbered[: end - 1] if line.strip()]
    if not content or (title := _TITLE.match(content[0][1])) is None:
        raise ReadError("第一行不是“# 标题”：找不到条例的标题（no '# title' line）")
    title_line = content[0][0]
    adoption_lines = content[1:]
    adoption, problems = read_adoption_lines(adoption_lines)
    if not adoption_lines:
        problems.append(
            problem(title_line, "header", "标题下没有通过、批准等沿革", "no adoption history under the title")
        )
    body = read_body(numbered[end:], "line-break-join")
    return ReadRegulation(
        title=title["title"].strip(),
        source_format="lawrefbook",
        title_line=title_line,
        adoption_lines=adoption_lines,
        adoption=adoption,
        chapters=body.chapters,
        articles=body.articles,
        problems=problems + body.problems,
        repairs=body.repairs,
        skipped=body.skipped,
        incomplete=body.incomplete,
    )
