#!/usr/bin/env python3
"""Adds Dutch names and places from DEDUCE's lookup lists to the anonymiser's gazetteers.

Run from the crate directory (crates/anonymiser), after generate.py:
    python3 tools/gazetteer/deduce_lists.py
It installs DEDUCE (pinned) with pip when it is missing. DEDUCE is the Dutch reference
de-identification tool (github.com/vmenger/deduce, LGPL-3.0-or-later); its lists come from
Dutch registers (CBS, BAG, Meertens). Faker's Dutch lists are short, so a Dutch surname
such as "hofstede" or a village was unknown to the engine.

Only entries that are no word of the Dutch or English lexicon, and not yet in the generated
list, are written: a name that is also a word ("aan", "baan", "de bomen") needs its role in
the sentence to be a name, and the generated lists with their rules decide those. Entries
are single words (hyphens and apostrophes allowed); a province tag such as " (nb)" is cut.
Places named with their article are written as the pair ("de bilt"), when the word is no
word or the place is a municipality ("den haag").

Output (one lowercase entry per line, sorted, UTF-8):
  deduce_given_names.txt  first names
  deduce_surnames.txt     surnames without interfix ("de", "van")
  deduce_places.txt       Dutch residences (woonplaatsen) and municipalities
"""
import importlib
import importlib.metadata
import importlib.util
import os
import re
import subprocess
import sys
import unicodedata

DEDUCE_VERSION = "3.0.6"
DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "data")
HEADER = "# From DEDUCE {version}'s lookup list {source} (LGPL-3.0-or-later), by tools/gazetteer/deduce_lists.py:\n# entries that are no lexicon word and not in {generated}.\n"
SINGLE = re.compile(r"^[a-zà-öø-ÿ'][a-zà-öø-ÿ'-]*[a-zà-öø-ÿ]$")


def deduce_lookup_dir():
    # Only the package's data files are read: importing deduce would need its dependencies.
    def installed():
        try:
            return importlib.metadata.version("deduce") == DEDUCE_VERSION
        except importlib.metadata.PackageNotFoundError:
            return False

    if not installed():
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps",
                        f"deduce=={DEDUCE_VERSION}"], check=True)
        importlib.invalidate_caches()
    spec = importlib.util.find_spec("deduce")
    return os.path.join(os.path.dirname(spec.origin), "data", "lookup", "src")


def read(path):
    out = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            w = unicodedata.normalize("NFC", line.strip()).lower()
            if w and not w.startswith("#"):
                out.add(w)
    return out


def main():
    src = deduce_lookup_dir()
    lexicon = read(os.path.join(DATA, "nl_words.txt")) | read(os.path.join(DATA, "en_words.txt"))
    municipalities = read(os.path.join(src, "locations/lst_placename/lst_municipality", "items.txt"))
    for source, generated, out in (
        ("names/lst_first_name", "given_names.txt", "deduce_given_names.txt"),
        ("names/lst_surname", "surnames.txt", "deduce_surnames.txt"),
        ("locations/lst_placename/lst_residence", "places.txt", "deduce_places.txt"),
    ):
        known = read(os.path.join(DATA, generated))
        entries = set()
        items = read(os.path.join(src, source, "items.txt"))
        if out == "deduce_places.txt":
            items |= municipalities
        for w in sorted(items):
            w = re.sub(r" \([a-z]+\)$", "", w)
            if SINGLE.match(w) and w not in lexicon and w not in known:
                entries.add(w)
            # a place named with its article ("de bilt", "den helder"): the engine looks
            # the pair up after a locative; a pair whose word is a word ("het hoekje")
            # only when it is a municipality ("den haag")
            article = re.match(r"^(de|den|het|'t|ter|ten) (\S+)$", w)
            if out == "deduce_places.txt" and article and SINGLE.match(article.group(2)) \
                    and w not in known \
                    and (article.group(2) not in lexicon or w in municipalities):
                entries.add(w)
        with open(os.path.join(DATA, out), "w", encoding="utf-8") as f:
            f.write(HEADER.format(version=DEDUCE_VERSION, source=source, generated=generated))
            for w in sorted(entries):
                f.write(w + "\n")
        print(f"{out}: {len(entries)} entries")


if __name__ == "__main__":
    main()
