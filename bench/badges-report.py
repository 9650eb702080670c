#!/usr/bin/env python3
"""The "Badges" section of BENCHMARKS.md from bench/badges.sh's results folder."""
import json
import os
import re
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from machine import describe  # noqa: E402

PUBLISH_GOAL = 10.0  # seconds, the whole site (issue 12)


def ms(seconds):
    return f"{seconds * 1000:,.0f} ms" if seconds >= 1 else f"{seconds * 1000:.1f} ms"


def secs(seconds):
    return f"{seconds:.2f} s"


def runs(path):
    """GNU time lines `%M,%U,%S` of every run (warm-up included): peak MiB, median CPU seconds (user + system)."""
    rows = [line.split(",") for line in open(path).read().split() if line.count(",") == 2]
    peak = max(int(r[0]) for r in rows) / 1024 if rows else 0.0
    cpu = statistics.median(float(r[1]) + float(r[2]) for r in rows) if rows else 0.0
    return peak, cpu


def main():
    results = sys.argv[1]
    env = os.environ
    machine = describe()
    gen = json.load(open(f"{results}/gen.json"))
    keys_seconds, keys_kib, keys_user, keys_system = open(f"{results}/keys-init-time.txt").read().split()[-4:]
    keys_seconds, keys_mib, keys_cpu = float(keys_seconds), int(keys_kib) / 1024, float(keys_user) + float(keys_system)
    keys_text = open(f"{results}/keys-init.txt").read()
    signed = int((re.search(r"(\d+) badge credential", keys_text) or [0, 0])[1])
    award = json.load(open(f"{results}/award.json"))
    with_keys, without = award["times"]["keys"], award["times"]["nokeys"]
    # The last award of the held-back CFA earns it the label: two credentials, shown apart.
    single_keys, single_bare = with_keys[:-1], without[:-1]
    cpu_keys, cpu_bare = award["cpu"]["keys"], award["cpu"]["nokeys"]
    credentials = sum(1 for line in open(f"{results}/credentials.txt") if line.strip())
    labels = sum(1 for line in open(f"{results}/credentials.txt") if "  label  " in line)
    publish = {r["command"]: r for r in json.load(open(f"{results}/publish.json"))["results"]}
    fresh = publish["publish into an empty folder"]
    again = publish["publish again over the unchanged site"]
    (fresh_mib, fresh_cpu), (again_mib, again_cpu) = runs(f"{results}/rss-publish-fresh.txt"), runs(f"{results}/rss-publish-again.txt")
    files = int(open(f"{results}/site-files.txt").read())
    site_mib = int(open(f"{results}/site-kib.txt").read()) / 1024
    verify = {r["command"]: r for r in json.load(open(f"{results}/verify.json"))["results"]}
    awards = int(env.get("N", gen["cfas"])) * 10

    out = ["## Badges: Open Badges 3.0 credentials (bench/badges.sh)", ""]
    out.append(f"Run of {machine['date']} on {machine['nproc']} cores ({machine['cpu']}, {machine['memory_gib']} GiB), "
               f"{machine['swift']}, kernel {machine['kernel']}; load average {env.get('load_start')} at the start, "
               f"{env.get('load_end')} at the end (a shared machine: other sessions were building). Release build.")
    out.append("")
    out.append(f"Data: {gen['cfas']} synthetic CFAs (bench/hub-gen.py --all-ready: 10 requests each), reconciled; "
               f"{awards:,} awards (10 per CFA, so every CFA holds the label), {credentials:,} credentials in the store "
               f"({labels} of them labels), each signed twice (Data Integrity `eddsa-rdfc-2022` and VC-JWT RS256).")
    out.append("")
    out.append("Wall times are medians (and minimums) of interleaved runs; CPU is the median user + system time of "
               "the same runs (GNU time, `getrusage`), which the load of the other sessions disturbs less.")
    out.append("")
    out.append("| measure | wall median | wall min | CPU median | peak memory | goal |")
    out.append("|---|---|---|---|---|---|")
    goal = "met" if fresh["median"] <= PUBLISH_GOAL else "**missed**"
    out.append(f"| `hub publish DIR`, the whole site into an empty folder ({files:,} files, {site_mib:.0f} MiB), {env.get('RUNS')} runs "
               f"| {secs(fresh['median'])} | {secs(fresh['min'])} | {secs(fresh_cpu)} | {fresh_mib:.0f} MiB | ≤ 10 s: {goal} |")
    out.append(f"| `hub publish DIR` again over the unchanged site, {env.get('RUNS')} runs | {secs(again['median'])} | {secs(again['min'])} "
               f"| {secs(again_cpu)} | {again_mib:.0f} MiB | |")
    out.append(f"| `hub keys init`: keys made, {signed:,} credentials signed (1 run) | {secs(keys_seconds)} | | {secs(keys_cpu)} | {keys_mib:.0f} MiB | |")
    out.append(f"| … per credential (both proofs, stored) | {ms(keys_seconds / max(signed, 1))} | | {ms(keys_cpu / max(signed, 1))} | | |")
    difference = statistics.median(single_keys) - statistics.median(single_bare)
    cpu_difference = statistics.median(cpu_keys[:-1]) - statistics.median(cpu_bare[:-1])
    out.append(f"| `hub award` of one badge, with keys: its credential signed ({len(single_keys)} awards) "
               f"| {ms(statistics.median(single_keys))} | {ms(min(single_keys))} | {ms(statistics.median(cpu_keys[:-1]))} | | |")
    out.append(f"| `hub award` of the same badges on a copy of the hub without keys, interleaved "
               f"| {ms(statistics.median(single_bare))} | {ms(min(single_bare))} | {ms(statistics.median(cpu_bare[:-1]))} | | |")
    out.append(f"| … difference of the medians: issuing one credential at award | {ms(difference)} | | {ms(cpu_difference)} | | |")
    out.append(f"| `hub award` of the badge that earns the label (badge and label credentials), with keys / without "
               f"| {ms(with_keys[-1])} / {ms(without[-1])} | | {ms(cpu_keys[-1])} / {ms(cpu_bare[-1])} | | |")
    out.append("")
    out.append(f"Verifying one credential (the `tutorat` badge of a CFA), {env.get('VERIFY_RUNS')} interleaved rounds: "
               "`dossier verify FILE --offline` in the CFA's dossier (the issuer keys pinned and the status list delivered "
               "by `dossier sync`) against the independent Python verifier `Tests/Reference/ob3/tools/ob3verify.py` "
               "(PyLD, cryptography, jwcrypto) given the same keys (`--key`, `--jwk`) and status list (`--status`).")
    out.append("")
    out.append("| credential | `dossier verify` median (min) | `ob3verify.py` median (min) | ratio | goal: faster than Python |")
    out.append("|---|---|---|---|---|")
    for form, what in [("json", "JSON, embedded proof eddsa-rdfc-2022"), ("jwt", "VC-JWT RS256")]:
        ours = verify[f"dossier verify tutorat.{form} --offline"]
        theirs = verify[f"ob3verify.py tutorat.{form}"]
        ratio = theirs["median"] / ours["median"] if ours["median"] else float("inf")
        verdict = "met" if ours["median"] < theirs["median"] else "**missed**"
        said = f"{ratio:.1f}× faster" if ratio >= 1 else f"{1 / ratio:.1f}× slower"
        out.append(f"| {what} | {ms(ours['median'])} ({ms(ours['min'])}) | {ms(theirs['median'])} ({ms(theirs['min'])}) "
                   f"| {said} | {verdict} |")
    out.append("")
    out.append("Raw data: `bench-work/badges/results/`. Script: `bench/badges.sh` (report: `bench/badges-report.py`).")
    print("\n".join(out))


if __name__ == "__main__":
    main()
