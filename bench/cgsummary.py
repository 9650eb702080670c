#!/usr/bin/env python3
"""Summarises a callgrind profile of one `dossier` run as JSON.

Usage: cgsummary.py CALLGRIND_OUT > summary.json

Runs `callgrind_annotate --inclusive=yes --tree=caller` and (for the self-cost list)
`callgrind_annotate`, demangles Swift names with `swift demangle --simplified`, and reports:
- total instructions (Ir),
- for each function of interest: inclusive Ir, share of the total, and number of calls,
- the top functions by self cost.
"""
import json
import re
import subprocess
import sys

# (key, label, regex on the demangled name). The first name that matches, by highest cost, wins.
FUNCTIONS = [
    ("main", "whole command (DossierCommand.main)", r"^static DossierCommand\.main\(_:\)$"),
    ("dynlink", "dynamic linker start-up (_dl_start: relocations of libswiftCore, Foundation, libgit2…)", r"^_dl_start$"),
    ("libgit2init", "git_libgit2_init (Debian libgit2 + mbedTLS parses the system CA bundle)", r"^git_libgit2_init$"),
    ("certs", "  mbedtls_x509_crt_parse_file", r"^mbedtls_x509_crt_parse_file$"),
    ("catalogue", "built-in catalogue loading (Catalogue.builtin)", r"^static Catalogue\.builtin\(\)$"),
    ("status", "status (Workspace.changedFiles: StatusPreload compares the index with the files, then git_status_list_new on what it found)", r"^Workspace\.changedFiles\(\)$"),
    ("semantic", "semantic diff (SemanticDiffer.diff)", r"^SemanticDiffer\.diff\(old:new:files:\)$"),
    ("load", "read every claim (DossierReader.load)", r"^DossierReader\.load\(badges:\)$"),
    ("claim", "read a claim (DossierReader.claim: parse + validateFiles)", r"^DossierReader\.claim\(_:(validatingFiles:)?\)$"),
    ("parse", "  Claim.parse (YAML → Claim)", r"Claim\.parse\(_:file:\)$"),
    ("fastread", "  ClaimFastReader.read (the layout save writes, no YAML tree)", r"ClaimFastReader\.(read\(_:\)|Reader\.claim\(\))$"),
    ("compose", "    Yams compose (YAMLText.parse)", r"YAMLText\.parse\(_:file:\)$"),
    ("dupcheck", "      Yams Parser.checkDuplicates (hashes every key node)", r"^Parser\.checkDuplicates\(mappingKeys:\)$"),
    ("parseEvidence", "    Claim.parseEvidence (1 call per entry)", r"Claim\.parseEvidence\(_:\)$"),
    ("fieldsNode", "      YAMLFields.node (field lookup)", r"^YAMLFields\.node\(_:\)$"),
    ("evidenceLookup", "    Claim.evidence(_:) (linear search by id)", r"^Claim\.evidence\(_:\)$"),
    ("validate", "  DossierReader.validateFiles (kind(of:) per evidence)", r"^DossierReader\.validateFiles\(badge:claim:\)$"),
    ("untracked", "Workspace.untrackedEvidence (HEAD tree entry(at:) per evidence)", r"^Workspace\.untrackedEvidence\("),
    ("bypath", "git_tree_entry_bypath, all callers (walks from the root tree)", r"^git_tree_entry_bypath$"),
    ("odbread", "git_odb_read, all callers (object reads not served by libgit2's cache)", r"^git_odb_read$"),
    ("inflate", "  zlib inflate", r"^inflate$"),
    ("odbhash", "  git_odb_hash (SHA-1 check of each object read)", r"^git_odb_hash$"),
    ("checker", "rules and hashes (Checker.check)", r"^Checker\.check\(_:source:options:\)$"),
    ("mediacheck", "media check (MediaCheck.problems: what each evidence file is, from the stat cache)", r"^MediaCheck\.problems\(_:files:\)$"),
    ("statcache", "stat cache file read (EvidenceStatCache.load)", r"EvidenceStatCache\.load\(from:\)$"),
    ("digestFile", "  Digest.sha256(fileAt:) (hash one evidence file)", r"^static Digest\.sha256\(fileAt:\)$"),
    ("serialize", "Claim.yaml() (Yams serialisation of the whole claim)", r"^Claim\.yaml\(\)$"),
    ("commit", "index add + write tree + commit (Workspace.commit)", r"^Workspace\.commit\(files:message:author:recorded:\)$"),
    ("writeTree", "  Index.writeTree (git_index_write_tree)", r"^Index\.writeTree\(\)$"),
    ("indexWrite", "  Index.write (12,000-entry index file + checksum)", r"^Index\.write\(\)$"),
    ("constructor", "Yams Constructor.default getter, all callers (a new Constructor per Tag created)", r"^static Constructor\.default\.getter$"),
    ("resolveTag", "Yams Node.Scalar.resolveTag (regex tag resolution), all callers", r"^Node\.Scalar\.resolveTag\(using:\)$"),
    ("regex", "NSRegularExpression.firstMatch, all callers", r"^NSRegularExpression\.firstMatch\(in:options:range:\)$"),
]

LINE = re.compile(r"^\s*([\d,]+)\s+\(\s*([\d.]+)%\)\s+([<>*])\s+(?:\S*?):(.*?)(?: \((\d[\d,]*)x\))? \[(.*)\]\s*$")
FLAT = re.compile(r"^\s*([\d,]+)\s+\(\s*([\d.]+)%\)\s+(?:\S*?):(.*?) \[(.*)\]\s*$")


def demangled(args):
    raw = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    return subprocess.run(["swift", "demangle", "--simplified"], input=raw, check=True,
                          capture_output=True, text=True).stdout


def main(path):
    text = demangled(["callgrind_annotate", "--inclusive=yes", "--tree=caller", "--threshold=100", path])
    total = int(re.search(r"^\s*([\d,]+)\s+\(100\.0%\)\s+PROGRAM TOTALS", text, re.M).group(1).replace(",", ""))
    functions = {}  # name -> (inclusive, calls)
    callers = 0
    for line in text.splitlines():
        match = LINE.match(line)
        if not match:
            callers = 0 if not line.strip() else callers
            continue
        cost, _, mark, name, count, _ = match.groups()
        if mark == "<":
            callers += int(count.replace(",", "")) if count else 0
        elif mark == "*":
            name = name.strip()
            inclusive = int(cost.replace(",", ""))
            if name not in functions or functions[name][0] < inclusive:
                functions[name] = (inclusive, callers)
            callers = 0
    result = {"file": path, "total": total, "functions": {}, "self": []}
    for key, label, pattern in FUNCTIONS:
        regex = re.compile(pattern)
        found = [(cost, calls, name) for name, (cost, calls) in functions.items() if regex.search(name)]
        if not found:
            continue
        cost, calls, name = max(found)
        result["functions"][key] = {"label": label, "name": name, "ir": cost, "share": cost / total, "calls": calls}
    flat = demangled(["callgrind_annotate", "--threshold=100", path])
    for line in flat.splitlines():
        match = FLAT.match(line)
        if match and "PROGRAM TOTALS" not in line:
            cost, share, name, obj = match.groups()
            result["self"].append({"name": name.strip(), "object": obj.split("/")[-1], "ir": int(cost.replace(",", "")),
                                   "share": float(share) / 100})
        if len(result["self"]) >= 15:
            break
    json.dump(result, sys.stdout, indent=1, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
