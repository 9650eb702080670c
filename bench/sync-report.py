#!/usr/bin/env python3
"""Writes the "Sync" section of BENCHMARKS.md from the results of bench/sync.sh.

Usage: sync-report.py RESULTS_DIR BENCHMARKS_MD

Only the text between `<!-- sync:begin -->` and `<!-- sync:end -->` is replaced; both markers are
appended at the end of the file when absent. The rest of the file belongs to bench/run.sh
(bench/report.py keeps this section when it rewrites the file).
"""
import json
import os
import statistics
import sys

BEGIN, END = "<!-- sync:begin -->", "<!-- sync:end -->"
GOALS = {"push": 1.5, "bytes": 1.2, "noop": 1.0}
KINDS = {"local": "bare remote by path", "http": "smart HTTP (nginx + git http-backend)"}


def load(results, name):
    path = os.path.join(results, name)
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def timings(results, name):
    """bench/timeit.py results as {command name: (median ms, min ms, max ms, runs)}, in order."""
    data = load(results, name + ".json")
    if not data:
        return {}
    return {r["command"]: (r["median"] * 1000, r["min"] * 1000, r["max"] * 1000, len(r["times"])) for r in data["results"]}


def records(results, name, warmup):
    """The per-run byte records of bench/sync-reset.py, without the warm-up runs; every push must have arrived."""
    path = os.path.join(results, name)
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    bad = [r for r in rows if not r["remote_ok"]]
    if bad:
        sys.exit(f"sync-report.py: {name}: {len(bad)} run(s) where the remote's main is not the clone's HEAD")
    return rows[warmup:]


def median_of(rows, key):
    values = [r[key] for r in rows if key in r]
    return statistics.median(values) if values else None


def ms(value):
    if value is None:
        return "n/a"
    return f"{value:.1f}" if value < 100 else f"{value:.0f}"


def pct(share):
    return f"{share * 100:.1f} %"


def num(value):
    return "n/a" if value is None else f"{value:,.0f}"


def verdict(ratio, goal, over_unit):
    if ratio <= goal:
        return "**met**"
    return f"**missed**: {ratio / goal:.2f}× the goal ({over_unit} over)"


def access_log(results, kind, rounds):
    """Requests per no-op run, by side: (requests, bytes sent by the client, bytes received)."""
    path = os.path.join(results, f"access-noop-{kind}.log")
    if not os.path.exists(path):
        return {}
    sides = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            method, uri, status, length, sent = line.split()[:5]
            side = uri.split("/")[1]
            entry = sides.setdefault(side, {"requests": 0, "request_bytes": 0, "response_bytes": 0, "lines": []})
            entry["requests"] += 1
            entry["request_bytes"] += int(length)
            entry["response_bytes"] += int(sent)
            entry["lines"].append(f"{method} {uri.split('/', 3)[-1]} {status}")
    for entry in sides.values():
        for key in ("requests", "request_bytes", "response_bytes"):
            entry[key] /= rounds
        per_run = len(entry["lines"]) // rounds
        entry["sequence"] = entry["lines"][:per_run]
    return sides


def section(results):
    meta = load(results, "meta.json")
    warmup, runs = meta["warmup"], meta["runs"]
    kinds = [k for k in ("local", "http") if timings(results, f"push-{k}")]
    t = {name: timings(results, name) for name in
         [f"{s}-{k}" for s in ("push", "noop", "exp-push", "exp-noop") for k in kinds] + ["floor"]}
    profiles = {name: load(results, f"callgrind.{name}.json") for name in
                [f"{s}-{k}" for s in ("push", "noop") for k in kinds]}
    commands = open(os.path.join(results, "commands.txt"), encoding="utf-8").read().strip()
    out = []
    w = out.append

    # ------------------------------------------------------------------ bytes
    bytes_ = {}
    for kind in kinds:
        d = records(results, f"bytes-push-{kind}-dossier.jsonl", warmup)
        g = records(results, f"bytes-push-{kind}-git.jsonl", warmup)
        for name in os.listdir(results):  # experiments: every push must have arrived too
            if name.startswith(f"bytes-exp-{kind}-"):
                records(results, name, 0)
        bytes_[kind] = {"dossier": d, "git": g}

    def sent(kind, side):
        rows = bytes_[kind][side]
        key = "request_bytes" if kind == "http" else "objects_bytes"
        return median_of(rows, key)

    # ------------------------------------------------------------------ header
    w("## Sync")
    w("")
    w(f"`dossier sync` against plain git on a dossier with {meta['commits']} commits of history, measured side by side by")
    w(f"[`bench/sync.sh`](bench/sync.sh) on {meta['date']} (repository at `{meta['commit']}`"
      + (", with uncommitted changes in Sources" if meta["sources_dirty"] else "") + "). Re-run with `bench/sync.sh`")
    w("(≈ 3 min, with the README's build: `--static-swift-stdlib`; `RUNS=5 HTTP=0 PROFILE=0")
    w("bench/sync.sh` for a quick run); it rewrites only this section, between the `sync:begin`/`sync:end` markers, and")
    w("`bench/run.sh` keeps it. Raw data: `bench-work/sync/results/`.")
    w("")
    w(f"Machine: {meta['cpu']}, {meta['nproc']} cores, {meta['memory_gib']} GiB, Linux {meta['kernel']}; {meta['swift']};")
    w(f"{meta['git']}; libgit2 {meta['libgit2']}" + (f"; nginx {meta['nginx']}, fcgiwrap, git http-backend" if meta.get("nginx") else "")
      + f"; load average {meta['load']} (a shared machine: compare the ratios).")
    w("")
    w("### Data set and method")
    w("")
    w(f"- **History**: [`bench/sync-history.py`](bench/sync-history.py): `dossier init --from sample-dossiers/batiment-caen`,")
    w("  then one commit at a time, every 10th by dossier (`dossier set <badge> narrative …` or, every 40th,")
    w("  `dossier add tutorat <12 KB text> --criterion historique-echanges`, then `dossier save`), the others by the git")
    w("  CLI (a badge's narrative rewritten in its `claim.yaml`, `git commit -am`), the 12 badges in turn. "
      f"Result: {meta['history']}")
    w("  (generated in " + f"{meta['history_seconds']} s); `git fsck` and `dossier check` accept it.")
    w(f"- **Remote**: `git init --bare -b main`, the {meta['commits']} commits pushed once by `dossier sync` (not measured):"
      f" {meta['history_objects']:,} objects, {meta['remote_objects_bytes'] / 1e6:.2f} MB in `objects/`. Every side of every measure"
      " has its own `cp -a` copy of it.")
    w("  Over HTTP the same copies are served by nginx + fcgiwrap + `git http-backend` on 127.0.0.1 with basic")
    w("  authentication (`DOSSIER_USER`/`DOSSIER_TOKEN` for dossier, `http://user:password@…` for git).")
    w(f"- **Clones**: the dossier side by `dossier clone URL`, the git side by `git clone --no-local URL`, both at the same commit.")
    w(f"- **One new evidence**: {meta['evidence_bytes']:,} random bytes (incompressible). Dossier side: `dossier add tutorat"
      " enregistrement-echanges.bin --criterion historique-echanges --title …` then `dossier save -m …`; git side: the same")
    w("  file and the same `claim.yaml` copied in, `git add -A && git commit -m …`. The two commits have the same tree and")
    w("  the same parent (checked). Each measured run starts from a fresh `cp -a` of this prepared state (clone and its remote),")
    w("  made by [`bench/sync-reset.py`](bench/sync-reset.py) as the untimed `--prepare` step (it also refreshes the copy's")
    w("  index, and checks after the run that the remote's `main` is the clone's `HEAD`: every measured push arrived).")
    w("- **Bytes**: by path, the growth of the remote's `objects/` (every new file: loose objects, packs and their indexes);")
    w("  over HTTP, nginx's `$request_length` (request line, headers and body) summed over every request the command")
    spreads = []
    for kind in kinds:
        for side in ("dossier", "git"):
            values = [r["request_bytes" if kind == "http" else "objects_bytes"] for r in bytes_[kind][side]]
            if values:
                spreads.append(max(values) - min(values))
    w("  made, the receive-pack POST being the push itself. Medians over the timed runs"
      + (f" (from one run to the next, a side's figure varies by {max(spreads):,} B at most)." if spreads else "."))
    w(f"- **Timing**: [`bench/timeit.py`](bench/timeit.py), {runs} interleaved runs after {warmup} warm-up round(s), median and minimum.")
    w("  The push measures run without a shell (`-N`); the no-op measures through `sh -c` (for the `&&`), minus the median")
    w("  start-up of `sh -c :`.")
    w("")

    # ------------------------------------------------------------------ results
    w("### Results")
    w("")
    w("| Remote | Measure | dossier: median (min) | git: median (min) | ratio dossier/git | goal | verdict |")
    w("|---|---|---|---|---|---|---|")
    verdicts = {}
    for kind in kinds:
        push, noop = t[f"push-{kind}"], t[f"noop-{kind}"]
        d, g = push["dossier sync"], push["git push origin main"]
        ratio = d[0] / g[0]
        verdicts[f"push-{kind}"] = (ratio, GOALS["push"], d, g)
        over = ms(d[0] - g[0] * GOALS["push"]) + " ms"
        w(f"| {KINDS[kind]} | sync of one new {meta['evidence_bytes'] / 1048576:g} MiB evidence, **wall time** (ms)<br>"
          f"`dossier sync` vs `git push origin main` | {ms(d[0])} ({ms(d[1])}) | {ms(g[0])} ({ms(g[1])}) | **{ratio:.2f}** |"
          f" ≤ {GOALS['push']} | {verdict(ratio, GOALS['push'], over)} |")
        db, gb = sent(kind, "dossier"), sent(kind, "git")
        if db and gb:
            ratio = db / gb
            verdicts[f"bytes-{kind}"] = (ratio, GOALS["bytes"], db, gb)
            what = ("bytes sent (all HTTP requests of the command)" if kind == "http"
                    else "bytes that reached the remote (growth of `objects/`)")
            over = num(db - gb * GOALS["bytes"]) + " B"
            w(f"| {KINDS[kind]} | the same, **{what}** | {num(db)} | {num(gb)} | **{ratio:.3f}** | ≤ {GOALS['bytes']} |"
              f" {verdict(ratio, GOALS['bytes'], over)} |")
        d, g = noop["dossier sync"], noop["git pull --ff-only && git push"]
        ratio = d[0] / g[0]
        verdicts[f"noop-{kind}"] = (ratio, GOALS["noop"], d, g)
        over = ms(d[0] - g[0] * GOALS["noop"]) + " ms"
        w(f"| {KINDS[kind]} | sync with **nothing to do**, wall time (ms)<br>`dossier sync` vs `git pull --ff-only && git push` |"
          f" {ms(d[0])} ({ms(d[1])}) | {ms(g[0])} ({ms(g[1])}) | **{ratio:.2f}** | ≤ {GOALS['noop']} |"
          f" {verdict(ratio, GOALS['noop'], over)} |")
    w("")

    # bytes detail
    w("What each push sent (median per run):")
    w("")
    w("| Remote | Side | growth of `objects/` (B) | without `.idx`/`.rev` (B) | HTTP requests | bytes sent, all requests | "
      "receive-pack POST | bytes received |")
    w("|---|---|---|---|---|---|---|---|")
    for kind in kinds:
        for side, label in (("dossier", "`dossier sync`"), ("git", "`git push origin main`")):
            rows = bytes_[kind][side]
            http = kind == "http"
            w(f"| {KINDS[kind]} | {label} | {num(median_of(rows, 'objects_bytes'))} | {num(median_of(rows, 'data_bytes'))} | "
              + (f"{num(median_of(rows, 'requests'))} | {num(median_of(rows, 'request_bytes'))} | "
                 f"{num(median_of(rows, 'receive_pack_bytes'))} | {num(median_of(rows, 'response_bytes'))} |" if http else "| | | |"))
    w("")
    w("By path, dossier (libgit2) writes one pack and its index into the remote; git's `receive-pack` unpacks fewer than")
    w("100 objects into loose objects (`receive.unpackLimit`): the same objects, the same zlib payload, give or take a header.")
    if "http" in kinds:
        noop_sides = access_log(results, "http", warmup + runs)
        if noop_sides:
            d, g = noop_sides.get("noop-dossier"), noop_sides.get("noop-git")
            if d and g:
                w(f"With nothing to do over HTTP, `dossier sync` makes {d['requests']:.0f} requests ({', '.join(d['sequence'])})"
                  f" and sends {num(d['request_bytes'])} B; `git pull --ff-only && git push` makes {g['requests']:.0f}"
                  f" ({', '.join(g['sequence'])}), {num(g['request_bytes'])} B: git's fetch speaks protocol v2 (a POST for `ls-refs`),"
                  " libgit2 1.5 protocol v0 (the references come with the first GET), and dossier has no push to attempt.")
    w("")

    # ------------------------------------------------------------------ context / experiments
    exp_blocks = [(n, t[n]) for n in ["floor"] + [f"exp-push-{k}" for k in kinds] + [f"exp-noop-{k}" for k in kinds] if t.get(n)]
    if exp_blocks:
        w("### Context and experiments (no goal)")
        w("")
        w("Same binary, without changing Sources: `no CA bundle` is [`bench/preload.c`](bench/preload.c) with")
        w("`BENCH_NO_CERTS=1` (`git_libgit2_init()` without parsing the system CA bundle, as a libgit2 that loads it lazily")
        w("would behave); `TCP_NODELAY` is a 10-line `LD_PRELOAD` shim (written by `bench/sync.sh`, kept as")
        w("`bench-work/sync/results/nodelay.c`) that turns Nagle's algorithm off on each TCP socket before `connect()`, as git's")
        w("curl does. Each block is one")
        w("interleaved measure (through `sh -c`, for the environment variables); the ratio is against the git row of the block.")
        w("")
        w("| Block | Command | median (min) ms | ratio to git |")
        w("|---|---|---|---|")
        titles = {"floor": "fixed costs"}
        for kind in kinds:
            titles[f"exp-push-{kind}"] = f"1 MiB push, {KINDS[kind]}"
            titles[f"exp-noop-{kind}"] = f"nothing to do, {KINDS[kind]}"
        for name, rows in exp_blocks:
            git_row = next((v for k, v in rows.items() if k.startswith("git ")), None)
            for command, v in rows.items():
                ratio = f"{v[0] / git_row[0]:.2f}" if git_row and not command.startswith("git ") else ""
                w(f"| {titles[name]} | `{command}` | {ms(v[0])} ({ms(v[1])}) | {ratio} |")
        w("")

    # ------------------------------------------------------------------ profiles
    medians = {f"{s}-{k}": t[f"{s}-{k}"]["dossier sync"][0] for s in ("push", "noop") for k in kinds}

    def ms_of(name, share):
        """Share of a profile in ms. By path: applied to the measured median. Over HTTP the wall time also holds
        network waits and the server's work, so the instructions are converted at the rate of the same scenario
        by path (ms per instruction of the local profile)."""
        scenario, kind = name.split("-")
        local = profiles.get(f"{scenario}-local")
        if kind == "local" or not local:
            return share * medians[name]
        return share * profiles[name]["total"] * medians[f"{scenario}-local"] / local["total"]
    if any(profiles.values()):
        w("### Where the time goes (callgrind)")
        w("")
        w("One `dossier sync` of each kind under `valgrind --tool=callgrind --dump-instr=no`, on a copy of the binary")
        w("stripped with `objcopy --strip-debug` (valgrind 3.19 cannot read Swift 6's DWARF 5; symbols are kept), summarised")
        w("by [`bench/sync-profile.py`](bench/sync-profile.py) from `callgrind_annotate --inclusive=yes --tree=caller`.")
        w("Share = inclusive instructions / instructions of the whole process; \"≈ ms\" applies the share to the median above")
        w("(instructions are not time: waiting on the network or the disk is not counted); over HTTP, whose wall time also")
        w("holds network waits and the server's work, \"≈ ms\" converts instructions at the rate of the same scenario by path.")
        w("Indented rows are callees.")
        w("")
        titles = {"push": "`dossier sync` of one new 1 MiB evidence", "noop": "`dossier sync` with nothing to do"}
        for name, prof in profiles.items():
            if not prof:
                continue
            scenario, kind = name.split("-")
            w(f"#### {titles[scenario]}, {KINDS[kind]} — {prof['total'] / 1e6:.0f} M instructions")
            w("")
            w("| Function | share | ≈ ms | calls |")
            w("|---|---|---|---|")
            for key, item in prof["functions"].items():
                if key == "main" or item["share"] < 0.003:
                    continue
                label = item["label"]
                indent = len(label) - len(label.lstrip(" "))
                shown = "&nbsp;" * (2 * indent) + label.strip()
                w(f"| {shown} | {pct(item['share'])} | {ms(ms_of(name, item['share']))} | {item['calls']:,} |")
            w("")
            w("<details><summary>Top self cost</summary>")
            w("")
            w("| Function | object | self share |")
            w("|---|---|---|")
            for item in prof["self"][:10]:
                w(f"| `{item['name'][:90]}` | {item['object']} | {pct(item['share'])} |")
            w("")
            w("Unnamed libgit2 and zlib addresses are static functions (no symbols in Debian's libraries): in a push, SHA-1")
            w("(libgit2's collision-detecting SHA1DC) and zlib's deflate/inflate loops, by their callers.")
            w("</details>")
            w("")

    # ------------------------------------------------------------------ analysis
    w("### Analysis")
    w("")
    met = [n for n, v in verdicts.items() if v[0] <= v[1]]
    missed = [n for n, v in verdicts.items() if v[0] > v[1]]
    names = {"push": "1 MiB sync, wall", "bytes": "1 MiB sync, bytes", "noop": "nothing to do"}

    def title(n):
        scenario, kind = n.split("-")
        return f"{names[scenario]} ({'by path' if kind == 'local' else 'HTTP'})"
    if met:
        w("Goals met: " + ", ".join(f"**{title(n)}** ({verdicts[n][0]:.2f} ≤ {verdicts[n][1]})" for n in met) + ".")
    if missed:
        w("Goals missed: " + ", ".join(f"**{title(n)}** ({verdicts[n][0]:.2f} > {verdicts[n][1]})" for n in missed) + ".")
    w("")

    def share(name, key):
        item = (profiles.get(name) or {}).get("functions", {}).get(key)
        return item["share"] if item else None

    def shown(name, key):
        value = share(name, key)
        return pct(value) if value is not None else "n/a"

    def est(name, key):
        value = share(name, key)
        return ms(ms_of(name, value)) if value is not None else "n/a"

    floor = t.get("floor") or {}
    fixed = None
    if "dossier --version" in floor and "libgit2: load only" in floor:
        init_cost = max(floor["libgit2: load + git_libgit2_init()"][1] - floor["libgit2: load only"][1], 0)
        fixed = floor["dossier --version"][1] + init_cost

    findings = 0

    def finding(text):
        nonlocal findings
        findings += 1
        w(f"#### S{findings}. {text}")
        w("")

    # The push over HTTP: Nagle + delayed ACK.
    nagle = False
    if "http" in kinds:
        exp = t.get("exp-push-http") or {}
        base, nodelay = exp.get("dossier sync"), exp.get("dossier sync + TCP_NODELAY")
        d = t["push-http"]["dossier sync"]
        local = t.get("push-local", {}).get("dossier sync")
        if base and nodelay and base[0] - nodelay[0] >= 10:
            nagle = True
            gain = base[0] - nodelay[0]
            git_exp = exp.get("git push origin main")
            finding("HTTP push: a Nagle / delayed-ACK stall in libgit2's request body")
            fewer = (profiles.get("push-http") and profiles.get("push-local")
                     and profiles["push-http"]["total"] < profiles["push-local"]["total"])
            g = t["push-http"]["git push origin main"]
            w(f"Over HTTP, `dossier sync` takes {ms(d[0])} ms" + (f" (by path: {ms(local[0])} ms)" if local else "")
              + f" and `git push` {ms(g[0])} ms. Both wait for `git http-backend` to receive the pack on the server, but dossier"
              + (" executes fewer instructions than by path (the indexing is the server's now) and" if fewer else "")
              + " also waits for something else:")
            w("libgit2 1.5 sends the pack as a chunked request body and writes each chunk as three `send()` calls (size line,")
            w("data, CRLF: `strace` shows dozens of 2- to 5-byte writes), on a socket where Nagle's algorithm is on: libgit2's")
            w("socket stream never sets `TCP_NODELAY` (git's curl does). A small segment then waits for the ACK of the previous")
            w("one, which the receiver delays (40 ms minimum on Linux).")
            dp = [r for r in bytes_["http"]["dossier"] if "receive_pack_seconds" in r]
            gp = [r for r in bytes_["http"]["git"] if "receive_pack_seconds" in r]
            np_ = [r for r in records(results, "bytes-exp-http-push-nodelay.jsonl", warmup) if "receive_pack_seconds" in r]
            if dp and gp:
                w("nginx's log shows it (medians): dossier's receive-pack POST lasts "
                  f"{ms(median_of(dp, 'receive_pack_seconds') * 1000)} ms from its first byte to the answer, of which git http-backend"
                  f" takes {ms(median_of(dp, 'receive_pack_backend_seconds') * 1000)} ms; git's POSTs last"
                  f" {ms(median_of(gp, 'receive_pack_seconds') * 1000)} ms, of which"
                  f" {ms(median_of(gp, 'receive_pack_backend_seconds') * 1000)} ms in git http-backend. (libgit2 also compresses the pack"
                  " while the request is open, git before: part of the gap is that work, not waiting"
                  + (f"; with `TCP_NODELAY`, the same POST lasts {ms(median_of(np_, 'receive_pack_seconds') * 1000)} ms" if np_ else "")
                  + ".)")
            w(f"With the `TCP_NODELAY` shim, the same binary takes {ms(nodelay[0])} ms instead of {ms(base[0])} ms (−{ms(gain)} ms"
              + (f"; ratio {nodelay[0] / git_exp[0]:.2f} against `git push` in that block, {base[0] / git_exp[0]:.2f} without" if git_exp else "")
              + ").")
            ratio = verdicts["push-http"][0]
            if abs(ratio / GOALS["push"] - 1) <= 0.12:
                w(f"The ratio ({ratio:.2f}) is close to the goal ({GOALS['push']}): on this shared machine, the verdict can change from one"
                  " run to the next; the stall itself does not, and without it the ratio is well inside the goal.")
            w("")
            w("Fix (in `Sources/Git`, not done here): register a socket stream for `GIT_STREAM_STANDARD`")
            w("(`git_stream_register`, `git2/sys/stream.h`; libgit2's TLS streams open their socket through the same registry)")
            w("that sets `TCP_NODELAY` after `connect()` — C in the `Clibgit2` shim modelled on libgit2's `streams/socket.c`;")
            w("or a vendored libgit2 with that one `setsockopt`. Worth reporting upstream together with the three-writes-per-chunk")
            w("pattern. The ssh transport was not measured.")
            w("")

    # Nothing to do: fixed costs.
    for kind in kinds:
        name = f"noop-{kind}"
        ratio, goal, d, g = verdicts[name]
        if ratio <= goal and kind != "local":
            continue
        exp = t.get(f"exp-noop-{kind}") or {}
        finding(f"Nothing to do ({'by path' if kind == 'local' else 'HTTP'}): fixed costs" + (", not the sync" if share(name, "sync") and share(name, "sync") < 0.2 else ""))
        w(f"`dossier sync` with nothing to do takes {ms(d[0])} ms, `git pull --ff-only && git push` {ms(g[0])} ms"
          f" (ratio {ratio:.2f}, goal ≤ {goal}).")
        if profiles.get(name):
            w(f"The profile ({profiles[name]['total'] / 1e6:.0f} M instructions) puts the sync itself (`Syncer.sync`: lock, status,"
              f" fetch, merge analysis, remote identity) at {shown(name, 'sync')} (≈ {est(name, 'sync')} ms); the rest is the fixed"
              f" cost every command pays: `git_libgit2_init` {shown(name, 'libgit2init')} (of which the system CA bundle,"
              f" `mbedtls_x509_crt_parse_file`, {shown(name, 'certs')}), dynamic linking (`_dl_start`) {shown(name, 'dynlink')},"
              f" argument parsing {shown(name, 'arguments')}, the built-in catalogue {shown(name, 'catalogue')}.")
        if fixed is not None:
            w(f"Measured in this run (minimums): `dossier --version` {ms(floor['dossier --version'][1])} ms against"
              f" {ms(floor['git --version'][1])} ms for `git --version`, plus ≈ {ms(init_cost)} ms for `git_libgit2_init()`:"
              f" a floor of ≈ {ms(fixed)} ms before any work, against {ms(g[1])} ms for the whole of git's pull and push"
              " (minimum) — git's fetch and push are small C processes with no runtime to load.")
        nocerts = exp.get("dossier sync + no CA bundle")
        static = exp.get("dossier sync, static stdlib + no CA bundle")
        git_exp = exp.get("git pull --ff-only && git push")
        if nocerts and git_exp:
            w(f"Experiments: without the CA bundle, {ms(nocerts[0])} ms (ratio {nocerts[0] / git_exp[0]:.2f})"
              + (f"; with `--static-swift-stdlib` as well, {ms(static[0])} ms (ratio {static[0] / git_exp[0]:.2f})" if static and git_exp else "")
              + ".")
        if kind == "http" and ratio <= goal:
            w("Over HTTP the goal is met: git's two network round trips (fetch, then push) cost more than dossier's fixed start-up.")
        elif ratio > goal:
            w(f"To meet the goal, dossier must lose ≈ {ms(d[0] - g[0] * goal)} ms: as much as the sync's own work, so only the fixed"
              " costs can get there. Already done: the CA bundle parsed only before a network transfer, the static Swift")
            w("runtime, the catalogue compiled, no libcurl. What is left is the argument parser's first use (type metadata and")
            w("protocol-conformance look-ups across the whole executable) and loading libgit2 with its own libraries.")
        w("")

    # The push by path (CPU work).
    for kind in ("local",):
        name = f"push-{kind}"
        if kind not in kinds or not profiles.get(name):
            continue
        ratio, goal, d, g = verdicts[name]
        finding(f"The 1 MiB push ({'by path' if kind == 'local' else 'HTTP'}): where the instructions go")
        w(f"Ratio {ratio:.2f} (goal ≤ {goal}). Of {profiles[name]['total'] / 1e6:.0f} M instructions, `git_remote_push` is"
          f" {shown(name, 'remotePush')}: compressing the pack (zlib `deflate`, {shown(name, 'deflate')}, ≈ {est(name, 'deflate')} ms"
          " for 1 MiB of incompressible data at the default level), reading the blob back from the object database")
        w(f"(`git_odb_read` {shown(name, 'odbread')}: inflate, then a SHA-1 re-hash, `git_odb_hash` {shown(name, 'odbhash')},"
          " because libgit2's strict hash verification is on)"
          + (f", and, by path, indexing the pack into the remote in-process (`git_indexer_append` {shown(name, 'indexer')})"
             if kind == "local" and share(name, "indexer") else "") + ".")
        w("git does the same compression (`pack-objects` re-deflates loose objects) and the same indexing (`unpack-objects`")
        w("in the remote's `receive-pack`), in separate processes. What dossier adds: the fetch before the push"
          f" (`git_remote_fetch` {shown(name, 'fetch')}), the merge analysis and identity check ({shown(name, 'integrate')}),"
          f" the status check ({shown(name, 'changed')}), and the fixed start-up above ({shown(name, 'libgit2init')} in"
          " `git_libgit2_init` alone).")
        http = profiles.get("push-http")
        if http:
            w(f"Over HTTP the profile has the same shape without the indexer ({http['total'] / 1e6:.0f} M instructions: `deflate`"
              f" {shown('push-http', 'deflate')}, `git_odb_read` {shown('push-http', 'odbread')}); the time it adds is waiting (see above).")
        w("")

    w("#### Suggestions, by expected gain")
    w("")
    items = []
    if nagle:
        items.append("**`TCP_NODELAY` on libgit2's sockets** (a custom `GIT_STREAM_STANDARD` stream, see above): the largest"
                     " cost of a sync over HTTP that git does not pay; it concerns any request body libgit2 writes in small"
                     " pieces (every push; fetch negotiations were not measured here).")
    items.append("**Start-up**: the argument parser's first use is now the largest fixed cost of a sync with nothing to do"
                 " (a dispatch for the hottest commands that does not build the whole command tree would remove most of it; not"
                 " done). Done already: the CA bundle parsed only before a network transfer (`GitCertificates`), the static"
                 " Swift runtime, the catalogue compiled, no libcurl (media over AsyncHTTPClient).")
    items.append("`GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION` stays on although git does not re-hash the objects it reads: a remote"
                 " that is a folder is read by libgit2's local transport, which indexes no pack, and this check is what refuses"
                 " an object whose bytes are not its id (`SyncBadInputTests`).")
    for number, item in enumerate(items, 1):
        w(f"{number}. {item}")
    w("")

    # ------------------------------------------------------------------ commands
    w("### Exact commands")
    w("")
    w("`$DATA` is `bench-work/sync/data` (removed at the end); `$DATA/dossier` is a copy of `.build/release/dossier`")
    w("(the README's `--static-swift-stdlib` build; `dossier-nodebug`: the same without DWARF, for valgrind); over HTTP, the")
    w("URLs are `http://127.0.0.1:$PORT/<side>/remote.git` (nginx configuration: `bench-work/sync/results/nginx.conf`).")
    w("Each side folder holds `clone/` and `remote.git/`; `state-<side>` is its prepared state.")
    w("")
    w("```sh")
    w(commands)
    w("```")
    return "\n".join(out)


def main(results, output):
    text = section(results)
    block = f"{BEGIN}\n{text}\n{END}"
    existing = ""
    if os.path.exists(output):
        with open(output, encoding="utf-8") as handle:
            existing = handle.read()
    start = existing.find(BEGIN)
    end = existing.find(END, start + 1) if start >= 0 else -1
    if start >= 0 and end >= 0:
        updated = existing[:start] + block + existing[end + len(END):]
    else:
        updated = existing.rstrip("\n") + ("\n\n" if existing else "") + block + "\n"
    with open(output + ".tmp", "w", encoding="utf-8") as handle:
        handle.write(updated)
    os.replace(output + ".tmp", output)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
