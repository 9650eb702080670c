#!/usr/bin/env python3
"""Writes the "Narrative" section of BENCHMARKS.md from the results of bench/narrative.sh.

Usage: narrative-report.py RESULTS_DIR BENCHMARKS_MD "SIZES" LOAD_START LOAD_END

Only the text between `<!-- narrative:begin -->` and `<!-- narrative:end -->` is replaced; both
markers are appended at the end of the file when absent.
"""
import json
import os
import sys
import time

from machine import describe

BEGIN, END = "<!-- narrative:begin -->", "<!-- narrative:end -->"
COMMANDS = ["dossier status", "git status", "dossier diff", "git diff", "dossier save", "git add + git commit"]
MODES = {"few": "3 lines changed", "tenth": "1 line in 10 rewritten"}


def read(path, default=None):
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read().strip()
    except OSError:
        return default


def main():
    results, target, sizes, load_start, load_end = sys.argv[1:6]
    info = describe()
    lines = [BEGIN, "## Narrative (bench/narrative.sh)", "",
             "A claim whose narrative is a few MB (lines of ~90 bytes), changed by 3 lines (start, middle, end) or by 1 line "
             "in 10; `dossier status`, `diff` and `save` beside `git status`, `git diff` and `git add -A` + `git commit` of the "
             "same change in the same repository. Interleaved runs, medians (min–max); peak RSS from `/usr/bin/time -f %M`. "
             f"{time.strftime('%Y-%m-%d')}, load average {load_start} at the start, {load_end} at the end; "
             f"{info['nproc']} cores ({info['cpu']}), {info['memory_gib']} GiB, Linux {info['kernel']}; {info['swift']}; {info['git']}.", "",
             "| narrative | edit | " + " | ".join(COMMANDS) + " | peak RSS status / diff / save | diff lines shown |",
             "|---|---|" + "---|" * len(COMMANDS) + "---|---|"]
    for size in sizes.split():
        for mode, label in MODES.items():
            path = os.path.join(results, f"{mode}-{size}.json")
            if not os.path.exists(path):
                continue
            data = {item["command"]: item for item in json.load(open(path, encoding="utf-8"))["results"]}
            cells = [f"{data[c]['median']:.2f} s ({data[c]['min']:.2f}–{data[c]['max']:.2f})" if c in data else "—" for c in COMMANDS]
            rss = [read(os.path.join(results, f"{mode}-{size}-{c}.rss"), "?").split()[-1] for c in ("status", "diff", "save")]
            rss = " / ".join(f"{int(v) / 1024:.0f} MB" if v.isdigit() else "?" for v in rss)
            shown = read(os.path.join(results, f"{mode}-{size}-shown.txt"), "?")
            lines.append(f"| {size} MB | {label} | " + " | ".join(cells) + f" | {rss} | {shown} |")
    lines += ["", "Before this change `status` took 14.6 s on a 4 MB narrative and did not finish on 50 MB (the line diff was "
              "`CollectionDifference`, quadratic). The diff now sets the common start and end aside, runs Myers' O(ND) "
              "algorithm up to 1,000 edits within a shared budget of work, then anchors on lines unique to both sides "
              "(patience) and shows what is left as removed-then-added; at most 200 changed lines are printed, the rest "
              "counted (« … et K ligne(s) modifiée(s) de plus »).", "",
              "Where the time of a 50 MB `status` goes (perf, release build): about a third parsing the two versions of the "
              "claim (libyaml's block scalar scanner and UTF-8 validation), a third numbering the lines (hashing them byte for "
              "byte), the rest reading the blob and the working file; the diff itself is a few percent. Time and memory grow "
              "linearly with the narrative: peak RSS is about six times its size (both versions as bytes, as parsed text, "
              "and the line table). `git status` answers from the index's stat data without reading the file; `git diff` "
              "is the fair comparison for the diff.", END]
    section = "\n".join(lines) + "\n"
    text = open(target, encoding="utf-8").read() if os.path.exists(target) else ""
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        tail = rest.split(END, 1)[1].lstrip("\n")
        text = head + section + ("\n" + tail if tail else "")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    with open(target, "w", encoding="utf-8") as handle:
        handle.write(text)


if __name__ == "__main__":
    main()
