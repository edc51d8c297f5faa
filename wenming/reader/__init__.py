"""Read a regulation's text out of a source: LawRefBook Markdown or a gazette converted to text.

    wenming.reader.source.read_source(text, title=None)   either format, told apart by content
    wenming.reader.lawrefbook.read_lawrefbook(text)       one LawRefBook Markdown file
    wenming.gazette.read_gazette(text, title=None)        one regulation out of a gazette issue

Both formats share one way of turning lines into chapters, articles, paragraphs and items
(`wenming.reader.structure.read_body`), and one way of reading the adoption history
(`wenming.reader.header`). The result is a plain structure (`ReadRegulation`) plus the problems
found on the way, each with its line: damage is reported, never passed over silently.

This package imports nothing of its own at import time, so that `wenming.gazette` (which builds on
`wenming.reader.structure`) and `wenming.reader.source` (which dispatches to `wenming.gazette`)
can be imported in any order.
"""
