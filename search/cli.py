"""The `qidir` command: build and update the index, search it, inspect analysis, serve it.

Exit codes follow the contract: 0 success, 1 done but some inputs failed (each named on
stderr), 2 usage error (click's own, and ours for bad values).
"""

from __future__ import annotations

import json
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from qidir.search import fields, logs
from qidir.search.engine import indexer, store
from qidir.search.engine.indexer import BuildReport
from qidir.search.engine.schema import SCHEMA_VERSION, schema_current
from qidir.search.engine.writers import WorkerFailed, default_procs
from qidir.search.query.parser import QueryError
from qidir.search.request import SORTS, BadRequest, request_from_params
from qidir.search.service import SearchService

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE = 0, 1, 2
STALE_NOTE = (f"built by an older qidir (this one writes schema {SCHEMA_VERSION}): searches "
              "miss what today's analysis finds until `qidir index rebuild`")


def sample_corpus() -> Path:
    """The sample corpus that ships inside the package."""
    return Path(__file__).resolve().parent / "sample" / "corpus"


def _root(ctx: click.Context) -> Path:
    return ctx.obj["index"]


def _fail(message: str, code: int = EXIT_USAGE) -> None:
    click.echo(f"qidir: error: {message}", err=True)
    sys.exit(code)


class _Progress:
    """A progress bar on a terminal (stderr), nothing at all when stderr is a pipe.

    ``done`` counts inputs and may be fractional inside a long one (a web archive read
    record by record), so the bar moves within a single multi-gigabyte file too."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.bar: Any = None
        self.enabled = sys.stderr.isatty()
        self.shown = 0.0

    def __call__(self, done: float, total: int, path: str) -> None:
        if not self.enabled:
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr,
                                         show_percent=True, show_eta=True)
            self.bar.__enter__()
        step = done - self.shown
        if step > 0:
            self.bar.update(step)
            self.shown = done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


def _report(report: BuildReport, verb: str) -> int:
    for note in report.notes:
        click.echo(f"qidir: {note.path}: {note.message}", err=True)
    for skipped in report.skipped:
        click.echo(f"qidir: skipped {skipped.path}: {skipped.reason}", err=True)
    for doc_id in report.missing:
        click.echo(f"qidir: no document with id {doc_id!r}", err=True)
    if verb == "removed":
        click.echo(f"removed {report.removed} document(s)", err=True)
    else:
        click.echo(f"{verb} {report.indexed} document(s) in {report.seconds:.1f} s"
                   f"{f', {len(report.skipped)} input(s) skipped' if report.skipped else ''}",
                   err=True)
    return EXIT_OK if report.ok else EXIT_PARTIAL


def _write(ctx: click.Context, fn: Any, sources: Sequence[str], verb: str,
           max_file_mb: float | None, procs: int | None) -> None:
    progress = _Progress(verb)
    try:
        report = fn(_root(ctx), [Path(s) for s in sources], progress=progress,
                    lock_timeout=ctx.obj["lock_timeout"], max_file_mb=max_file_mb,
                    procs=procs or default_procs())
    except (store.LockTimeout, WorkerFailed) as exc:
        _fail(str(exc), EXIT_PARTIAL)
    except indexer.NothingIndexed as exc:
        progress.close()
        for skipped in exc.report.skipped:
            click.echo(f"qidir: skipped {skipped.path}: {skipped.reason}", err=True)
        _fail(str(exc), EXIT_PARTIAL)
    except OSError as exc:
        progress.close()
        _fail(_write_error(ctx, exc), EXIT_PARTIAL)
    finally:
        progress.close()
    sys.exit(_report(report, verb))


_max_file_mb = click.option(
    "--max-file-mb", type=click.FloatRange(min=0, min_open=True), default=None,
    envvar="QIDIR_MAX_FILE_MB", show_envvar=True,
    help="Skip (and report) input files larger than this many MB [default: 20].")


_procs = click.option(
    "--procs", type=click.IntRange(min=1), default=None, envvar="QIDIR_PROCS",
    show_envvar=True,
    help="Worker processes that analyse and write documents [default: one per core]. "
         "Use 1 to index in this process only.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--index", "index_dir", type=click.Path(file_okay=False, path_type=Path),
              envvar="QIDIR_INDEX", default=Path("index"), show_default=True,
              help="Index directory (or set QIDIR_INDEX).")
@click.option("--lock-timeout", type=click.FloatRange(min=0), default=60.0, show_default=True,
              envvar="QIDIR_LOCK_TIMEOUT",
              help="Seconds a writer waits for another writer to finish, then gives up "
              "(exit 1).")
@click.version_option(package_name="qidir")
@click.pass_context
def cli(ctx: click.Context, index_dir: Path, lock_timeout: float) -> None:
    """qidir: full-text search with facets for multilingual news.

    \b
    Quick start:
      qidir index rebuild path/to/articles/    build an index from a folder
      qidir search "military cooperation" --country KZ
      qidir serve                                 web UI + JSON API on 127.0.0.1:8000
    """
    ctx.ensure_object(dict)
    ctx.obj["index"] = index_dir
    ctx.obj["lock_timeout"] = lock_timeout


@cli.group()
def index() -> None:
    """Build, update and inspect the index."""


@index.command("rebuild")
@click.argument("sources", nargs=-1, type=click.Path(path_type=str))
@_max_file_mb
@_procs
@click.pass_context
def index_rebuild(ctx: click.Context, sources: tuple[str, ...],
                  max_file_mb: float | None, procs: int | None) -> None:
    """Build a new index from SOURCES (files or folders) and swap it in atomically.

    With no SOURCES, rebuild from the sources recorded in the index. Readable formats:
    .txt .md .html .htm .jsonl .json; folders are read recursively. Bad inputs are named
    on stderr and skipped; the exit status is then 1.
    """
    if sources:
        from qidir.search.follower.state import items_folder

        # Documents of followed feeds live in their spool beside the index: a rebuild from
        # new sources keeps them.
        spool = items_folder(_root(ctx))
        if spool.is_dir() and str(spool) not in sources:
            sources = (*sources, str(spool))
    if not sources:
        try:
            sources = tuple(str(p) for p in indexer.recorded_sources(_root(ctx)))
        except store.IndexMissing:
            _fail("no SOURCE given and no index to take recorded sources from")
        if not sources:
            _fail("no SOURCE given and the index records none")
    _write(ctx, indexer.rebuild, sources, "indexed", max_file_mb, procs)


@index.command("add")
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=str))
@_max_file_mb
@_procs
@click.pass_context
def index_add(ctx: click.Context, sources: tuple[str, ...], max_file_mb: float | None,
              procs: int | None) -> None:
    """Add documents from SOURCES; a document with an existing id replaces it."""
    _write(ctx, indexer.add, sources, "added", max_file_mb, procs)


@index.command("remove")
@click.argument("ids", nargs=-1, required=True)
@click.pass_context
def index_remove(ctx: click.Context, ids: tuple[str, ...]) -> None:
    """Delete the documents with these IDS (exit 1 if some were not found)."""
    try:
        report = indexer.remove(_root(ctx), list(ids), lock_timeout=ctx.obj["lock_timeout"])
    except store.IndexMissing as exc:
        _fail(str(exc), EXIT_PARTIAL)
    except store.LockTimeout as exc:
        _fail(str(exc), EXIT_PARTIAL)
    except OSError as exc:
        _fail(_write_error(ctx, exc), EXIT_PARTIAL)
    sys.exit(_report(report, "removed"))


def _write_error(ctx: click.Context, exc: OSError) -> str:
    """A write that failed on the file system (disk full, read-only, not a directory): the
    live generation is untouched, since nothing is published until complete."""
    where = f" ({exc.filename})" if exc.filename else ""
    return (f"cannot write the index at {_root(ctx)}: {exc.strerror or exc}{where}; "
            "the live index, if any, is unchanged")


@index.command("stats")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (what GET /api/stats returns).")
@click.pass_context
def index_stats(ctx: click.Context, as_json: bool) -> None:
    """Counts, facet values, sources, build time, schema version, skipped inputs."""
    stats = _service(ctx).stats()
    if as_json:
        click.echo(json.dumps(stats, ensure_ascii=False, indent=2))
        return
    click.echo(f"documents:      {stats['documents']}")
    click.echo(f"generation:     {stats['generation']}  (schema {stats['schema_version']})")
    if not stats["schema_current"]:
        click.echo(f"                {STALE_NOTE}")
    click.echo(f"built at:       {stats['built_at']}  updated: {stats['updated_at'] or '-'}")
    click.echo("sources:        " + ("\n                ".join(stats["sources"]) or "-"))
    for name, values in stats["facets"].items():
        shown = ", ".join(f"{v} {n}" for v, n in list(values.items())[:12])
        more = f" … (+{len(values) - 12})" if len(values) > 12 else ""
        click.echo(f"{name + ':':<16}{shown}{more}")
    click.echo("missing:        " + ", ".join(f"{k} {v}" for k, v in stats["missing"].items()))
    for feed in stats.get("feeds", []):
        error = f": {feed['last_error']}" if feed["last_error"] else ""
        click.echo(f"feed:           {feed['url']}  {feed['documents']} document(s), last poll "
                   f"{feed['last_poll'] or '-'} {feed['last_status'] or ''}{error}")
    if stats["skipped"]:
        click.echo(f"skipped inputs: {len(stats['skipped'])}")
        for s in stats["skipped"]:
            click.echo(f"  {s['path']}: {s['reason']}")


def _service(ctx: click.Context) -> SearchService:
    root = _root(ctx)
    if store.live_generation(root) is None:
        _fail(f"no index at {root}: build one with `qidir --index {root} index rebuild "
              "SOURCE...`", EXIT_PARTIAL)
    return SearchService(root)


class FacetCommand(click.Command):
    """A command that also takes one repeatable option per registered facet
    (``--country KZ --country TR``), read from :mod:`qidir.search.fields` when the command
    runs, so a facet added to the registry is an option here too."""

    def get_params(self, ctx: click.Context) -> list[click.Parameter]:
        params = super().get_params(ctx)
        options = [click.Option([f"--{facet.name}", f"facet_{facet.name}"], multiple=True,
                                help=f"{facet.help} Repeatable.")
                   for facet in fields.facets()]
        return params[:1] + options + params[1:]

    def invoke(self, ctx: click.Context) -> Any:
        ctx.params["facet_values"] = {
            name[len("facet_"):]: ctx.params.pop(name)
            for name in list(ctx.params) if name.startswith("facet_")}
        return super().invoke(ctx)


@cli.command(cls=FacetCommand)
@click.argument("query", required=False, default="")
@click.option("--from", "date_from", metavar="YYYY-MM-DD", help="Published on or after.")
@click.option("--to", "date_to", metavar="YYYY-MM-DD", help="Published on or before.")
@click.option("--sort", type=click.Choice(SORTS),
              default="relevance", show_default=True)
@click.option("--limit", "per_page", type=int, default=10, show_default=True,
              help="Hits per page (1-100).")
@click.option("--page", type=int, default=1, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print exactly the API's JSON response.")
@click.option("--format", "export_format", type=click.Choice(["csv", "ndjson"]),
              help="Export every hit (all pages, at most 10,000) as CSV or NDJSON, like "
                   "GET /api/search.csv and /api/search.ndjson.")
@click.pass_context
def search(ctx: click.Context, query: str, facet_values: dict[str, tuple[str, ...]],
           date_from: str | None, date_to: str | None, sort: str, per_page: int, page: int,
           as_json: bool, export_format: str | None) -> None:
    """Search the index. QUERY uses the query language (see README): AND by default,
    OR, NOT/-term, "phrases", title:/country:/source:/lang: fields, prefix*, fuzzy~.

    \b
    Examples:
      qidir search "military cooperation" --country KZ --country TR
      qidir search 'Tokayev -Erdogan' --from 2022-01-01 --sort newest
      qidir search 'title:cooperat*' --json
      qidir search Kazakhstan --format csv > hits.csv
    """
    from qidir.search.export import MAX_EXPORT_ROWS, csv_lines, ndjson_lines

    if as_json and export_format:
        _fail("--json and --format cannot be used together")
    params: dict[str, list[str]] = {
        "q": [query], "from": [date_from or ""], "to": [date_to or ""], "sort": [sort],
        "page": [str(page)], "per_page": [str(per_page)],
    }
    params.update({name: list(values) for name, values in facet_values.items()})
    service = _service(ctx)
    try:
        req = request_from_params(params)
        if export_format:
            total, rows = service.iter_hits(req, MAX_EXPORT_ROWS)
            lines = csv_lines(rows) if export_format == "csv" else ndjson_lines(rows)
            out = click.get_text_stream("stdout")
            for line in lines:
                out.write(line)
            if total > MAX_EXPORT_ROWS:
                click.echo(f"qidir: exported the first {MAX_EXPORT_ROWS} of {total} hits",
                           err=True)
            return
        result = service.search(req)
    except (BadRequest, QueryError) as exc:
        _fail(f"{exc.param}: {exc.message}")
    if as_json:
        click.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        return
    _print_results(result.to_json())


def relaxed_note(relaxed: dict[str, Any]) -> str:
    """The plain-words note of a relaxed search (the CLI's; the page has its own)."""
    n = relaxed["complete"]
    head = (f"Only {n} document{'' if n == 1 else 's'} {'has' if n == 1 else 'have'} all "
            "your words; after them, those with most of the words" if n else
            "No document has all your words; showing those with most of them")
    missing = relaxed["missing"]
    tail = f" (missing: {', '.join(missing)})" if missing else ""
    return f"{head}{tail}. Put + before a word to require it."


def _print_results(data: dict[str, Any]) -> None:
    """A table of hits (rank, date, language, source, title) with each snippet below it,
    then the suggestion and the facet counts; bold and colour only on a terminal."""
    import re
    import shutil
    from html import unescape

    color = sys.stdout.isatty()
    width = max(60, min(shutil.get_terminal_size((100, 20)).columns, 160))

    def plain(html: str) -> str:
        return unescape(re.sub(r"</?mark>", "", html))

    def marked(html: str) -> str:
        if not color:
            return plain(html)
        parts = re.split(r"(<mark>.*?</mark>)", html)
        return "".join(click.style(unescape(p[6:-7]), fg="yellow", bold=True)
                       if p.startswith("<mark>") else unescape(p) for p in parts)

    def cut(text: str, n: int) -> str:
        return text if len(text) <= n else text[:n - 1] + "…"

    q = data["query"]
    first = (q["page"] - 1) * q["per_page"] + 1
    shown = f"{first}-{first + len(data['hits']) - 1}" if data["hits"] else "none"
    click.echo(f"{data['total']} result(s) in {data['took_ms']} ms (showing {shown})")
    if data.get("suggestion"):
        click.echo(f"Did you mean: {data['suggestion']}  ({data.get('suggestion_total')} "
                   "result(s))")
    if data.get("relaxed"):
        click.echo(relaxed_note(data["relaxed"]))
    if data["hits"]:
        rank_w = len(str(first + len(data["hits"])))
        head = f"{'#':>{rank_w}}  {'date':<10}  {'lang':<4}  {'source':<20}  title"
        click.echo("")
        click.echo(click.style(head, bold=True) if color else head)
        title_w = width - len(head) + len("title")
        for i, hit in enumerate(data["hits"], start=first):
            row = (f"{i:>{rank_w}}  {hit['published'] or 'undated':<10}  {hit['lang']:<4}  "
                   f"{cut(hit['source'], 20):<20}  ")
            title = cut(hit["title"], max(title_w, 20))
            click.echo(row + (click.style(title, bold=True) if color else title))
            indent = " " * (rank_w + 2)
            meta = f"id={hit['id']}" + (f"  countries={','.join(hit['countries'])}"
                                        if hit["countries"] else "")
            if hit.get("person"):
                meta += "  people=" + "; ".join(p["label"] for p in hit["person"][:4])
            if hit.get("missing"):
                meta += f"  missing: {' '.join(hit['missing'])}"
            click.echo(indent + meta)
            snippet = hit["snippet"]
            if snippet:
                click.echo(indent + marked(snippet))
    elif data["total"] == 0:
        click.echo("No documents match. Try fewer words, fewer filters, or a prefix (word*).")
    click.echo("")
    timeline = data.get("timeline") or {}
    if timeline.get("periods"):
        from qidir.search.timeline import busiest

        click.echo(f"timeline (by {timeline['interval']}): {timeline['periods'][0]['label']} to "
                   f"{timeline['periods'][-1]['label']}; busiest: " + ", ".join(
                       f"{p['label']} ({p['count']})" for p in busiest(timeline))
                   + (f"; {timeline['undated']} undated" if timeline["undated"] else ""))
    for name, values in data["facets"].items():
        if values:
            more = " …" if data.get("facets_more", {}).get(name) else ""
            click.echo(f"{name}: " + ", ".join(
                ("[x] " if v["selected"] else "") + f"{v['label']} ({v['count']})"
                for v in values) + more)


_host = click.option("--host", default="127.0.0.1", show_default=True, envvar="QIDIR_HOST",
                     help="Address to bind. The default serves this machine only; use 0.0.0.0 "
                     "(all interfaces) only on a trusted network or behind a proxy.")
_port = click.option("--port", default=8000, show_default=True, envvar="QIDIR_PORT",
                     type=click.IntRange(0, 65535))
_threads = click.option("--threads", default=8, show_default=True, envvar="QIDIR_THREADS",
                        type=click.IntRange(1, 256),
                        help="Worker threads: how many requests are answered at once.")
_workers = click.option("--workers", default=1, show_default=True, envvar="QIDIR_WORKERS",
                        type=click.IntRange(1, 64),
                        help="Worker processes (each with --threads threads): use one per CPU "
                        "core to answer searches on several cores at once.")


@cli.command()
@_host
@_port
@_threads
@_workers
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, threads: int, workers: int) -> None:
    """Serve the web UI and the JSON API with waitress (a production WSGI server).

    One JSON log line per request goes to stderr. A rebuild or an `index add` made while
    the server runs is picked up on the next request, without a restart.
    """
    _serve(_root(ctx), host, port, threads, workers)


def _serve(root: Path, host: str, port: int, threads: int, workers: int = 1) -> None:
    from qidir.web.server import serve as run_server

    generation = store.live_generation(root)
    logs.event("server.start", host=host, port=port, threads=threads, workers=workers,
               index=str(root), generation=generation.name if generation else None)
    click.echo(f"qidir: serving {root} on http://{host}:{port}/ (Ctrl+C to stop)", err=True)
    if generation is None:
        click.echo(f"qidir: warning: no index at {root} yet; searches answer 503 until "
                   "`qidir index rebuild` builds one", err=True)
    elif not schema_current(store.read_meta(generation)):
        click.echo(f"qidir: warning: the index at {root} was {STALE_NOTE}", err=True)

    def app() -> Any:
        from qidir.web import create_app

        return create_app(root)

    # SIGTERM (a service manager stopping us) ends the server like Ctrl+C, with a log line.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        run_server(app, host, port, threads, workers)
    except OSError as exc:
        _fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}", EXIT_PARTIAL)
    finally:
        logs.event("server.stop", host=host, port=port)


@cli.command()
@_host
@_port
@_threads
@click.option("--rebuild", is_flag=True, help="Rebuild the sample index even if one exists.")
@click.pass_context
def demo(ctx: click.Context, host: str, port: int, threads: int, rebuild: bool) -> None:
    """Index the bundled sample corpus (if not indexed yet) and serve it."""
    root = _root(ctx)
    live = store.live_generation(root)
    if live is not None and not rebuild and not schema_current(store.read_meta(live)):
        click.echo(f"qidir: {STALE_NOTE}; rebuilding the sample index", err=True)
        rebuild = True
    if rebuild or live is None:
        progress = _Progress("indexing sample corpus")
        try:
            report = indexer.rebuild(root, [sample_corpus()], progress=progress,
                                     lock_timeout=ctx.obj["lock_timeout"])
        except store.LockTimeout as exc:
            _fail(str(exc), EXIT_PARTIAL)
        finally:
            progress.close()
        _report(report, "indexed")
    _serve(root, host, port, threads)


@cli.group()
def feeds() -> None:
    """Follow RSS/Atom feeds: new items are fetched and added to the index.

    \b
    Examples:
      qidir feeds add https://www.example.uz/rss --name "Example news"
      qidir feeds poll                  fetch every feed once
      qidir feeds poll --every 15m      keep polling (for a service manager)
    """


@feeds.command("add")
@click.argument("url")
@click.option("--name", help="A name to show for the feed.")
@click.pass_context
def feeds_add(ctx: click.Context, url: str, name: str | None) -> None:
    """Follow the feed at URL (http or https) from the next poll on."""
    from urllib.parse import urlsplit

    from qidir.search.follower import state as feed_state

    if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname:
        _fail(f"not an http(s) URL: {url!r}")
    with feed_state.locked(_root(ctx), ctx.obj["lock_timeout"]) as state:
        if url in state.feeds:
            state.feeds[url].name = name or state.feeds[url].name
        else:
            state.feeds[url] = feed_state.Feed(url, name)
        feed_state.save(_root(ctx), state)
    click.echo(f"following {url}", err=True)


@feeds.command("remove")
@click.argument("url")
@click.pass_context
def feeds_remove(ctx: click.Context, url: str) -> None:
    """Stop following URL (its documents stay in the index)."""
    from qidir.search.follower import state as feed_state

    with feed_state.locked(_root(ctx), ctx.obj["lock_timeout"]) as state:
        if state.feeds.pop(url, None) is None:
            _fail(f"not following {url}", EXIT_PARTIAL)
        feed_state.save(_root(ctx), state)
    click.echo(f"no longer following {url}", err=True)


@feeds.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def feeds_list(ctx: click.Context, as_json: bool) -> None:
    """The followed feeds and how their last poll went."""
    from qidir.search.follower import state as feed_state

    rows = feed_state.summaries(_root(ctx))
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        status = row["last_status"] or "never polled"
        error = f": {row['last_error']}" if row["last_error"] else ""
        click.echo(f"{row['url']}" + (f"  ({row['name']})" if row["name"] else "")
                   + f"\n    last poll {row['last_poll'] or '-'}: {status}{error}; "
                   f"{row['new_documents']} new, {row['documents']} in all")


_DURATION = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def _seconds(value: str) -> float:
    """``15m``, ``1h``, ``90s`` or plain seconds."""
    value = value.strip().lower()
    unit = _DURATION.get(value[-1:]) if value else None
    try:
        seconds = float(value[:-1]) * unit if unit else float(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a duration like 15m, 1h or 90s") from None
    if seconds <= 0:
        raise click.BadParameter("the interval must be positive")
    return seconds


@feeds.command("poll")
@click.option("--every", "every", metavar="DURATION",
              help="Keep polling at this interval (15m, 1h, 90s) until stopped.")
@click.option("--delay", type=click.FloatRange(min=0), default=1.0, show_default=True,
              help="Seconds between two requests to the same site.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=15.0, show_default=True,
              help="Seconds one response may take.")
@click.option("--max-mb", type=click.FloatRange(min=0.01), default=5.0, show_default=True,
              help="Largest feed or page fetched, in MB.")
@click.pass_context
def feeds_poll(ctx: click.Context, every: str | None, delay: float, timeout: float,
               max_mb: float) -> None:
    """Fetch new items of every followed feed and add them to the index atomically.

    Exit status 1 when some feed failed (each is named with the reason on stderr).
    """
    import time

    from qidir.search.follower.client import PoliteClient
    from qidir.search.follower.poll import poll

    interval = _seconds(every) if every else None
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    while True:
        started = time.monotonic()
        client = PoliteClient(delay=delay, timeout=timeout, max_bytes=int(max_mb * 1048576))
        progress = _Progress("polling feeds")
        try:
            report = poll(_root(ctx), client, lock_timeout=ctx.obj["lock_timeout"],
                          progress=progress)
        except store.LockTimeout as exc:
            _fail(str(exc), EXIT_PARTIAL)
        finally:
            progress.close()
        for note in report.notes:
            click.echo(f"qidir: note: {note}", err=True)
        for url, reason in report.errors:
            click.echo(f"qidir: feed {url}: {reason}", err=True)
        click.echo(f"polled {report.feeds} feed(s): {report.new_documents} new document(s)"
                   + (f", {len(report.errors)} failed" if report.errors else ""), err=True)
        if interval is None:
            sys.exit(EXIT_OK if report.ok else EXIT_PARTIAL)
        time.sleep(max(0.0, interval - (time.monotonic() - started)))


@cli.command()
@click.argument("text")
@click.option("--lang", help="Analyse as this language instead of detecting it.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (what GET /api/analyze returns).")
def analyze(text: str, lang: str | None, as_json: bool) -> None:
    """Show the detected language/script of each part of TEXT and the tokens each
    indexed field would get."""
    from qidir.search.analysis_report import analysis_report

    report = analysis_report(text, lang)
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
        return
    for part in report["parts"]:
        click.echo(f"[{part['lang']}/{part['script']}] {part['text']}")
    for fieldname, tokens in report["fields"].items():
        click.echo(f"{fieldname}: " + " ".join(t["term"] for t in tokens))


def main(argv: Sequence[str] | None = None) -> None:
    logs.configure()
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="qidir",
                 standalone_mode=True)
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":  # pragma: no cover
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main()
