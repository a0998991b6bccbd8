#!/usr/bin/env python3
"""Simulates the parent's check on annotated stories: a parent who ticks every word the preview
offers ("ask", at most 12) that lies inside a gold identifying span, and types nothing.

Usage: parent_ticks.py SCRUB_BINARY CORPUS.jsonl [--quiet]

Runs the `scrub` example on the plain stories, takes each line's "ask" list, ticks the
identifying ones, runs again with those as "remove" (anonymise_story_removing), and prints
pii_score.py's figures after ticking plus what the parent was offered: identifying and
not identifying words per story. --quiet prints figures only (for the test fold)."""
import collections
import io
import json
import os
import subprocess
import sys
import contextlib

here = os.path.dirname(os.path.abspath(__file__))
devset = os.environ.get("KANARIE_DEVSET", os.path.join(here, "..", "..", "..", "..", "shared", "pii-devset"))
sys.path.insert(0, devset)
import pii_score  # noqa: E402


def scrub(binary, lines):
    data = "".join(json.dumps(l, ensure_ascii=False) + "\n" for l in lines)
    out = subprocess.run([binary, "--jsonl"], input=data.encode(), capture_output=True, check=True)
    return [json.loads(l) for l in out.stdout.decode().splitlines() if l.strip()]


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    quiet = "--quiet" in sys.argv
    if len(args) != 2:
        raise SystemExit(__doc__)
    binary, corpus = args
    stories = [obj for _, obj in pii_score.load(corpus)]
    plain = []
    gold_tokens = {}
    for obj in stories:
        text, spans = pii_score.parse(obj["marked"])
        plain.append({"id": obj["id"], "lang": obj["lang"], "text": text})
        ident = set()
        for _, surface in spans:
            ident.update(t for t in pii_score.tokens(surface)
                         if t not in pii_score.STOP and (len(t) >= 2 or t.isdigit()))
        gold_tokens[obj["id"]] = ident
    first = scrub(binary, plain)
    offered_ident = offered_other = 0
    other_words = collections.Counter()
    second_in = []
    for line, original in zip(first, plain):
        ticks = []
        for word in line.get("ask", []):
            toks = pii_score.tokens(word)
            if toks and any(t in gold_tokens[line["id"]] for t in toks):
                ticks.append(word)
                offered_ident += 1
            else:
                offered_other += 1
                other_words[word.casefold()] += 1
        second_in.append(dict(original, remove=ticks))
    second = scrub(binary, second_in)
    if "--debug" in sys.argv:
        for line, asked in zip(second, first):
            out = collections.Counter(pii_score.tokens(pii_score.PLACEHOLDER.sub(" ", line["text"])))
            gold = next(o for o in stories if o["id"] == line["id"])
            non = collections.Counter(pii_score.tokens(pii_score.MARK.sub(" ", gold["marked"])))
            missed = [t for t in gold_tokens[line["id"]] if out[t] > non[t]]
            if missed:
                print(line["id"], "missed:", " ".join(sorted(missed)), "| asked:", " / ".join(asked.get("ask", [])))
    with open(os.devnull, "w") as _:
        pass
    tmp = io.StringIO()
    out_path = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"parent_ticks.{os.getpid()}.jsonl")
    try:
        with open(out_path, "w", encoding="utf-8") as f:
            for line in second:
                f.write(json.dumps({"id": line["id"], "text": line["text"]}, ensure_ascii=False) + "\n")
        with contextlib.redirect_stdout(tmp):
            leak, clean, over, _ = pii_score.score(corpus, out_path)
    finally:
        os.remove(out_path)
    n = max(len(stories), 1)
    report = tmp.getvalue().splitlines()
    if quiet:
        report = [l for l in report if not l.startswith("  leaked in")]
    print("after ticking:")
    for l in report:
        print("  " + l)
    print(f"offered per story: {offered_ident / n:.2f} identifying, {offered_other / n:.2f} not identifying"
          f" (aim <= 10)")
    if not quiet:
        print("most offered words that identify nobody: " +
              ", ".join(f"{w} {c}" for w, c in other_words.most_common(25)))


if __name__ == "__main__":
    main()
