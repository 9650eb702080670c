#!/usr/bin/env python3
"""Writes BENCHMARKS.md from the results of bench/run.sh.

Usage: report.py RESULTS_DIR OUTPUT_MD
"""
import json
import os
import sys

GOALS = {"status": 1.0, "save": 1.0, "diff": 1.5}


def load(results, name):
    path = os.path.join(results, name)
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def bench(results, name):
    """hyperfine results as [(command name, median ms, min ms, max ms, runs)]."""
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
            ("startup", "status-clean", "status", "save", "diff", "diff-replaced", "treeskip", "check")}
    profiles = {name: load(results, f"callgrind.{name}.json") for name in ("status", "save", "diff", "diff-lean", "startup")}
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
    w("it rewrites this file. Raw data (hyperfine JSON, callgrind profiles) stay in `bench-work/results/`.")
    w("")
    w("The machine is shared and noisy: compare the **ratios** (both sides measured in the same run,")
    w("alternately), not absolute times across runs.")
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
    w(f"| Tools | {meta['hyperfine']}, {meta['valgrind']} |")
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
    w(f"Median and minimum of {meta['runs']} runs after {meta['warmup']} warm-up run(s), in milliseconds.")
    w("")
    w("| Operation | dossier: median (min) | git: median (min) | ratio dossier/git | goal | verdict |")
    w("|---|---|---|---|---|---|")
    verdicts = {}
    labels = {
        "status": ("`status`, one evidence file modified", "`dossier status`", "`git status`"),
        "save": ("`save` of one modified evidence file ¹", "`dossier save -m x`", "`git add -A && git commit -qm x`"),
        "diff": ("`diff A B`, commits differing in one file ²", "`dossier diff A B`", "`git diff --stat A B`"),
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
    w("before every run (untimed, hyperfine `--prepare`) [`bench/touch-next.sh`](bench/touch-next.sh) appends a line")
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
                        ("check", "`dossier check` (hashes all evidence files) vs `sha256sum` of all evidence files ³")):
        d, g = pair(name)
        if d:
            w(f"| {label}<br>{d[0]} vs {g[0]} | {ms(d[1])} ({ms(d[2])}) | {ms(g[1])} ({ms(g[2])}) | {d[1] / g[1]:.2f} |")
    startup = rows["startup"]
    if startup:
        by = {r[0]: r for r in startup}
        w(f"| process start-up: `dossier --version` vs `git --version` | {ms(by['dossier --version'][1])} "
          f"({ms(by['dossier --version'][2])}) | {ms(by['git --version'][1])} ({ms(by['git --version'][2])}) | "
          f"{by['dossier --version'][1] / by['git --version'][1]:.2f} |")
        w(f"| `dossier --help` (argument parsing, no catalogue) | {ms(by['dossier --help'][1])} ({ms(by['dossier --help'][2])}) | | |")
        w(f"| `dossier catalogue --json` (start-up + built-in catalogue YAML + JSON) | "
          f"{ms(by['dossier catalogue --json'][1])} ({ms(by['dossier catalogue --json'][2])}) | | |")
        if "libgit2: load only" in by:
            lo, li = by["libgit2: load only"], by["libgit2: load + git_libgit2_init()"]
            w(f"| a 5-line C program linked with libgit2: `git_libgit2_init()` vs load only ⁴ | {ms(li[1])} ({ms(li[2])}) | "
              f"{ms(lo[1])} ({ms(lo[2])}) | {li[1] / lo[1]:.2f} |")
    w("")
    w("³ `find badges -path '*/evidence/*' -type f -print0 | xargs -0 sha256sum`. Both measured through a shell")
    w("(hyperfine subtracts the shell's start-up); the other rows run without a shell (`-N`).")
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
        for name, title in (("status", "`dossier status` (one evidence file modified)"),
                            ("save", "`dossier save` (one evidence file modified)"),
                            ("diff", "`dossier diff A B` (one claim.yaml changed)")):
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
    w("## Analysis")
    w("")
    missed = [n for n, v in verdicts.items() if v[0] > v[1]]
    if not missed:
        w("All goals are met.")
    else:
        w("Goals missed: " + ", ".join(f"**{n}** (ratio {verdicts[n][0]:.1f}, goal ≤ {verdicts[n][1]})" for n in missed)
          + ".")
        w(f"Most of the time goes into reading the changed badge's {meta['files_per_badge']:,}-entry claim, through three hot spots (1–3);")
        w("a fixed start-up cost paid by every command (4) matters for `status`, where git itself is fast.")
    w("")
    p = {k: (v["functions"] if v else {}) for k, v in profiles.items()}

    def share(profile, key):
        item = p.get(profile, {}).get(key)
        return pct(item["share"]) if item else "n/a"

    def calls(profile, key):
        item = p.get(profile, {}).get(key)
        return f"{item['calls']:,}" if item else "n/a"

    w("### 1. `DossierReader.validateFiles` on a git tree: one tree re-read per evidence (status, diff)")
    w("")
    w(f"Share: **{share('status', 'validate')} of `status`**, **{share('diff', 'validate')} of `diff`**.")
    w("`DossierReader.claim` validates the evidence folder of every claim it reads, including claims read from a")
    w(f"commit (`GitTreeSource`: the HEAD side of `status`, both sides of `diff`). For each of the {meta['files_per_badge']:,} entries it")
    w("calls `source.kind(of: \"badges/<b>/evidence/<file>\")` → `GitTreeSource.entry` → `Tree.entry(at:)` →")
    w("`git_tree_entry_bypath`, which walks from the root tree and looks up `badges/<b>/evidence` again each time")
    w(f"({calls('diff', 'bypath')} calls and {calls('diff', 'odbread')} `git_odb_read` in `diff`). The evidence tree")
    w(f"of a {meta['files_per_badge']:,}-file badge is {meta['tree_bytes'] / 1000:.0f} KB, "
      + ("above" if meta['tree_bytes'] > 4096 else "below") + " libgit2's object cache limit for trees (4 KiB by default,")
    w("`GIT_OPT_SET_CACHE_OBJECT_LIMIT`), so every lookup reads it from the object database again: zlib")
    w(f"`inflate` ({share('diff', 'inflate')} of `diff`), SHA-1 verification of the object (`git_odb_hash`, strict hash")
    w(f"verification, {share('diff', 'odbhash')}) and parsing of {meta['files_per_badge']:,} entries — O(n²) in the size of the badge.")
    w("")
    w("Suggestions (in order of preference):")
    w("- In `GitTreeSource`, answer `kind(of:)`/`read`/`version(of:)` from the parent folder's entries: load each")
    w("  folder's `Tree` once (a `[path: [name: TreeEntry]]` cache, or `Tree.entry(byName:)` on a cached subtree with")
    w("  `git_tree_entry_byname`) instead of `git_tree_entry_bypath` from the root for every file. The cost becomes one")
    w("  read of the evidence tree per claim.")
    w("- Or in `validateFiles`, list the evidence folder once (it already does, in `validateFolder`) and check the")
    w("  entries' kinds against that listing instead of calling `kind(of:)` per entry.")
    w("- Stop-gap: raise the tree cache limit once at start-up, `git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT,")
    w("  GIT_OBJECT_TREE, 1 << 20)` in `Libgit2.ensureInitialised()`; the per-entry path walk remains but the")
    w("  re-inflating and re-hashing go away.")
    w("- Whether a claim read from a commit needs the symlink/UTF-8 validation at all in `status`/`diff` is a design")
    w("  question: it was validated when it was saved.")
    w("")
    w(f"### 2. YAML parsing of the {meta['files_per_badge']:,}-entry claim with Yams (status, save, diff)")
    w("")
    w(f"`Claim.parse`: **{share('status', 'parse')} of `status`** (2 claims), **{share('save', 'parse')} of `save`** (1 claim),")
    w(f"{share('diff', 'parse')} of `diff`. Inside it:")
    w(f"- Yams `compose` builds a full `Node` tree; its `Parser.checkDuplicates(mappingKeys:)` ({share('status', 'dupcheck')}")
    w("  of `status`) hashes every key `Node`, and `Node.hash` resolves the key's implicit tag with the default")
    w(f"  `Resolver`, i.e. up to 7 `NSRegularExpression` matches per key (`Node.Scalar.resolveTag`: {share('status', 'resolveTag')}")
    w(f"  of `status`, {calls('status', 'regex')} regex calls).")
    w(f"- `YAMLFields.node(_:)` ({share('status', 'fieldsNode')} of `status`, {calls('status', 'fieldsNode')} calls) builds")
    w("  `Node(\"~\", Tag(.null))` on every field access; `Tag.init` takes `Constructor.default`, which in Yams is a")
    w("  computed property that builds a new `Constructor` (three dictionaries of closures) at each access.")
    w("  Compare with a cached sentinel (`static let`) or match `case .scalar(let s) where s.string == \"~\"` instead.")
    w(f"- `Claim.evidence(_:)` (duplicate-id check in `Claim.parse`, and `b.evidence(item.id)` in")
    w(f"  `SemanticDiffer.diffBadge`) is a linear search: O(n²), {share('status', 'evidenceLookup')} of `status` at {meta['files_per_badge']:,}")
    w("  entries; a `Set`/`Dictionary` of ids makes it linear.")
    w("- Suggestion: compose claims with a reduced resolver (`Resolver.basic` plus the `null`/`bool`/`int` rules, or")
    w("  `.basic` and let `YAMLFields` interpret `~`/`null` itself — it already converts ints and checks duplicate")
    w("  keys), which removes most regex work; or parse claims with libyaml events (Yams `Parser`) instead of `compose`.")
    w("")
    w("### 3. Re-serialising the whole claim with Yams on save")
    w("")
    w(f"`Claim.yaml()`: **{share('save', 'serialize')} of `save`** — to change one `sha256` and one `size`, `save`")
    w(f"re-emits the {meta['files_per_badge']:,} entries through Yams' `Emitter`, which resolves the tag of every scalar with the")
    w(f"regex resolver to decide its quoting (`NSRegularExpression.firstMatch`: {share('save', 'regex')} of `save`,")
    w(f"{calls('save', 'regex')} calls, together with parsing).")
    w("Suggestion: write `claim.yaml` with a small dedicated emitter (the layout is fixed: the same quoting rules as")
    w("today for the few scalar kinds a claim has), or patch only the `sha256:`/`size:` lines of the entries whose")
    w("hash changed (each `Evidence` already knows its line) — which also keeps hand formatting intact.")
    w("")
    w("### 4. Fixed cost of every command: start-up, libgit2 initialisation, catalogue")
    w("")
    by = {r[0]: r for r in rows["startup"]} if rows["startup"] else {}
    if by:
        parts = [f"`dossier --version` takes {ms(by['dossier --version'][1])} ms against {ms(by['git --version'][1])} ms for "
                 f"`git --version` (dynamic loading and relocation of the Swift runtime, Foundation and ICU:"
                 f" `_dl_start` is {share('status', 'dynlink')} of the `status` profile)"]
        if "libgit2: load only" in by:
            lo, li = by["libgit2: load only"][1], by["libgit2: load + git_libgit2_init()"][1]
            parts.append(f"`git_libgit2_init()` adds ≈ {ms(li - lo)} ms: Debian's libgit2 {meta['libgit2']} is built with mbedTLS and"
                         f" parses the whole system CA bundle (`/etc/ssl/certs/ca-certificates.crt`, "
                         f"`mbedtls_x509_crt_parse_file`: {share('status', 'certs')} of `status`) at initialisation, although"
                         " dossier never opens a network connection")
        parts.append(f"parsing the built-in catalogue costs {share('status', 'catalogue')} of `status`")
        w("; ".join(parts) + ".")
        fixed = by["dossier catalogue --json"][1]
        if "libgit2: load only" in by:
            fixed += by["libgit2: load + git_libgit2_init()"][1] - by["libgit2: load only"][1]
        if verdicts.get("status"):
            git_status = verdicts["status"][3][1]
            w(f"Together that is ≈ {ms(fixed)} ms before any work, against {ms(git_status)} ms for the whole `git status`:")
            if fixed >= git_status:
                w("even with hot spots 1–3 fixed, the status ratio cannot reach 1.0 without also cutting these.")
            else:
                w(f"with hot spots 1–3 fixed, only ≈ {ms(git_status - fixed)} ms would be left for the status work itself.")
        w("")
        w("Suggestions: link the Swift runtime and Foundation statically (`swift build --static-swift-stdlib`) to")
        w("cut relocations; avoid initialising TLS: build/vendor libgit2 with `-DUSE_HTTPS=OFF` (dossier only reads and")
        w("writes local repositories) or against OpenSSL, which loads certificates lazily; parse the catalogue lazily or")
        w("embed it pre-parsed (e.g. as Swift literals generated at build time) rather than YAML parsed at each start.")
        w("")
    w("### Smaller items")
    w("")
    w(f"- libgit2 status (`git_status_list_new`, 12,000 lstat calls): {share('status', 'status')} of `status`, "
      f"{share('save', 'status')} of `save` —")
    w("  not a problem today (git additionally spreads its lstat calls over 2 threads, `core.preloadIndex`).")
    w(f"- Built-in catalogue loading: {share('status', 'catalogue')} of `status`, {share('save', 'catalogue')} of `save`.")
    w(f"- Index update + tree + commit (`Workspace.commit`): {share('save', 'commit')} of `save`.")
    if verdicts.get("save") and by:
        w(f"- `git add -A && git commit` ({ms(verdicts['save'][3][1])} ms) pays for two processes and two index refreshes;")
        w(f"  `dossier save` does the work in one process, so with hot spots 2–3 fixed and its fixed cost (≈ {ms(fixed)} ms)")
        w("  it has room to meet its goal.")
    w("")
    w("## Exact commands")
    w("")
    w("`$DATA` is the temporary folder holding the generated repositories (`bench-work/data.*`, removed at the end);")
    w("`dossier` is a copy of `.build/release/dossier`; A, B, C are the commit ids of the diff scenario.")
    w("")
    w("```sh")
    w(commands)
    w("```")
    w("")
    with open(output, "w", encoding="utf-8") as handle:
        handle.write("\n".join(out))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
