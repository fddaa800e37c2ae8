#!/usr/bin/env python3
"""The Python baseline of the merge benchmark: heapq.merge over per-file generators that parse
each record's time with strptime (continuation lines stay with their record)."""
import datetime as dt
import heapq
import sys
from pathlib import Path

CST = dt.timezone(dt.timedelta(hours=8))


def records(path, parse):
    key, buf = None, []
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            t = parse(line)
            if t is None:
                buf.append(line)
                continue
            if buf and key is not None:
                yield key, "".join(buf)
            key, buf = t, [line]
    if buf and key is not None:
        yield key, "".join(buf)


def syslog(line):
    if line[:1] in " \t":
        return None
    return dt.datetime.strptime("2008 " + line[:15], "%Y %b %d %H:%M:%S").replace(tzinfo=CST)


def weblogic(line):
    if not line.startswith("####<"):
        return None
    return dt.datetime.strptime(line[5:line.index(" CST>")], "%b %d, %Y %I:%M:%S %p").replace(tzinfo=CST)


def access(line):
    s = line[line.index("[") + 1:line.index("]")]
    return dt.datetime.strptime(s, "%d/%b/%Y:%H:%M:%S %z")


def jsonl(line):
    i = line.index('"ts":"') + 6
    return dt.datetime.strptime(line[i:i + 24], "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=dt.timezone.utc)


d = Path(sys.argv[1])
streams = [records(d / f"syslog-app0{k}.log", syslog) for k in range(1, 5)]
streams += [records(d / f"weblogic-ms{k}.log", weblogic) for k in (1, 2)]
streams += [records(d / f"access-web{k}.log", access) for k in (1, 2)]
streams += [records(d / "api.jsonl", jsonl)]
out = sys.stdout
for t, rec in heapq.merge(*streams, key=lambda r: r[0]):
    out.write(rec)
