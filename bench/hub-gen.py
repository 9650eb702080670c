#!/usr/bin/env python3
"""Generates N synthetic CFA remotes for the hub benchmark (bench/hub.sh).

Usage: hub-gen.py DOSSIER_BIN SAMPLE_DOSSIER OUT N [--jobs J] [--all-ready]

1. A seed CFA is made with the tool itself, in OUT/seed (not a remote of the benchmark):
   `dossier init --from SAMPLE_DOSSIER`, `dossier submit prospection tutorat accessibilite`, a second
   save (`dossier set attractivite narrative …`, `dossier save`), `dossier submit attractivite
   apprentis`, then `dossier remote set OUT/seed.git` and `dossier sync`. OUT/seed.git thus holds
   2 saves on `main` and 5 annotated submission tags (`refs/tags/submissions/<badge>/<date>-<n>`),
   exactly as a CFA's sync leaves them. With `--all-ready` (bench/badges.sh), a third
   `dossier submit` of the sample's five other ready badges (THIRD_BADGES) comes before the sync:
   10 submission tags, enough for the label.
2. Each of the N CFAs gets its own bare repository OUT/remotes/<UAI>.git, derived from the seed by
   one `git fast-import`: the same 2 commits (authors, dates, messages, files) except `dossier.yaml`,
   whose `uai` and `name` are the CFA's own in every commit, and the same 5 annotated tags (tagger,
   date, message) on the rewritten commits. Every repository is self-contained (one pack, no
   alternates) and is a valid dossier of its own UAI.
3. OUT/cfas.tsv: one line per CFA, `UAI<TAB>name<TAB>repository path`.

UAIs: 7 digits (a Normandy département code 014, 027, 050, 061, 076, then a 4-digit sequence) and
the check letter `ABCDEFGHJKLMNPRSTUVWXYZ`[number % 23], all distinct.
Prints a one-line JSON summary on stdout.
"""
import concurrent.futures
import json
import os
import re
import shutil
import subprocess
import sys
import time

LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"
DEPARTEMENTS = (14, 27, 50, 61, 76)
AUTHOR = "Claire Lemonnier <direction@cfa-batiment-caen.example.fr>"
FIRST_BADGES = ["prospection", "tutorat", "accessibilite"]
SECOND_BADGES = ["attractivite", "apprentis"]
THIRD_BADGES = ["plan-formation", "referent-numerique", "espaces-innovants", "expertise-outils", "ressources"]


def uai(index):
    digits = f"{DEPARTEMENTS[index % len(DEPARTEMENTS)]:03d}{1000 + index // len(DEPARTEMENTS):04d}"
    return digits + LETTERS[int(digits) % 23]


def run(args, **kwargs):
    return subprocess.run(args, check=True, stdout=subprocess.PIPE, **kwargs).stdout


def git(repo, *args, **kwargs):
    return run(["git", "--git-dir", repo, *args], **kwargs)


def make_seed(dossier, sample, out, all_ready=False):
    work, remote = os.path.join(out, "seed"), os.path.join(out, "seed.git")
    first = uai(0)
    run([dossier, "init", work, "--uai", first, "--name", "CFA synthétique 0", "--from", sample, "--author", AUTHOR])
    run([dossier, "submit", "-C", work, *FIRST_BADGES, "-m", "Première demande", "--author", AUTHOR])
    run([dossier, "set", "-C", work, "attractivite", "narrative",
         "Journées portes ouvertes numériques : visite virtuelle des ateliers et chantier école en BIM."])
    run([dossier, "save", "-C", work, "-m", "Attractivité : récit mis à jour", "--author", AUTHOR])
    run([dossier, "submit", "-C", work, *SECOND_BADGES, "-m", "Deuxième demande", "--author", AUTHOR])
    if all_ready:
        run([dossier, "submit", "-C", work, *THIRD_BADGES, "-m", "Troisième demande", "--author", AUTHOR])
    run(["git", "init", "-q", "--bare", "-b", "main", remote])
    run([dossier, "remote", "set", "-C", work, remote])
    run([dossier, "sync", "-C", work])
    return remote


def read_seed(remote):
    """The seed's commits (oldest first), blobs and submission tags, as raw git data."""
    commits = []
    for sha in git(remote, "rev-list", "--reverse", "--topo-order", "main", text=True).split():
        raw = git(remote, "cat-file", "commit", sha)
        header, _, message = raw.partition(b"\n\n")
        fields = dict(line.split(b" ", 1) for line in header.split(b"\n") if b" " in line)
        files = []
        for entry in git(remote, "ls-tree", "-r", "-z", "--full-tree", sha).split(b"\0"):
            if entry:
                meta, path = entry.split(b"\t", 1)
                mode, kind, blob = meta.split(b" ")
                assert kind == b"blob", entry
                files.append((mode.decode(), blob.decode(), path))
        commits.append({"sha": sha, "author": fields[b"author"], "committer": fields[b"committer"],
                        "message": message, "files": files})
    tags = []
    for line in git(remote, "for-each-ref", "--format=%(refname) %(objecttype) %(*objectname)",
                    "refs/tags/submissions/", text=True).splitlines():
        name, kind, target = line.split(" ")
        assert kind == "tag", line
        raw = git(remote, "cat-file", "tag", name)
        header, _, message = raw.partition(b"\n\n")
        fields = dict(line.split(b" ", 1) for line in header.split(b"\n") if b" " in line)
        tags.append({"name": name[len("refs/tags/"):], "target": target, "tagger": fields[b"tagger"], "message": message})
    blobs = {}
    for commit in commits:
        for _, blob, _ in commit["files"]:
            blobs.setdefault(blob, None)
    batch = subprocess.run(["git", "--git-dir", remote, "cat-file", "--batch"], check=True, stdout=subprocess.PIPE,
                           input="".join(f"{b}\n" for b in blobs).encode()).stdout
    position = 0
    for blob in blobs:
        line_end = batch.index(b"\n", position)
        sha, _, size = batch[position:line_end].split(b" ")
        assert sha.decode() == blob
        size = int(size)
        blobs[blob] = batch[line_end + 1:line_end + 1 + size]
        position = line_end + 1 + size + 1
    return commits, tags, blobs


def data(payload):
    return b"data %d\n" % len(payload) + payload + b"\n"


def rewrite_identity(text, code, name):
    text, count_uai = re.subn(rb'(?m)^uai: .*$', b'uai: "' + code.encode() + b'"', text)
    text, count_name = re.subn(rb'(?m)^name: .*$', b'name: "' + name.encode() + b'"', text)
    assert count_uai == 1 and count_name == 1, "dossier.yaml without one uai and one name line"
    return text


def stream(commits, tags, blobs, code, name):
    """A fast-import stream: every blob once, the commits with this CFA's dossier.yaml, the tags."""
    out = [b"feature done\n"]
    identities = {blob for commit in commits for _, blob, path in commit["files"] if path == b"dossier.yaml"}
    marks = {}
    next_mark = 1
    for blob, payload in blobs.items():
        if blob not in identities:  # the seed's own dossier.yaml is replaced, never written
            marks[blob] = next_mark
            out.append(b"blob\nmark :%d\n" % next_mark + data(payload))
            next_mark += 1
    identity_marks = {}
    commit_marks = {}
    for commit in commits:
        for mode, blob, path in commit["files"]:
            if path == b"dossier.yaml" and blob not in identity_marks:
                identity_marks[blob] = next_mark
                out.append(b"blob\nmark :%d\n" % next_mark + data(rewrite_identity(blobs[blob], code, name)))
                next_mark += 1
    previous = None
    for commit in commits:
        commit_marks[commit["sha"]] = next_mark
        out.append(b"commit refs/heads/main\nmark :%d\n" % next_mark)
        out.append(b"author " + commit["author"] + b"\ncommitter " + commit["committer"] + b"\n" + data(commit["message"]))
        if previous:
            out.append(b"from :%d\n" % previous)
        out.append(b"deleteall\n")
        for mode, blob, path in commit["files"]:
            mark = identity_marks[blob] if path == b"dossier.yaml" else marks[blob]
            out.append(b"M %s :%d %s\n" % (mode.encode(), mark, path))
        out.append(b"\n")
        previous = next_mark
        next_mark += 1
    for tag in tags:
        out.append(b"tag " + tag["name"].encode() + b"\nfrom :%d\n" % commit_marks[tag["target"]])
        out.append(b"tagger " + tag["tagger"] + b"\n" + data(tag["message"]))
    out.append(b"done\n")
    return b"".join(out)


def derive(out, commits, tags, blobs, index):
    code, name = uai(index), f"CFA synthétique {index}"
    repo = os.path.join(out, "remotes", code + ".git")
    run(["git", "init", "-q", "--bare", "-b", "main", repo])
    subprocess.run(["git", "--git-dir", repo, "-c", "fastimport.unpackLimit=0", "fast-import", "--quiet"], check=True,
                   input=stream(commits, tags, blobs, code, name))
    return code, name, repo


def main(argv):
    args = argv[1:]
    jobs = os.cpu_count() or 2
    if "--jobs" in args:
        at = args.index("--jobs")
        jobs = int(args[at + 1])
        del args[at:at + 2]
    all_ready = "--all-ready" in args
    if all_ready:
        args.remove("--all-ready")
    if len(args) != 4:
        sys.exit(__doc__)
    dossier, sample, out, count = args[0], args[1], args[2], int(args[3])
    start = time.monotonic()
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(os.path.join(out, "remotes"))
    seed = make_seed(dossier, sample, out, all_ready)
    commits, tags, blobs = read_seed(seed)
    with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
        cfas = list(pool.map(lambda i: derive(out, commits, tags, blobs, i), range(count)))
    assert len({code for code, _, _ in cfas}) == count, "UAIs not distinct"
    with open(os.path.join(out, "cfas.tsv"), "w", encoding="utf-8") as handle:
        for code, name, repo in cfas:
            handle.write(f"{code}\t{name}\t{repo}\n")
    sizes = [sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(os.path.join(repo, "objects")) for f in fs)
             for _, _, repo in cfas[:1]]
    print(json.dumps({"cfas": count, "commits": len(commits), "tags": len(tags), "files": len(commits[-1]["files"]),
                      "blobs": len(blobs), "objects_bytes_each": sizes[0] if sizes else 0,
                      "seconds": round(time.monotonic() - start, 1), "first": cfas[0][0] if cfas else None,
                      "last": cfas[-1][0] if cfas else None}, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv)
