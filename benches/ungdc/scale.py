#!/usr/bin/env python3
"""Writes the UN General Debate corpus N times over, for measuring how indexing scales with corpus size.

Copy k (k = 0 .. N-1) is the original with every year moved on by 100·k: `TXT/Session 05 - 1950/FRA_05_1950.txt`
becomes `TXT/Session 05 - 2050/FRA_05_2050.txt` in copy 1. The corpus spans fewer than 100 years, so the
copies never share a file name, a statement id or a year, and `--from/--to` can still pick out one copy.
The speakers sidecar is shifted the same way and the manifest is then written by `manifest.py`, so the
scaled corpus is read exactly as the original is. Usage:

    python3 benches/ungdc/scale.py target/bench-corpora/ungdc target/bench-corpora/ungdc-x4 --times 4
    target/release/demarche --index target/ungdc-x4-index index target/bench-corpora/ungdc-x4

Speech files are hard links to the original's (the text needs no change: the manifest's year wins over any
date in the text), or copies where the two folders are on different file systems. Only the speeches that
`manifest.py` recognises are written; stray files in the upstream archive (`.Rhistory` and the like) are
left out. The output folder must not exist yet or be empty.
"""

import argparse
import csv
import errno
import os
import pathlib
import shutil
import sys

# No __pycache__ beside the sources: the benches folder is not a package.
sys.dont_write_bytecode = True
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import manifest  # noqa: E402  (the sibling script; imported so that the manifest logic lives in one place)

SPEAKERS = "speakers_by_session.csv"
SHIFT = 100


def link_or_copy(src: pathlib.Path, dst: pathlib.Path) -> None:
    try:
        os.link(src, dst)
    except OSError as e:
        # A link cannot cross file systems, and some file systems do not have them at all.
        if e.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP):
            raise
        shutil.copyfile(src, dst)


def speeches(corpus: pathlib.Path):
    for path in sorted(corpus.glob("TXT/*/*.txt")):
        m = manifest.NAME.match(path.name)
        if m:
            yield path, m.groups()


def write_speakers(corpus: pathlib.Path, out: pathlib.Path, times: int) -> int:
    with open(corpus / SPEAKERS, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    year_col = header.index("Year")
    n = 0
    with open(out / SPEAKERS, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        for k in range(times):
            for row in body:
                row = list(row)
                if row[year_col].strip().isdigit():
                    row[year_col] = str(int(row[year_col]) + SHIFT * k)
                w.writerow(row)
                n += 1
    return n


def scale(corpus: pathlib.Path, out: pathlib.Path, times: int) -> int:
    if not (corpus / SPEAKERS).is_file():
        print(f"{corpus} is not an unpacked UN General Debate corpus (no {SPEAKERS})", file=sys.stderr)
        return 2
    if out.exists() and any(out.iterdir()):
        print(f"{out} exists and is not empty; remove it first", file=sys.stderr)
        return 2
    src = list(speeches(corpus))
    years = [int(year) for _, (_, _, year) in src]
    if not src or max(years) - min(years) >= SHIFT:
        print(f"years {min(years, default=0)}..{max(years, default=0)} would overlap between copies",
              file=sys.stderr)
        return 2
    out.mkdir(parents=True, exist_ok=True)
    written = set()
    for k in range(times):
        for path, (iso, session, year) in src:
            shifted = str(int(year) + SHIFT * k)
            folder = out / "TXT" / f"Session {session} - {shifted}"
            folder.mkdir(parents=True, exist_ok=True)
            dst = folder / f"{iso}_{session}_{shifted}.txt"
            if dst in written:
                print(f"two speeches map to {dst}", file=sys.stderr)
                return 2
            written.add(dst)
            link_or_copy(path, dst)
    for extra in ("README.txt",):
        if (corpus / extra).is_file():
            shutil.copyfile(corpus / extra, out / extra)
    rows = write_speakers(corpus, out, times)
    print(f"{len(written)} speeches ({times} × {len(src)}), {rows} speaker rows", file=sys.stderr)
    return manifest.main(out)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("corpus", type=pathlib.Path, help="unpacked ungdc folder (holding TXT/ and speakers_by_session.csv)")
    p.add_argument("out", type=pathlib.Path, help="folder to write the scaled corpus into")
    p.add_argument("--times", type=int, required=True, help="how many copies (1 writes the original again)")
    a = p.parse_args()
    if a.times < 1:
        p.error("--times must be at least 1")
    return scale(a.corpus, a.out, a.times)


if __name__ == "__main__":
    sys.exit(main())
