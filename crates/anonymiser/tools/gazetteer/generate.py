#!/usr/bin/env python3
"""Generates the anonymiser's gazetteers in data/ from well-kept public sources.

Run from the crate directory (crates/anonymiser):  python3 tools/gazetteer/generate.py
It installs its own sources (Debian word lists via apt, Faker via pip) when they are
missing, and pins the Faker version so that a rerun gives the same files.
Nothing here runs at service run time: the files are compiled into the binary with
include_str!.

Output (one lowercase entry per line, sorted, UTF-8):
  nl_words.txt      Dutch lexicon (OpenTaal via wdutch), lowercase entries only, minus
                    compounds the engine can split itself (keeps the file small)
  en_words.txt      English lexicon (SCOWL via wamerican + wbritish), lowercase entries
  given_names.txt   given names (Faker person providers, many locales, Latin script)
  surnames.txt      surnames (same providers)
  places.txt        Dutch and Belgian towns and villages plus cities abroad (Faker address providers)
  countries.txt     countries and provinces in Dutch and English: these are *kept*
  proper_nouns.txt  other capitalised entries of the Dutch and English word lists (names,
                    places, brands), lowercased; a word here that is no lowercase lexicon
                    word is a proper noun whatever its case in the story
"""
import importlib
import os
import re
import shutil
import subprocess
import sys
import unicodedata

FAKER_VERSION = "40.54.0"
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "data")
DICTS = {"nl": "/usr/share/dict/dutch", "en_us": "/usr/share/dict/american-english",
         "en_gb": "/usr/share/dict/british-english"}


def ensure_sources():
    missing = [p for p in DICTS.values() if not os.path.exists(p)]
    if missing:
        if shutil.which("apt-get") is None:
            sys.exit("need the Debian packages wdutch, wamerican and wbritish")
        subprocess.run(["apt-get", "install", "-y", "wdutch", "wamerican", "wbritish"], check=True)
    try:
        import faker  # noqa: F401
        if faker.VERSION != FAKER_VERSION:
            raise ImportError
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", f"faker=={FAKER_VERSION}"], check=True)
        importlib.invalidate_caches()


# Ukrainian and Russian names are written in Cyrillic in Faker; Dutch parents write them
# in Latin script, so they are transliterated (Ukrainian national system, simplified).
CYR = {"а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ye", "ж": "zh",
       "з": "z", "и": "y", "і": "i", "ї": "yi", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n",
       "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
       "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "yu", "я": "ya", "'": "", "’": "",
       "ы": "y", "э": "e", "ъ": "", "ё": "yo"}
CYR_RU = dict(CYR, г="g", и="i")


def translit(word, table):
    out = "".join(table.get(c, table.get(c.lower(), c)) for c in word.lower())
    return out


LATIN = re.compile(r"^[a-zà-öø-ÿāăąćčďđēėęěğīįıķĺľłńňōőœŕřśşšţťūůűųźżžß' -]+$")


def clean(name):
    name = unicodedata.normalize("NFC", name.strip()).lower()
    if not name or not LATIN.match(name):
        return None
    return name


def faker_attr(kind, loc, *attrs):
    try:
        prov = importlib.import_module(f"faker.providers.{kind}.{loc}").Provider
    except ModuleNotFoundError:
        return []
    out = []
    for a in attrs:
        v = getattr(prov, a, None)
        if v is None:
            continue
        out.extend(v.keys() if isinstance(v, dict) else v)
    return out


# Locales whose names are common among Dutch families: Dutch and Flemish, Turkish,
# Maghreb (Latin-script French transliterations), Surinamese Hindustani (Indian),
# Pakistani/Afghan, Persian, Polish, Ukrainian, Russian, German, English, French,
# Spanish/Portuguese (Antillean, Cape Verdean), West African.
NAME_LOCALES = ["nl_NL", "nl_BE", "tr_TR", "fr_DZ", "en_IN", "en_PK", "pl_PL", "uk_UA",
                "ru_RU", "de_DE", "en_US", "en_GB", "en_IE", "fr_FR", "es_ES", "pt_PT",
                "pt_BR", "it_IT", "yo_NG", "ig_NG", "ha_NG", "en_NG", "sw", "tw_GH", "fa_IR",
                "id_ID", "ro_RO", "hr_HR", "cs_CZ", "hu_HU", "bg_BG", "sk_SK", "lt_LT", "lv_LV",
                "el_GR", "az_AZ", "sq_AL", "da_DK", "sv_SE", "no_NO", "fi_FI"]
GIVEN_ATTRS = ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary")
SURNAME_ATTRS = ("last_names", "unisex_last_names", "male_last_names", "last_names_male",
                 "last_names_female", "last_names_common")
# Tussenvoegsels are kept apart by the engine; "van der meer" is stored as "meer".
TUSSEN = {"van", "de", "der", "den", "het", "ter", "ten", "te", "in", "'t", "op", "'s", "von", "le", "la", "du", "da", "di", "el", "al", "bin"}


def names():
    given, sur = set(), set()
    for loc in NAME_LOCALES:
        table = CYR_RU if loc == "ru_RU" else CYR
        for attrs, target in ((GIVEN_ATTRS, given), (SURNAME_ATTRS, sur)):
            for n in faker_attr("person", loc, *attrs):
                if loc in ("uk_UA", "ru_RU", "bg_BG"):
                    n = translit(n, table)
                for part in re.split(r"[\s-]+", n):
                    c = clean(part)
                    if c and c not in TUSSEN and len(c) >= 2 and "'" not in c:
                        target.add(c)
    return given, sur


PLACE_LOCALES = [("nl_NL", ("cities",)), ("nl_BE", ("cities",)), ("de_DE", ("cities",)),
                 ("pl_PL", ("cities",)), ("fr_DZ", ("cities",)), ("en_IN", ("cities",)),
                 ("tr_TR", ("cities",)), ("fr_FR", ("cities",)), ("uk_UA", ("city_names",)),
                 ("ru_RU", ("city_names",)), ("es_ES", ("cities",)), ("it_IT", ("cities",)),
                 ("en_AU", ("cities",)), ("pt_PT", ("cities",)), ("id_ID", ("cities",))]


def places(keep):
    out = set()
    for loc, attrs in PLACE_LOCALES:
        for p in faker_attr("address", loc, *attrs):
            if loc in ("uk_UA", "ru_RU"):
                p = translit(p, CYR_RU if loc == "ru_RU" else CYR)
            c = clean(p)
            if c and c not in keep and len(c) >= 3:
                out.add(c)
    return out | CITY_PROVINCES


def countries():
    out = set()
    for loc in ("nl_NL", "en", "en_US", "nl_BE", "de_DE"):
        for c in faker_attr("address", loc, "countries", "provinces", "states"):
            c = clean(c)
            if c:
                out.add(c)
    # Dutch and Belgian provinces (and their common spellings): above the identifying level.
    out.update(["friesland", "fryslân", "drenthe", "overijssel", "flevoland", "gelderland",
                "noord-holland", "zuid-holland", "zeeland", "noord-brabant", "brabant", "limburg",
                "vlaams-brabant", "west-vlaanderen", "oost-vlaanderen", "henegouwen", "vlaanderen",
                "wallonië", "nederland", "belgië", "netherlands", "belgium", "holland"])
    # Everyday short names of countries and regions above province level, which Faker
    # lists only in their official form ("Syrian Arab Republic").
    out.update(["engeland", "schotland", "wales", "ierland", "noord-ierland", "england", "scotland",
                "ireland", "syrië", "syria", "rusland", "russia", "iran", "irak", "iraq", "turkije",
                "turkey", "türkiye", "marokko", "morocco", "curaçao", "aruba", "bonaire", "sint-maarten",
                "sint maarten", "sint-eustatius", "suriname", "oekraïne", "ukraine", "eritrea",
                "somalië", "somalia", "afghanistan", "polen", "poland", "duitsland", "germany",
                "frankrijk", "france", "spanje", "spain", "italië", "italy", "amerika", "america", "usa",
                "verenigde staten", "united states", "uk", "vs", "china", "india", "pakistan",
                "indonesië", "indonesia", "ethiopië", "ethiopia", "soedan", "sudan", "jemen", "yemen",
                "libanon", "lebanon", "egypte", "egypt", "algerije", "algeria", "tunesië", "tunisia",
                "europa", "europe", "azië", "asia", "afrika", "africa", "caribisch", "caribbean",
                "antillen", "nederlandse antillen", "canada", "australië", "australia",
                "nieuw-zeeland", "new zealand", "brazilië", "brazil", "kaapverdië", "cape verde",
                "ghana", "nigeria", "koerdistan", "kurdistan", "palestina", "palestine", "israël",
                "israel", "griekenland", "greece", "portugal", "roemenië", "romania", "bulgarije",
                "bulgaria", "hongarije", "hungary", "litouwen", "lithuania", "letland", "latvia",
                # (not "veluwe": a region below province level names where a family lives,
                # as "twente" or "de achterhoek" do)
                "randstad", "noordzee", "waddenzee", "ijsselmeer", "wadden",
                "schelde", "alpen", "ardennen", "middellandse zee", "caraïben"])
    # Provinces named after their capital: in a story the city is meant far more often, and
    # removing a province name costs less than leaking a city.
    out -= CITY_PROVINCES
    return out


CITY_PROVINCES = {"groningen", "utrecht", "antwerpen", "luik", "namen"}


def read_dict(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            w = unicodedata.normalize("NFC", line.strip())
            if w and not w.endswith("'s") and w == w.lower() and " " not in w:
                yield w


def shrink_compounds(words):
    """Drops words that the engine's compound splitter recognises anyway (see
    `is_compound` in src/gazetteer.rs, whose rules this mirrors), because
    Dutch compounds are most of the list and the file should stay small."""
    return {w for w in words if not (8 <= len(w.encode()) <= 48 and splittable(w, words))}


LINKERS = ("s", "e", "en", "-")


def splittable(w, lex):
    """Parts of at least 3 characters, the last at least 4, with a linking s/e/en/- allowed
    between two parts; at least two parts."""
    n = len(w)
    # reach[i]: (reachable, last part was a word) for the prefix w[:i]
    reach = [None] * (n + 1)
    reach[0] = (0, False)
    for end in range(1, n + 1):
        for start in range(end):
            if reach[start] is None:
                continue
            parts, after_word = reach[start]
            part = w[start:end]
            if len(part) >= 3 and part in lex and not (start == 0 and end == n):
                if end == n and len(part) < 4:
                    continue
                reach[end] = (parts + 1, True)
                break
            if after_word and part in LINKERS and end < n:
                reach[end] = (parts, False)
                break
    return reach[n] is not None and reach[n][1] and reach[n][0] >= 2


# Capitalised derivations (nationalities, languages, adjectives of places) are ordinary words.
DERIVED = re.compile(r"(isch|ische|aans|aanse|iaan|iaanse|ees|ese|iër|iërs|ian|ians|ish|ism|ist|ists|ans|ers|se)$")


def proper_nouns(paths, lexicon, keep):
    out = set()
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                w = unicodedata.normalize("NFC", line.strip())
                if not w or "'" in w or " " in w or w[0] == w[0].lower() or w.isupper():
                    continue
                lw = w.lower()
                if lw in lexicon or lw in keep or len(lw) < 3 or DERIVED.search(lw) or not LATIN.match(lw):
                    continue
                out.add(lw)
    return out


def write(name, entries):
    path = os.path.join(OUT, name)
    with open(path, "w", encoding="utf-8") as f:
        for e in sorted(entries):
            f.write(e + "\n")
    print(f"{name}: {len(entries)} entries, {os.path.getsize(path)} bytes")


def main():
    ensure_sources()
    os.makedirs(OUT, exist_ok=True)
    nl = set(read_dict(DICTS["nl"]))
    en = set(read_dict(DICTS["en_us"])) | set(read_dict(DICTS["en_gb"]))
    keep = countries()
    given, sur = names()
    write("nl_words.txt", shrink_compounds(nl))
    write("en_words.txt", en)
    write("given_names.txt", given)
    write("surnames.txt", sur)
    write("places.txt", places(keep))
    write("countries.txt", keep)
    write("proper_nouns.txt", proper_nouns([DICTS["nl"], DICTS["en_us"]], nl | en, keep))


if __name__ == "__main__":
    main()
