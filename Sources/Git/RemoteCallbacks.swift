internal import Clibgit2

/// A credential to offer a server.
public enum Credential: Sendable {
    /// An ssh key pair from files.
    case sshKey(user: String, publicKey: String?, privateKey: String, passphrase: String?)
    /// Keys from the running ssh-agent.
    case sshAgent(user: String)
    /// A user name and a password or token (HTTP basic authentication).
    case userPassword(user: String, password: String)
    /// Only a user name (libgit2 asks for it first for ssh URLs without one).
    case username(String)
}

/// What a server asks for when it wants credentials.
public struct CredentialRequest: Sendable {
    public let url: String
    public let usernameFromURL: String?
    /// How many times credentials were asked for during this operation (1 for the first).
    public let attempt: Int
    public let allowsSSHKey: Bool
    public let allowsUserPassword: Bool
    public let allowsUsername: Bool

    public init(url: String, usernameFromURL: String?, attempt: Int, allowsSSHKey: Bool, allowsUserPassword: Bool, allowsUsername: Bool) {
        self.url = url
        self.usernameFromURL = usernameFromURL
        self.attempt = attempt
        self.allowsSSHKey = allowsSSHKey
        self.allowsUserPassword = allowsUserPassword
        self.allowsUsername = allowsUsername
    }
}

/// The server's identity, for the certificate check.
public enum ServerCertificate: Sendable {
    /// An ssh host key: its libssh2 type (1 RSA, 2 DSS, 3–5 ECDSA, 6 ED25519) and raw bytes.
    case sshHostKey(type: Int, key: [UInt8], sha256: [UInt8])
    /// A TLS certificate, with libgit2's own verdict.
    case x509(valid: Bool)
    case other(valid: Bool)
}

/// Transfer progress: objects and bytes so far.
public struct TransferProgress: Sendable, Equatable {
    public var objects: Int
    public var totalObjects: Int
    public var bytes: Int
    public var isPush: Bool
}

/// The callbacks of one fetch or push, and what they learned. Passed to libgit2 as the payload
/// of its C callbacks; it outlives the call it serves.
public final class TransferCallbacks {
    /// Gives a credential for a request, or nil to give up.
    public var credentials: ((CredentialRequest) -> Credential?)?
    /// Accepts or refuses the server's certificate or host key.
    public var certificateCheck: ((ServerCertificate, String) -> Bool)?
    /// Receives progress, at libgit2's pace.
    public var progress: ((TransferProgress) -> Void)?
    /// The most credential requests answered before the operation fails as refused.
    public var maximumCredentialAttempts = 3
    /// HTTP credentials sent with the first request (see `BasicCredentials`, UpFrontCredentials.swift); nil: only when the
    /// server asks, through `credentials`.
    public var upFrontCredentials: BasicCredentials?

    /// How many times credentials were asked for.
    public private(set) var credentialAttempts = 0
    /// Set when the credentials callback gave up (too many attempts, or none to give).
    public private(set) var authenticationRefused = false
    /// Set when the certificate check refused the server.
    public private(set) var certificateRefused = false
    /// Set when a transfer's sockets connected to a second host or port (a redirect to another
    /// server): whoever asked for credentials then may not be the remote's own server.
    public internal(set) var connectedToAnotherHost = false
    /// Ends the transfer running with these callbacks, from another thread (a watchdog).
    public let aborter = TransferAborter()

    /// Push updates the server refused, by reference name, with its reason.
    public private(set) var rejectedReferences: [String: String] = [:]

    public init() {}

    func options() -> git_remote_callbacks {
        var callbacks = git_remote_callbacks()
        git_remote_init_callbacks(&callbacks, UInt32(GIT_REMOTE_CALLBACKS_VERSION))
        callbacks.payload = Unmanaged.passUnretained(self).toOpaque()
        callbacks.credentials = { out, url, user, allowed, payload in
            TransferCallbacks.from(payload).acquire(out, url: url, user: user, allowed: allowed)
        }
        callbacks.certificate_check = { cert, valid, host, payload in
            TransferCallbacks.from(payload).check(cert, valid: valid != 0, host: host.map { String(cString: $0) } ?? "")
        }
        callbacks.transfer_progress = { stats, payload in
            guard let stats = stats?.pointee else { return 0 }
            TransferCallbacks.from(payload).progress?(TransferProgress(
                objects: Int(stats.received_objects), totalObjects: Int(stats.total_objects),
                bytes: Int(stats.received_bytes), isPush: false))
            return 0
        }
        callbacks.push_transfer_progress = { current, total, bytes, payload in
            TransferCallbacks.from(payload).progress?(TransferProgress(
                objects: Int(current), totalObjects: Int(total), bytes: Int(bytes), isPush: true))
            return 0
        }
        callbacks.push_update_reference = { name, status, payload in
            if let name, let status {
                TransferCallbacks.from(payload).rejectedReferences[String(cString: name)] = String(cString: status)
            }
            return 0
        }
        return callbacks
    }

    private static func from(_ payload: UnsafeMutableRawPointer?) -> TransferCallbacks {
        Unmanaged<TransferCallbacks>.fromOpaque(payload!).takeUnretainedValue()
    }

    private func acquire(_ out: UnsafeMutablePointer<UnsafeMutablePointer<git_credential>?>?, url: UnsafePointer<CChar>?,
                         user: UnsafePointer<CChar>?, allowed: UInt32) -> Int32 {
        credentialAttempts += 1
        if upFrontCredentials != nil, allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT.rawValue != 0 {
            // The credentials went with the request and the server refused them: sending them again
            // (they would be the same) could only be refused again.
            authenticationRefused = true
            return GitError.Code.user.rawValue
        }
        let request = CredentialRequest(
            url: url.map { String(cString: $0) } ?? "", usernameFromURL: user.map { String(cString: $0) },
            attempt: credentialAttempts,
            allowsSSHKey: allowed & GIT_CREDENTIAL_SSH_KEY.rawValue != 0,
            allowsUserPassword: allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT.rawValue != 0,
            allowsUsername: allowed & GIT_CREDENTIAL_USERNAME.rawValue != 0)
        guard credentialAttempts <= maximumCredentialAttempts, let credential = credentials?(request) else {
            authenticationRefused = true
            return GitError.Code.user.rawValue
        }
        let result: Int32
        switch credential {
        case .sshKey(let user, let publicKey, let privateKey, let passphrase):
            result = git_credential_ssh_key_new(out, user, publicKey, privateKey, passphrase)
        case .sshAgent(let user):
            result = git_credential_ssh_key_from_agent(out, user)
        case .userPassword(let user, let password):
            result = git_credential_userpass_plaintext_new(out, user, password)
        case .username(let user):
            result = git_credential_username_new(out, user)
        }
        return result
    }

    private func check(_ cert: UnsafeMutablePointer<git_cert>?, valid: Bool, host: String) -> Int32 {
        guard let certificateCheck, let cert else { return valid ? 0 : GitError.Code.certificate.rawValue }
        let certificate: ServerCertificate
        switch cert.pointee.cert_type {
        case GIT_CERT_HOSTKEY_LIBSSH2:
            let hostKey = UnsafeMutableRawPointer(cert).assumingMemoryBound(to: git_cert_hostkey.self).pointee
            var raw: [UInt8] = []
            if hostKey.type.rawValue & GIT_CERT_SSH_RAW.rawValue != 0, let bytes = hostKey.hostkey {
                raw = Array(UnsafeRawBufferPointer(start: bytes, count: hostKey.hostkey_len))
            }
            let sha256 = withUnsafeBytes(of: hostKey.hash_sha256) { Array($0) }
            certificate = .sshHostKey(type: Int(hostKey.raw_type.rawValue), key: raw, sha256: sha256)
        case GIT_CERT_X509:
            certificate = .x509(valid: valid)
        default:
            certificate = .other(valid: valid)
        }
        if certificateCheck(certificate, host) { return 0 }
        certificateRefused = true
        return GitError.Code.certificate.rawValue
    }
}
