#!/usr/bin/env python3
"""Checks a merge's output against the corpus's record ids (generate_corpus.py): every record
exactly once, in an order its timestamps allow — each record's time lies in [T, T + G), the
span its timestamp's precision leaves open, and some times in those spans must be
non-decreasing along the output. Exits 1 with the first problem otherwise. A figure counts
only for an output that passes.

    check_output.py CORPUS_DIR OUTPUT [--json]

--json: the output is `storyline build --format json`; only the events' "text" lines are read
(attributes repeat a record's words).
"""
import re
import sys
from pathlib import Path

RID = re.compile(rb"rid=(\d+)\.(\d+)-(\d+)-(\d+)")


def expected(corpus):
    cache = corpus / "expected-records.txt"
    if cache.exists():
        return int(cache.read_text())
    n = 0
    for f in corpus.iterdir():
        if f.suffix in (".log", ".jsonl"):
            with open(f, "rb") as h:
                for chunk in iter(lambda: h.read(1 << 24), b""):
                    n += chunk.count(b"rid=")
    cache.write_text(str(n))
    return n


def main():
    corpus, output = Path(sys.argv[1]), sys.argv[2]
    json_mode = "--json" in sys.argv
    want = expected(corpus)
    seen = set()
    earliest = -1  # the earliest time the records so far allow the last one
    count = 0
    with open(output, "rb") as f:
        for line in f:
            if json_mode and not line.startswith(b'      "text": '):
                continue
            for m in RID.finditer(line):
                lo, span = int(m.group(1)), int(m.group(2))
                rid = (int(m.group(3)), int(m.group(4)))
                if rid in seen:
                    print(f"FAIL: record {rid[0]}-{rid[1]} twice")
                    return 1
                seen.add(rid)
                t = max(earliest, lo)
                if t >= lo + span:
                    print(f"FAIL: record {rid[0]}-{rid[1]} (time {lo}, +{span} µs) after one at {earliest}: out of order")
                    return 1
                earliest = t
                count += 1
    if count != want:
        print(f"FAIL: {count} of {want} records")
        return 1
    print(f"ok: {count} records, in order")
    return 0


if __name__ == "__main__":
    sys.exit(main())
