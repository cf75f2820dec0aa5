#!/usr/bin/env python3
"""Helpers for bench/run.sh: SQLite FTS5 and ripgrep engines, corpus replication, timed runs.

Subcommands (all print or append JSON Lines):
  timed OUT TAG_JSON [--size DIR] [--discard-stdout] -- CMD...
                                              run CMD under /usr/bin/time -v; append one record
                                              (tag + wall seconds, peak RSS, CPU %, index size,
                                              and CMD's last stdout line if it is JSON)
  tag OUT TAG_JSON                            append stdin's JSON lines to OUT, merged with TAG
  fts5-index CORPUS DB                        one FTS5 table (title, body; date unindexed)
  fts5-query DB QUERIES [--reps N] [--only ids]
  rg-query CORPUS QUERIES [--reps N] [--only ids]
  replicate SRC DST N                         N copies of every article, copy k>0 with new ids
  env                                         machine and tool versions
"""

import json
import os
import platform
import re
import sqlite3
import subprocess
import sys
import time


def jsonl_files(corpus):
    out = []
    for root, _dirs, files in os.walk(corpus):
        out += [os.path.join(root, f) for f in files if f.endswith(".jsonl")]
    return sorted(out)


def dir_size(path):
    total = 0
    for root, _dirs, files in os.walk(path):
        for f in files:
            try:
                total += os.path.getsize(os.path.join(root, f))
            except OSError:
                pass
    return total


def loadavg():
    """1-minute load average: other processes competing for the cores skew wall times."""
    try:
        return float(open("/proc/loadavg").read().split()[0])
    except (OSError, ValueError):
        return None


def latency(samples):
    s = sorted(samples)
    pct = lambda p: s[round((len(s) - 1) * p)]
    return {"p50_ms": pct(0.5), "p95_ms": pct(0.95), "min_ms": s[0], "reps": len(s)}


def opt(args, name, default=None):
    if name in args:
        i = args.index(name)
        return args[i + 1]
    return default


def load_queries(path, only):
    qs = json.load(open(path))
    if only:
        ids = set(only.split(","))
        qs = [q for q in qs if q["id"] in ids]
    return qs


# ---------------------------------------------------------------------------------------------
def cmd_timed(args):
    out, tag = args[0], json.loads(args[1])
    rest = args[2:]
    size_dir = None
    discard = False
    while rest and rest[0] in ("--size", "--discard-stdout"):
        if rest[0] == "--size":
            size_dir, rest = rest[1], rest[2:]
        else:
            discard, rest = True, rest[1:]
    if rest and rest[0] == "--":
        rest = rest[1:]
    tfile = out + ".time.tmp"
    load_before = loadavg()
    t0 = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-v", "-o", tfile] + rest,
                       stdout=subprocess.DEVNULL if discard else subprocess.PIPE)
    wall = time.perf_counter() - t0
    tv = open(tfile).read()
    os.unlink(tfile)
    rec = dict(tag)
    rec["cmd"] = " ".join(rest)
    rec["exit"] = p.returncode
    rec["wall_s"] = wall
    rec["load_before"] = load_before
    rec["load_after"] = loadavg()
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", tv)
    rec["peak_rss_mb"] = int(m.group(1)) / 1024 if m else None
    m = re.search(r"Percent of CPU this job got: (\d+)%", tv)
    rec["cpu_pct"] = int(m.group(1)) if m else None
    m = re.search(r"User time \(seconds\): ([\d.]+)", tv)
    u = float(m.group(1)) if m else 0.0
    m = re.search(r"System time \(seconds\): ([\d.]+)", tv)
    rec["cpu_s"] = u + (float(m.group(1)) if m else 0.0)
    if size_dir:
        rec["size_bytes"] = dir_size(size_dir)
    lines = [] if discard else p.stdout.decode("utf-8", "replace").strip().splitlines()
    if lines:
        try:
            rec["out"] = json.loads(lines[-1])
        except ValueError:
            pass
    with open(out, "a") as f:
        f.write(json.dumps(rec) + "\n")
    if p.returncode not in (0,):
        print(f"warning: {rec['cmd']} exited {p.returncode}", file=sys.stderr)
    print(json.dumps({k: v for k, v in rec.items() if k != "cmd"}), file=sys.stderr)


def cmd_tag(args):
    out, tag = args[0], json.loads(args[1])
    with open(out, "a") as f:
        for line in sys.stdin:
            line = line.strip()
            if not line:
                continue
            rec = dict(tag)
            rec.update(json.loads(line))
            f.write(json.dumps(rec) + "\n")
            print(line, file=sys.stderr)


# ---------------------------------------------------------------------------------------------
def cmd_fts5_index(args):
    corpus, db = args[0], args[1]
    for suffix in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(db + suffix):
            os.unlink(db + suffix)
    t0 = time.perf_counter()
    con = sqlite3.connect(db)
    con.execute("CREATE VIRTUAL TABLE docs USING fts5(title, body, date UNINDEXED)")
    docs = nbytes = text_bytes = 0
    with con:  # one transaction
        for path in jsonl_files(corpus):
            with open(path, "rb") as f:
                raw = f.read()
            nbytes += len(raw)
            rows = []
            for line in raw.decode("utf-8", "replace").splitlines():
                if not line.strip():
                    continue
                r = json.loads(line)
                body = r.get("text") or ""
                text_bytes += len(body.encode("utf-8"))
                rows.append((r.get("title"), body, (r.get("date") or "")[:10]))
            con.executemany("INSERT INTO docs(title, body, date) VALUES (?, ?, ?)", rows)
            docs += len(rows)
    t1 = time.perf_counter()
    # Merge the b-trees into one, as tantivy merges segments.
    con.execute("INSERT INTO docs(docs) VALUES ('optimize')")
    con.commit()
    con.close()
    t2 = time.perf_counter()
    print(json.dumps({"docs": docs, "bytes": nbytes, "text_bytes": text_bytes,
                      "seconds": t2 - t0, "insert_seconds": t1 - t0, "optimize_seconds": t2 - t1,
                      "sqlite": sqlite3.sqlite_version}))


def cmd_fts5_query(args):
    db, qpath = args[0], args[1]
    reps = int(opt(args, "--reps", "50"))
    con = sqlite3.connect(db)
    for q in load_queries(qpath, opt(args, "--only")):
        if q.get("op") != "search" or "fts5" not in q:
            continue
        where, params = "docs MATCH ?", [q["fts5"]]
        if q.get("since"):
            where += " AND date >= ?"
            params.append(q["since"])
        if q.get("until"):
            where += " AND date <= ?"
            params.append(q["until"])
        count_sql = f"SELECT count(*) FROM docs WHERE {where}"
        top_sql = (f"SELECT rowid, title, snippet(docs, 1, '<b>', '</b>', '…', 32), bm25(docs) "
                   f"FROM docs WHERE {where} ORDER BY bm25(docs) LIMIT 10")

        def one():
            top = con.execute(top_sql, params).fetchall()
            n = con.execute(count_sql, params).fetchone()[0]
            return n, top

        rec = {"engine": "fts5", "id": q["id"], "kind": q["kind"]}
        try:
            for _ in range(2):
                one()
            samples = []
            for _ in range(reps):
                t = time.perf_counter()
                n, _top = one()
                samples.append((time.perf_counter() - t) * 1e3)
            rec["hits"] = n
            rec.update(latency(samples))
        except sqlite3.Error as e:
            rec["error"] = str(e)
        print(json.dumps(rec), flush=True)


def cmd_rg_query(args):
    corpus, qpath = args[0], args[1]
    reps = int(opt(args, "--reps", "10"))
    files = jsonl_files(corpus)
    for q in load_queries(qpath, opt(args, "--only")):
        if "rg" not in q:
            continue
        cmd = ["rg", "-F", "-i", "-c", "--no-filename", "--", q["rg"]] + files

        def one():
            p = subprocess.run(cmd, stdout=subprocess.PIPE, check=False)
            return sum(int(x) for x in p.stdout.split())

        one()
        samples = []
        for _ in range(reps):
            t = time.perf_counter()
            n = one()
            samples.append((time.perf_counter() - t) * 1e3)
        rec = {"engine": "ripgrep", "id": q["id"], "kind": q["kind"], "hits": n}
        rec.update(latency(samples))
        print(json.dumps(rec), flush=True)


# ---------------------------------------------------------------------------------------------
def cmd_replicate(args):
    src, dst, n = args[0], args[1], int(args[2])
    os.makedirs(dst, exist_ok=True)
    files = jsonl_files(src)
    for k in range(n):
        for path in files:
            out = os.path.join(dst, f"rep{k}-{os.path.basename(path)}")
            if k == 0:
                # The original articles, byte for byte.
                with open(path, "rb") as fi, open(out, "wb") as fo:
                    fo.write(fi.read())
                continue
            with open(path, encoding="utf-8") as fi, open(out, "w", encoding="utf-8") as fo:
                for line in fi:
                    if not line.strip():
                        continue
                    r = json.loads(line)
                    if r.get("id"):
                        r["id"] = f"{r['id']}#copy{k}"
                    if r.get("url"):
                        r["url"] = f"{r['url']}#copy{k}"
                    fo.write(json.dumps(r, ensure_ascii=False) + "\n")


def cmd_env(_args):
    def run(cmd):
        try:
            return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                  check=False).stdout.decode().strip()
        except OSError:
            return None

    cpu = None
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = None
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                mem = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    rg = run(["rg", "--version"])
    print(json.dumps({
        "cores": os.cpu_count(),
        "ram_gb": mem,
        "cpu": cpu,
        "kernel": platform.release(),
        "rustc": run(["rustc", "--version"]),
        "sqlite": sqlite3.sqlite_version,
        "python": platform.python_version(),
        "ripgrep": rg.splitlines()[0] if rg else None,
        "date": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "loadavg": loadavg(),
    }))


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    cmds = {
        "timed": cmd_timed,
        "tag": cmd_tag,
        "fts5-index": cmd_fts5_index,
        "fts5-query": cmd_fts5_query,
        "rg-query": cmd_rg_query,
        "replicate": cmd_replicate,
        "env": cmd_env,
    }
    cmd = cmds.get(sys.argv[1])
    if cmd is None:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    cmd(sys.argv[2:])


if __name__ == "__main__":
    main()
