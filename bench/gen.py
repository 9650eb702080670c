#!/usr/bin/env python3
"""Fills an initialised dossier with N evidence files per badge and a claim.yaml listing them.

Usage: gen.py DOSSIER CATALOGUE_JSON FILES_PER_BADGE [--only BADGE=N ...] [--seed S]

- DOSSIER: a folder created by `dossier init` (its claim.yaml files are overwritten).
- CATALOGUE_JSON: the output of `dossier catalogue --json`.
- FILES_PER_BADGE: evidence files written in each badge's evidence/ folder;
  `--only prospection=1000` overrides the count for one badge.

Every file is small (200-2,000 bytes), distinct text; every entry has id, title, criterion (cycling
over the badge's criteria, so every requirement is met), file, sha256, size. The claim is written in
the canonical layout `dossier save` itself writes, so that a later save that re-records one hash
changes one line of claim.yaml, not its whole layout.
"""
import hashlib
import json
import os
import random
import sys

WORDS = ("apprenti formateur numérique chantier maquette BIM tutorat plateforme évaluation compétence "
         "ressource module vidéo classe virtuelle référent entreprise branche veille accessibilité "
         "parcours badge attestation progression séquence atelier simulateur drone relevé").split()


def text_file(rng, badge, index):
    size = rng.randint(200, 2000)
    lines = [f"# Pièce {index:04d} — badge {badge}", ""]
    body = " ".join(rng.choice(WORDS) for _ in range(size // 6))
    for start in range(0, len(body), 78):
        lines.append(body[start:start + 78])
    data = ("\n".join(lines) + "\n").encode("utf-8")
    return data[:size] if len(data) > size else data


def q(text):
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def main(argv):
    args = [a for a in argv[1:]]
    seed = 2026
    only = {}
    positional = []
    i = 0
    while i < len(args):
        if args[i] == "--seed":
            seed = int(args[i + 1]); i += 2
        elif args[i] == "--only":
            name, count = args[i + 1].split("="); only[name] = int(count); i += 2
        else:
            positional.append(args[i]); i += 1
    root, catalogue_path, per_badge = positional[0], positional[1], int(positional[2])
    catalogue = json.load(open(catalogue_path, encoding="utf-8"))
    rng = random.Random(seed)
    total = 0
    for badge in catalogue["badges"]:
        bid = badge["id"]
        criteria = [c["id"] for c in badge["criteria"]]
        count = only.get(bid, per_badge)
        folder = os.path.join(root, "badges", bid)
        evidence = os.path.join(folder, "evidence")
        os.makedirs(evidence, exist_ok=True)
        out = ["status: ready", "narrative: |",
               f"  Dossier de test de performance : {count} pièces pour le badge {bid}.",
               "  Chaque pièce est un court texte distinct."]
        levels = badge.get("levels") or []
        if levels:
            out.append(f"level: {max(l['level'] for l in levels)}")
        rules = json.dumps(badge.get("firstAward", [])) + json.dumps(badge.get("renewal", []))
        if "fullCoverage" in rules:
            out.append('coverage: "12/12"')
        out.append("evidence:" if count else "evidence: []")
        for n in range(1, count + 1):
            name = f"piece-{n:04d}.md"
            data = text_file(rng, bid, n)
            with open(os.path.join(evidence, name), "wb") as handle:
                handle.write(data)
            out += [f"- id: piece-{n:04d}",
                    f"  title: Pièce justificative n° {n} du badge {bid}",
                    f"  criterion: {criteria[(n - 1) % len(criteria)]}",
                    f"  file: {name}",
                    f"  sha256: {q(hashlib.sha256(data).hexdigest())}",
                    f"  size: {len(data)}"]
            total += 1
        with open(os.path.join(folder, "claim.yaml"), "w", encoding="utf-8") as handle:
            handle.write("\n".join(out) + "\n")
    print(f"{total} evidence files in {len(catalogue['badges'])} badges")


if __name__ == "__main__":
    main(sys.argv)
