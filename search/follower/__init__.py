"""Following news feeds: a polite client, the state kept beside the index, and the poll.

It sits above ``ingest`` (feeds and pages become documents there) and ``engine`` (each poll's
new documents are one atomic ``index add``); the CLI's ``qidir feeds`` drives it.
"""
