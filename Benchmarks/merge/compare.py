#!/usr/bin/env python3
"""Compares two `storyline` builds on the merge corpus, in the same run (issue "One engine").

    compare.py BASELINE CANDIDATE CORPUS_DIR [RUNS=21] [--one-core]

Both outputs are checked first: byte-identical, and every record's time non-decreasing (the
text output's first field), so neither figure counts a merge that skipped or misordered
records. Then the two commands run alternately RUNS times each; the medians of wall time and of
CPU time (user + system, of the child) are printed with the candidate/baseline ratio.
"""
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

FILES = [
    "syslog-app01.log", "syslog-app02.log", "syslog-app03.log", "syslog-app04.log", "weblogic-ms1.log",
    "weblogic-ms2.log", "access-web1.log", "access-web2.log", "api.jsonl",
]


def command(exe, corpus, one_core):
    cmd = [exe, "merge", "--timezone", "Asia/Shanghai", "--date", "2008-09-22"] + [os.path.join(corpus, f) for f in FILES]
    return (["taskset", "-c", "0"] if one_core else []) + cmd


def check(cmds):
    outputs = []
    for cmd in cmds:
        with tempfile.TemporaryFile() as out:
            subprocess.run(cmd, stdout=out, stderr=subprocess.DEVNULL, check=True)
            out.seek(0)
            outputs.append(out.read())
    if outputs[0] != outputs[1]:
        sys.exit("outputs differ: no figure counts")
    last = ""
    records = 0
    for line in outputs[0].decode("utf-8", "replace").split("\n"):
        if line and line[:4].isdigit() and line[4] == "-":
            t = line.split(" ", 1)[0]
            if t < last:
                sys.exit(f"out of order at {t}: no figure counts")
            last = t
            records += 1
    print(f"outputs identical, {records} records in time order ({len(outputs[0])} bytes)")


def main():
    args = [a for a in sys.argv[1:] if a != "--one-core"]
    one_core = "--one-core" in sys.argv
    baseline, candidate, corpus = args[:3]
    runs = int(args[3]) if len(args) > 3 else 21
    cmds = [command(baseline, corpus, one_core), command(candidate, corpus, one_core)]
    check(cmds)
    res = [[], []]
    for _ in range(runs):
        for k, cmd in enumerate(cmds):
            r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            t1 = time.perf_counter()
            r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
            res[k].append((t1 - t0, r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime))
    med = [(statistics.median(x[0] for x in r), statistics.median(x[1] for x in r)) for r in res]
    for name, (w, c) in zip(("baseline", "candidate"), med):
        print(f"{name}: median wall {w * 1000:.1f} ms, cpu {c * 1000:.1f} ms ({runs} runs{', one core' if one_core else ''})")
    print(f"candidate / baseline: wall {med[1][0] / med[0][0]:.3f}, cpu {med[1][1] / med[0][1]:.3f}")


if __name__ == "__main__":
    main()
