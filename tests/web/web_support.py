"""What the page and browser tests share: where things are, and the test documents.

(A module of its own, not conftest.py, so the test modules can import it by name.)
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts" / "screenshots"
CHROMIUM = Path(os.environ.get("QIDIR_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"

#: A payload that would set a flag and open a dialog if any of it ever ran as script.
HOSTILE_TITLE = "Budget <script>window.__pwned = 1; alert('title')</script> leak"
HOSTILE_TEXT = ("Budget leak in the port authority.\n\n"
                "<script>window.__pwned = 2; alert('body')</script>\n\n"
                "<img src=x onerror=\"window.__pwned = 3; alert('img')\"> "
                "<b>bold?</b> & ampersands stay as they are.")

EXTRA_DOCS = [
    {"id": "web-test-hostile", "title": HOSTILE_TITLE, "text": HOSTILE_TEXT,
     "url": "javascript:alert('url')", "source": "hostile.example", "published": "2024-05-05",
     "lang": "en", "countries": ["KZ"]},
    {"id": "web-test-uz-latin", "title": "Toshkentda yangi metro bekati ochildi",
     "text": "Toshkentda yangi metro bekati ochildi. Bekat shaharning janubiy qismida "
             "joylashgan va kuniga o‘n ming yo‘lovchiga xizmat qiladi.",
     "url": "https://example.uz/metro", "source": "example.uz", "published": "2023-02-14",
     "lang": "uz", "countries": ["UZ"]},
    {"id": "web-test-undated", "title": "A port without a date",
     "text": "A short note about a port, with no date anywhere in it.",
     "source": "example.org", "lang": "en", "countries": ["TR"]},
]


def run_axe(page: Any) -> list[dict]:
    """axe-core's WCAG 2.1 A/AA and best-practice violations on a Playwright page."""
    if not AXE.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{AXE} is missing in CI: `make browser` runs npm ci in tests/web")
        pytest.skip("axe-core is not installed (cd tests/web && npm ci)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
    }""")
    return result
