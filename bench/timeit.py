#!/usr/bin/env python3
"""Times commands side by side, interleaved, and writes hyperfine-style JSON.

Usage: timeit.py --warmup W --runs R --export-json FILE [-N] ([--prepare CMD] -n NAME COMMAND)...

Unlike hyperfine, which does all the runs of one command and then all the runs of the next, every
round runs each command once (in an order that alternates from round to round), so that a burst of
load from other processes on a shared machine falls on both sides of a comparison alike.

- `-N`: commands are split into words (shlex) and executed directly; otherwise each runs through
  `sh -c`, and the median time of `sh -c :`, measured in the same rounds, is subtracted (as hyperfine
  does).
- `--prepare CMD` (through `sh -c`, not timed) runs before every run of the command that follows it.
- A command that exits with a non-zero status stops the measure.
"""
import json
import shlex
import statistics
import subprocess
import sys
import time


def parse(argv):
    options = {"warmup": 1, "runs": 7, "export": None, "shell": True}
    commands = []
    prepare = None
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--warmup":
            options["warmup"] = int(argv[i + 1]); i += 2
        elif arg == "--runs":
            options["runs"] = int(argv[i + 1]); i += 2
        elif arg == "--export-json":
            options["export"] = argv[i + 1]; i += 2
        elif arg == "-N":
            options["shell"] = False; i += 1
        elif arg == "--prepare":
            prepare = argv[i + 1]; i += 2
        elif arg == "-n":
            commands.append({"name": argv[i + 1], "command": argv[i + 2], "prepare": prepare})
            prepare = None
            i += 3
        else:
            sys.exit(f"timeit.py: unexpected argument {arg!r}")
    if not commands:
        sys.exit("timeit.py: no command")
    return options, commands


def run_once(words):
    start = time.perf_counter()
    done = subprocess.run(words, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    return elapsed, done.returncode, done.stderr


def main(argv):
    options, commands = parse(argv)
    for item in commands:
        item["words"] = ["sh", "-c", item["command"]] if options["shell"] else shlex.split(item["command"])
        item["times"] = []
    spawn = []
    rounds = options["warmup"] + options["runs"]
    for number in range(rounds):
        order = commands if number % 2 == 0 else list(reversed(commands))
        for item in order:
            if item["prepare"]:
                subprocess.run(["sh", "-c", item["prepare"]], check=True, stdout=subprocess.DEVNULL)
            elapsed, code, err = run_once(item["words"])
            if code != 0:
                sys.stderr.write(err.decode(errors="replace"))
                sys.exit(f"timeit.py: {item['name']!r} exited with {code}")
            if number >= options["warmup"]:
                item["times"].append(elapsed)
        if options["shell"]:
            elapsed, _, _ = run_once(["sh", "-c", ":"])
            if number >= options["warmup"]:
                spawn.append(elapsed)
    correction = statistics.median(spawn) if spawn else 0.0
    results = []
    for item in commands:
        times = [max(t - correction, 0.0) for t in item["times"]]
        results.append({"command": item["name"], "commandline": item["command"], "mean": statistics.fmean(times),
                        "median": statistics.median(times), "min": min(times), "max": max(times), "times": times})
        sys.stderr.write(f"  {item['name']:<60} median {statistics.median(times) * 1000:8.1f} ms"
                         f"  min {min(times) * 1000:8.1f} ms  max {max(times) * 1000:8.1f} ms\n")
    if options["export"]:
        with open(options["export"], "w", encoding="utf-8") as handle:
            json.dump({"results": results, "interleaved": True, "shell": options["shell"],
                       "shell_spawn_median": correction}, handle, indent=1)


if __name__ == "__main__":
    main(sys.argv[1:])
