internal import Clibgit2

/// The process-wide libgit2 initialisation, done once before the first handle is opened.
enum Libgit2 {
    /// Evaluated once, thread-safely, by Swift's lazy global initialisation.
    private static let initialised: Bool = {
        git_libgit2_init()
        return true
    }()

    /// Ensures `git_libgit2_init` has run.
    static func ensureInitialised() {
        _ = initialised
    }
}
