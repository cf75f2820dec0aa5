#!/usr/bin/env python3
"""Reproducible accuracy run for the quote extractor.

For each gold file (polnear-dev, news-dev, the seed article) write its records as
{"id","text"} JSONL, run the extractor (the `quotebook extract` subcommand when the
binary supports it, else the ignored `eval_dump` library test), and score with
`<shared>/eval/score.py`. Prints a compact summary table.

The shared folder defaults to <repo>/../shared; override with QUOTEBOOK_SHARED.
Usage: scripts/eval_extract.py [--keep DIR] [--only polnear|news|news2|seed] [--sieves]

--sieves adds, per file, each sieve's precision: of the quotes it attributed that match a
gold quote with a named speaker, how many name the right one.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.environ.get("QUOTEBOOK_SHARED", os.path.join(REPO, "..", "shared"))
SCORE = os.path.join(SHARED, "eval", "score.py")
BIN = os.path.join(REPO, "target", "release", "quotebook")


def binary_supports_extract():
    if not os.path.exists(BIN):
        return False
    try:
        r = subprocess.run([BIN, "extract", "--help"], capture_output=True, timeout=30, text=True)
        # a skeleton binary exits 0 on anything: require real help text too
        return r.returncode == 0 and "extract" in (r.stdout + r.stderr).lower()
    except Exception:
        return False


def write_records(gold_path, out_path):
    with open(gold_path, encoding="utf-8") as f, open(out_path, "w", encoding="utf-8") as w:
        for line in f:
            if line.strip():
                d = json.loads(line)
                w.write(json.dumps({"id": d["id"], "text": d["text"]}, ensure_ascii=False) + "\n")


def seed_gold(tmp):
    """The seed article as a gold file: its text is the whole .txt file."""
    seed_dir = os.path.join(SHARED, "seed")
    txt = [n for n in os.listdir(seed_dir) if n.endswith(".txt")][0]
    with open(os.path.join(seed_dir, txt), encoding="utf-8") as f:
        text = f.read()
    quotes = []
    sid = None
    with open(os.path.join(seed_dir, "expected-quotes.jsonl"), encoding="utf-8") as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                sid = d.get("id", sid)
                quotes.extend(d.get("quotes", []))
    gold = os.path.join(tmp, "seed-gold.jsonl")
    with open(gold, "w", encoding="utf-8") as w:
        w.write(json.dumps({"id": sid, "source": "seed", "text": text, "quotes": quotes}, ensure_ascii=False) + "\n")
    return gold


def predict(records, pred, use_bin):
    if use_bin:
        with open(pred, "w", encoding="utf-8") as w:
            subprocess.run([BIN, "extract", records], stdout=w, check=True)
    else:
        env = dict(os.environ, QB_EVAL_IN=records, QB_EVAL_OUT=pred)
        subprocess.run(
            ["cargo", "test", "--release", "--quiet", "--lib", "--", "--ignored", "--exact", "extract::dev::eval_dump"],
            cwd=REPO, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )


def score(gold, pred, *flags):
    r = subprocess.run([sys.executable, SCORE, gold, pred, "--json", *flags], capture_output=True, text=True, check=True)
    return json.loads(r.stdout)


def sieve_report(gold_path, pred_path, kinds=("direct",)):
    """Per sieve: quotes it attributed that the overlap matching paired with a gold quote
    whose speaker is named, and how many of those it got right (precision); plus, for gold
    quotes with a named speaker, the sieve of the matched prediction when it named nobody."""
    sys.path.insert(0, os.path.join(SHARED, "eval"))
    import score as sc

    gold = {r["id"]: r for r in sc.read_jsonl(gold_path)}
    stats = {}
    for p in sc.read_jsonl(pred_path):
        p = p.get("data", p)
        g = gold.get(p.get("id"))
        if g is None:
            continue
        text = g["text"]
        gq = [q for q in g["quotes"] if q.get("kind", "direct") in kinds]
        pq = p.get("quotes", [])
        gsp = [sc.trim_span(text, q["start"], q["end"]) for q in gq]
        psp = [sc.trim_span(text, q["start"], q["end"]) for q in pq]
        for gi, pi in sc.match_overlap(gsp, psp).items():
            gs = gq[gi].get("speaker")
            if not gs:
                continue
            ps = pq[pi].get("speaker")
            key = pq[pi].get("sieve") or "none"
            st = stats.setdefault(key, [0, 0, 0])
            if ps:
                st[0] += 1
                st[1] += sc.speakers_match(gs, ps)
            else:
                st[2] += 1
    return stats


def print_sieves(name, stats):
    parts = []
    for key, (n, ok, null) in sorted(stats.items(), key=lambda kv: -sum(kv[1])):
        prec = f"{ok / n:.3f}" if n else "  -  "
        parts.append(f"{key} {ok}/{n}={prec}" + (f" (+{null} null)" if null else ""))
    print(f"  {'sieves ' + name:<32} " + "; ".join(parts))


def row(name, m):
    def g(k):
        v = m.get(k)
        return v if isinstance(v, (int, float)) else float("nan")
    return (f"{name:<34} {m.get('n_gold', 0):5d} {g('exact_f1'):6.3f} {g('overlap_p'):6.3f} {g('overlap_r'):6.3f} "
            f"{g('overlap_f1'):6.3f} {g('attr_acc'):6.3f} {g('e2e_p'):6.3f} {g('e2e_r'):6.3f} {g('e2e_f1'):6.3f}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--keep", help="keep predictions in this directory")
    ap.add_argument("--sieves", action="store_true", help="per-sieve precision on each file")
    ap.add_argument("--only", choices=["polnear", "news", "news2", "seed"])
    args = ap.parse_args()
    use_bin = binary_supports_extract()
    tmp = args.keep or tempfile.mkdtemp(prefix="qb-eval-")
    os.makedirs(tmp, exist_ok=True)
    print(f"extractor: {'quotebook extract' if use_bin else 'library harness (eval_dump)'}; shared: {SHARED}")
    header = f"{'set':<34} {'gold':>5} {'exF1':>6} {'ovP':>6} {'ovR':>6} {'ovF1':>6} {'attr':>6} {'e2eP':>6} {'e2eR':>6} {'e2eF1':>6}"
    print(header)
    runs = [
        ("polnear", os.path.join(SHARED, "eval", "polnear-dev.jsonl"), ["--ignore-in-nondirect"]),
        ("news", os.path.join(SHARED, "eval", "news-dev.jsonl"), []),
        ("news2", os.path.join(SHARED, "eval", "news-dev-2.jsonl"), []),
        ("seed", None, []),
    ]
    for name, gold, flags in runs:
        if args.only and args.only != name:
            continue
        if gold is None:
            gold = seed_gold(tmp)
        recs = os.path.join(tmp, f"{name}-records.jsonl")
        pred = os.path.join(tmp, f"{name}-pred.jsonl")
        write_records(gold, recs)
        predict(recs, pred, use_bin)
        m = score(gold, pred, *flags)
        print(row(name, m["overall"]))
        if name == "polnear":
            s = score(gold, pred, *flags, "--strict-speakers")
            print(row("polnear --strict-speakers", s["overall"]))
            gp = score(gold, pred, *flags, "--group-by", "meta.publisher")
            for k, v in sorted(gp["by_source"].items()):
                print(row(f"  polnear {k}", v))
        if name in ("news", "news2"):
            for k, v in sorted(m["by_source"].items()):
                print(row(f"  {name} {k}", v))
        if args.sieves:
            print_sieves(name, sieve_report(gold, pred))


if __name__ == "__main__":
    main()
