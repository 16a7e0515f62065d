"""From a query string to Whoosh queries and back to what a reader sees.

``parser`` reads the query language (errors with positions), ``compiler`` turns the tree
into a Whoosh query with the analyzers' forms of every word, ``vocabulary`` expands prefix
and fuzzy words over the index's surface words, ``suggest`` proposes a correction, and
``highlight`` marks the matched words in snippets and documents.
"""
