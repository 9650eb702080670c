"""The machine a benchmark ran on, as the bench scripts record it in their meta.json.

Imported by the scripts' report steps (bench/run.sh, bench/sync.sh, bench/hub.sh); `run` is the
shared way to read a tool's version.
"""
import platform
import re
import subprocess


def run(*args):
    """A command's standard output, stripped; "n/a" when the command is missing."""
    try:
        return subprocess.run(args, capture_output=True, text=True).stdout.strip()
    except OSError:
        return "n/a"


def describe():
    """Date, cores, CPU, memory, kernel and the versions of Swift, git and libgit2."""
    cpu = re.search(r"model name\s*:\s*(.*)", open("/proc/cpuinfo").read())
    mem = re.search(r"MemTotal:\s*(\d+)", open("/proc/meminfo").read())
    swift = run("swift", "--version")
    return {
        "date": run("date", "-u", "+%Y-%m-%d %H:%M UTC"),
        "nproc": run("nproc"),
        "cpu": cpu.group(1) if cpu else "unknown",
        "memory_gib": round(int(mem.group(1)) / 1024 / 1024, 1) if mem else None,
        "kernel": platform.release(),
        "swift": swift.splitlines()[0] if swift else "n/a",
        "git": run("git", "--version"),
        "libgit2": run("pkg-config", "--modversion", "libgit2"),
    }
