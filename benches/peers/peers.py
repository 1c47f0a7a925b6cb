#!/usr/bin/env python3
"""Demarche beside its peers on the UN General Debate corpus: index build and whole-process query latency.

Run it through `benches/peers/run`, which passes the repository it lives in. What it measures:

* Demarche: `demarche index` from the corpus with its manifest (speakers given), and from its TXT folder
  alone (every speech's speaker and country found from its text), walking, parsing and indexing, into a
  fresh folder each run.
* SQLite FTS5 (Python's sqlite3, one transaction) and tantivy-cli (`tantivy index -t 2` and `-t 1`), both
  fed the paragraphs that Demarche exported from its first index, so every engine holds exactly the same
  paragraphs with the same id, speaker, country and year. The peers skip the parsing Demarche does, which
  favours them.
* ripgrep over the raw TXT files: no index, so only queries.

Every figure is a whole process, as a user would run it: wall time from spawn to exit, and peak RSS from
the kernel's accounting for that one child (`wait4`). Builds are repeated (`--runs`, default 3) in rounds
of one build per tool and setting, and reported as median (min–max); queries run `--query-runs` times (default 20), interleaved across tools and
queries so that a burst of load on a shared machine lands on all of them alike, and are reported as
median and p95. Load averages are recorded beside every build run and around the query phase.

Text size, for MB/s and for the index-to-text ratio, is the bytes of the speech files (`ISO_NN_YYYY.txt`),
the files the manifest describes.
"""

import argparse
import json
import math
import os
import pathlib
import platform
import re
import shlex
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True
HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "ungdc"))
import manifest  # noqa: E402  (benches/ungdc/manifest.py: the one place the corpus layout is read)

TOOLS = ("demarche", "sqlite", "tantivy", "ripgrep")
ALIASES = {"rg": "ripgrep", "tantivy-cli": "tantivy", "sqlite3": "sqlite", "fts5": "sqlite"}
TANTIVY_VERSION = "0.24.0"

# One row per query: how each tool spells it. ripgrep has no paragraphs and no metadata, so it matches
# across line breaks (`-U`, `\s+`) and filters by file name, where the country and year are.
QUERIES = [
    {
        "label": '"belt and road"',
        "demarche": ['"belt and road"'],
        "fts": ('"belt and road"', ""),
        "tantivy": 'text:"belt and road"',
        "rg": (r"belt\s+and\s+road", []),
    },
    {
        "label": '"south china sea"',
        "demarche": ['"south china sea"'],
        "fts": ('"south china sea"', ""),
        "tantivy": 'text:"south china sea"',
        "rg": (r"south\s+china\s+sea", []),
    },
    {
        "label": '"community with a shared future"',
        "demarche": ['"community with a shared future"'],
        "fts": ('"community with a shared future"', ""),
        "tantivy": 'text:"community with a shared future"',
        "rg": (r"community\s+with\s+a\s+shared\s+future", []),
    },
    {
        "label": "sovereignty",
        "demarche": ["sovereignty"],
        "fts": ("sovereignty", ""),
        "tantivy": "text:sovereignty",
        "rg": ("sovereignty", []),
    },
    {
        "label": "climate AND finance",
        "demarche": ["climate AND finance"],
        "fts": ("climate AND finance", ""),
        "tantivy": "text:climate AND text:finance",
        # Files holding both words: the nearest ripgrep comes to AND, at file rather than paragraph level.
        "rg": None,
    },
    {
        "label": '"territorial integrity" --country CHN',
        "demarche": ['"territorial integrity"', "--country", "CHN"],
        "fts": ('"territorial integrity"', "country = 'CHN'"),
        "tantivy": 'text:"territorial integrity" AND country:CHN',
        "rg": (r"territorial\s+integrity", ["-g", "CHN_*.txt"]),
    },
    {
        "label": '"territorial integrity" --from 2000 --to 2010',
        "demarche": ['"territorial integrity"', "--from", "2000", "--to", "2010"],
        "fts": ('"territorial integrity"', "year BETWEEN 2000 AND 2010"),
        "tantivy": 'text:"territorial integrity" AND year:[2000 TO 2010]',
        "rg": (r"territorial\s+integrity", ["-g", "*_200[0-9].txt", "-g", "*_2010.txt"]),
    },
]

# Paragraph text indexed with positions (phrases) by the default tokenizer; country as one raw token for
# exact filters; year indexed and fast for ranges; id and speaker only stored, as Demarche returns them.
TANTIVY_SCHEMA = [
    {"name": "id", "type": "text", "options": {"indexing": None, "stored": True, "fast": False}},
    {"name": "text", "type": "text", "options": {
        "indexing": {"record": "position", "fieldnorms": True, "tokenizer": "default"},
        "stored": True, "fast": False}},
    {"name": "speaker", "type": "text", "options": {"indexing": None, "stored": True, "fast": False}},
    {"name": "country", "type": "text", "options": {
        "indexing": {"record": "basic", "fieldnorms": False, "tokenizer": "raw"},
        "stored": True, "fast": False}},
    {"name": "year", "type": "i64", "options": {
        "indexed": True, "fieldnorms": False, "fast": True, "stored": True}},
]

FTS_SCHEMA = ("CREATE VIRTUAL TABLE paragraphs USING fts5("
              "text, speaker UNINDEXED, country UNINDEXED, year UNINDEXED, id UNINDEXED)")


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def die(msg: str, code: int = 2):
    log(msg)
    sys.exit(code)


def load() -> list:
    return [round(x, 2) for x in os.getloadavg()]


class Ran:
    """One finished child process: wall seconds, peak RSS in bytes, exit code, captured output."""

    def __init__(self, wall, rss, code, out, err):
        self.wall, self.rss, self.code, self.out, self.err = wall, rss, code, out, err


def run(argv, stdin=None, capture=False, cwd=None, ok=(0,)) -> Ran:
    """Runs argv once and measures it. `wait4` gives the peak RSS of this child alone, where
    `getrusage(RUSAGE_CHILDREN)` would give the largest of every child so far."""
    with tempfile.TemporaryFile() as err, tempfile.TemporaryFile() as out:
        t0 = time.perf_counter()
        p = subprocess.Popen(argv, stdin=stdin if stdin is not None else subprocess.DEVNULL,
                             stdout=out if capture else subprocess.DEVNULL, stderr=err, cwd=cwd)
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        out.seek(0)
        r = Ran(wall, usage.ru_maxrss * 1024, p.returncode, out.read() if capture else b"",
                err.read().decode("utf-8", "replace"))
    if ok is not None and r.code not in ok:
        shown = " ".join(shlex.quote(str(a)) for a in argv)
        die(f"failed (exit {r.code}): {shown}\n{r.err[-4000:]}")
    return r


def tree_bytes(path: pathlib.Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def speech_files(corpus: pathlib.Path):
    return [p for p in corpus.glob("TXT/*/*.txt") if manifest.NAME.match(p.name)]


# ---------------------------------------------------------------------------------------------- setup


def prepare_corpus(args) -> pathlib.Path:
    if args.corpus:
        corpus = args.corpus.resolve()
        if not (corpus / "TXT").is_dir():
            die(f"{corpus} has no TXT/ folder: not an unpacked UN General Debate corpus")
    else:
        tarball = args.repo.parent / "shared" / "corpora" / "ungdc.tar.gz"
        if not tarball.is_file():
            die(f"{tarball} is absent: the UN General Debate corpus comes from ../shared/corpora beside the "
                "repository. Unpack it yourself and pass --corpus DIR, or run where ../shared exists.")
        args.work.mkdir(parents=True, exist_ok=True)
        corpus = args.work / "ungdc"
        done = args.work / ".ungdc-unpacked"
        if not done.exists():
            log(f"unpacking {tarball} into {args.work}")
            t0 = time.perf_counter()
            staging = pathlib.Path(tempfile.mkdtemp(prefix="ungdc-", dir=args.work))
            subprocess.run(["tar", "-xzf", str(tarball), "-C", str(staging)], check=True)
            if corpus.exists():
                shutil.rmtree(corpus)
            (staging / "ungdc").rename(corpus)
            staging.rmdir()
            done.write_text(tarball.name + "\n")
            log(f"  unpacked in {time.perf_counter() - t0:.1f} s")
    if not (corpus / "demarche-manifest.csv").is_file():
        if not (corpus / "speakers_by_session.csv").is_file():
            die(f"{corpus} has neither demarche-manifest.csv nor speakers_by_session.csv")
        manifest.main(corpus)
    return corpus


def build_demarche(args) -> pathlib.Path:
    target = pathlib.Path(os.environ.get("CARGO_TARGET_DIR", args.repo / "target"))
    if not target.is_absolute():
        target = args.repo / target
    log("cargo build --release")
    t0 = time.perf_counter()
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=args.repo, check=True)
    log(f"  built in {time.perf_counter() - t0:.1f} s")
    return target / "release" / "demarche"


def find_or_install(args, exe: str, crate: str, version=None, locked=True):
    """A tool from PATH, else from the work folder's tools/, else `cargo install`ed there."""
    found = shutil.which(exe)
    if found:
        return found
    local = args.work / "tools" / "bin" / exe
    if local.exists():
        return str(local)
    if args.skip_install:
        log(f"{exe} not found and --skip-install given: leaving it out")
        return None
    base = ["cargo", "install", crate, "--root", str(args.work / "tools")] + (["--locked"] if locked else [])
    attempts = [base + ["--version", version], base] if version else [base]
    for argv in attempts:
        log(" ".join(argv))
        t0 = time.perf_counter()
        if subprocess.run(argv).returncode == 0:
            log(f"  installed in {time.perf_counter() - t0:.0f} s")
            return str(local)
    log(f"could not install {crate}: leaving it out")
    return None


def sqlite_cli(args):
    """The sqlite3 shell, so that queries are timed without a Python start-up; None means fall back."""
    exe = shutil.which("sqlite3")
    if not exe and not args.skip_install and os.geteuid() == 0 and shutil.which("apt-get"):
        log("sqlite3 shell absent: apt-get install -y sqlite3")
        quiet = {"stdout": subprocess.DEVNULL}
        if subprocess.run(["apt-get", "install", "-y", "sqlite3"], **quiet).returncode != 0:
            subprocess.run(["apt-get", "update"], **quiet)
            subprocess.run(["apt-get", "install", "-y", "sqlite3"], **quiet)
        exe = shutil.which("sqlite3")
    if exe:
        probe = subprocess.run([exe, ":memory:", "CREATE VIRTUAL TABLE t USING fts5(a);"],
                               capture_output=True)
        if probe.returncode == 0:
            return exe
        log("the sqlite3 shell has no FTS5: timing queries through python3 -c instead")
    return None


# ---------------------------------------------------------------------------------------------- peers


def export_docs(demarche: str, index: pathlib.Path, docs: pathlib.Path) -> dict:
    """Demarche's paragraphs, in the shape both peers load: id, text, speaker, country, year."""
    t0 = time.perf_counter()
    tmp = docs.with_suffix(".part")
    n, multi_country = 0, 0
    with subprocess.Popen([demarche, "--index", str(index), "export", "--format", "jsonl"],
                          stdout=subprocess.PIPE) as p, open(tmp, "w", encoding="utf-8") as out:
        for line in p.stdout:
            r = json.loads(line)
            doc = {"id": r["id"], "text": r.get("text") or ""}
            if r.get("speakers"):
                doc["speaker"] = "; ".join(r["speakers"])
            countries = r.get("countries") or []
            if countries:
                # Multi-valued for tantivy, space-separated for SQLite. Each UN speech speaks for one
                # country, so SQLite's `country = 'CHN'` is exact; the count below would show otherwise.
                doc["country"] = countries if len(countries) > 1 else countries[0]
                multi_country += len(countries) > 1
            m = re.match(r"(\d{4})", r.get("date") or "")
            if m:
                doc["year"] = int(m.group(1))
            out.write(json.dumps(doc, ensure_ascii=False) + "\n")
            n += 1
    if p.returncode != 0:
        die(f"demarche export failed with exit {p.returncode}")
    tmp.rename(docs)
    log(f"  exported {n} paragraphs in {time.perf_counter() - t0:.1f} s")
    return {"paragraphs": n, "with_several_countries": multi_country, "bytes": docs.stat().st_size}


def sqlite_build(db: str, docs: str) -> None:
    """The body of one timed SQLite build, run in its own process so that its RSS is its own."""
    con = sqlite3.connect(db)
    con.execute(FTS_SCHEMA)

    def rows():
        with open(docs, encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                c = d.get("country")
                yield (d["text"], d.get("speaker"), " ".join(c) if isinstance(c, list) else c,
                       d.get("year"), d["id"])

    with con:  # one transaction for every row
        con.executemany("INSERT INTO paragraphs VALUES (?, ?, ?, ?, ?)", rows())
    con.close()


def fts_sql(q, count=False) -> str:
    match, where = q["fts"]
    lit = "'" + match.replace("'", "''") + "'"
    extra = f" AND {where}" if where else ""
    if count:
        return f"SELECT count(*) FROM paragraphs WHERE paragraphs MATCH {lit}{extra};"
    # Top ten by bm25 with a snippet: the same work Demarche's default output does.
    return ("SELECT id, speaker, country, year, snippet(paragraphs, 0, '[', ']', '…', 24) FROM paragraphs "
            f"WHERE paragraphs MATCH {lit}{extra} ORDER BY rank LIMIT 10;")


PY_SQLITE = ("import sqlite3,sys\nc=sqlite3.connect('file:'+sys.argv[1]+'?mode=ro',uri=True)\n"
             "for r in c.execute(sys.argv[2]): print(*r, sep='|')")


def tantivy_meta() -> str:
    return json.dumps({
        "index_settings": {"docstore_compression": "lz4", "docstore_blocksize": 16384},
        "segments": [],
        "schema": TANTIVY_SCHEMA,
        "opstamp": 0,
    })


# ---------------------------------------------------------------------------------------------- stats


def median(xs):
    return statistics.median(xs) if xs else None


def p95(xs):
    s = sorted(xs)
    return s[max(0, math.ceil(0.95 * len(s)) - 1)] if s else None


def mb(n):
    return n / 1e6


# ---------------------------------------------------------------------------------------------- main


def builds(args, corpus, tools, demarche, out_dir, results):
    """Every tool's builds, in rounds: each round builds once with every tool and setting, so that a slow
    or fast stretch of a shared machine falls on all of them rather than on whichever ran then."""
    docs = out_dir / "paragraphs.jsonl"
    kept = {}  # (tool, suffix) -> the index kept for queries: the first run's
    settings = []  # (tool, setting, make)

    if "demarche" in tools:
        def make(dest):
            return run([demarche, "--index", str(dest), "index", str(corpus)], ok=(0, 3))

        threads = min(os.cpu_count() or 1, 4)  # Demarche's own default, spelled out for the table
        settings.append(("demarche", {"label": f"defaults: {threads} threads, 128 MB heap", "suffix": ""},
                         make))

        # The TXT folder alone has no manifest: every speech is parsed and attributed from its text,
        # as a user's folder of statements is.
        def make_raw(dest):
            return run([demarche, "--index", str(dest), "index", str(corpus / "TXT")], ok=(0, 3))

        settings.append(("demarche", {"label": f"raw TXT folder, no manifest: {threads} threads",
                                      "suffix": "-raw"}, make_raw))

    if "sqlite" in tools:
        def make(dest):
            return run([sys.executable, str(HERE / "peers.py"), "_sqlite-build", str(dest), str(docs)])

        settings.append(("sqlite", {"label": f"FTS5 unicode61, one transaction (SQLite {sqlite3.sqlite_version})",
                                    "suffix": ""}, make))

    if "tantivy" in tools and args.tantivy:
        for t in (2, 1):
            def make(dest, t=t):
                dest.mkdir(parents=True)
                (dest / "meta.json").write_text(tantivy_meta())
                with open(docs, "rb") as stdin:
                    return run([args.tantivy, "index", "-i", str(dest), "-t", str(t)], stdin=stdin)

            settings.append(("tantivy", {"label": f"tantivy-cli {args.tantivy_version}, -t {t} (1 GB budget)",
                                         "suffix": f"-t{t}"}, make))

    def export():
        # The peers index exactly the paragraphs Demarche made, exported from its first build.
        index = kept.get(("demarche", ""))
        if index is None:
            index = out_dir / "demarche-export"
            if index.exists():
                shutil.rmtree(index)
            log("demarche index (for the export only, not timed)")
            run([demarche, "--index", str(index), "index", str(corpus)], ok=(0, 3))
        log("demarche export --format jsonl")
        results["export"] = export_docs(demarche, index, docs)

    runs = [[] for _ in settings]
    for i in range(1, args.runs + 1):
        log(f"round {i} of {args.runs}")
        for n, (tool, setting, make) in enumerate(settings):
            if tool != "demarche" and "export" not in results:
                export()
            dest = out_dir / f"{tool}{setting['suffix']}-{i}"
            if dest.exists():
                shutil.rmtree(dest) if dest.is_dir() else dest.unlink()
            before = load()
            r = make(dest)
            size = tree_bytes(dest)
            runs[n].append({"wall_s": round(r.wall, 3), "peak_rss_bytes": r.rss, "index_bytes": size,
                            "load_before": before})
            log(f"  {tool} {setting['label']} run {i}: {r.wall:.1f} s, {mb(r.rss):.0f} MB RSS, "
                f"{mb(size):.0f} MB, load {before[0]}")
            if i == 1:
                kept[(tool, setting["suffix"])] = dest
            elif not args.keep:
                # Every run's index is measured; one per setting is enough to query.
                shutil.rmtree(dest) if dest.is_dir() else dest.unlink()
    for (tool, setting, _), r in zip(settings, runs):
        results["builds"].append({"tool": tool, "setting": setting["label"], "suffix": setting["suffix"],
                                  "runs": r})
    return kept


def query_commands(args, corpus, tools, demarche, kept):
    """(tool, query label) -> (argv for the timed run, argv whose output counts the hits, count kind)."""
    cmds = {}
    for q in QUERIES:
        label = q["label"]
        if "demarche" in tools:
            index = kept[("demarche", "")]
            base = [demarche, "--index", str(index), "search", "--color", "never"]
            cmds[("demarche", label)] = (base + q["demarche"], base + q["demarche"] + ["--count"], "number")
        if "sqlite" in tools:
            db = kept[("sqlite", "")]
            if args.sqlite_cli:
                timed = [args.sqlite_cli, "-readonly", str(db), fts_sql(q)]
                count = [args.sqlite_cli, "-readonly", str(db), fts_sql(q, count=True)]
            else:
                timed = [sys.executable, "-c", PY_SQLITE, str(db), fts_sql(q)]
                count = [sys.executable, "-c", PY_SQLITE, str(db), fts_sql(q, count=True)]
            cmds[("sqlite", label)] = (timed, count, "number")
        if ("tantivy", "-t2") in kept:  # the -t 1 index holds the same documents
            argv = [args.tantivy, "search", "-i", str(kept[("tantivy", "-t2")]), "-q", q["tantivy"]]
            cmds[("tantivy", label)] = (argv, argv, "lines")
        if "ripgrep" in tools and args.rg:
            txt = corpus / "TXT"
            if q["rg"] is None:
                script = (f"{shlex.quote(args.rg)} -i -l -0 climate {shlex.quote(str(txt))} | "
                          f"xargs -0 -r {shlex.quote(args.rg)} -i -l finance")
                argv = ["sh", "-c", script]
            else:
                pattern, globs = q["rg"]
                multiline = ["-U"] if r"\s" in pattern else []
                argv = [args.rg, "-i", "-l", *multiline, *globs, pattern, str(txt)]
            cmds[("ripgrep", label)] = (argv, argv, "lines")
    return cmds


def hits_of(kind, ran) -> int:
    text = ran.out.decode("utf-8", "replace").strip()
    if kind == "number":
        return int(text.splitlines()[-1]) if text else 0
    return len([line for line in text.splitlines() if line.strip()])


def queries(args, cmds, results):
    log(f"queries: {len(cmds)} commands × {args.query_runs} runs, interleaved")
    hits, samples = {}, {k: [] for k in cmds}
    for key, (_, count, kind) in cmds.items():
        hits[key] = hits_of(kind, run(count, capture=True, ok=(0, 1)))
        run(cmds[key][0], ok=(0, 1))  # warm the page cache
    before = load()
    for _ in range(args.query_runs):
        for key, (timed, _, _) in cmds.items():
            samples[key].append(run(timed, ok=(0, 1)).wall)
    after = load()
    for (tool, label), xs in samples.items():
        results["queries"].append({"tool": tool, "query": label, "hits": hits[(tool, label)],
                                   "median_ms": round(1000 * median(xs), 2), "p95_ms": round(1000 * p95(xs), 2),
                                   "samples_ms": [round(1000 * x, 2) for x in xs]})
    results["query_load"] = {"before": before, "after": after}


def report(results) -> str:
    text_bytes = results["corpus"]["text_bytes"]
    lines = []
    c = results["corpus"]
    lines.append(f"Corpus: {c['path']} — {c['speeches']} speeches, {mb(text_bytes):.1f} MB of text"
                 + (f", {results['export']['paragraphs']} paragraphs" if "export" in results else "")
                 + f". {results['machine']['cores']} cores, {results['started']}.")
    lines.append("")
    # Ratios are taken round by round (the builds of one round ran minutes apart at most) and their
    # median reported: steadier on a shared machine than a ratio of medians.
    def ratios(b, against):
        if against is None:
            return "–"
        pairs = [r["wall_s"] / a["wall_s"] for r, a in zip(b["runs"], against["runs"])]
        return f"{median(pairs):.2f}"

    base = next((b for b in results["builds"]
                 if b["tool"] == "demarche" and b.get("suffix", "") == ""), None)
    peer = next((b for b in results["builds"]
                 if b["tool"] == "tantivy" and b.get("suffix") == "-t2"), None)
    lines.append("| tool | setting | build wall s, median (min–max) | MB/s | peak RSS MB | index MB "
                 "| index / text | wall / Demarche | wall / tantivy-cli -t 2 | load (1 min) before each run |")
    lines.append("|---|---|---|---|---|---|---|---|---|---|")
    for b in results["builds"]:
        walls = [r["wall_s"] for r in b["runs"]]
        m = median(walls)
        rss = median([r["peak_rss_bytes"] for r in b["runs"]])
        size = median([r["index_bytes"] for r in b["runs"]])
        loads = ", ".join(f"{r['load_before'][0]:.1f}" for r in b["runs"])
        lines.append(f"| {b['tool']} | {b['setting']} | {m:.1f} ({min(walls):.1f}–{max(walls):.1f}) "
                     f"| {mb(text_bytes) / m:.1f} | {mb(rss):.0f} | {mb(size):.0f} | {size / text_bytes:.2f} "
                     f"| {ratios(b, base)} | {ratios(b, peer)} | {loads} |")
    if results["queries"]:
        tools = list(dict.fromkeys(q["tool"] for q in results["queries"]))
        by = {(q["tool"], q["query"]): q for q in results["queries"]}
        ql = results["query_load"]
        lines.append("")
        lines.append(f"Whole-process query latency, ms, median / p95 of {results['query_runs']} runs (hits); "
                     f"load before {ql['before']}, after {ql['after']}.")
        lines.append("")
        lines.append("| query | " + " | ".join(tools) + " |")
        lines.append("|---|" + "---|" * len(tools))
        for q in QUERIES:
            cells = []
            for t in tools:
                r = by.get((t, q["label"]))
                cells.append(f"{r['median_ms']:.0f} / {r['p95_ms']:.0f} ({r['hits']})" if r else "–")
            lines.append(f"| `{q['label']}` | " + " | ".join(cells) + " |")
        notes = {
            "demarche": "Demarche counts matching paragraphs and prints its top 10",
            "sqlite": "SQLite counts matching paragraphs and prints its top 10 by bm25 with a snippet",
            "tantivy": "tantivy-cli prints every matching paragraph, unranked (it has no top-k), so its time "
                       "grows with the hits",
            "ripgrep": "ripgrep counts matching files (`-l`), the AND row as files holding both words",
        }
        lines.append("")
        lines.append("Hits: " + "; ".join(notes[t] for t in tools) + ".")
    return "\n".join(lines) + "\n"


def main() -> int:
    if len(sys.argv) == 4 and sys.argv[1] == "_sqlite-build":
        sqlite_build(sys.argv[2], sys.argv[3])
        return 0
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--repo", type=pathlib.Path, required=True, help="the Demarche repository (set by ./run)")
    p.add_argument("--runs", type=int, default=3, help="builds per tool and setting (default 3)")
    p.add_argument("--query-runs", type=int, default=20, help="runs of each query (default 20)")
    p.add_argument("--only", default=",".join(TOOLS),
                   help="comma-separated subset of: demarche, sqlite, tantivy, ripgrep")
    p.add_argument("--corpus", type=pathlib.Path,
                   help="an unpacked corpus to use instead of ../shared/corpora/ungdc.tar.gz (e.g. one "
                        "written by benches/ungdc/scale.py)")
    p.add_argument("--work", type=pathlib.Path,
                   help="folder for the unpacked corpus, tools and indexes (default target/bench-corpora)")
    p.add_argument("--out", type=pathlib.Path, help="JSON results (default target/peers-results.json); "
                   "the tables are written beside it as .md")
    p.add_argument("--skip-install", action="store_true",
                   help="use only tools already installed; leave out the others")
    p.add_argument("--no-queries", action="store_true", help="measure builds only")
    p.add_argument("--keep", action="store_true", help="keep every run's index, not only the first")
    args = p.parse_args()

    args.repo = args.repo.resolve()
    tools = set()
    for name in filter(None, (s.strip().lower() for s in args.only.split(","))):
        name = ALIASES.get(name, name)
        if name not in TOOLS:
            p.error(f"--only: unknown tool {name!r} (known: {', '.join(TOOLS)})")
        tools.add(name)
    if args.runs < 1 or args.query_runs < 1:
        p.error("--runs and --query-runs must be at least 1")
    args.work = (args.work or args.repo / "target" / "bench-corpora").resolve()
    args.out = (args.out or args.repo / "target" / "peers-results.json").resolve()
    started = time.time()

    corpus = prepare_corpus(args)
    speeches = speech_files(corpus)
    text_bytes = sum(f.stat().st_size for f in speeches)
    out_dir = args.work / "peers" / corpus.name
    out_dir.mkdir(parents=True, exist_ok=True)

    demarche = str(build_demarche(args)) if tools - {"ripgrep"} else None
    args.tantivy = args.tantivy_version = args.rg = args.sqlite_cli = None
    if "tantivy" in tools:
        # Not --locked: tantivy-cli 0.24.0's lockfile pins traitobject 0.1.0, which current rustc rejects
        # (E0119); a fresh resolution takes 0.1.1, which builds.
        args.tantivy = find_or_install(args, "tantivy", "tantivy-cli", TANTIVY_VERSION, locked=False)
        if args.tantivy:
            v = subprocess.run([args.tantivy, "--version"], capture_output=True, text=True).stdout.split()
            args.tantivy_version = v[-1] if v else "?"
    if "ripgrep" in tools:
        args.rg = find_or_install(args, "rg", "ripgrep")
    if "sqlite" in tools:
        args.sqlite_cli = sqlite_cli(args)

    results = {
        "started": time.strftime("%Y-%m-%d %H:%M:%S %Z", time.localtime(started)),
        "machine": {"cores": os.cpu_count(), "platform": platform.platform(), "load_at_start": load()},
        "corpus": {"path": str(corpus), "speeches": len(speeches), "text_bytes": text_bytes},
        "tools": {"demarche": demarche, "tantivy": args.tantivy, "tantivy_version": args.tantivy_version,
                  "ripgrep": args.rg, "sqlite_version": sqlite3.sqlite_version,
                  "sqlite_queries_via": args.sqlite_cli or "python3 -c (no sqlite3 shell with FTS5)"},
        "runs": args.runs, "query_runs": args.query_runs, "builds": [], "queries": [],
    }
    kept = builds(args, corpus, tools, demarche, out_dir, results)
    if not args.no_queries:
        cmds = query_commands(args, corpus, tools, demarche, kept)
        if cmds:
            queries(args, cmds, results)
    results["elapsed_s"] = round(time.time() - started, 1)
    results["machine"]["load_at_end"] = load()

    table = report(results)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n")
    args.out.with_suffix(".md").write_text(table)
    print(table)
    log(f"{results['elapsed_s']:.0f} s in all; results in {args.out} and {args.out.with_suffix('.md')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
