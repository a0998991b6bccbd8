#!/usr/bin/env python3
"""Trains the anonymiser's tagger (src/tagger.rs) and writes data/tagger.bin.

The model is a multi-class averaged perceptron (nothing / person / place / organisation)
over hashed features of each word the rules keep. The features are computed by the crate
itself: this script runs the `tagger_features` example, which writes them, so the Rust
inference and this training cannot drift apart. Pure Python, no dependencies.

Training data: the annotated stories the project may tune on, dev.jsonl and the tuning part
of dev2.jsonl (never dev2's test fold: folds.py splits it off). The thresholds (how sure the
model must be before a kept word goes: one for words in no lexicon, one for ordinary words)
are chosen by cross-validation over stories within that training data.

  python3 crates/anonymiser/tools/tagger/train.py [--devset DIR] [--bits 16] [--cost 0.5]
      [--folds 5] [--epochs 8] [--dry-run]

--cost: how many removed ordinary words weigh as much as one leaked identifying word when
the threshold is chosen. --dry-run: print the cross-validation figures, write no model.
The scratch files (which hold words of the stories) live in a temporary directory that is
removed at the end.
"""
import argparse
import collections
import json
import os
import random
import struct
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
CRATE = os.path.normpath(os.path.join(HERE, "..", ".."))
CLASSES = ["O", "PERSON", "PLACE", "ORG"]
# gold kinds the tagger learns; other kinds (e-mail, dates...) are left to the patterns and
# their words are neither positive nor negative examples
LEARNED = {"PERSON": 1, "PLACE": 2, "ADDRESS": 2, "ORG": 3}


def extract(devset, bits, corpora):
    subprocess.run(["cargo", "build", "--release", "--quiet", "--manifest-path",
                    os.path.join(CRATE, "Cargo.toml"), "--features", "training", "--example", "tagger_features"],
                   check=True)
    meta = subprocess.run(["cargo", "metadata", "--format-version", "1", "--no-deps",
                           "--manifest-path", os.path.join(CRATE, "Cargo.toml")],
                          check=True, capture_output=True, text=True)
    target = json.loads(meta.stdout)["target_directory"]
    exe = os.path.join(target, "release", "examples", "tagger_features")
    out = subprocess.run([exe, str(bits)] + corpora, check=True, capture_output=True, text=True)
    rows = []
    for line in out.stdout.splitlines():
        sid, start, end, lower, kind, cand, lexical, feats = line.split("\t")
        rows.append({
            "story": sid, "lower": lower, "kind": kind, "candidate": cand == "1",
            "lexical": lexical == "1",
            "features": [tuple(int(x) for x in f.split(":")) for f in feats.split()],
        })
    return rows


class Perceptron:
    """Multi-class averaged perceptron over feature buckets."""

    def __init__(self, buckets):
        self.w = [[0.0] * len(CLASSES) for _ in range(buckets)]
        self.total = [[0.0] * len(CLASSES) for _ in range(buckets)]
        self.stamp = [[0] * len(CLASSES) for _ in range(buckets)]
        self.t = 0

    def scores(self, feats, w=None):
        w = w or self.w
        s = [0.0] * len(CLASSES)
        for f in feats:
            row = w[f]
            for c in range(len(CLASSES)):
                s[c] += row[c]
        return s

    def update(self, feats, gold, guess):
        for f in feats:
            for c, delta in ((gold, 1.0), (guess, -1.0)):
                self.total[f][c] += (self.t - self.stamp[f][c]) * self.w[f][c]
                self.stamp[f][c] = self.t
                self.w[f][c] += delta

    def train(self, examples, epochs, seed=11):
        rng = random.Random(seed)
        order = list(range(len(examples)))
        for _ in range(epochs):
            rng.shuffle(order)
            for k in order:
                feats, gold = examples[k]
                self.t += 1
                s = self.scores(feats)
                guess = max(range(len(CLASSES)), key=lambda c: s[c])
                if guess != gold:
                    self.update(feats, gold, guess)
        # average
        for f in range(len(self.w)):
            for c in range(len(CLASSES)):
                self.total[f][c] += (self.t - self.stamp[f][c]) * self.w[f][c]
                self.w[f][c] = self.total[f][c] / max(self.t, 1)
        self.total = self.stamp = None
        return self

    def margin(self, feats):
        s = self.scores(feats)
        best = max(range(1, len(CLASSES)), key=lambda c: s[c])
        return best, s[best] - s[0]


def scorable(lower):
    """A gold word the scorer counts (pii_score.py: not a stop word, two letters or a digit)."""
    import pii_score
    return any(t not in pii_score.STOP and (len(t) >= 2 or t.isdigit())
               for t in pii_score.tokens(lower))


def buckets_of(row, mask):
    return [b for t, b in row["features"] if mask & (1 << t)]


def examples_of(rows, mask, positive_weight=1):
    out = []
    for r in rows:
        if not r["candidate"]:
            continue
        if r["kind"] == "O":
            out.append((buckets_of(r, mask), 0))
        elif r["kind"] in LEARNED and scorable(r["lower"]):
            out.extend([(buckets_of(r, mask), LEARNED[r["kind"]])] * positive_weight)
    return out


def evaluate(rows, taken):
    """Leak and over-redaction counts on the words the rules kept, when the words in
    `taken` (row indices) go too, as the scorer counts them (roughly)."""
    leaked = caught = wrong = 0
    dirty = set()
    for i, r in enumerate(rows):
        pii = r["kind"] != "O" and scorable(r["lower"])
        if pii and i not in taken:
            leaked += 1
            dirty.add(r["story"])
        elif pii:
            caught += 1
        elif i in taken:
            wrong += 1
    return leaked, caught, wrong, dirty


def cross_validate(rows, folds, epochs, buckets, mask, positive_weight, seed):
    """Each story's candidates scored by a model that never saw the story."""
    stories = sorted({r["story"] for r in rows})
    random.Random(seed).shuffle(stories)
    fold_of = {s: k % folds for k, s in enumerate(stories)}
    margins = {}
    for k in range(folds):
        train = [r for r in rows if fold_of[r["story"]] != k]
        model = Perceptron(buckets).train(examples_of(train, mask, positive_weight), epochs)
        for i, r in enumerate(rows):
            if fold_of[r["story"]] == k and r["candidate"]:
                margins[i] = model.margin(buckets_of(r, mask))
    return margins


def totals(corpora):
    import pii_score
    pii = non = 0
    ids = []
    for path in corpora:
        for _, obj in pii_score.load(path):
            ids.append(obj["id"])
            _, spans = pii_score.parse(obj["marked"])
            for _, surface in spans:
                pii += sum(1 for t in pii_score.tokens(surface)
                           if t not in pii_score.STOP and (len(t) >= 2 or t.isdigit()))
            non += len(pii_score.tokens(pii_score.MARK.sub(" ", obj["marked"])))
    return pii, non, ids


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--devset", default=os.environ.get(
        "KANARIE_DEVSET", os.path.join(CRATE, "..", "..", "..", "shared", "pii-devset")))
    ap.add_argument("--bits", type=int, default=16)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--cost", type=float, default=0.5)
    ap.add_argument("--positive-weight", type=int, default=1,
                    help="show each identifying example this many times per epoch")
    ap.add_argument("--repeats", type=int, default=3,
                    help="cross-validate this many times with other splits; figures are means")
    ap.add_argument("--drop", default="18,21,25",
                    help="feature templates (numbers, see src/tagger.rs) to leave out; the word's "
                         "neighbour bigrams did not help in cross-validation")
    ap.add_argument("--dry-run", action="store_true")
    args = ap.parse_args()
    sys.path.insert(0, args.devset)
    buckets = 1 << args.bits

    with tempfile.TemporaryDirectory() as scratch:
        subprocess.run([sys.executable, os.path.join(args.devset, "folds.py"), scratch],
                       check=True, capture_output=True)
        corpora = [os.path.join(args.devset, "dev.jsonl"),
                   os.path.join(scratch, "dev2-tune.jsonl")]
        rows = extract(args.devset, args.bits, corpora)
        total_pii, total_non, ids = totals(corpora)

    base_leaked, _, _, base_dirty = evaluate(rows, set())
    n_stories = len(ids)
    print(f"training rows {len(rows)}, candidates {sum(r['candidate'] for r in rows)}, "
          f"positive examples {sum(1 for _, c in examples_of(rows, 0) if c)}")
    print(f"rules alone (rows' view): leaked {base_leaked} of {total_pii} "
          f"({100 * base_leaked / total_pii:.2f}%), clean "
          f"{100 * (n_stories - len(base_dirty)) / n_stories:.1f}%")

    mask = 0xFFFFFFFF
    for t in filter(None, args.drop.split(",")):
        mask &= ~(1 << int(t))
    runs = [cross_validate(rows, args.folds, args.epochs, buckets, mask, args.positive_weight,
                           seed) for seed in range(5, 5 + args.repeats)]
    grid = [x / 2 for x in range(-40, 21)]

    def outcome(threshold_of):
        """Mean (leaked, caught, wrong, dirty stories) over the repeats."""
        sums = [0, 0, 0, 0]
        for margins in runs:
            taken = {i for i, (_, m) in margins.items()
                     if m > threshold_of(rows[i]["lexical"])}
            leaked, caught, wrong, dirty = evaluate(rows, taken)
            for k, x in enumerate((leaked, caught, wrong, len(dirty))):
                sums[k] += x
        return [x / len(runs) for x in sums]

    # The objective (caught - cost * wrong) adds up over words, so each group's threshold
    # is chosen on its own: words in no lexicon, and ordinary words.
    chosen = {}
    for lexical in (False, True):
        print(f"cross-validation ({args.folds} folds over stories, {args.repeats} repeats), "
              f"{'ordinary words' if lexical else 'words in no lexicon'} only:")
        print("  threshold  caught  wrong")
        best = None
        for threshold in grid:
            _, caught, wrong, _ = outcome(
                lambda lex, t=threshold: t if lex == lexical else float("inf"))
            if threshold * 2 % 4 == 0:
                print(f"  {threshold:9.1f}  {caught:6.1f}  {wrong:5.1f}")
            if best is None or caught - args.cost * wrong > best[0]:
                best = (caught - args.cost * wrong, threshold)
        chosen[lexical] = best[1]
    leaked, caught, wrong, dirty = outcome(lambda lex: chosen[lex])
    print(f"chosen: threshold {chosen[False]} (words in no lexicon), {chosen[True]} (ordinary "
          f"words): cross-validated leak {100 * leaked / total_pii:.2f}% (rules "
          f"{100 * base_leaked / total_pii:.2f}%), clean "
          f"{100 * (n_stories - dirty) / n_stories:.1f}% (rules "
          f"{100 * (n_stories - len(base_dirty)) / n_stories:.1f}%), extra over-redaction "
          f"{100 * wrong / total_non:.2f}% ({caught:.1f} caught, {wrong:.1f} wrong)")
    if caught <= args.cost * wrong or args.dry_run:
        print("no model written" + ("" if args.dry_run else ": it does not help"))
        return

    model = Perceptron(buckets).train(examples_of(rows, mask, args.positive_weight),
                                      args.epochs)
    peak = max(max(abs(x) for x in row) for row in model.w) or 1.0
    scale = 32000.0 / peak
    path = os.path.join(CRATE, "data", "tagger.bin")
    with open(path, "wb") as f:
        f.write(b"KTG1")
        f.write(struct.pack("<IiiI", args.bits, int(round(chosen[False] * scale)),
                            int(round(chosen[True] * scale)), mask))
        for row in model.w:
            f.write(struct.pack("<4h", *(int(round(x * scale)) for x in row)))
    print(f"wrote {path} ({os.path.getsize(path)} bytes)")


if __name__ == "__main__":
    main()
