internal import Clibgit2

extension GitError {
    /// Where a transfer failed: while reaching the remote (connection, name resolution, ssh or TLS
    /// set-up, authentication, the reference advertisement) or while exchanging objects after it.
    public enum TransferStage: Sendable, Equatable {
        case connecting
        case exchanging
    }

    /// The same failure, marked with the transfer stage it happened at.
    func at(_ stage: TransferStage) -> GitError {
        var error = self
        error.stage = stage
        return error
    }

    /// The credentials were refused (libgit2's `GIT_EAUTH`: HTTP 401 or 407 after the credentials
    /// were sent, an ssh authentication that failed).
    public var isAuthenticationFailure: Bool { code == .auth }

    /// The server could not be reached: the connection failed (refused, no route, name resolution,
    /// a socket, ssh or TLS error; a local path that does not resolve) before the remote advertised
    /// its references. An HTTP status (404, 500…) is an answer, a folder that holds no repository
    /// is there, and a damaged object met while connecting is corrupt data: none is a network failure.
    public var isNetworkFailure: Bool {
        guard stage == .connecting, ![.auth, .certificate, .user].contains(code) else { return false }
        let transport: Set<Int32> = [Int32(GIT_ERROR_OS.rawValue), Int32(GIT_ERROR_NET.rawValue),
                                     Int32(GIT_ERROR_SSH.rawValue), Int32(GIT_ERROR_SSL.rawValue)]
        return transport.contains(errorClass)
    }

    /// What came from the remote is damaged: a truncated stream, a pack that does not index, an
    /// object that does not inflate or does not hash to its id, an object missing from a pack.
    public var isCorruptData: Bool {
        let data: Set<Int32> = [Int32(GIT_ERROR_INDEXER.rawValue), Int32(GIT_ERROR_ZLIB.rawValue),
                                Int32(GIT_ERROR_ODB.rawValue), Int32(GIT_ERROR_OBJECT.rawValue)]
        return stage != nil && (code == .endOfFile || data.contains(errorClass))
    }
}
