#!/usr/bin/env python3
"""Writes a Demarche metadata manifest for the UN General Debate corpus.

The corpus names each speech `TXT/Session NN - YYYY/ISO_NN_YYYY.txt` and lists speakers in
`speakers_by_session.csv` (Year, Session, ISO Code, Country, Name of Person Speaking, Post). The manifest
gives every speech its country (the ISO code of the file name), its year, its speaker (joined on ISO code
and year) and the kind `speech`, so that `demarche index` attributes every paragraph to the speaker and
`--country` and `--from/--to` filters work. Usage:

    tar -xzf ../shared/corpora/ungdc.tar.gz -C target/corpora
    python3 benches/ungdc/manifest.py target/corpora/ungdc
    cargo run --release -- index target/corpora/ungdc --index target/ungdc-index

The manifest is written to `<corpus>/demarche-manifest.csv`; paths in it are relative to the corpus folder.
"""

import csv
import pathlib
import re
import sys

NAME = re.compile(r"^([A-Z]{2,3})_(\d+)_(\d{4})\.txt$")


def main(corpus: pathlib.Path) -> int:
    speakers = {}
    with open(corpus / "speakers_by_session.csv", newline="", encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            iso, year = row.get("ISO Code", "").strip(), row.get("Year", "").strip()
            name = row.get("Name of Person Speaking", "").strip()
            if iso and year and name:
                speakers[(iso, year)] = (name, row.get("Post", "").strip())
    rows, missing = 0, 0
    with open(corpus / "demarche-manifest.csv", "w", newline="", encoding="utf-8") as out:
        w = csv.writer(out)
        w.writerow(["file", "speaker", "country", "date", "kind", "title"])
        for path in sorted(corpus.glob("TXT/*/*.txt")):
            m = NAME.match(path.name)
            if not m:
                continue
            iso, session, year = m.groups()
            name, post = speakers.get((iso, year), ("", ""))
            missing += not name
            title = f"General Debate, session {int(session)} ({year})"
            if name:
                title += f": {post + ' ' if post else ''}{name}"
            # "EU" speeches have no country: the European Union is not one.
            country = iso if len(iso) == 3 else ""
            w.writerow([path.relative_to(corpus).as_posix(), name, country, year, "speech", title])
            rows += 1
    print(f"{rows} speeches, {missing} without a speaker in speakers_by_session.csv", file=sys.stderr)
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(pathlib.Path(sys.argv[1])))
