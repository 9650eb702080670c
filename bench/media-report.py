#!/usr/bin/env python3
"""Writes the "Media" section of BENCHMARKS.md from the results of bench/media.sh.

Usage: media-report.py RESULTS_DIR BENCHMARKS_MD BYTES LOAD_START LOAD_END

Only the text between `<!-- media:begin -->` and `<!-- media:end -->` is replaced; both markers
are appended at the end of the file when absent.
"""
import json
import os
import sys
import time

from machine import describe, run

BEGIN, END = "<!-- media:begin -->", "<!-- media:end -->"


def timings(results, name):
    with open(os.path.join(results, name), encoding="utf-8") as handle:
        data = json.load(handle)
    return {item["command"]: item for item in data["results"]}


def rss(results, name):
    try:
        with open(os.path.join(results, name), encoding="utf-8") as handle:
            return int(handle.read().split()[-1]) / 1024
    except (OSError, ValueError, IndexError):
        return None


def seconds(item):
    return f"{item['median']:.2f} s (min {item['min']:.2f}, max {item['max']:.2f})"


def verdict(ratio, goal):
    return f"{ratio:.2f}× — goal ≤ {goal}× " + ("**met**" if ratio <= goal else f"**missed** by {ratio - goal:.2f}×")


def machine():
    info = describe()
    lfs = run("git", "lfs", "version")
    return (f"{info['nproc']} cores ({info['cpu']}), {info['memory_gib']} GiB, Linux {info['kernel']}; "
            f"{info['git']}; libgit2 {info['libgit2']}; {lfs}")


def main():
    results, target, size, load_start, load_end = sys.argv[1:6]
    size = int(size)
    store = timings(results, "store.json")
    upload = timings(results, "upload.json")
    clone = timings(results, "clone.json")
    sha = store["sha256sum"]
    add = store["dossier add + save"]
    cp = upload["cp"]
    sync = upload["dossier sync (upload)"]
    peak = max(filter(None, [rss(results, "add.rss"), rss(results, "save.rss")]), default=None)
    runs = len(sha["times"])
    lines = [BEGIN, "## Media (bench/media.sh)", "",
             f"{size / 2**30:.2f} GiB of random bytes as a `.mp4`, {runs} interleaved runs per command, medians; "
             f"{time.strftime('%Y-%m-%d')}, load average {load_start} at the start, {load_end} at the end; {machine()}.", "",
             "| | wall time | vs sha256sum |", "|---|---|---|"]
    for name, item in store.items():
        lines.append(f"| {name} | {seconds(item)} | {item['median'] / sha['median']:.2f}× |")
    lines += ["", f"- `dossier add` + `save` vs `sha256sum`: {verdict(add['median'] / sha['median'], 1.3)}."]
    if peak is not None:
        lines.append(f"- Peak memory of `dossier add` and `dossier save`: {peak:.0f} MB — goal ≤ 64 MB "
                     + ("**met**" if peak <= 64 else "**missed**") + f" (sha256sum: {rss(results, 'sha256sum.rss') or 0:.0f} MB).")
    lines += ["", "| upload to a path remote | wall time |", "|---|---|",
              f"| cp of the file | {seconds(cp)} |", f"| dossier sync (object + refs) | {seconds(sync)} |", "",
              f"- Upload vs `cp`: {verdict(sync['median'] / cp['median'], 1.3)}.", "",
              "| clone of a dossier with the media | wall time |", "|---|---|"]
    for name, item in clone.items():
        lines.append(f"| {name} | {seconds(item)} |")
    names = list(clone)
    lines += ["", f"- `dossier clone --no-media` takes {clone[names[0]]['median'] / clone[names[1]]['median']:.3f}× the time of a "
              "plain `git clone` of the same dossier without LFS: the pointers are a few hundred bytes, the media stay on the remote."]
    try:
        with open(os.path.join(results, "sizes.txt"), encoding="utf-8") as handle:
            sizes = [line.split() for line in handle if line.strip()]
        lines.append("- Remote sizes: " + ", ".join(f"{os.path.basename(path)} {int(kb) / 1024:.0f} MiB" for kb, path in sizes) + ".")
    except OSError:
        pass
    lines.append(END)
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
