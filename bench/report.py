#!/usr/bin/env python3
"""Writes BENCHMARKS.md from the results of bench/run.sh.

Usage: report.py RESULTS_DIR OUTPUT_MD
"""
import json
import os
import re
import sys

GOALS = {"status": 1.0, "save": 1.0, "diff": 1.5, "check": 1.5, "startup": 3.0}
# Other scripts own marked sections of the file — bench/sync.sh "Sync" between `<!-- sync:begin -->`
# and `<!-- sync:end -->`, bench/hub.sh "Hub" between `<!-- hub:begin -->` and `<!-- hub:end -->`, and
# any other `<!-- NAME:begin -->`/`<!-- NAME:end -->` pair: a rewrite keeps them all.
MARKED_SECTION = re.compile(r"<!-- ([A-Za-z0-9_-]+):begin -->.*?<!-- \1:end -->", re.S)


def preserved_section(output):
    """The marked sections of the other scripts (markers included) in the existing file, in file order, or None."""
    try:
        with open(output, encoding="utf-8") as handle:
            text = handle.read()
    except FileNotFoundError:
        return None
    return "\n\n".join(match.group(0) for match in MARKED_SECTION.finditer(text)) or None


def load(results, name):
    path = os.path.join(results, name)
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def bench(results, name):
    """timing results (bench/timeit.py JSON) as [(command name, median ms, min ms, max ms, runs)]."""
    data = load(results, name + ".json")
    if not data:
        return []
    return [(r["command"], r["median"] * 1000, r["min"] * 1000, r["max"] * 1000, len(r["times"]))
            for r in data["results"]]


def ms(value):
    if value is None:
        return "n/a"
    return f"{value:.1f}" if value < 100 else f"{value:.0f}"


def pct(share):
    return f"{share * 100:.1f} %"


def main(results, output):
    meta = load(results, "meta.json")
    rows = {name: bench(results, name) for name in
            ("startup", "status-clean", "status", "save", "diff", "diff-replaced", "treeskip", "check", "check-cold",
             "exp-status", "exp-status-clean", "exp-save", "exp-diff")}
    profiles = {name: load(results, f"callgrind.{name}.json") for name in ("status", "save", "diff", "diff-lean", "startup", "check")}
    commands = open(os.path.join(results, "commands.txt"), encoding="utf-8").read().strip()
    diff_output = open(os.path.join(results, "diff-output.txt"), encoding="utf-8").read().strip()
    out = []
    w = out.append

    def pair(name):
        r = rows[name]
        return (r[0], r[1]) if len(r) >= 2 else (None, None)

    w("# Benchmarks")
    w("")
    w("Performance of `dossier` against plain `git` on a large dossier, measured side by side in one run")
    w(f"by [`bench/run.sh`](bench/run.sh) on {meta['date']} (repository at `{meta['commit']}`"
      + (", with uncommitted changes in Sources" if meta["sources_dirty"] else "") + ").")
    w("Re-run with `bench/run.sh` (≈ 10 min; `RUNS=5 PROFILE=0 bench/run.sh` for a quicker run without profiles);")
    w("it rewrites this file. Raw data (timings as JSON, callgrind profiles) stay in `bench-work/results/`.")
    w("")
    w("The machine is shared and noisy (other sessions build and test on it): compare the **ratios**, not absolute")
    w("times across runs. Every comparison is timed by [`bench/timeit.py`](bench/timeit.py), which interleaves the runs")
    w("(dossier, git, git, dossier, …) so that load bursts fall on both sides alike, and reports median and minimum.")
    w("")
    w("## Machine")
    w("")
    w("| | |")
    w("|---|---|")
    w(f"| CPU | {meta['cpu']}, {meta['nproc']} cores (`nproc`) |")
    w(f"| Memory | {meta['memory_gib']} GiB |")
    w(f"| Kernel | {meta['kernel']} |")
    w(f"| Swift | {meta['swift']} |")
    w(f"| git | {meta['git']} |")
    w(f"| libgit2 | {meta['libgit2']} (`pkg-config --modversion libgit2`) |")
    w(f"| Tools | Python {meta.get('python', '3')}, {meta['valgrind']} |")
    w(f"| Load average (1, 5, 15 min) | {meta.get('load', 'n/a')} — other sessions share the machine |")
    w(f"| Date | {meta['date']} |")
    w("")
    w("## Data set")
    w("")
    w(f"`dossier init` (UAI 0141234R), then for each of the 12 badges of the catalogue {meta['files_per_badge']:,} distinct")
    w(f"text files of 200–2,000 bytes in `badges/<badge>/evidence/` and a `claim.yaml` listing them (id, title,")
    w("criterion cycling over the badge's criteria, file, sha256, size), written by [`bench/gen.py`](bench/gen.py) in")
    w("the layout `dossier save` writes, then one `dossier save`. `dossier check` accepts it (exit 0):")
    w(f"*{meta['check_summary']}*")
    w("")
    w(f"- {meta['evidence_files']:,} evidence files, {meta['evidence_bytes'] / 1e6:.1f} MB; each `claim.yaml` is "
      f"{meta['claim_bytes'] / 1024:.0f} KiB ({meta['files_per_badge']:,} entries).")
    w(f"- Generation + first save + check: {meta['generation_seconds']} s.")
    w(f"- Every scenario changes badge `{meta['badge']}`. Before measuring, each repository copy is left")
    w("  clean and its index refreshed (`git update-index --refresh` after a 1 s pause), so that neither tool")
    w("  re-hashes \"racily clean\" files.")
    w("- A private `HOME` is used: no global git configuration on either side.")
    w("")

    w("## Results")
    w("")
    w(f"Median and minimum of {meta['runs']} interleaved runs after {meta['warmup']} warm-up round(s), in milliseconds.")
    w("")
    w("| Operation | dossier: median (min) | git: median (min) | ratio dossier/git | goal | verdict |")
    w("|---|---|---|---|---|---|")
    verdicts = {}
    labels = {
        "status": ("`status`, one evidence file modified", "`dossier status`", "`git status`"),
        "save": ("`save` of one modified evidence file ¹", "`dossier save -m x`", "`git add -A && git commit -qm x`"),
        "diff": ("`diff A B`, commits differing in one file ²", "`dossier diff A B`", "`git diff --stat A B`"),
        "check": ("`check`, nothing changed since the last check (stat cache)", "`dossier check`", "`git status`"),
        "startup": ("process start-up", "`dossier --version`", "`git --version`"),
    }
    for name, goal in GOALS.items():
        d, g = pair(name)
        if not d:
            continue
        ratio = d[1] / g[1]
        verdicts[name] = (ratio, goal, d, g)
        if ratio <= goal:
            verdict = "**met**"
        else:
            allowed = g[1] * goal
            verdict = (f"**missed**: {ratio / goal:.1f}× over the goal "
                       f"({ms(d[1] - allowed)} ms too slow)")
        label, dl, gl = labels[name]
        w(f"| {label}<br>{dl} vs {gl} | {ms(d[1])} ({ms(d[2])}) | {ms(g[1])} ({ms(g[2])}) | **{ratio:.2f}** | ≤ {goal} | {verdict} |")
    w("")
    w(f"¹ Each run starts from the same state: two identical copies of the repository (`cp -a`), one per tool;")
    w("before every run (untimed, `--prepare`) [`bench/touch-next.sh`](bench/touch-next.sh) appends a line")
    w("to the next evidence file of the badge, the same sequence of files in both copies, so every measured command")
    w(f"saves exactly one changed file. `dossier save` also re-records that file's sha256 and size in")
    w(f"`claim.yaml`, so its commit holds {meta['save_dossier_files']} files (`{meta['save_dossier_list']}`) against "
      f"{meta['save_git_files']} for git: that is its job.")
    w(f"After the runs, the dossier copy has {meta['save_dossier_commits']} commits, the git copy "
      f"{meta['save_git_commits']}, and `dossier check` finds no hash problem in the dossier copy.")
    w("")
    w(f"² A = a save, B = the next save, in which one evidence of `{meta['badge']}` was retitled: the commits differ in")
    w(f"exactly one file (`{meta['diff_files']}`, {meta['files_per_badge']:,} entries). What `dossier diff A B` prints:")
    w("")
    w("```")
    w(diff_output)
    w("```")
    w("")

    w("### Context (informational, no goal)")
    w("")
    w("| Measure | dossier: median (min) | reference: median (min) | ratio |")
    w("|---|---|---|---|")
    for name, label in (("status-clean", "`status`, clean working folder (no claim to parse)"),
                        ("diff-replaced", "`diff B C`: one evidence file replaced (evidence + claim.yaml, 2 files)"),
                        ("check-cold", "`dossier check` without its stat cache (hashes all evidence files) vs `sha256sum` of all evidence files ³")):
        d, g = pair(name)
        if d:
            w(f"| {label}<br>{d[0]} vs {g[0]} | {ms(d[1])} ({ms(d[2])}) | {ms(g[1])} ({ms(g[2])}) | {d[1] / g[1]:.2f} |")
    startup = rows["startup"]
    if startup:
        by = {r[0]: r for r in startup}
        w(f"| process start-up: `dossier --version` vs `git --version` | {ms(by['dossier --version'][1])} "
          f"({ms(by['dossier --version'][2])}) | {ms(by['git --version'][1])} ({ms(by['git --version'][2])}) | "
          f"{by['dossier --version'][1] / by['git --version'][1]:.2f} |")
        if "dossier --version (static Swift stdlib)" in by:
            st_v = by["dossier --version (static Swift stdlib)"]
            w(f"| `dossier --version`, built with `--static-swift-stdlib` | {ms(st_v[1])} ({ms(st_v[2])}) | "
              f"{ms(by['git --version'][1])} ({ms(by['git --version'][2])}) | {st_v[1] / by['git --version'][1]:.2f} |")
        w(f"| `dossier --help` (argument parsing, no catalogue) | {ms(by['dossier --help'][1])} ({ms(by['dossier --help'][2])}) | | |")
        w(f"| `dossier catalogue --json` (start-up + the built-in catalogue as JSON) | "
          f"{ms(by['dossier catalogue --json'][1])} ({ms(by['dossier catalogue --json'][2])}) | | |")
        if "libgit2: load only" in by:
            lo, li = by["libgit2: load only"], by["libgit2: load + git_libgit2_init()"]
            w(f"| a 5-line C program linked with libgit2: `git_libgit2_init()` vs load only ⁴ | {ms(li[1])} ({ms(li[2])}) | "
              f"{ms(lo[1])} ({ms(lo[2])}) | {li[1] / lo[1]:.2f} |")
    w("")
    w("³ `find badges -path '*/evidence/*' -type f -print0 | xargs -0 sha256sum`. Both measured through `sh -c`, minus")
    w("the median start-up of `sh -c :` (as hyperfine does); the other rows run without a shell (`-N`).")
    if startup and "libgit2: load only" in {r[0] for r in startup}:
        w("")
        w("⁴ [`bench/libgit2-init.c`](bench/libgit2-init.c): the cost of `git_libgit2_init()` alone, which every dossier")
        w("command that opens a repository pays (`Repository.discover` → `Libgit2.ensureInitialised`).")
    w("")

    # ------------------------------------------------------------------ tree skipping
    w("## The diff skips unchanged badges by tree id")
    w("")
    w("`dossier diff A B` asks libgit2 for the files that differ between the two root trees")
    w("(`git_diff_tree_to_tree`, which does not descend into subtrees whose ids are equal), then reads only the")
    w("claims of the badges those files belong to. Same edit (one evidence of `" + meta["badge"] + "`, with "
      f"{meta['files_per_badge']:,} entries, retitled) in two dossiers that differ only in the size of the 11 *other* badges:")
    w("")
    skip = rows["treeskip"]
    if skip:
        w("| Command | median (min) ms |")
        w("|---|---|")
        for r in skip:
            w(f"| {r[0]} | {ms(r[1])} ({ms(r[2])}) |")
        w("")
        dbig, dlean = skip[0][1], skip[1][1]
        w(f"The dossier diff costs the same (ratio {dbig / dlean:.2f}) whether the other badges hold "
          f"{meta['files_per_badge']:,} or {meta['lean_files']} files each: its cost follows the changed badge, not the dossier.")
    big, lean = profiles.get("diff"), profiles.get("diff-lean")
    if big and lean and "parse" in big["functions"] and "parse" in lean["functions"]:
        fb, fl = big["functions"], lean["functions"]
        w(f"Callgrind agrees: `Claim.parse` is called {fb['parse']['calls']} times (the changed badge's claim in A and in B)")
        w(f"in both dossiers, and the whole command executes {big['total'] / 1e9:.2f} G instructions with 11 × "
          f"{meta['files_per_badge']:,} unchanged files vs {lean['total'] / 1e9:.2f} G with 11 × {meta['lean_files']}.")
    w("")

    # ------------------------------------------------------------------ experiments
    experiments = [(n, rows[n]) for n in ("exp-status", "exp-status-clean", "exp-save", "exp-diff") if rows[n]]
    if experiments:
        w("## Experiment: libgit2 settings and static linking, without changing Sources")
        w("")
        w("*libgit2 settings*: [`bench/preload.c`](bench/preload.c), loaded with `LD_PRELOAD` into the same binary, makes")
        w("libgit2's initialisation skip the system CA bundle (`BENCH_NO_CERTS`: what a libgit2 built without HTTPS would")
        w("save) and turns off the SHA-1 re-hash of every object read (`BENCH_NO_HASH_VERIFY`:")
        w("`GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION` = 0, as git behaves). *static stdlib*: the same sources built with")
        w("`swift build -c release --static-swift-stdlib` (run with `STATIC=1`). Each block is one interleaved measure,")
        w("through `sh -c` (for the environment variables); the ratio is against the git command of the same block.")
        w("")
        w("| Command | median (min) ms | ratio to git |")
        w("|---|---|---|")
        for name, result in experiments:
            git_row = next((r for r in result if r[0].startswith("git")), None)
            for r in result:
                ratio = f"{r[1] / git_row[1]:.2f}" if git_row and r is not git_row else ""
                w(f"| {r[0]} | {ms(r[1])} ({ms(r[2])}) | {ratio} |")
        w("")

    # ------------------------------------------------------------------ profiles
    if any(profiles.get(n) for n in ("status", "save", "diff")):
        w("## Where the time goes")
        w("")
        w("One run of each dossier command under `valgrind --tool=callgrind --dump-instr=no` (on a copy of the")
        w("binary without DWARF: valgrind 3.19 cannot read Swift 6's DWARF 5; symbols are kept), summarised by")
        w("[`bench/cgsummary.py`](bench/cgsummary.py) from `callgrind_annotate --inclusive=yes --tree=caller`.")
        w("Share = inclusive instructions of the function / instructions of the whole process; \"≈ ms\" applies that")
        w("share to the measured median above (instructions are not time — I/O is not counted — so it is an estimate).")
        w("Indented rows are callees of the row above them.")
        w("")
        medians = {"status": verdicts.get("status", (0, 0, (0, 0)))[2][1] if "status" in verdicts else None,
                   "save": verdicts["save"][2][1] if "save" in verdicts else None,
                   "diff": verdicts["diff"][2][1] if "diff" in verdicts else None}
        if rows["check"]:
            medians["check"] = rows["check"][0][1]
        for name, title in (("status", "`dossier status` (one evidence file modified)"),
                            ("save", "`dossier save` (one evidence file modified)"),
                            ("diff", "`dossier diff A B` (one claim.yaml changed)"),
                            ("check", f"`dossier check` (nothing changed: 12 claims, {meta['evidence_files']:,} files checked against the stat cache)")):
            prof = profiles.get(name)
            if not prof:
                continue
            w(f"### {title} — {prof['total'] / 1e9:.2f} G instructions")
            w("")
            w("| Function | share | ≈ ms | calls |")
            w("|---|---|---|---|")
            for key, item in prof["functions"].items():
                if key == "main" or item["share"] < 0.005:
                    continue
                label = item["label"]
                indent = len(label) - len(label.lstrip(" "))
                shown = "&nbsp;" * (2 * indent) + label.strip()
                estimate = ms(item["share"] * medians[name]) if medians.get(name) else "n/a"
                w(f"| {shown} | {pct(item['share'])} | {estimate} | {item['calls']:,} |")
            w("")
            w("<details><summary>Top self cost</summary>")
            w("")
            w("| Function | object | self share |")
            w("|---|---|---|")
            for item in prof["self"][:10]:
                w(f"| `{item['name'][:90]}` | {item['object']} | {pct(item['share'])} |")
            w("")
            w("Unnamed libgit2 addresses are static functions: object reading (SHA-1 of the object, zlib) and tree parsing.")
            w("</details>")
            w("")
        st = profiles.get("startup")
        if st:
            w(f"`dossier --help` executes {st['total'] / 1e6:.0f} M instructions (dynamic linking, Swift runtime and")
            w("Foundation start-up, argument parsing); its wall time (table above) is mostly loading and relocating the")
            w("shared libraries, which instruction counts understate.")
            w("")

    # ------------------------------------------------------------------ analysis
    # Each finding is shown only when this run's profiles show it (shares of instructions), so the
    # text stays true when the sources change and the script is run again.
    w("## Analysis")
    w("")
    p = {k: (v["functions"] if v else {}) for k, v in profiles.items()}

    def sh(profile, key):
        item = p.get(profile, {}).get(key)
        return item["share"] if item else 0.0

    def share(profile, key):
        item = p.get(profile, {}).get(key)
        return pct(item["share"]) if item else "n/a"

    def calls(profile, key):
        item = p.get(profile, {}).get(key)
        return f"{item['calls']:,}" if item else "n/a"

    def exp(name, command):
        for r in rows.get(name) or []:
            if r[0] == command:
                return r[1]
        return None

    def est(profile, key):
        """Share of a function applied to the measured median of the command, in ms."""
        med = {"status": verdicts.get("status"), "save": verdicts.get("save"), "diff": verdicts.get("diff")}.get(profile)
        if profile == "check" and rows["check"]:
            return ms(sh(profile, key) * rows["check"][0][1])
        return ms(sh(profile, key) * med[2][1]) if med else "n/a"

    missed = [n for n, v in verdicts.items() if v[0] > v[1]]
    met = [n for n, v in verdicts.items() if v[0] <= v[1]]
    if met:
        w("Goals met: " + ", ".join(f"**{n}** (ratio {verdicts[n][0]:.2f}, goal ≤ {verdicts[n][1]})" for n in met) + ".")
    if missed:
        w("Goals missed: " + ", ".join(f"**{n}** (ratio {verdicts[n][0]:.2f}, goal ≤ {verdicts[n][1]})" for n in missed) + ".")
    w("")
    by = {r[0]: r for r in rows["startup"]} if rows["startup"] else {}
    fixed = None  # from the minimums: the least disturbed runs on this shared machine
    if by:
        fixed = by["dossier catalogue --json"][2]
        # dossier pays libgit2's CA-bundle parse only if its profile still shows it (GitCertificates defers it).
        if "libgit2: load only" in by and sh("status", "certs") >= 0.005:
            fixed += max(by["libgit2: load + git_libgit2_init()"][2] - by["libgit2: load only"][2], 0)
    if fixed and verdicts:
        w(f"**The floor.** Before doing any work, every dossier command that opens a repository pays ≈ {ms(fixed)} ms here")
        w(f"(minimums): process start-up with the built-in catalogue loaded (`dossier catalogue --json`: {ms(by['dossier catalogue --json'][2])} ms)"
          + (f" plus `git_libgit2_init()` (≈ {ms(by['libgit2: load + git_libgit2_init()'][2] - by['libgit2: load only'][2])} ms)"
             if "libgit2: load only" in by and sh("status", "certs") >= 0.005 else "") + ". Against that floor, with git's minimum times:")
        for name, (ratio, goal, d, g) in verdicts.items():
            if name == "startup":
                continue
            budget = g[2] * goal
            if fixed >= budget:
                w(f"- **{name}**: the goal allows {ms(budget)} ms ({goal} × git's {ms(g[2])} ms), less than the floor: it cannot be met"
                  " by making the work faster; the floor itself must go down (see *Fixed cost* below).")
            else:
                w(f"- **{name}**: the goal allows {ms(budget)} ms ({goal} × git's {ms(g[2])} ms); after the floor, {ms(budget - fixed)} ms"
                  f" remain for the work, which takes ≈ {ms(max(d[2] - fixed, 0))} ms today (dossier's minimum {ms(d[2])} ms).")
        w("")

    findings = 0

    def finding(title):
        nonlocal findings
        findings += 1
        w(f"### F{findings}. {title}")
        w("")

    # F: tree walks from the root, one per evidence
    if max(sh("status", "bypath"), sh("save", "bypath"), sh("diff", "bypath")) >= 0.05:
        finding("One git tree walk per evidence: the evidence tree is read again for each entry")
        w(f"`git_tree_entry_bypath`: {share('status', 'bypath')} of `status`, {share('save', 'bypath')} of `save`, "
          f"{share('diff', 'bypath')} of `diff` ({calls('status', 'bypath')}, {calls('save', 'bypath')}, {calls('diff', 'bypath')} calls).")
        w("Callers: " + ", ".join(f"`{label}` ({share(prof, key)} of `{prof}`)" for label, prof, key in
                                  (("DossierReader.validateFiles", "status", "validate"), ("DossierReader.validateFiles", "diff", "validate"),
                                   ("Workspace.untrackedEvidence", "save", "untracked")) if sh(prof, key) >= 0.01) + ".")
        w(f"Each lookup starts from the root tree; the evidence tree of a {meta['files_per_badge']:,}-file badge is "
          f"{meta['tree_bytes'] / 1000:.0f} KB, " + ("above" if meta["tree_bytes"] > 4096 else "below")
          + " libgit2's cache limit for trees (4 KiB, `GIT_OPT_SET_CACHE_OBJECT_LIMIT`), so it is read, inflated, SHA-1-checked")
        w("and parsed again every time: O(n²) in the size of the badge.")
        w("Suggestion: look entries up in the parent folder's tree, read once per source (a folder cache in `GitTreeSource`,")
        w("`git_tree_entry_byname`), or raise the tree cache limit with `git_libgit2_opts` at initialisation.")
        w("")

    # F: YAML parsing of claims
    if max(sh("status", "parse"), sh("save", "parse"), sh("diff", "parse")) >= 0.05:
        finding(f"Parsing a {meta['files_per_badge']:,}-entry claim.yaml with Yams")
        w(f"`Claim.parse`: {share('status', 'parse')} of `status` ({calls('status', 'parse')} claim(s) parsed, ≈ {est('status', 'parse')} ms), "
          f"{share('save', 'parse')} of `save` ({calls('save', 'parse')}, ≈ {est('save', 'parse')} ms), "
          f"{share('diff', 'parse')} of `diff` ({calls('diff', 'parse')}, ≈ {est('diff', 'parse')} ms). Inside it:")
        w(f"- Yams `compose` ({share('diff', 'compose')} of `diff`) builds a `Node` tree of the whole file: libyaml scanning, then one")
        w("  `Node` (an enum of structs holding `Tag` class instances and `Mark`s) per scalar, copied into mappings and sequences.")
        if max(sh("status", "dupcheck"), sh("diff", "dupcheck")) >= 0.02:
            w(f"- Inside `compose`, `Parser.checkDuplicates(mappingKeys:)` ({share('status', 'dupcheck')} of `status`, "
              f"{share('diff', 'dupcheck')} of `diff`, {calls('diff', 'dupcheck')} calls) groups the keys of every mapping with")
            w("  `Dictionary(grouping:)`, hashing whole `Node` values. It is redundant with `YAMLFields`, which already refuses")
            w("  duplicate keys with their line, but Yams 6 has no option to skip it (an upstream change could compare the")
            w("  keys' strings in a `Set`).")
        w(f"- `Claim.parseEvidence` ({share('diff', 'parseEvidence')} of `diff`, one call per entry): a `YAMLFields` dictionary per entry,")
        w("  `rejectUnknown`, id/path/hash validation.")
        if max(sh("status", "regex"), sh("diff", "regex")) >= 0.02:
            w(f"- Regex tag resolution (`NSRegularExpression.firstMatch`: {share('status', 'regex')} of `status`): Yams' default `Resolver`")
            w("  runs up to 7 regular expressions per scalar; composing with `.basic` avoids it.")
        if max(sh("status", "evidenceLookup"), sh("diff", "evidenceLookup")) >= 0.01:
            w(f"- `Claim.evidence(_:)` ({share('status', 'evidenceLookup')} of `status`): a linear search by id, called per entry (O(n²)).")
        w("Suggestions: parse a claim at most once per command (already the case when only evidence files changed); for")
        w("`save`, the hash re-recording does not need the parsed claim of the whole badge if the file is patched in place")
        w("(see the serialisation finding); beyond that, the cost is Yams' full `Node` tree: a streaming reader on libyaml")
        w("events would avoid most allocations, at the price of maintaining it.")
        w("")

    # F: serialisation on save
    if sh("save", "serialize") >= 0.05:
        finding("Re-serialising the whole claim on save")
        w(f"`Claim.yaml()`: {share('save', 'serialize')} of `save` (≈ {est('save', 'serialize')} ms) to change one `sha256` and one `size`:")
        w(f"every entry is rebuilt as Yams `Node`s and re-emitted.")
        if sh("save", "constructor") >= 0.02:
            w(f"- `Constructor.default` is a computed property in Yams (`public static var default: Constructor {{ .init() }}`),")
            w(f"  the default argument of `Tag.init`: every `Tag(.str)`/`Tag(.int)`/`Tag(.map)` built by `YAMLOutput` allocates a new")
            w(f"  `Constructor` with its three dictionaries — {calls('save', 'constructor')} times, {share('save', 'constructor')} of `save`.")
            w("  Build the few tags once (`static let`; a `Tag` with an explicit name is never mutated by Yams) or pass one")
            w("  shared `Constructor` explicitly.")
        if sh("save", "regex") >= 0.02:
            w(f"- Regex tag resolution in the emitter: `NSRegularExpression.firstMatch` {share('save', 'regex')} of `save`.")
        w("- Better: rewrite only the `sha256:` and `size:` lines of the entries whose hash changed (each `Evidence` knows its")
        w("  line), which also keeps the rest of a hand-edited file byte for byte.")
        w("")

    # F: object reads (inflate + SHA-1 verification), once tree walks are gone
    if max(sh("status", "bypath"), sh("save", "bypath"), sh("diff", "bypath")) < 0.05 and \
            max(sh("status", "odbread"), sh("diff", "odbread")) >= 0.05:
        finding("Reading objects: zlib and SHA-1 verification of the claim blobs")
        w(f"`git_odb_read`: {share('status', 'odbread')} of `status`, {share('diff', 'odbread')} of `diff` "
          f"({calls('diff', 'odbread')} reads); of which `git_odb_hash` {share('diff', 'odbhash')} and `inflate` {share('diff', 'inflate')} of `diff`.")
        w(f"A {meta['claim_bytes'] / 1024:.0f} KiB claim blob is inflated and then re-hashed with SHA-1 (libgit2's collision-detecting")
        w("implementation) on every read: libgit2's `GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION` is on by default, while git itself")
        w("does not re-hash objects on ordinary reads. Turning it off at initialisation (a C wrapper in `shim.h`, the call is")
        w("variadic) would match git; the *libgit2 settings* rows of the experiment include it.")
        w("")

    # F: fixed costs
    if by:
        finding("Fixed cost of every command: start-up, libgit2 initialisation, catalogue")
        parts = [f"`dossier --version` takes {ms(by['dossier --version'][1])} ms against {ms(by['git --version'][1])} ms for "
                 f"`git --version`: loading and relocating the Swift runtime, Foundation and ICU (`_dl_start`: "
                 f"{share('status', 'dynlink')} of the instructions of `status`, more in page faults)"]
        if "libgit2: load only" in by:
            lo, li = by["libgit2: load only"][1], by["libgit2: load + git_libgit2_init()"][1]
            if sh("status", "certs") >= 0.005:
                parts.append(f"`git_libgit2_init()` adds ≈ {ms(li - lo)} ms: Debian's libgit2 {meta['libgit2']} is built with mbedTLS and"
                             " parses the whole system CA bundle (`mbedtls_x509_crt_parse_file`, "
                             f"{share('status', 'certs')} of `status`) at initialisation, though dossier opens no network connection")
            else:
                parts.append(f"`git_libgit2_init()` costs a C program ≈ {ms(li - lo)} ms (Debian's libgit2 {meta['libgit2']} parses the"
                             " whole system CA bundle with mbedTLS); dossier defers that parse to its first transfer to a network"
                             " remote (`GitCertificates`): `mbedtls_x509_crt_parse_file` is absent from the profile of `status`")
        parts.append("the built-in catalogue is compiled into the executable (`Catalogue+Builtin.swift`, generated from"
                     f" `catalogue.yaml` and checked against it by the tests): no YAML is parsed at start ({share('status', 'catalogue')} of `status`)")
        parts.append("no libcurl: media transfers and `dossier verify` use AsyncHTTPClient, so FoundationNetworking (URLSession)"
                     " and the twenty libraries libcurl brings are not loaded by every command")
        w("- " + ";\n- ".join(parts) + ".")
        w("")
        c = exp("exp-status-clean", "dossier status (clean)")
        g_clean = exp("exp-status-clean", "git status (clean)")
        for label, command in (("with the libgit2 settings", "dossier status (clean) + libgit2 settings"),
                               ("with the libgit2 settings and `--static-swift-stdlib`", "dossier status (clean), static stdlib + libgit2 settings")):
            v = exp("exp-status-clean", command)
            if c and v and g_clean:
                w(f"Clean `status` (no claim read): {ms(c)} ms → {ms(v)} ms {label} (git: {ms(g_clean)} ms).")
        w("")
        static_note = ""
        if "dossier --version (static Swift stdlib)" in by:
            static_note = (f" (`dossier --version`: {ms(by['dossier --version'][1])} → "
                           f"{ms(by['dossier --version (static Swift stdlib)'][1])} ms)")
        w(f"Done: `--static-swift-stdlib` (the README's install command){static_note}, the CA bundle parsed only before a network")
        w("transfer, the catalogue compiled, no libcurl. What is left of the fixed cost: loading libgit2 and its own libraries")
        w("(mbedTLS, libssh2, Kerberos: a C program that only loads libgit2 is 2× `git --version`), and the argument parser's")
        w("first use (type metadata and protocol-conformance look-ups across the whole executable).")
        w("")

    # F: libgit2 status
    if sh("status", "status") >= 0.1 or (exp("exp-status-clean", "dossier status (clean)") or 0) > (exp("exp-status-clean", "git status (clean)") or 1e9):
        finding(f"Status: {meta['evidence_files']:,} files compared with the index")
        w(f"`Workspace.changedFiles`: {share('status', 'status')} of the instructions of `status` and {share('save', 'status')} of `save`, plus")
        w(f"{meta['evidence_files']:,} `fstatat` calls, which are kernel time (not counted by callgrind). As git does (`core.preloadIndex`),")
        w("`StatusPreload` spreads them over the cores, one folder per task and each file looked up relative to its folder, and")
        w("libgit2's status then examines only the paths that may have changed. What is left: libgit2 reading the index")
        w("(7.4 ms for these 12,000 entries in a 10-line C program calling `git_repository_index`: the SHA-1 of the 1.3 MB file,")
        w("every entry parsed and put in its path map) and the `fstatat` calls themselves, which git makes too.")
        w("")

    # F: commit
    if sh("save", "commit") >= 0.1:
        finding("Writing the index and the trees on save")
        w(f"`Workspace.commit`: {share('save', 'commit')} of `save`: `Index.writeTree` {share('save', 'writeTree')}, `Index.write` "
          f"{share('save', 'indexWrite')} (the {meta['evidence_files']:,}-entry index rewritten with its SHA-1 checksum). git does the")
        w("same work in `git add` and `git commit`; nothing specific to dossier here.")
        w("")

    ck = p.get("check", {})
    if ck and rows["check"]:
        finding("`check` with nothing changed")
        checking = ck["checker"]["share"] * rows["check"][0][1] if "checker" in ck else None
        w(f"`dossier check` reads all 12 claims and validates their evidence folders: {share('check', 'load')} of it (≈ {est('check', 'load')} ms),"
          f" of which `ClaimFastReader.read` {share('check', 'fastread')} (12 × {meta['claim_bytes'] / 1024:.0f} KiB, no YAML tree);")
        w(f"the {meta['evidence_files']:,} evidence files looked up in the stat cache (one `lstat` each, no read) by the media check "
          f"({share('check', 'mediacheck')}) and the rules (`Checker.check`: {share('check', 'checker')}, ≈ {ms(checking)} ms); "
          f"reading the cache file {share('check', 'statcache')}.")
        if rows["check-cold"]:
            w(f"Without the cache (first check, or a cache found corrupt) every file is read and hashed again: "
              f"{ms(rows['check-cold'][0][1])} ms against {ms(rows['check-cold'][1][1])} ms for `sha256sum` of the same files.")
        w("")

    w("## Exact commands")
    w("")
    w("`$DATA` is the temporary folder holding the generated repositories (`bench-work/data.*`, removed at the end);")
    w("`$DATA/dossier` is a copy of `.build/release/dossier` (`dossier-static`: the `--static-swift-stdlib` build,")
    w("`dossier-nodebug`: without DWARF, for valgrind); `$A`, `$B`, `$C` (and `$LA`, `$LB` in the lean dossier) are")
    w("the commit ids of the diff scenario.")
    w("")
    w("```sh")
    w(commands)
    w("```")
    w("")
    preserved = preserved_section(output)  # the Sync, Hub, … sections
    if preserved:
        w(preserved)
        w("")
    with open(output, "w", encoding="utf-8") as handle:
        handle.write("\n".join(out))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
