#!/usr/bin/env python3
"""Generates a server-log corpus for the `storyline merge` benchmark (issue #5).

Nine files whose records interleave in time over one day (22 September 2008, China time):
4 syslog (RFC 3164), 2 WebLogic server logs (with stack traces), 2 Apache combined access
logs and 1 JSON-lines file. Sizes are proportional to the total asked for. Deterministic:
the same --seed and --size give the same bytes.

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
PROGRAMS = ["sshd", "cron", "kernel", "systemd", "postfix/smtpd", "nginx", "java"]
WORDS = ("request served session opened closed for user connection from port accepted timeout "
         "retry pool thread lock wait queue ticket submit status health check memory free").split()
PATHS = ["/syse/submit", "/syse/status", "/syse/ticket/123", "/static/app.js", "/login", "/api/v1/orders"]
AGENTS = ["Mozilla/5.0 (Windows NT 5.1) Gecko/2008 Firefox/3.0", "curl/7.18.2", "Java/1.6.0_07"]


def parse_size(s):
    units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    return int(float(s[:-1]) * units[s[-1].upper()]) if s[-1].upper() in units else int(s)


def words(rnd, n):
    return " ".join(rnd.choice(WORDS) for _ in range(n))


def syslog_line(rnd, t, host):
    prog = rnd.choice(PROGRAMS)
    return (f"{MONTHS[t.month - 1]} {t.day:2d} {t:%H:%M:%S} {host} {prog}[{rnd.randrange(100, 30000)}]: "
            f"{words(rnd, rnd.randrange(4, 14))} id={rnd.randrange(1 << 30)}\n")


def weblogic_line(rnd, t, server):
    h = t.hour % 12 or 12
    ms = int(t.timestamp() * 1000)
    sev, msgid = rnd.choice([("Info", "BEA-001128"), ("Info", "BEA-310002"), ("Notice", "BEA-000365"),
                             ("Warning", "BEA-000337"), ("Error", "BEA-101020")])
    rec = (f"####<{MONTHS[t.month - 1]} {t.day}, {t.year} {h}:{t:%M:%S} {'AM' if t.hour < 12 else 'PM'} CST> "
           f"<{sev}> <WebLogicServer> <syse-app01> <{server}> <[ACTIVE] ExecuteThread: '{rnd.randrange(40)}' for queue: "
           f"'weblogic.kernel.Default (self-tuning)'> <<WLS Kernel>> <> <{rnd.getrandbits(64):016x}:{rnd.randrange(1 << 20):x}> "
           f"<{ms}> <{msgid}> <{words(rnd, rnd.randrange(5, 16))}")
    if sev == "Error" and rnd.random() < 0.5:
        rec += "\n" + "".join(f"\tat com.syse.module{k}.Service.call(Service.java:{rnd.randrange(20, 400)})\n"
                              for k in range(rnd.randrange(3, 12)))
    return rec + "> \n"


def access_line(rnd, t):
    status = rnd.choice([200] * 20 + [304, 404, 500, 503])
    return (f'10.20.{rnd.randrange(256)}.{rnd.randrange(256)} - - [{t:%d/%b/%Y:%H:%M:%S} +0800] '
            f'"{rnd.choice(["GET", "POST"])} {rnd.choice(PATHS)}?q={rnd.randrange(1 << 20)} HTTP/1.1" {status} '
            f'{rnd.randrange(100, 50000)} "http://syse.example.com/" "{rnd.choice(AGENTS)}"\n')


def json_line(rnd, t):
    u = t.astimezone(dt.timezone.utc)
    return (f'{{"ts":"{u:%Y-%m-%dT%H:%M:%S}.{t.microsecond // 1000:03d}Z","level":"{rnd.choice(["info", "info", "warn", "error", "debug"])}",'
            f'"logger":"com.syse.api","msg":"{words(rnd, rnd.randrange(4, 12))}","latency_ms":{rnd.randrange(1, 30000)}}}\n')


FILES = [  # name, share of the corpus, line maker
    ("syslog-app01.log", 0.10, lambda r, t: syslog_line(r, t, "app01")),
    ("syslog-app02.log", 0.10, lambda r, t: syslog_line(r, t, "app02")),
    ("syslog-app03.log", 0.10, lambda r, t: syslog_line(r, t, "app03")),
    ("syslog-app04.log", 0.10, lambda r, t: syslog_line(r, t, "app04")),
    ("weblogic-ms1.log", 0.15, lambda r, t: weblogic_line(r, t, "sysE_ms1")),
    ("weblogic-ms2.log", 0.15, lambda r, t: weblogic_line(r, t, "sysE_ms2")),
    ("access-web1.log", 0.125, access_line),
    ("access-web2.log", 0.125, access_line),
    ("api.jsonl", 0.05, json_line),
]


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
        # Estimate the line count from a sample, then spread the lines over the day.
        sample = sum(len(make(random.Random(k), START)) for _ in range(200)) / 200
        n = max(1, int(target / sample))
        step = DAY_US / n
        written = 0
        with open(os.path.join(a.out, name), "w", buffering=1 << 20) as f:
            i = 0
            while written < target:
                us = int(i * step + rnd.random() * step)
                t = START + dt.timedelta(microseconds=us)  # past midnight when the estimate ran short
                line = make(rnd, t)
                f.write(line)
                written += len(line)
                i += 1
    print(f"{total >> 20} MiB corpus in {a.out}")


if __name__ == "__main__":
    main()
