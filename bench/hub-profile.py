#!/usr/bin/env python3
"""Summarises a `perf record --call-graph dwarf` profile of `dossier hub reconcile` as JSON.

Usage: hub-profile.py PERF_DATA > profile.json

Shares are of the CPU samples of the whole process (every thread), inclusive of callees: for each
group below, the largest inclusive share among the (demangled) symbols matching its pattern — the
outermost frame, since a function shows up as several entries (specialised, inlined, partial
apply). Also: the share spent in the kernel, and the top self-time symbols. Swift names are
demangled with `swift demangle --simplified` when available.
"""
import json
import re
import subprocess
import sys

GROUPS = {
    "workers": r"JobBoard\.spawnWorker",
    "cfa": r"^CFAReconcile\.run\(\)",
    "list": r"Remote\.listReferences\(callbacks:\)",
    "fetch": r"Remote\.fetch\(refspecs:",
    "ingest": r"CFAReconcile\.ingest\(mirror:",
    "ingester": r"SubmissionIngester\.ingest\(reference:",
    "safety": r"TreeSafety\.check",
    "reader": r"DossierReader\.(claim|identity)",
    "checker": r"Checker\.check\(badge:",
    "pin": r"Repository\.setReference",
    "decisions": r"Hub\.decisions\(uai:\)",
    "writeDecisions": r"Hub\.writeDecisions",
    "storeRead": r"SQLiteReviewStore\.read<",
    "storeWrite": r"SQLiteReviewStore\.write<",
    "prepare": r"^sqlite3_prepare_v3$",
    "fsync": r"^(fsync|fdatasync|__libc_fsync|__GI_fsync|__fsync)",
    "refresh": r"Hub\.refreshExpiries",
    "openMirror": r"CFAReconcile\.openMirror",
    "createMirror": r"Repository\.create\(at:",
    "anonymousRemote": r"Repository\.anonymousRemote",
    "digest": r"CFAReconcile\.digest",
    "main": r"^dossier_main$",
    "hubOpen": r"Hub\.open\(at:",
    "catalogue": r"Catalogue\.load",
    "libgit2init": r"^git_libgit2_init$",
    "certs": r"^mbedtls_x509_crt_parse",
    "dynlink": r"^_dl_start$",
    "inflate": r"^inflate$",
    "sha1": r"^(git_hash_sha1_final|git_hash_sha1_update|SHA1DCUpdate|sha1_compression_states)",
    "malloc": r"^(malloc|_int_malloc|cfree|_int_free|free)$",
}


def demangle(lines):
    try:
        done = subprocess.run(["swift", "demangle", "--simplified"], input="\n".join(lines), capture_output=True,
                              text=True, check=True)
        out = done.stdout.split("\n")
        if len(out) >= len(lines):
            return out[:len(lines)]
    except (OSError, subprocess.CalledProcessError):
        pass
    return lines


def report(data, *args):
    return subprocess.run(["perf", "report", "-i", data, "--stdio", *args], capture_output=True, text=True).stdout


def rows(text):
    """(children %, self %, symbol) rows of `perf report --children --sort symbol -g none`."""
    result = []
    for line in text.splitlines():
        m = re.match(r"\s*([\d.]+)%\s+([\d.]+)%\s+\[[.k]\]\s+(.*?)\s*$", line)
        if m:
            name = re.sub(r"\s+-\s+-$", "", m.group(3)).strip()
            result.append((float(m.group(1)) / 100, float(m.group(2)) / 100, name))
    return result


def main(data):
    table = rows(report(data, "--children", "--sort", "symbol", "-g", "none"))
    names = demangle([name for _, _, name in table])
    table = [(c, s, n) for (c, s, _), n in zip(table, names)]
    header = report(data, "--header-only")
    samples = [int(m) for m in re.findall(r"^\s*[\d.]+%\s+(\d+)\s", report(data, "--sort", "comm", "-F", "overhead,sample", "-g", "none"),
                                          re.M)]
    kernel = 0.0
    for line in report(data, "--no-children", "--sort", "dso", "-g", "none").splitlines():
        m = re.match(r"\s*([\d.]+)%\s+(\S+)", line)
        if m and m.group(2).startswith("[kernel"):
            kernel += float(m.group(1)) / 100
    groups = {}
    for key, pattern in GROUPS.items():
        regex = re.compile(pattern)
        matches = [(c, n) for c, _, n in table if regex.search(n)]
        if matches:
            share, name = max(matches)
            groups[key] = {"share": share, "symbol": name}
    top_self = sorted(((s, n) for _, s, n in table), reverse=True)[:25]
    print(json.dumps({"samples": sum(samples) or None, "kernel": kernel, "groups": groups,
                      "top_self": [{"share": s, "symbol": n[:160]} for s, n in top_self],
                      "cmdline": (re.search(r"# cmdline : (.*)", header) or [None, ""])[1]}, indent=1))


if __name__ == "__main__":
    main(sys.argv[1])
