"""The CLI round trip through the real console entry point, in a subprocess."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from testsupport import SEEDS, run_qidir

ENGLISH_SEEDS = {"000", "002", "003", "004"}


@pytest.fixture()
def index(tmp_path: Path) -> Path:
    return tmp_path / "index"


def seed_prefixes(data: dict) -> set[str]:
    return {Path(hit["path"]).name[:3] for hit in data["hits"]}


def test_rebuild_search_json_matches_api(index: Path) -> None:
    proc = run_qidir("index", "rebuild", str(SEEDS), index=index, check=True)
    assert "indexed 5 document(s)" in proc.stderr
    assert "\r" not in proc.stderr and "%" not in proc.stderr  # no progress bar on a pipe
    out = run_qidir("search", "cooperation", "--json", index=index, check=True)
    cli_json = json.loads(out.stdout)
    assert seed_prefixes(cli_json) == ENGLISH_SEEDS
    assert cli_json["total"] == 4

    from qidir.web import create_app

    client = create_app(index).test_client()
    api_json = client.get("/api/search?q=cooperation").get_json()
    cli_json.pop("took_ms")
    api_json.pop("took_ms")
    assert cli_json == api_json


def test_add_remove_stats(index: Path, tmp_path: Path) -> None:
    run_qidir("index", "rebuild", str(SEEDS / "000_4331c5bfd721d94d.txt"), index=index,
              check=True)
    stats = json.loads(run_qidir("index", "stats", "--json", index=index, check=True).stdout)
    assert stats["documents"] == 1
    assert stats["schema_version"] >= 1 and stats["built_at"]
    run_qidir("index", "add", str(SEEDS / "002_b361192895b5713e.txt"), index=index, check=True)
    # Adding the same file again replaces it (same id) instead of duplicating it.
    run_qidir("index", "add", str(SEEDS / "002_b361192895b5713e.txt"), index=index, check=True)
    stats = json.loads(run_qidir("index", "stats", "--json", index=index, check=True).stdout)
    assert stats["documents"] == 2
    assert len(stats["sources"]) == 2

    found = json.loads(run_qidir("search", "Hasanov", "--json", index=index, check=True).stdout)
    [hit] = found["hits"]
    proc = run_qidir("index", "remove", hit["id"], "no-such-id", index=index)
    assert proc.returncode == 1 and "no-such-id" in proc.stderr
    found = json.loads(run_qidir("search", "Hasanov", "--json", index=index, check=True).stdout)
    assert found["total"] == 0

    # With no SOURCE, rebuild takes the recorded sources again.
    run_qidir("index", "rebuild", index=index, check=True)
    stats = json.loads(run_qidir("index", "stats", "--json", index=index, check=True).stdout)
    assert stats["documents"] == 2

    text = run_qidir("index", "stats", index=index, check=True).stdout
    assert "documents:" in text and "country:" in text


def test_bad_file_is_named_and_rest_indexed(index: Path, tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(SEEDS, src)
    (src / "broken.jsonl").write_text('{"text": "fine record about Baku"}\n{oops\n',
                                      encoding="utf-8")
    (src / "unreadable.txt").write_text("secret", encoding="utf-8")
    (src / "unreadable.txt").chmod(0)
    proc = run_qidir("index", "rebuild", str(src), index=index)
    assert proc.returncode == 1
    assert "broken.jsonl:2" in proc.stderr and "malformed JSON" in proc.stderr
    stats = json.loads(run_qidir("index", "stats", "--json", index=index, check=True).stdout)
    # 5 seeds + 1 good record (+ the unreadable file when running as root, who can read it)
    assert stats["documents"] in (6, 7)
    assert any("broken.jsonl:2" in s["path"] for s in stats["skipped"])


@pytest.mark.parametrize("args, fragment", [
    (["search", "a~9"], "fuzzy distance"),
    (["search", "x", "--from", "2020-13-01"], "from"),
    (["search", "x", "--limit", "1000"], "per_page"),
    (["search", "x", "--sort", "random"], "sort"),
    (["index", "frobnicate"], "No such command"),
])
def test_usage_errors_exit_2(index: Path, args: list[str], fragment: str) -> None:
    run_qidir("index", "rebuild", str(SEEDS / "000_4331c5bfd721d94d.txt"), index=index,
              check=True)
    proc = run_qidir(*args, index=index)
    assert proc.returncode == 2, proc.stderr
    assert fragment in proc.stderr
    assert "Traceback" not in proc.stderr


def test_search_without_index_says_how_to_build(index: Path) -> None:
    proc = run_qidir("search", "x", index=index)
    assert proc.returncode == 1
    assert "index rebuild" in proc.stderr


def test_readable_output_and_help(index: Path) -> None:
    run_qidir("index", "rebuild", str(SEEDS), index=index, check=True)
    out = run_qidir("search", "cooperation", "--country", "AZ", index=index, check=True).stdout
    assert "result(s)" in out and "country:" in out
    for args in (["--help"], ["index", "--help"], ["search", "--help"], ["serve", "--help"],
                 ["analyze", "--help"], ["demo", "--help"]):
        assert run_qidir(*args, check=True).stdout.startswith("Usage:")


def test_analyze_json() -> None:
    data = json.loads(run_qidir("analyze", "Military cooperation", "--json", check=True).stdout)
    assert data["parts"] and data["fields"]["text"]
    assert data["fields"]["text"][0]["surface"] == "Military"


def test_search_says_when_words_were_left_out(index: Path) -> None:
    run_qidir("index", "rebuild", str(SEEDS), index=index, check=True)
    out = run_qidir("search", "cooperation qwxzvbnm", index=index, check=True).stdout
    assert "No document has all your words; showing those with most of them" in out
    assert "(missing: qwxzvbnm)" in out and "missing: qwxzvbnm" in out.split("\n", 3)[-1]
    data = json.loads(run_qidir("search", "cooperation qwxzvbnm", "--json", index=index,
                                check=True).stdout)
    assert data["relaxed"] == {"words": ["cooperation", "qwxzvbnm"], "missing": ["qwxzvbnm"],
                               "complete": 0}
    assert seed_prefixes(data) == ENGLISH_SEEDS
    # "+word" insists: nothing has it, so nothing is shown
    strict = json.loads(run_qidir("search", "cooperation +qwxzvbnm", "--json", index=index,
                                  check=True).stdout)
    assert strict["total"] == 0 and strict["relaxed"] is None
