"""wenming: look up 《永州市文明行为促进条例》 — its text, its penalties, its agencies.

The library needs neither typer nor rich:

    >>> import wenming
    >>> wenming.load_regulation().article(22).paragraphs[0].items[8].text
    '在禁止吸烟场所（区域）吸烟（含电子烟）；'
"""

from wenming.loader import DataError, load_regulation

__version__ = "0.1.0"
__all__ = ["DataError", "__version__", "load_regulation"]
