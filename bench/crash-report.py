#!/usr/bin/env python3
"""Writes the "Crash campaign" section of BENCHMARKS.md from the report of bench/crash.sh.

Usage: crash-report.py REPORT_JSONL TARGET_MD --seed S --mode M --elapsed SECONDS --test-status N

REPORT_JSONL holds one JSON object per scenario (written by Tests/CrashTests when
DOSSIER_CRASH_REPORT names it). Only the text between `<!-- crash:begin -->` and `<!-- crash:end -->`
of TARGET_MD is replaced; both markers are appended when missing (or the file created).
"""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import machine  # noqa: E402

BEGIN, END = "<!-- crash:begin -->", "<!-- crash:end -->"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("report")
    parser.add_argument("target")
    parser.add_argument("--seed", required=True)
    parser.add_argument("--mode", required=True)
    parser.add_argument("--elapsed", type=int, default=0)
    parser.add_argument("--test-status", type=int, default=0)
    parser.add_argument("--commit", default="n/a")
    args = parser.parse_args()
    rows = []
    if os.path.exists(args.report):
        with open(args.report) as handle:
            rows = [json.loads(line) for line in handle if line.strip()]
    host = machine.describe()
    lines = [
        BEGIN,
        "## Crash campaign",
        "",
        "`bench/crash.sh` (Tests/CrashTests, `DOSSIER_CRASH_MODE=%s`): each command is killed with SIGKILL at the "
        "rename / fsync / link / unlink / lock steps a traced run of it shows (`strace -f -e inject=SYSCALL:"
        "signal=SIGKILL:when=N`), and at seeded random moments; after each kill, and again after the next command "
        "of the same kind: `git fsck --full` clean (dossiers, remote, hub mirrors), the review store passes "
        "`PRAGMA integrity_check`, no blob of a successful save is unreachable, no file of the last successful save "
        "is missing, and that next command succeeds without hand repair. « not reached »: the command ended "
        "before the step (the count of calls varies from run to run)." % args.mode,
        "",
        "Code of commit %s. Seed %s (replay: `SEED=%s bench/crash.sh`), %s, %s cores, %s, %s; %d s in all; "
        "`swift test` exit %d." % (args.commit, args.seed, args.seed, host["date"], host["nproc"], host["cpu"],
                                  host["libgit2"] and "libgit2 " + host["libgit2"], args.elapsed, args.test_status),
        "",
        "| command | steps found | threads | injected kills | random kills | passed | failed | not reached | time |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        lines.append("| %s (`%s`) | %d | %d | %d | %d | %d | %d | %d | %.0f s |" % (
            row["scenario"], row["command"], row["steps"], row["threads"], row["injected"], row["randomKills"], row["passed"],
            row["failed"], row["notReached"], row["seconds"]))
    if not rows:
        lines.append("| (no scenario ran: see bench-work/crash/test.log) | | | | | | | | |")
    # What broke, per command: each distinct invariant broken (its first line, numbers of steps and
    # paths of the lab aside), with how many kills broke it.
    import re
    summary = []
    for row in rows:
        counts = {}
        for failure in row.get("failures", []):
            text = failure.split("broken:", 1)[1] if "broken:" in failure else failure
            first = text.strip().splitlines()[0].strip()
            first = re.sub(r"\d{4}-\d{2}-\d{2}-\d+", "DATE-N", first)
            first = first if len(first) <= 230 else first[:230] + "…"
            counts[first] = counts.get(first, 0) + 1
        for text, count in sorted(counts.items(), key=lambda item: -item[1]):
            summary.append("- %s, %d kill(s): %s" % (row["scenario"], count, text.replace("|", "\\|")))
    if summary:
        lines += ["", "What broke (each kill's seed, command, injected step and every invariant broken are printed by "
                  "the test, in bench-work/crash/test.log):", ""] + summary
    lines.append(END)
    section = "\n".join(lines) + "\n"
    text = open(args.target).read() if os.path.exists(args.target) else ""
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        tail = rest.split(END, 1)[1]
        text = head + section.rstrip("\n") + tail
    else:
        text = text + ("\n" if text and not text.endswith("\n") else "") + "\n" + section
    with open(args.target, "w") as handle:
        handle.write(text)


if __name__ == "__main__":
    main()
