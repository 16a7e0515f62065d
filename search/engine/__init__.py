"""The index: the only package besides :mod:`qidir.search.query` that imports Whoosh.

``schema`` declares the fields, ``analyzer`` adapts :mod:`qidir.analyzers` to Whoosh,
``indexer`` and ``writers`` build generations that ``store`` publishes atomically, ``facets``
holds the per-value bitsets that facet counts and filters use, ``collector`` scores a page
of hits and collects the whole match set in one walk, and ``deadline`` stops a search that
runs past its time limit.
"""
