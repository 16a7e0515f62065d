"""The property every analysis must keep: no word that is in a document is unfindable by
itself. For every token of a text, the query forms of that token (as a reader would type it)
meet the terms the text is indexed under, in the text fields or in the names field (or the
word is a stop word, which a query drops). Checked on every document of the sample corpus
and the seeds, and on texts hypothesis writes from tricky words of every language."""

from __future__ import annotations

import pytest
from analyzer_corpus import sample_docs, seed_docs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qidir.analyzers import LANGUAGES, analyze_all, query_forms, tokenize


def unfindable(text: str, hint: str | None = None) -> list[str]:
    """The tokens of ``text`` whose query forms meet none of its indexed terms."""
    analysis = analyze_all(text, hint=hint)
    terms = {t.term for t in analysis.text}
    names = {t.term for t in analysis.names}
    missed = []
    for word, _, _ in tokenize(text):
        forms = query_forms(word)
        if not forms.text and not forms.names:
            continue  # a stop word: the query leaves it out
        if not (forms.text & terms or forms.names & names):
            missed.append(word)
    return missed


DOCS = sample_docs() + seed_docs()


def test_the_corpora_are_there() -> None:
    assert len(DOCS) >= 20


@pytest.mark.parametrize("doc", DOCS, ids=[d.name for d in DOCS])
def test_every_word_of_a_document_finds_it(doc) -> None:  # noqa: ANN001 - analyzer_corpus.Doc
    hint = doc.lang if doc.lang in LANGUAGES else None
    assert unfindable(doc.text, hint) == []


#: Words that have broken the property before or sit on a rule's edge: short words, stop-word
#: compounds, ц and е in Uzbek Cyrillic, apostrophes, Turkic I/ı, capitalised common words.
WORDS = [
    "из-за", "Из-за", "кое-где", "Nur-Sultan", "shock-sound", "non-linear", "абзац", "цех",
    "милиционер", "революция", "станция", "Ўзбекистон", "oʻn", "o'n", "ish", "suv", "yer",
    "ота", "ён", "қор", "Такой", "Last", "Coalition", "İstanbul", "ılık", "Iğdır", "the",
    "и", "va", "bu", "bir", "Toshkentga", "Тошкентга", "Erdoğan'ın", "Tokayev’s", "1995",
    "COVID-19", "ёлка", "елка", "Həsənov", "Қасым-Жомарт", "жыл", "yil", "oʻzbek", "gʻalla",
]
SEPARATORS = [" ", ", ", ". ", "\n", " — ", "-", "! ", ": "]


@settings(max_examples=150, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
@given(words=st.lists(st.sampled_from(WORDS), min_size=1, max_size=12),
       seps=st.lists(st.sampled_from(SEPARATORS), min_size=12, max_size=12),
       hint=st.sampled_from([None, "en", "ru", "uz", "kk", "az", "tr"]))
def test_every_word_of_a_written_text_finds_it(words: list[str], seps: list[str],
                                               hint: str | None) -> None:
    text = "".join(w + s for w, s in zip(words, seps, strict=False)).strip()
    assert unfindable(text, hint) == [], text
