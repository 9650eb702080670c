#!/usr/bin/env python3
"""Puts one side of a sync measure back in its prepared state, and records what the previous run sent.

Usage: sync-reset.py RUN RECORD [ACCESS_LOG URI_PREFIX]
       sync-reset.py --finish RUN RECORD [ACCESS_LOG URI_PREFIX]

RUN and its prepared state STATE (the folder beside it named state-<name of RUN>) hold `clone/`
(the working repository) and `remote.git/` (its own copy of the remote). Used as bench/timeit.py's
`--prepare` (not timed), before every run:

1. if RUN holds a run not yet accounted for (RUN/.pending), appends one JSON line to RECORD about it:
   - `remote_ok`: the remote's `main` is the clone's HEAD (the push arrived);
   - `objects_bytes`: growth of the files under remote.git/objects/ (loose objects, packs and their
     indexes), against STATE; `data_bytes`: the same without the indexes (*.idx, *.rev), i.e. the
     objects as stored (a pack, or loose zlib objects);
   - with ACCESS_LOG (nginx, format `$request_method $request_uri $status $request_length $bytes_sent
     $request_time $upstream_response_time`):
     the requests logged since the run started whose URI starts with URI_PREFIX: their count,
     `request_bytes` (sum of $request_length: request lines, headers and bodies sent by the client),
     `response_bytes` (sum of $bytes_sent), `receive_pack_bytes` ($request_length of the
     POST …/git-receive-pack requests: the push itself), and for those POSTs `receive_pack_seconds`
     (nginx's $request_time: from the first byte of the request to the answer) and
     `receive_pack_backend_seconds` ($upstream_response_time: git http-backend's share of it);
2. replaces RUN with a fresh `cp -a` of STATE, refreshes the clone's index (`git update-index
   --refresh`: the copy has new inodes and ctimes, which neither tool should have to re-hash), and
   writes RUN/.pending (the access log's size at that moment).
`--finish` does step 1 only (after the last run).
"""
import json
import os
import shutil
import subprocess
import sys


def files_size(folder, skip_indexes=False):
    total = 0
    for base, _, names in os.walk(folder):
        for name in names:
            if skip_indexes and name.endswith((".idx", ".rev")):
                continue
            total += os.lstat(os.path.join(base, name)).st_size
    return total


def git(*args):
    return subprocess.run(["git", *args], check=True, capture_output=True, text=True).stdout.strip()


def account(state, run, record, log, prefix):
    pending = os.path.join(run, ".pending")
    if not os.path.exists(pending):
        return
    with open(pending, encoding="utf-8") as handle:
        offset = json.load(handle)["log_offset"]
    remote, clone = os.path.join(run, "remote.git"), os.path.join(run, "clone")
    entry = {
        "run": os.path.basename(run),
        "remote_ok": git("--git-dir", remote, "rev-parse", "refs/heads/main") == git("-C", clone, "rev-parse", "HEAD"),
        "objects_bytes": files_size(os.path.join(remote, "objects")) - files_size(os.path.join(state, "remote.git", "objects")),
        "data_bytes": files_size(os.path.join(remote, "objects"), True)
        - files_size(os.path.join(state, "remote.git", "objects"), True),
    }
    if log:
        requests = request_bytes = response_bytes = receive_pack = 0
        post_seconds = backend_seconds = 0.0
        with open(log, encoding="utf-8") as handle:
            handle.seek(offset)
            for line in handle:
                method, uri, _status, length, sent, seconds, backend = line.split()[:7]
                if not uri.startswith(prefix):
                    continue
                requests += 1
                request_bytes += int(length)
                response_bytes += int(sent)
                if method == "POST" and uri.endswith("/git-receive-pack"):
                    receive_pack += int(length)
                    post_seconds += float(seconds)
                    backend_seconds += float(backend) if backend != "-" else 0.0
        entry.update(requests=requests, request_bytes=request_bytes, response_bytes=response_bytes,
                     receive_pack_bytes=receive_pack, receive_pack_seconds=round(post_seconds, 3),
                     receive_pack_backend_seconds=round(backend_seconds, 3))
    with open(record, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(entry) + "\n")
    os.remove(pending)


def main(argv):
    finish = argv[0] == "--finish"
    run, record, *rest = argv[1:] if finish else argv
    run = os.path.abspath(run)
    state = os.path.join(os.path.dirname(run), "state-" + os.path.basename(run))
    log, prefix = (rest + [None, None])[:2]
    account(state, run, record, log, prefix)
    if finish:
        return
    shutil.rmtree(run, ignore_errors=True)
    subprocess.run(["cp", "-a", state, run], check=True)
    subprocess.run(["git", "-C", os.path.join(run, "clone"), "update-index", "-q", "--refresh"],
                   check=False, stdout=subprocess.DEVNULL)
    with open(os.path.join(run, ".pending"), "w", encoding="utf-8") as handle:
        json.dump({"log_offset": os.path.getsize(log) if log else 0}, handle)


if __name__ == "__main__":
    main(sys.argv[1:])
