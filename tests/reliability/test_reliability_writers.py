"""One writer at a time, and every bad input named with its reason while the rest is indexed."""

from __future__ import annotations

import json
import os
import subprocess
import threading
import time
from pathlib import Path

import pytest
from reliability_helpers import QIDIR, SEEDS, live_ids, run_qidir, write_articles

from qidir.search.engine import indexer, store


@pytest.fixture()
def index(tmp_path: Path) -> Path:
    root = tmp_path / "index"
    indexer.rebuild(root, [SEEDS])
    return root


def test_second_writer_gives_up_after_lock_timeout(index: Path, tmp_path: Path) -> None:
    extra = tmp_path / "extra"
    write_articles(extra, 2, seed=1)
    before = live_ids(index)
    with store.writer_lock(index):
        started = time.monotonic()
        proc = run_qidir("--lock-timeout", "1", "index", "add", str(extra), index=index)
        waited = time.monotonic() - started
    assert proc.returncode == 1
    assert "another qidir process" in proc.stderr and f"(pid {os.getpid()})" in proc.stderr
    assert "--lock-timeout" in proc.stderr and "Traceback" not in proc.stderr
    assert waited >= 1.0
    assert live_ids(index) == before  # nothing was written


def test_second_writer_waits_for_the_first(index: Path, tmp_path: Path) -> None:
    extra = tmp_path / "extra"
    write_articles(extra, 2, seed=2)
    held = threading.Event()
    release = threading.Event()

    def first_writer() -> None:
        with store.writer_lock(index):
            held.set()
            release.wait(10)

    thread = threading.Thread(target=first_writer)
    thread.start()
    held.wait(5)
    proc = subprocess.Popen(QIDIR + ["--index", str(index), "--lock-timeout", "30", "index",
                                     "add", str(extra)], stderr=subprocess.PIPE,
                            stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL, text=True)
    time.sleep(1.0)
    assert proc.poll() is None  # still waiting for the lock
    release.set()
    thread.join()
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert len(live_ids(index)) == 7


def test_lock_is_released_when_the_writer_is_killed(index: Path, tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [QIDIR[0], "-c", "import sys, time; from pathlib import Path; "
         "from qidir.search.engine import store\n"
         "with store.writer_lock(Path(sys.argv[1])):\n"
         "    print('held', flush=True); time.sleep(60)", str(index)],
        stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    holder.kill()
    holder.wait()
    with store.writer_lock(index, timeout=2):
        pass


# -- bad input matrix ---------------------------------------------------------------------

GOOD = ("Ferry line doubles sailings\n\nAktau, 3 March 2023. The ferry operator on the "
        "Caspian said it would run two sailings a week from April.\n")


def _bad_folder(src: Path) -> dict[str, str]:
    """A folder with one good article and one input of each bad kind.

    Returns the expected reason fragment per bad input (by file name or name:line).
    """
    src.mkdir()
    (src / "good.txt").write_text(GOOD, encoding="utf-8")
    (src / "cp1251.txt").write_bytes(("Курс рубля\n\nЦентральный банк снизил ключевую ставку "
                                      "на половину пункта, сообщили в пресс-службе.\n"
                                      ).encode("cp1251"))
    (src / "koi8.txt").write_bytes(("Выборы мэра\n\nЯвка на выборах мэра оказалась выше, чем "
                                    "ожидали в избирательной комиссии города.\n"
                                    ).encode("koi8-r"))
    (src / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 30)
    (src / "empty.md").write_text("", encoding="utf-8")
    (src / "big.txt").write_text(GOOD * 200, encoding="utf-8")  # ~24 kB > 0.01 MB
    records = [{"id": "rec-1", "text": "Talks in Baku on rail freight."},
               "{broken", {"id": "rec-1", "text": "Same id again in Baku."},
               {"title": "no text"}]
    (src / "feed.jsonl").write_text(
        "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n",
        encoding="utf-8")
    os.mkfifo(src / "pipe.txt")
    (src / "loop").mkdir()
    (src / "loop" / "again").symlink_to(src / "loop")
    (src / "a.html").symlink_to(src / "b.html")
    (src / "b.html").symlink_to(src / "a.html")
    return {
        "binary.txt": "binary", "empty.md": "empty", "big.txt": "above the limit",
        "feed.jsonl:2": "malformed JSON", "feed.jsonl:4": "no 'text'",
        "feed.jsonl": "duplicate id 'rec-1'", "pipe.txt": "FIFO", "again": "symlink loop",
        "a.html": "symlink loop", "b.html": "symlink loop",
    }


def test_bad_input_matrix_through_the_cli(tmp_path: Path) -> None:
    index = tmp_path / "index"
    expected = _bad_folder(tmp_path / "src")
    proc = run_qidir("index", "rebuild", str(tmp_path / "src"), "--max-file-mb", "0.01",
                     index=index)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    stats = json.loads(run_qidir("index", "stats", "--json", index=index, check=True).stdout)
    # good.txt, both legacy-encoded files and the first rec-1 record: nothing else, nothing less.
    assert stats["documents"] == 4
    skipped = {Path(s["path"]).name: s["reason"] for s in stats["skipped"]}
    for name, fragment in expected.items():
        assert name in skipped and fragment in skipped[name], (name, skipped.get(name))
        assert f"{name}: " in proc.stderr or f"{name}" in proc.stderr
    assert len(skipped) == len(expected)
    for line in proc.stderr.splitlines():
        if line.startswith("qidir: skipped"):
            assert any(name in line for name in expected)
    found = json.loads(run_qidir("search", "рубля", "--json", index=index, check=True).stdout)
    assert found["total"] == 1  # the cp1251 file was decoded, not dropped


def test_size_limit_from_environment(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "big.txt").write_text(GOOD * 200, encoding="utf-8")
    (src / "good.txt").write_text(GOOD, encoding="utf-8")
    env = dict(os.environ, QIDIR_MAX_FILE_MB="0.01")
    proc = subprocess.run(QIDIR + ["--index", str(tmp_path / "index"), "index", "rebuild",
                                   str(src)], capture_output=True, text=True, env=env,
                          stdin=subprocess.DEVNULL, timeout=120)
    assert proc.returncode == 1 and "big.txt" in proc.stderr and "above the limit" in proc.stderr


def test_rebuild_that_finds_nothing_keeps_the_live_index(index: Path, tmp_path: Path) -> None:
    before = live_ids(index)
    proc = run_qidir("index", "rebuild", str(tmp_path / "no-such-folder"), index=index)
    assert proc.returncode == 1
    assert "no-such-folder" in proc.stderr and "kept unchanged" in proc.stderr
    assert live_ids(index) == before


def test_add_reports_skips_in_stats(index: Path, tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "good.txt").write_text(GOOD, encoding="utf-8")
    (src / "empty.txt").write_text("", encoding="utf-8")
    proc = run_qidir("index", "add", str(src), index=index)
    assert proc.returncode == 1 and "empty.txt" in proc.stderr
    stats = json.loads(run_qidir("index", "stats", "--json", index=index, check=True).stdout)
    assert stats["documents"] == 6
    assert any(s["path"].endswith("empty.txt") for s in stats["skipped"])
    text = run_qidir("index", "stats", index=index, check=True).stdout
    assert "skipped inputs: 1" in text and "empty.txt" in text


def test_index_changes_are_logged_as_json_lines(tmp_path: Path) -> None:
    src = tmp_path / "src"
    write_articles(src, 3, seed=5)
    index = tmp_path / "index"
    proc = run_qidir("index", "rebuild", str(src), index=index, check=True)
    events = [json.loads(line) for line in proc.stderr.splitlines() if line.startswith("{")]
    [rebuild] = [e for e in events if e["event"] == "index.rebuild"]
    assert rebuild["indexed"] == 3 and rebuild["generation"].startswith("gen-")
    [hit] = json.loads(run_qidir("search", "", "--json", "--limit", "1", index=index,
                                 check=True).stdout)["hits"]
    proc = run_qidir("index", "remove", hit["id"], index=index, check=True)
    events = [json.loads(line) for line in proc.stderr.splitlines() if line.startswith("{")]
    assert [e["removed"] for e in events if e["event"] == "index.remove"] == [1]


def test_unwritable_index_location_is_a_clear_error(tmp_path: Path) -> None:
    # Fails for root too: the index's parent is a file, not a folder.
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    proc = run_qidir("index", "rebuild", str(SEEDS), index=tmp_path / "file" / "index")
    assert proc.returncode == 1
    assert "cannot write the index" in proc.stderr and "Traceback" not in proc.stderr


def test_failed_write_keeps_the_live_index(index: Path, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """A disk-full error half-way through a rebuild or an add leaves the live index as it was
    and no half-built generation behind."""
    before = live_ids(index)
    gens = store.generations(index)
    extra = tmp_path / "extra"
    write_articles(extra, 3, seed=9)

    def disk_full(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store, "fsync_tree", disk_full)
    for write in (indexer.rebuild, indexer.add):
        with pytest.raises(OSError):
            write(index, [extra])
        assert live_ids(index) == before
        assert store.generations(index) == gens


def test_a_change_that_changes_nothing_publishes_nothing(index: Path, tmp_path: Path) -> None:
    """Removing an unknown id, or adding an empty folder, keeps the live generation and leaves
    no new one behind (a new generation per no-op would push useful old ones out)."""
    live = store.live_generation(index)
    gens = store.generations(index)
    empty = tmp_path / "empty"
    empty.mkdir()
    for report in (indexer.remove(index, ["no-such-id"]), indexer.add(index, [empty])):
        assert not report.published and report.generation == live.name
        assert store.live_generation(index) == live and store.generations(index) == gens
    assert indexer.remove(index, ["no-such-id"]).missing == ["no-such-id"]
    doc_id = sorted(live_ids(index))[0]
    report = indexer.remove(index, [doc_id])
    assert report.published and report.generation != live.name
    assert store.live_generation(index).name == report.generation
    assert doc_id not in live_ids(index)
