"""From files to documents: reading inputs, decoding them, and extracting their metadata.

The first step of qidir's data flow (file → document → analysis → index → query → facets →
page or JSON). ``readers`` walks files and folders and yields :class:`documents.Document`
records or ``Skipped`` reasons; ``decoding`` turns bytes into text; ``metadata`` finds the
title, date, source, language and countries and removes site chrome. Nothing here knows
about Whoosh.
"""
