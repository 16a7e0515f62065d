"""Article metadata: from a page's raw text (or HTML) to clean main text, title, date,
source, language and the countries the article mentions.

Facets are only as trustworthy as this layer: everything is computed from the *main*
text after the page's chrome (menus, "most popular" lists, footers) has been removed, so
that nothing outside the article can be searched or counted.
"""

from qidir.search.ingest.metadata.countries import find_countries
from qidir.search.ingest.metadata.extract import extract_plain
from qidir.search.ingest.metadata.htmlpage import extract_html
from qidir.search.ingest.metadata.result import Extracted

__all__ = ["Extracted", "extract_html", "extract_plain", "find_countries"]
