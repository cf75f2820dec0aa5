#!/usr/bin/env python3
"""Check the people table on the US Senate press releases: does `quotes --by NAME` return
everything a senator said in their own office's releases, and nothing of anyone else?

    python3 scripts/check_people.py [--index DIR] [--min-releases 300] [--bbc]

Needs the shared corpora ($QUOTEBOOK_SHARED, default <repo>/../shared) and a release build
(`cargo build --release`). Without --index it indexes the corpus into a temporary folder
(about a minute); with --index DIR it indexes into DIR unless DIR already holds an index.

For each office with at least --min-releases releases (the senators are chosen by release
count), the *truth* is every quote in that office's releases whose speaker, as the
extractor wrote it, is a form of the senator's name: the senator's surname last, and in
front of it nothing, junk (`Senators`, `Delaware`), a middle initial or one of the
senator's given names (formal or familiar) -- minus quotes titled with another office
(`Rep. Salazar` in Ken Salazar's releases is his brother). Each name a user would type
(`Charles Grassley`, `Chuck Grassley`) is then run through `quotes --by`, over the whole
corpus:

- recall: the share of the truth that comes back;
- wrong: returned quotes whose speaker is plainly somebody else: another surname, another
  given name or suffix, or -- for a surname alone, which is what linking decides -- another
  gender's honorific or pronoun, or another office's title. (A full name of the senator is
  the extractor's attribution, whatever its title says: Richard Burr was a congressman in
  2004.)

With --bbc it also indexes the BBC corpus and counts how many of the `Blair`/`Mr Blair`
quotes in articles about the Prime Minister come back from `--by "Tony Blair"`.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("QUOTEBOOK_SHARED", ROOT.parent / "shared"))
QB = ROOT / "target" / "release" / "quotebook"

# Office (as the corpus names it) -> (surname, given names the senator goes by: formal and
# familiar, and the names a user types). From general knowledge of who held the seats.
SENATORS = {
    "Snowe": ("snowe", ["olympia"], ["Olympia Snowe"]),
    "Domenici": ("domenici", ["pete", "peter", "pietro"], ["Pete Domenici"]),
    "Reid": ("reid", ["harry"], ["Harry Reid"]),
    "Johnson": ("johnson", ["tim", "timothy"], ["Tim Johnson", "Timothy Johnson"]),
    "Mikulski": ("mikulski", ["barbara", "barb"], ["Barbara Mikulski"]),
    "Coleman": ("coleman", ["norm", "norman"], ["Norm Coleman", "Norman Coleman"]),
    "Feinstein": ("feinstein", ["dianne"], ["Dianne Feinstein"]),
    "Dewine": ("dewine", ["mike", "michael"], ["Mike DeWine", "Michael DeWine"]),
    "Dorgan": ("dorgan", ["byron"], ["Byron Dorgan"]),
    "Hutchison": ("hutchison", ["kay", "kathryn"], ["Kay Bailey Hutchison", "Kay Hutchison"]),
    "Dodd": ("dodd", ["chris", "christopher"], ["Chris Dodd", "Christopher Dodd"]),
    "Salazar": ("salazar", ["ken", "kenneth"], ["Ken Salazar", "Kenneth Salazar"]),
    "Santorum": ("santorum", ["rick", "richard"], ["Rick Santorum", "Richard Santorum"]),
    "Frist": ("frist", ["bill", "william"], ["Bill Frist", "William Frist"]),
    "Lugar": ("lugar", ["dick", "richard"], ["Dick Lugar", "Richard Lugar"]),
    "Bingaman": ("bingaman", ["jeff", "jeffrey", "jesse"], ["Jeff Bingaman"]),
    "Cantwell": ("cantwell", ["maria"], ["Maria Cantwell"]),
    "Biden": ("biden", ["joe", "joseph"], ["Joe Biden", "Joseph Biden"]),
    "Cornyn": ("cornyn", ["john"], ["John Cornyn"]),
    "Grassley": ("grassley", ["chuck", "charles"], ["Chuck Grassley", "Charles Grassley"]),
    "Hatch": ("hatch", ["orrin"], ["Orrin Hatch"]),
    "McConnell": ("mcconnell", ["mitch", "mitchell"], ["Mitch McConnell"]),
    "Craig": ("craig", ["larry", "lawrence"], ["Larry Craig"]),
    "Talent": ("talent", ["jim", "james"], ["Jim Talent", "James Talent"]),
    "Burns": ("burns", ["conrad"], ["Conrad Burns"]),
    "Bond": ("bond", ["kit", "christopher"], ["Kit Bond", "Christopher Bond"]),
    "Feingold": ("feingold", ["russ", "russell"], ["Russ Feingold", "Russell Feingold"]),
    "Chambliss": ("chambliss", ["saxby"], ["Saxby Chambliss"]),
    "Stabenow": ("stabenow", ["debbie", "deborah"], ["Debbie Stabenow", "Deborah Stabenow"]),
    "Allen": ("allen", ["george"], ["George Allen"]),
    "Roberts": ("roberts", ["pat", "patrick"], ["Pat Roberts", "Patrick Roberts"]),
    "Dayton": ("dayton", ["mark"], ["Mark Dayton"]),
    "Bayh": ("bayh", ["evan"], ["Evan Bayh"]),
    "Dole": ("dole", ["elizabeth", "liddy"], ["Elizabeth Dole"]),
    "Kyl": ("kyl", ["jon", "jonathan"], ["Jon Kyl"]),
    "Isakson": ("isakson", ["johnny", "john"], ["Johnny Isakson", "John Isakson"]),
    "Tester": ("tester", ["jon"], ["Jon Tester"]),
    "Stevens": ("stevens", ["ted", "theodore"], ["Ted Stevens", "Theodore Stevens"]),
    "Vitter": ("vitter", ["david"], ["David Vitter"]),
    "Murkowski": ("murkowski", ["lisa"], ["Lisa Murkowski"]),
    "Hagel": ("hagel", ["chuck", "charles"], ["Chuck Hagel", "Charles Hagel"]),
    "Lott": ("lott", ["trent"], ["Trent Lott"]),
    "Brownback": ("brownback", ["sam", "samuel"], ["Sam Brownback", "Samuel Brownback"]),
    "Rockefeller": ("rockefeller", ["jay", "john"], ["Jay Rockefeller", "John Rockefeller"]),
    "Thomas": ("thomas", ["craig"], ["Craig Thomas"]),
    "Jeffords": ("jeffords", ["jim", "james"], ["Jim Jeffords", "James Jeffords"]),
    "Burr": ("burr", ["richard"], ["Richard Burr"]),
    "Voinovich": ("voinovich", ["george"], ["George Voinovich"]),
    "Carper": ("carper", ["tom", "thomas"], ["Tom Carper", "Thomas Carper"]),
    "Byrd": ("byrd", ["robert"], ["Robert Byrd"]),
    "Wyden": ("wyden", ["ron", "ronald"], ["Ron Wyden", "Ronald Wyden"]),
    "Sanders": ("sanders", ["bernie", "bernard"], ["Bernie Sanders", "Bernard Sanders"]),
    "Demint": ("demint", ["jim", "james"], ["Jim DeMint"]),
    "Corzine": ("corzine", ["jon"], ["Jon Corzine"]),
    "Whitehouse": ("whitehouse", ["sheldon"], ["Sheldon Whitehouse"]),
    "Chafee": ("chafee", ["lincoln"], ["Lincoln Chafee"]),
    "Warner": ("warner", ["john"], ["John Warner"]),
    "Sarbanes": ("sarbanes", ["paul"], ["Paul Sarbanes"]),
    "Bennett": ("bennett", ["bob", "robert"], ["Bob Bennett", "Robert Bennett"]),
    "BillNelson": ("nelson", ["bill", "william"], ["Bill Nelson"]),
    "Cochran": ("cochran", ["thad", "thaddeus"], ["Thad Cochran"]),
    "Baucus": ("baucus", ["max", "maxwell"], ["Max Baucus"]),
}

SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
OTHER_OFFICE = {"rep", "representative", "congressman", "congresswoman", "congressmen",
                "gov", "governor", "mayor", "secretary", "administrator", "judge", "justice"}
MALE = {"mr", "sir", "lord", "he", "congressman"}
FEMALE = {"mrs", "ms", "miss", "lady", "dame", "she", "congresswoman"}
FEMALE_SENATORS = {"snowe", "mikulski", "feinstein", "hutchison", "cantwell", "stabenow",
                   "dole", "murkowski"}


def load_first_names():
    names = set()
    path = ROOT / "src" / "extract" / "data" / "first_names.tsv"
    for line in path.read_text().splitlines():
        if "\t" in line:
            names.add(line.split("\t")[0])
    for line in (ROOT / "src" / "people" / "nicknames.tsv").read_text().splitlines():
        if line and not line.startswith("#") and "\t" in line:
            formal, nicks = line.split("\t")
            names.add(formal)
            names.update(nicks.split())
    return names


FIRST_NAMES = load_first_names()


def words(s):
    s = unicodedata.normalize("NFKD", s or "")
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = s.split(",")[0].split("(")[0]
    out = []
    for w in s.split():
        w = w.strip(".,;:'\"()[]").replace(".", "")
        if w.endswith("'s"):
            w = w[:-2]
        if w:
            out.append(w)
    return out


def is_senators_name(speaker, surname, givens):
    """The speaker as written is a form of this senator's name."""
    w = words(speaker)
    if w and w[-1] in SUFFIXES:
        w = w[:-1]
    if not w or w[-1] != surname:
        return False
    before = w[:-1]
    # Initials and junk in front are fine; a given name must be the senator's.
    for x in before:
        if x in givens:
            return True
    return not any(x in FIRST_NAMES and len(x) > 1 for x in before)


def other_office(title):
    return bool(title) and any(w in OTHER_OFFICE for w in words(title))


def wrong_person(hit, surname, givens, female):
    w = words(hit.get("speaker"))
    if w and w[-1] in SUFFIXES:
        return True, "suffix"
    if not w or w[-1] != surname:
        return True, "surname"
    before = [x for x in w[:-1] if x in FIRST_NAMES and len(x) > 1]
    if before and not any(x in givens for x in before):
        return True, "given name"
    if before:
        # A full name of the senator: what the extractor attributed, not a link of ours.
        return False, ""
    if other_office(hit.get("speaker_title")):
        return True, "title"
    shown = words(hit.get("speaker_title")) + words(hit.get("speaker_mention"))[:1]
    if female and any(x in MALE for x in shown) or not female and any(x in FEMALE for x in shown):
        return True, "gender"
    return False, ""


def run_json(args):
    out = subprocess.run([str(QB)] + args, capture_output=True, text=True)
    if out.returncode not in (0, 1):
        sys.exit(f"quotebook {' '.join(args)} failed:\n{out.stderr}")
    return [json.loads(l) for l in out.stdout.splitlines() if l.strip()]


def ensure_index(index, corpus):
    if not (index / "meta.json").exists():
        print(f"indexing {corpus} into {index} …", file=sys.stderr)
        subprocess.run([str(QB), "--index", str(index), "index", "-q", str(corpus)],
                       check=False, stdout=subprocess.DEVNULL)


def release_counts(corpus):
    counts = Counter()
    for part in sorted(corpus.glob("*.jsonl")):
        with open(part, encoding="utf-8") as f:
            for line in f:
                counts[json.loads(line)["senator"]] += 1
    return counts


def check_senate(index, min_releases):
    corpus = SHARED / "corpora" / "senate-press-releases"
    ensure_index(index, corpus)
    counts = release_counts(corpus)
    chosen = [o for o, n in counts.most_common() if n >= min_releases and o in SENATORS]
    missing = [o for o, n in counts.most_common() if n >= min_releases and o not in SENATORS]
    if missing:
        print(f"no names known for: {', '.join(missing)}", file=sys.stderr)
    rows = []
    for office in chosen:
        surname, givens, typed = SENATORS[office]
        female = surname in FEMALE_SENATORS
        prefix = f"senate/{office}/"
        in_office = run_json(["--index", str(index), "quotes", "--json", "--limit", "1000000",
                              f"author:{office.lower()}"])
        truth = {(h["article_id"], h["start"]) for h in in_office
                 if h["article_id"].startswith(prefix) and h.get("speaker")
                 and is_senators_name(h["speaker"], surname, givens)
                 and not other_office(h.get("speaker_title"))}
        for name in typed:
            hits = run_json(["--index", str(index), "quotes", "--json", "--limit", "1000000",
                             "--by", name])
            got = {(h["article_id"], h["start"]) for h in hits}
            wrong = Counter()
            examples = []
            for h in hits:
                bad, why = wrong_person(h, surname, givens, female)
                if bad:
                    wrong[why] += 1
                    if len(examples) < 3:
                        examples.append(f"{h['speaker']!r} ({h.get('speaker_title')}, "
                                        f"{h.get('speaker_mention')!r}) in {h['article_id']}")
            recall = len(truth & got) / len(truth) if truth else 1.0
            rows.append((office, name, counts[office], len(truth), recall, len(hits),
                         sum(wrong.values()), dict(wrong), examples))
    print(f"{'office':12} {'--by':24} {'releases':>8} {'truth':>6} {'recall':>7} "
          f"{'returned':>8} {'wrong':>5}")
    for office, name, rel, t, recall, n, w, why, ex in rows:
        print(f"{office:12} {name:24} {rel:8} {t:6} {recall:7.3f} {n:8} {w:5}"
              + (f"  {why}" if w else ""))
        for e in ex:
            print(f"{'':14}e.g. {e}")
    recalls = [r[4] for r in rows]
    print(f"\n{len(chosen)} senators, {len(rows)} names: median recall "
          f"{statistics.median(recalls):.3f}, lowest {min(recalls):.3f} "
          f"({min(rows, key=lambda r: r[4])[1]}), wrong {sum(r[6] for r in rows)}")
    return rows


def check_bbc(index):
    corpus = SHARED / "corpora" / "bbc-news"
    ensure_index(index, corpus)
    bare = run_json(["--index", str(index), "quotes", "--json", "--limit", "100000",
                     "--person", "blair"])
    linked = run_json(["--index", str(index), "quotes", "--json", "--limit", "100000",
                       "--by", "Tony Blair"])
    surname_only = [h for h in linked if words(h["speaker"]) == ["blair"]]
    print(f"\nBBC: --by \"Tony Blair\" returns {len(linked)} quotes, {len(surname_only)} of them "
          f"under Blair/Mr Blair ({Counter(h['link'] for h in surname_only)}); "
          f"{len(bare)} Blair quotes left unlinked")
    others = Counter(h["speaker"] for h in linked if "blair" not in words(h["speaker"])[-1:])
    if others:
        print(f"  other speakers returned: {dict(others)}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--index", type=Path, help="index of the senate corpus (made if absent)")
    ap.add_argument("--bbc-index", type=Path, help="index of the BBC corpus (made if absent)")
    ap.add_argument("--min-releases", type=int, default=300)
    ap.add_argument("--bbc", action="store_true", help="also check Tony Blair on BBC")
    args = ap.parse_args()
    if not QB.exists():
        sys.exit("build first: cargo build --release")
    with tempfile.TemporaryDirectory() as tmp:
        index = args.index or Path(tmp) / "senate"
        rows = check_senate(index, args.min_releases)
        if args.bbc:
            check_bbc(args.bbc_index or Path(tmp) / "bbc")
    recalls = [r[4] for r in rows]
    ok = statistics.median(recalls) >= 0.95 and min(recalls) >= 0.85 and all(r[6] == 0 for r in rows)
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
