import Testing

/// The crash campaign: each command is killed with SIGKILL at its rename/fsync/link/unlink/lock steps
/// (strace fault injection, see `Strace`) and at seeded random moments; after each kill, and again after
/// the next command of the same kind, the invariants must hold (see `CrashLab.checkInvariants`):
/// `git fsck --full` clean everywhere, the review store intact, no saved evidence lost, the next command
/// succeeding without hand repair. One test per command, so that each one's state shows on its own.
///
/// Seeded and printed (`DOSSIER_CRASH_SEED` replays a run); bounded for CI (a sample of steps);
/// `DOSSIER_CRASH_MODE=long` kills at every step (bench/crash.sh).
@Suite("crash campaign: kill -9 at every step", .serialized, .timeLimit(.minutes(10)))
struct CrashTests {
    @Test("save") func save() throws { try Campaign.run(Scenarios.save) }
    @Test("sync that sends") func syncSend() throws { try Campaign.run(Scenarios.syncPush) }
    @Test("sync that receives, merges and sends") func syncMerge() throws { try Campaign.run(Scenarios.syncMerge) }
    @Test("save, then sync, after a sync killed while it received and merged") func saveAfterKilledSync() throws {
        try Campaign.run(Scenarios.saveAfterKilledSync)
    }
    @Test("submit") func submit() throws { try Campaign.run(Scenarios.submit) }
    @Test("resolve") func resolve() throws { try Campaign.run(Scenarios.resolve) }
    @Test("media fetch") func mediaFetch() throws { try Campaign.run(Scenarios.mediaFetch) }
    @Test("hub reconcile, first") func reconcileFirst() throws { try Campaign.run(Scenarios.reconcileFirst) }
    @Test("hub reconcile, incremental") func reconcileIncremental() throws { try Campaign.run(Scenarios.reconcileIncremental) }
    @Test("hub vote") func vote() throws { try Campaign.run(Scenarios.vote) }
    @Test("hub award") func award() throws { try Campaign.run(Scenarios.award) }
}
