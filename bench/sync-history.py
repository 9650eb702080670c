#!/usr/bin/env python3
"""Makes a dossier with a long history for bench/sync.sh.

Usage: sync-history.py DOSSIER_BINARY SAMPLE_DIR DIR COMMITS

Commit 1 is `dossier init --from SAMPLE_DIR`. Then, for n = 2 … COMMITS:
- every 10th commit is made by dossier itself: `dossier set <badge> narrative …` (or, every 40th,
  `dossier add tutorat <a 12 KB text file> --criterion historique-echanges`), then `dossier save -m …`;
- the others are made with the git CLI: the narrative of one badge's claim.yaml is rewritten in place
  (the badges in turn), then `git commit -qam …` — what a person editing the YAML by hand and
  committing with git would do.
Everything is deterministic (seeded), except commit dates. At the end the script checks the
commit count, `git fsck`, a clean `git status` and `dossier check` (exit 0).
"""
import os
import random
import re
import subprocess
import sys

BADGES = ["accessibilite", "accompagnement-projet", "apprentis", "attractivite", "espaces-innovants",
          "expertise-outils", "plan-formation", "post-cfa", "prospection", "referent-numerique",
          "ressources", "tutorat"]
WORDS = ("formateur apprenti plateforme classe virtuelle tutorat entreprise maquette chantier "
         "numérique suivi parcours atelier ressource évaluation compétence échange").split()


def run(*args, cwd=None, env=None):
    subprocess.run(args, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL)


def narrative(rng, n):
    lines = []
    for _ in range(rng.randint(2, 5)):
        lines.append(" ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 12))).capitalize() + ".")
    lines.append(f"Révision {n} du récit.")
    return lines


def rewrite_narrative(path, lines):
    text = open(path, encoding="utf-8").read()
    block = "narrative: |\n" + "".join(f"  {line}\n" for line in lines)
    # The block-literal narrative: "narrative: |" and the indented lines that follow it.
    new, count = re.subn(r"^narrative: \|\n(?:(?:  .*)?\n)*", block, text, count=1, flags=re.M)
    if count != 1:
        sys.exit(f"sync-history.py: no block narrative in {path}")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(new)


def main(dossier, sample, folder, commits):
    rng = random.Random(20251130)
    run(dossier, "init", folder, "--uai", "0141234R", "--name", "CFA du Bâtiment de Caen (banc sync)",
        "--from", sample, "--author", "Banc de mesure <banc@cfa-batiment-caen.example.fr>")
    # First pass through dossier for every badge, so that each claim has a block narrative.
    git_env = dict(os.environ, GIT_AUTHOR_NAME="Claire Lemonnier", GIT_AUTHOR_EMAIL="direction@cfa-batiment-caen.example.fr",
                   GIT_COMMITTER_NAME="Claire Lemonnier", GIT_COMMITTER_EMAIL="direction@cfa-batiment-caen.example.fr")
    made_by = {"dossier": 1, "git": 0, "evidence": 0}
    touched = set()
    for n in range(2, commits + 1):
        badge = BADGES[n % len(BADGES)]
        if n % 10 == 0 or badge not in touched:
            if n % 40 == 0:
                made_by["evidence"] += 1
                name = os.path.join(os.path.dirname(os.path.abspath(folder)), f"compte-rendu-{n:03d}.md")
                with open(name, "w", encoding="utf-8") as handle:
                    for _ in range(150):
                        handle.write(" ".join(rng.choice(WORDS) for _ in range(10)) + f" ({n}).\n")
                run(dossier, "add", "-C", folder, "tutorat", name, "--criterion", "historique-echanges",
                    "--title", f"Compte rendu d'échanges n° {n}")
                os.remove(name)
                message = f"Tutorat : compte rendu {n}"
            else:
                run(dossier, "set", "-C", folder, badge, "narrative", "\n".join(narrative(rng, n)))
                touched.add(badge)
                message = f"{badge} : récit, révision {n}"
            run(dossier, "save", "-C", folder, "-m", message)
            made_by["dossier"] += 1
        else:
            rewrite_narrative(os.path.join(folder, "badges", badge, "claim.yaml"), narrative(rng, n))
            run("git", "-C", folder, "commit", "-qam", f"{badge} : récit, révision {n} (git)", env=git_env)
            made_by["git"] += 1
    count = subprocess.run(["git", "-C", folder, "rev-list", "--count", "HEAD"], check=True,
                           capture_output=True, text=True).stdout.strip()
    if int(count) != commits:
        sys.exit(f"sync-history.py: {count} commits, expected {commits}")
    run("git", "-C", folder, "fsck", "--no-progress")
    if subprocess.run(["git", "-C", folder, "status", "--porcelain"], check=True, capture_output=True, text=True).stdout:
        sys.exit("sync-history.py: the working folder is not clean")
    run(dossier, "check", "-C", folder)
    print(f"{commits} commits: {made_by['dossier']} by dossier (init + saves, {made_by['evidence']} of them adding an "
          f"evidence file), {made_by['git']} by git commit")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]))
