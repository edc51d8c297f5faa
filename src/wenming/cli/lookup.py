"""Look-up commands: article."""

from __future__ import annotations

from typing import Annotated

import typer

from wenming.citation import CITATION_FORMS_HELP
from wenming.cli.app import JsonOption, app, run


@app.command()
def article(
    reference: Annotated[str, typer.Argument(metavar="REF", help=f"条文引用。Citation: {CITATION_FORMS_HELP}")],
    json_output: JsonOption = False,
) -> None:
    """显示一条条文（或其中一款、一项）。Show an article, paragraph or item.

    例 Examples: wenming article 22 ; wenming article 第二十二条第九项 ; wenming article 32-4 --json
    """
    from wenming.lookup import article_view  # each command imports its own domain and result models

    run(lambda regulation: article_view(regulation, reference), json_output, "lookup:article")
