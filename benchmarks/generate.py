"""Generate synthetic msrx datasets of any size, for benchmarks and stress tests.

    python benchmarks/generate.py 10000 > /tmp/msrx-10k.toml

Names are made of pronounceable syllables so that fuzzy matching has
realistic work to do; every record is valid against the loader.
"""

from __future__ import annotations

import random
import sys

SYLLABLES = ["ba", "lo", "fen", "mi", "tra", "zo", "nu", "cla", "dri", "vek", "sa", "mo", "pri", "tel", "xa", "qui", "ro", "den"]
SUFFIXES = ["mab", "nib", "zole", "pam", "tine", "fen", "olol", "amide", "cept", "dine"]
CLASSES = ["BTK inhibitor", "S1P receptor modulator", "anti-CD20 monoclonal antibody", "benzodiazepine",
           "SSRI antidepressant", "muscle relaxant", "corticosteroid", "interferon beta", "fumarate"]
SYMPTOMS = ["fatigue", "spasticity", "pain", "bladder", "tremor", "relapse", "depression", "walking"]
STATUSES = ["approved", "off-label", "investigational", "discontinued"]


def generate(n: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    out = ['[dataset]', 'version = "synthetic"', 'reviewed = 2026-11-27', '']
    for s in SYMPTOMS:
        out += ["[[symptoms]]", f'id = "{s}"', f'name = "{s.title()}"', f'words = ["{s} word", "{s}ish"]', ""]
    out += ["[[sources]]", 'id = "synthetic"', 'title = "Synthetic source"', 'publisher = "msrx benchmarks"',
            "year = 2026", 'url = "https://example.org/synthetic"', ""]
    used: set[str] = set()
    for i in range(n):
        while True:
            stem = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))
            name = stem + rng.choice(SUFFIXES)
            brand = rng.choice(SYLLABLES).title() + stem[::-1][:4] + "x"
            if name not in used:  # brands and aliases carry the index, so they are unique anyway
                used.add(name)
                break
        status = rng.choice(STATUSES)
        symptoms = rng.sample(SYMPTOMS, rng.randint(0, 2))
        year = f"fda_approval_year = {rng.randint(1990, 2025)}\n" if status == "approved" else ""
        out.append(
            f'[[treatments]]\nid = "t{i}-{name}"\nname = "{name.title()} {i}"\nbrands = ["{brand}{i}"]\n'
            f'aliases = ["{name[:3].upper()}{i}"]\nstatus = "{status}"\ncategory = "{rng.choice(["dmt", "symptom", "relapse"])}"\n'
            f'drug_class = "{rng.choice(CLASSES)}"\nroutes = ["oral"]\nsymptoms = {symptoms!r}\n'.replace("'", '"')
            + f'use = "Synthetic use text number {i} about {rng.choice(SYMPTOMS)}."\n'
            f'side_effects = ["headache", "nausea"]\nwarnings = []\nevidence = "None: synthetic."\n{year}'
            f'sources = ["synthetic"]\nreviewed = 2026-11-27\n'
        )
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    sys.stdout.write(generate(int(sys.argv[1]) if len(sys.argv) > 1 else 1000))
