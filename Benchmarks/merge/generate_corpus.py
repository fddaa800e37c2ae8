#!/usr/bin/env python3
"""Generates the server-log corpus of the merge and build benchmarks.

Nine files whose records interleave in time over one day (22 September 2008, China time):
4 syslog (RFC 3164), 2 WebLogic server logs (with stack traces), 2 Apache combined access
logs and 1 JSON-lines file. Each file has the size asked for its share of the total (to within
one record): a record's time is its place in the file's bytes, spread over the day. About one
record in 200 is written up to 30 s late (its time earlier than the records before it), as
servers' buffered writers do, so the files are in order only locally.

Every record's message ends in `rid=T.G-F-N`: T is the record's time as its own timestamp
shows it (truncated to that precision; a WebLogic record by its header, to the second, not by
the raw milliseconds only some tools read), in microseconds since 1970 UTC, and G that
precision in microseconds; F is the file's number, N the record's number in the file. A
merge's output is checked against these (check_output.py): every record once, in an order that
some times within [T, T + G) make non-decreasing.

Also writes case.yml (a Storyline case holding the nine files). Deterministic: the same --seed
and --size give the same bytes.

    generate_corpus.py --size 100M --out /tmp/corpus [--seed 1]
"""
import argparse
import datetime as dt
import os
import random

CST = dt.timezone(dt.timedelta(hours=8))
START = dt.datetime(2008, 9, 22, 0, 0, 0, tzinfo=CST)
DAY_US = 86_400_000_000
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
PROGRAMS = ["sshd", "cron", "kernel", "postfix/smtpd", "nginx", "java"]
WORDS = ("request served session opened closed for user connection from port accepted timeout "
         "retry pool thread lock wait queue ticket submit status health check memory free").split()
PATHS = ["/syse/submit", "/syse/status", "/syse/ticket/123", "/static/app.js", "/login", "/api/v1/orders"]
AGENTS = ["Mozilla/5.0 (Windows NT 5.1) Gecko/2008 Firefox/3.0", "curl/7.18.2", "Java/1.6.0_07"]
LATE_SHARE = 0.005
LATE_MAX_US = 30_000_000


def parse_size(s):
    units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    return int(float(s[:-1]) * units[s[-1].upper()]) if s[-1].upper() in units else int(s)


def words(rnd, n):
    return " ".join(rnd.choice(WORDS) for _ in range(n))


def us(t):
    return int(t.timestamp()) * 1_000_000 + t.microsecond


def seconds(t):
    return t.replace(microsecond=0)


def syslog_line(rnd, t, host, rid):
    prog = rnd.choice(PROGRAMS)
    return (f"{MONTHS[t.month - 1]} {t.day:2d} {t:%H:%M:%S} {host} {prog}[{rnd.randrange(100, 30000)}]: "
            f"{words(rnd, rnd.randrange(4, 14))} rid={us(seconds(t))}.1000000-{rid}\n")


def weblogic_line(rnd, t, server, rid):
    h = t.hour % 12 or 12
    ms = us(t) // 1000
    sev, msgid = rnd.choice([("Info", "BEA-001128"), ("Info", "BEA-310002"), ("Notice", "BEA-000365"),
                             ("Warning", "BEA-000337"), ("Error", "BEA-101020")])
    rec = (f"####<{MONTHS[t.month - 1]} {t.day}, {t.year} {h}:{t:%M:%S} {'AM' if t.hour < 12 else 'PM'} CST> "
           f"<{sev}> <WebLogicServer> <syse-app01> <{server}> <[ACTIVE] ExecuteThread: '{rnd.randrange(40)}' for queue: "
           f"'weblogic.kernel.Default (self-tuning)'> <<WLS Kernel>> <> <{rnd.getrandbits(64):016x}:{rnd.randrange(1 << 20):x}> "
           f"<{ms}> <{msgid}> <{words(rnd, rnd.randrange(5, 16))} rid={us(seconds(t))}.1000000-{rid}")
    if sev == "Error" and rnd.random() < 0.5:
        rec += "\n" + "".join(f"\tat com.syse.module{k}.Service.call(Service.java:{rnd.randrange(20, 400)})\n"
                              for k in range(rnd.randrange(3, 12)))
    return rec + "> \n"


def access_line(rnd, t, rid):
    status = rnd.choice([200] * 20 + [304, 404, 500, 503])
    return (f'10.20.{rnd.randrange(256)}.{rnd.randrange(256)} - - [{t:%d/%b/%Y:%H:%M:%S} +0800] '
            f'"{rnd.choice(["GET", "POST"])} {rnd.choice(PATHS)}?rid={us(seconds(t))}.1000000-{rid} HTTP/1.1" {status} '
            f'{rnd.randrange(100, 50000)} "http://syse.example.com/" "{rnd.choice(AGENTS)}"\n')


def json_line(rnd, t, rid):
    u = t.astimezone(dt.timezone.utc)
    ms = us(t) // 1000
    return (f'{{"ts":"{u:%Y-%m-%dT%H:%M:%S}.{t.microsecond // 1000:03d}Z","level":"{rnd.choice(["info", "info", "warn", "error", "debug"])}",'
            f'"logger":"com.syse.api","msg":"{words(rnd, rnd.randrange(4, 12))} rid={ms * 1000}.1000-{rid}","latency_ms":{rnd.randrange(1, 30000)}}}\n')


FILES = [  # name, share of the corpus, record maker
    ("syslog-app01.log", 0.10, lambda r, t, i: syslog_line(r, t, "app01", i)),
    ("syslog-app02.log", 0.10, lambda r, t, i: syslog_line(r, t, "app02", i)),
    ("syslog-app03.log", 0.10, lambda r, t, i: syslog_line(r, t, "app03", i)),
    ("syslog-app04.log", 0.10, lambda r, t, i: syslog_line(r, t, "app04", i)),
    ("weblogic-ms1.log", 0.15, lambda r, t, i: weblogic_line(r, t, "sysE_ms1", i)),
    ("weblogic-ms2.log", 0.15, lambda r, t, i: weblogic_line(r, t, "sysE_ms2", i)),
    ("access-web1.log", 0.125, access_line),
    ("access-web2.log", 0.125, access_line),
    ("api.jsonl", 0.05, json_line),
]

CASE = """# The benchmark corpus as a Storyline case (Benchmarks/build/run.sh).
title: Benchmark corpus
timezone: Asia/Shanghai
date: 2008-09-22
people:
  - id: ops
    role: operations
    on_call: true
incident:
  detected_by: [ops]
escalation:
  - notify: [ops]
    within: 15m
sources:
""" + "".join(f"  - path: {name}\n" for name, _, _ in FILES)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", default="100M")
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    total = parse_size(a.size)
    os.makedirs(a.out, exist_ok=True)
    for k, (name, share, make) in enumerate(FILES):
        rnd = random.Random(a.seed * 1000 + k)
        target = int(total * share)
        written = 0
        n = 0
        with open(os.path.join(a.out, name), "w", buffering=1 << 20) as f:
            while written < target:
                at = int(written / target * DAY_US)
                if rnd.random() < LATE_SHARE:
                    at = max(0, at - rnd.randrange(1, LATE_MAX_US))
                line = make(rnd, START + dt.timedelta(microseconds=at), f"{k + 1}-{n}")
                f.write(line)
                written += len(line.encode())
                n += 1
    with open(os.path.join(a.out, "case.yml"), "w") as f:
        f.write(CASE)
    print(f"{total >> 20} MiB corpus in {a.out}")


if __name__ == "__main__":
    main()
