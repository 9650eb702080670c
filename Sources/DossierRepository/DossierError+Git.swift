import DossierCore
import Git

extension DossierError: SystemCallFailure {
    /// The `errno` of a file system failure, carried through libgit2 when the media filter fails.
    public var systemErrorCode: Int32? {
        guard case .fileSystem(let problem, _) = reason else { return nil }
        return problem.code
    }
}

extension DossierError {
    /// A libgit2 failure as the user reads it: a file system problem the user can act on (a
    /// full disk) in their language, else libgit2's message.
    public init(_ error: GitError) {
        if let code = error.systemError, case let problem = FileProblem(errno: code), problem != .other(code) {
            self.init(.fileSystem(problem, path: ""))
        } else {
            self.init(.git(error.message))
        }
    }
}
