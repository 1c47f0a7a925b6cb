#!/usr/bin/env python3
"""Whole-process timings of `trend --by year`, `count --by country` and `first --by country` beside
`search --count` of the same query, interleaved.

`demarche bench --analyses` times each command's processes in a block of runs, so on a machine shared with
other work a burst of load lands on one command and not the other. Here every round runs each command
once, in a shuffled order, and the medians of wall time and of CPU time (user + system, from wait4) are
compared within one binary. Usage:

    python3 benches/ungdc/interleaved.py INDEX RUNS DEMARCHE[=INDEX] [DEMARCHE[=INDEX]…]

A binary given as `DEMARCHE=INDEX` searches that index instead of the first argument's: binaries of two
index formats compared in one run, each on its own build of the corpus.

Prints a Markdown table: per query and binary, the medians in ms (CPU in brackets) and each command's
ratio to search.
"""

import os
import random
import statistics
import sys
import time

QUERIES = [
    ['"belt and road"'],
    ['"south china sea"'],
    ['"community with a shared future"'],
    ["sovereignty"],
    ["climate AND finance"],
    ['"territorial integrity"', "--country", "CHN"],
    ['"territorial integrity"', "--from", "2000", "--to", "2010"],
    ["Kiribati"],
]


def run(argv, devnull):
    """Wall and CPU milliseconds of one process."""
    started = time.perf_counter()
    quiet = [(os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)]
    pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=quiet)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"{argv}: exit code {code}")
    return wall * 1000, (usage.ru_utime + usage.ru_stime) * 1000


ANALYSES = [
    ("trend", ["trend", "--by", "year"]),
    ("count", ["count", "--by", "country"]),
    ("first", ["first", "--by", "country"]),
]


def main(index, runs, binaries):
    devnull = os.open(os.devnull, os.O_WRONLY)
    names = [a[0] for a in ANALYSES]
    print(
        "| query | binary | search --count ms | "
        + " | ".join(f"{n} ms | {n} wall ratio | {n} CPU ratio" for n in names)
        + " |"
    )
    print("|---|---|---:|" + "---:|---:|---:|" * len(names))
    indexes = {}
    for i, arg in enumerate(binaries):
        b, _, own = arg.partition("=")
        binaries[i] = b
        indexes[b] = own or index
    for query in QUERIES:
        commands = []
        for b in binaries:
            idx = indexes[b]
            commands.append((b, "search", [b, "search", query[0], "--count", *query[1:], "--index", idx]))
            for name, verb in ANALYSES:
                argv = [b, verb[0], query[0], *verb[1:], *query[1:], "--index", idx]
                commands.append((b, name, argv))
        times = {c[:2]: ([], []) for c in commands}
        for c in commands:
            for _ in range(3):
                run(c[2], devnull)
        for _ in range(runs):
            for c in random.sample(commands, len(commands)):
                wall, cpu = run(c[2], devnull)
                times[c[:2]][0].append(wall)
                times[c[:2]][1].append(cpu)
        for b in binaries:
            sw, sc = [statistics.median(v) for v in times[(b, "search")]]
            cells = []
            for name in names:
                w, c = [statistics.median(v) for v in times[(b, name)]]
                cells.append(f"{w:.1f} ({c:.1f}) | {w / sw:.2f} | {c / sc:.2f}")
            print(
                f"| {' '.join(query)} | {os.path.basename(b)} | {sw:.1f} ({sc:.1f}) | " + " | ".join(cells) + " |",
                flush=True,
            )


if __name__ == "__main__":
    if len(sys.argv) < 4:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3:])
