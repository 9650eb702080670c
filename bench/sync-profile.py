#!/usr/bin/env python3
"""Summarises a callgrind profile of one `dossier sync` run as JSON (for bench/sync.sh).

Usage: sync-profile.py CALLGRIND_OUT > summary.json

Same output as bench/cgsummary.py (total instructions; for each function of interest its inclusive
instructions, share and calls; the top functions by self cost), with the functions that matter for a
sync: start-up, libgit2 initialisation, the steps of Syncer.sync, and libgit2's pack writing.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cgsummary  # noqa: E402

cgsummary.FUNCTIONS = [
    ("main", "whole command (DossierCommand.main)", r"^static DossierCommand\.main\(_:\)$"),
    ("dynlink", "dynamic linker start-up (_dl_start: relocations of libswiftCore, Foundation, libgit2…)", r"^_dl_start$"),
    ("arguments", "argument parsing (ParsableCommand.parseAsRoot)", r"^static ParsableCommand\.parseAsRoot\(_:\)$"),
    ("catalogue", "built-in catalogue loading (Catalogue.builtin)", r"^static Catalogue\.builtin\(\)$"),
    ("open", "Workspace.open (repository discovery, libgit2 initialisation)", r"^static Workspace\.open\(at:catalogue:\)$"),
    ("libgit2init", "  git_libgit2_init", r"^git_libgit2_init$"),
    ("certs", "    mbedtls_x509_crt_parse_file (the system CA bundle)", r"^mbedtls_x509_crt_parse_file$"),
    ("options", "Syncer.Options.init (environment, known_hosts, credentials)", r"Syncer\.Options\.init\(\)$"),
    ("sync", "Syncer.sync (the sync itself)", r"^Syncer\.sync\(\)$"),
    ("lock", "  RepositoryLock.init (lock, stale lock files)", r"^RepositoryLock\.init\(gitDirectory:\)$"),
    ("recover", "  MergeJournal.recover", r"MergeJournal\.recover\("),
    ("changed", "  Workspace.changedFiles (libgit2 status: unsaved changes?)", r"^Workspace\.changedFiles\(\)$"),
    ("fetch", "  git_remote_fetch (connect, negotiate, download)", r"^git_remote_fetch$"),
    ("integrate", "  Syncer.integrate (submission tags, remote identity, merge analysis)", r"^Syncer\.integrate\(into:\)$"),
    ("checkRemote", "    Syncer.checkRemoteDossier (dossier.yaml of both sides)", r"Syncer\.checkRemoteDossier\(_:\)$"),
    ("push", "  Syncer.push", r"^Syncer\.push\(_:report:\)$"),
    ("ahead", "    Repository.commitsAhead (saves to send)", r"Repository\.commitsAhead\(of:from:\)$"),
    ("remotePush", "    git_remote_push", r"^git_remote_push$"),
    ("packbuilder", "      git_packbuilder_foreach (pack written to the remote)", r"^git_packbuilder_foreach$"),
    ("odbread", "git_odb_read, all callers (objects read: inflate + SHA-1 check)", r"^git_odb_read$"),
    ("inflate", "  zlib inflate, all callers", r"^inflate$"),
    ("odbhash", "  git_odb_hash, all callers (SHA-1 check of each object read)", r"^git_odb_hash$"),
    ("deflate", "zlib deflate, all callers (compressing the pack)", r"^deflate$"),
    ("indexer", "git_indexer_append (the remote's side of a push by path: indexing the received pack)", r"^git_indexer_append$"),
    ("indexerCommit", "git_indexer_commit (checks and writes the received pack's index)", r"^git_indexer_commit$"),
    ("adler32", "zlib adler32, all callers", r"^adler32$"),
]

if __name__ == "__main__":
    cgsummary.main(sys.argv[1])
