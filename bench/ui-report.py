#!/usr/bin/env python3
"""The "ui" section of BENCHMARKS.md from bench/ui.sh's results folder (wrk outputs, upload timings)."""
import glob
import os
import re
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from machine import describe  # noqa: E402

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def millis(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * UNITS[unit]


def parse(path):
    text = open(path).read()
    percentiles = {int(p): millis(v) for p, v in re.findall(r"^\s+(50|75|90|99)%\s+(\S+)", text, re.M)}
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    non2xx = int((re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text) or [0, 0])[1])
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    errors = non2xx + (sum(int(x) for x in socket.groups()) if socket else 0)
    requests = int(re.search(r"(\d+) requests in", text).group(1))
    return {"p50": percentiles[50], "p99": percentiles[99], "rps": rps, "errors": errors, "requests": requests}


def numbers(path):
    return [float(line) for line in open(path).read().split() if line.strip()]


def main():
    results = sys.argv[1]
    env = os.environ
    machine = describe()
    out = ["## The CFA's application: `dossier ui`", ""]
    out.append(f"Run of {machine['date']} on {machine['nproc']} cores ({machine['cpu']}, {machine['memory_gib']} GiB), "
               f"{machine['swift']}; load average {env.get('load_start')} at the start, {env.get('load_end')} at the end "
               f"(a shared machine: compare the ratios, not the absolute figures); repository at `{env.get('commit')}`.")
    out.append("")
    out.append(f"Data: the dossier of 12 badges × {int(env.get('FILES', 0)):,} evidence files (bench/gen.py, saved). "
               f"`dossier ui --no-open` (release build), its launch address exchanged for the session cookie with curl; "
               f"`wrk -t2 -c{env.get('CONNECTIONS')} -d{env.get('DURATION')}s --timeout 30s --latency` on 127.0.0.1, {env.get('ROUNDS')} round(s), "
               "pages interleaved (medians over rounds). Script: `bench/ui.sh`.")
    out.append("")
    out.append("| page | bytes | p50 | p99 | req/s | requests answered | errors |")
    out.append("|---|---|---|---|---|---|---|")
    for page, path in [("dashboard", "/"), ("badge", f"/badge/{env.get('BADGE')}")]:
        runs = [parse(p) for p in sorted(glob.glob(f"{results}/wrk-{page}-*.txt"))]
        med = lambda key: statistics.median(r[key] for r in runs)  # noqa: E731
        size = os.path.getsize(f"{results}/{page}.html")
        out.append(f"| `{path}` | {size:,} | {med('p50'):.1f} ms | {med('p99'):.1f} ms | {med('rps'):,.1f} | "
                   f"{' + '.join(str(r['requests']) for r in runs)} | {sum(r['errors'] for r in runs)} |")
    out.append("")
    pages_peak = int(open(f"{results}/pages-peak-kib.txt").read().strip() or 0) / 1024
    out.append(f"Peak memory of the server after the page runs (VmHWM): {pages_peak:.0f} MiB.")
    out.append("")
    upload = numbers(f"{results}/upload-seconds.txt")
    copy = numbers(f"{results}/cp-seconds.txt")
    peaks = [k / 1024 for k in numbers(f"{results}/upload-peak-kib.txt")]
    bases = [k / 1024 for k in numbers(f"{results}/upload-base-kib.txt")]
    growth = max(p - b for p, b in zip(peaks, bases))
    source = open(f"{results}/source-sha256.txt").read().strip()
    same = all(line.strip() == source for line in open(f"{results}/upload-sha256.txt") if line.strip())
    size_mib = int(env.get("SIZE_MIB", 0))
    ratio = statistics.median(upload) / statistics.median(copy)
    peak = max(peaks)
    out.append(f"Upload of a {size_mib:,} MiB file of random bytes through the badge page's form (`curl -F`, the multipart "
               "body a browser sends; streamed to `.git/dossier/uploads/`, hashed on the way, moved into the badge's "
               "evidence folder and recorded) against `cp` + `sha256sum` of the same file (what `dossier add` does), "
               f"{len(upload)} round(s) interleaved, medians:")
    out.append("")
    out.append("| | wall time | peak memory of the server (VmHWM) |")
    out.append("|---|---|---|")
    out.append(f"| upload through the page | {statistics.median(upload):.2f} s ({', '.join(f'{x:.2f}' for x in upload)}) | "
               f"{statistics.median(peaks):.0f} MiB (max {peak:.0f} MiB) |")
    out.append(f"| `cp` + `sha256sum` | {statistics.median(copy):.2f} s ({', '.join(f'{x:.2f}' for x in copy)}) | |")
    out.append("")
    time_verdict = "met" if ratio <= 1.3 else "**missed**"
    growth_verdict = "met" if growth <= 64 else "**missed**"
    absolute_verdict = "met" if peak * 1.048576 <= 64 else "**missed**"
    out.append(f"Ratio {ratio:.2f} (goal ≤ 1.3: {time_verdict}). Memory: the upload itself added at most {growth:.1f} MiB "
               f"to what the server held before it (goal ≤ 64 MB: {growth_verdict}); the server's peak during the upload, "
               f"{peak:.0f} MiB, is mostly the {max(bases):.0f} MiB it held after rendering the pages (the badge page of "
               f"1,000 evidence entries is {os.path.getsize(f'{results}/badge.html') / 1e6:.1f} MB of HTML), so the absolute "
               f"peak is over 64 MB: {absolute_verdict}. Recorded hash equal to `sha256sum` of the source: {'yes' if same else '**no**'}.")
    print("\n".join(out))


if __name__ == "__main__":
    main()
