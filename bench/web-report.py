#!/usr/bin/env python3
"""The "Web" section of BENCHMARKS.md from bench/web.sh's results folder (wrk outputs)."""
import glob
import os
import re
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from machine import describe  # noqa: E402

GOALS = {"queue": 50.0, "request": 50.0, "diff": 100.0}
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def millis(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * UNITS[unit]


def parse(path):
    text = open(path).read()
    percentiles = {int(p): millis(v) for p, v in re.findall(r"^\s+(50|75|90|99)%\s+(\S+)", text, re.M)}
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    requests = int(re.search(r"(\d+) requests in", text).group(1))
    non2xx = int((re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text) or [0, 0])[1])
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    errors = non2xx + (sum(int(x) for x in socket.groups()) if socket else 0)
    return {"p50": percentiles[50], "p99": percentiles[99], "rps": rps, "requests": requests, "errors": errors}


def main():
    results = sys.argv[1]
    env = os.environ
    machine = describe()
    rows = []
    for page in ["queue", "request", "diff"]:
        app = [parse(p) for p in sorted(glob.glob(f"{results}/app-{page}-*.txt"))]
        floor = [parse(p) for p in sorted(glob.glob(f"{results}/nginx-{page}-*.txt"))]
        med = lambda runs, key: statistics.median(r[key] for r in runs)  # noqa: E731
        size = os.path.getsize(f"{results}/{page}.html")
        rows.append((page, size, med(app, "p50"), med(app, "p99"), med(app, "rps"), sum(r["errors"] for r in app),
                     med(floor, "p50"), med(floor, "p99"), med(floor, "rps")))
    peak_mib = int(open(f"{results}/peak-kib.txt").read().strip() or 0) / 1024
    server_5xx = int(open(f"{results}/server-5xx.txt").read().strip() or 0)
    out = []
    out.append("## Web application (reviewers): `dossier hub serve` under wrk")
    out.append("")
    out.append(f"Run of {machine['date']} on {machine['nproc']} cores ({machine['cpu']}, {machine['memory_gib']} GiB), "
               f"{machine['swift']}; load average {env.get('load_start')} at the start, {env.get('load_end')} at the end "
               "(a shared machine: compare the ratios, not the absolute figures).")
    out.append("")
    out.append(f"Data: {env.get('N')} synthetic CFAs (bench/hub-gen.py, 5 requests each), {env.get('AWARDS')} awards, "
               f"{env.get('RENEWALS')} renewals. Signed in as a Badgeons member; `wrk -t2 -c{env.get('CONNECTIONS')} "
               f"-d{env.get('DURATION')}s --latency` on 127.0.0.1, {env.get('ROUNDS')} round(s), the application and "
               "nginx serving the same page's bytes as a static file interleaved page by page (medians over rounds). "
               "Release build. Script: `bench/web.sh`.")
    out.append("")
    out.append("| page | bytes | app p50 | app p99 | app req/s | errors | nginx p50 | nginx p99 | nginx req/s | p99 goal | p99 ÷ nginx | req/s ÷ nginx |")
    out.append("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for page, size, p50, p99, rps, errors, n50, n99, nrps in rows:
        goal = GOALS[page]
        verdict = "met" if p99 <= goal else "**missed**"
        out.append(f"| {page} | {size:,} | {p50:.1f} ms | {p99:.1f} ms | {rps:,.0f} | {errors} | {n50:.2f} ms | {n99:.2f} ms | "
                   f"{nrps:,.0f} | ≤ {goal:.0f} ms: {verdict} | {p99 / n99:.0f}× | {rps / nrps:.2f} |")
    out.append("")
    memory_verdict = "met" if peak_mib <= 150 else "**missed**"
    out.append(f"Peak memory of the server (VmHWM): {peak_mib:.0f} MiB (goal ≤ 150 MiB: {memory_verdict}); "
               f"5xx answers in the server's log: {server_5xx}.")
    print("\n".join(out))


if __name__ == "__main__":
    main()
