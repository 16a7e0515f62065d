"""Memory of reading a large WARC archive: it must stay flat however big the archive.

Writes a synthetic archive of ``--mb`` megabytes (gzip per record, as crawlers write them):
``--pages`` HTML articles spread among large non-HTML responses (PDF-like binary payloads,
the bulk of a real crawl's bytes), a revisit and a 404 now and then. Then reads it through
qidir's WARC reader (the HTML extraction included) and prints the process's resident memory
at each tenth of the records, with the peak. Flat means the peak does not grow with ``--mb``.

    python -m benchmarks.warc_memory --mb 300 --pages 1500
"""

from __future__ import annotations

import argparse
import io
import os
import random
import resource
import time
from pathlib import Path

WORK = Path(__file__).resolve().parent / "work"


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1048576


def write_archive(path: Path, megabytes: int, pages: int, seed: int = 7) -> int:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    rng = random.Random(seed)
    words = ("cotton grain rail port border trade minister agreement pipeline harvest "
             "Tashkent Almaty Baku Ankara Khorgos Aktau Samarkand Fergana").split()
    target = megabytes * 1048576
    blob_size = max(1, (target // max(1, pages)))
    records = 0
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i in range(pages):
            text = " ".join(rng.choice(words) for _ in range(400))
            html = (f"<html><head><title>Story {i}</title></head><body><article><h1>Story {i}"
                    f"</h1><p>{text}.</p><p>{text[::-1]}.</p></article></body></html>")
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")],
                                    protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"https://example.org/story/{i}", "response",
                payload=io.BytesIO(html.encode()), http_headers=http))
            pdf = StatusAndHeaders("200 OK", [("Content-Type", "application/pdf")],
                                   protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"https://example.org/file/{i}.pdf", "response",
                payload=io.BytesIO(rng.randbytes(blob_size)), http_headers=pdf))
            records += 2
            if i % 50 == 0:
                missing = StatusAndHeaders("404 Not Found", [("Content-Type", "text/html")],
                                           protocol="HTTP/1.1")
                writer.write_record(writer.create_warc_record(
                    f"https://example.org/missing/{i}", "response",
                    payload=io.BytesIO(b"<html>no</html>"), http_headers=missing))
                records += 1
    return records


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=int, default=300)
    ap.add_argument("--pages", type=int, default=1500)
    args = ap.parse_args()
    from qidir.search.ingest.readers import Note, Skipped
    from qidir.search.ingest.warc import read_warc

    WORK.mkdir(exist_ok=True)
    path = WORK / f"synthetic-{args.mb}mb.warc.gz"
    started = time.monotonic()
    if not path.exists():
        write_archive(path, args.mb, args.pages)
    size = path.stat().st_size / 1048576
    print(f"archive: {path.name}, {size:.0f} MB on disk, written in "
          f"{time.monotonic() - started:.0f} s")
    baseline = _rss_mb()
    started = time.monotonic()
    samples: list[tuple[int, float]] = []
    docs = 0
    for item in read_warc(path, path.name, 20 * 1048576):
        if isinstance(item, Note | Skipped):
            print(f"  {type(item).__name__.lower()}: {item}")
            continue
        docs += 1
        if docs % max(1, args.pages // 10) == 0:
            samples.append((docs, _rss_mb()))
    seconds = time.monotonic() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("\n| pages read | RSS MB |\n|---|---|")
    print(f"| 0 (before) | {baseline:.0f} |")
    for n, rss in samples:
        print(f"| {n} | {rss:.0f} |")
    print(f"\n{docs} pages from {size:.0f} MB in {seconds:.0f} s; peak RSS {peak:.0f} MB; "
          f"growth from the first tenth to the end: "
          f"{samples[-1][1] - samples[0][1]:+.0f} MB" if samples else "no pages read")


if __name__ == "__main__":
    main()
