public import Foundation
public import Git

/// Where credentials come from: an ssh key file or the ssh-agent for ssh; `DOSSIER_TOKEN` or the
/// git credential store (`~/.git-credentials`) for HTTP(S). Never asks on the terminal.
public struct CredentialSource: Sendable {
    /// The process environment, as the executable passes it (`USER`, `SSH_AUTH_SOCK`,
    /// `DOSSIER_TOKEN`, `DOSSIER_USER`, `DOSSIER_SSH_KEY`, `DOSSIER_SSH_PASSPHRASE`).
    public var environment: [String: String]
    /// The user's home folder, where `.ssh/id_*` and `.git-credentials` are looked for; nil: none
    /// is looked for. The executable decides it (from `HOME`); this library never asks the system.
    public var home: String?
    /// An ssh private key given on the command line.
    public var sshKey: String?

    public init(environment: [String: String], home: String?, sshKey: String? = nil) {
        self.environment = environment
        self.home = home
        self.sshKey = sshKey
    }

    /// The credential to offer for a request, or nil when there is none left to try.
    public func credential(for request: CredentialRequest) -> Credential? {
        if request.allowsSSHKey || request.allowsUsername, !request.allowsUserPassword {
            let user = request.usernameFromURL ?? environment["USER"] ?? "git"
            if !request.allowsSSHKey { return .username(user) }
            // First the key named (option or DOSSIER_SSH_KEY), then the agent, then the usual key files.
            var choices: [Credential] = []
            if let key = sshKey ?? environment["DOSSIER_SSH_KEY"], !key.isEmpty { choices.append(sshKeyCredential(user: user, path: key)) }
            if environment["SSH_AUTH_SOCK"].map({ !$0.isEmpty }) == true { choices.append(.sshAgent(user: user)) }
            if let home {
                for name in ["id_ed25519", "id_ecdsa"] where FileManager.default.fileExists(atPath: "\(home)/.ssh/\(name)") {
                    choices.append(sshKeyCredential(user: user, path: "\(home)/.ssh/\(name)"))
                }
            }
            let index = request.attempt - 1
            return index < choices.count ? choices[index] : nil
        }
        guard request.allowsUserPassword, request.attempt == 1 else { return nil }
        if let token = environment["DOSSIER_TOKEN"], !token.isEmpty {
            return .userPassword(user: environment["DOSSIER_USER"] ?? request.usernameFromURL ?? "dossier", password: token)
        }
        return storedCredential(for: request.url)
    }

    private func sshKeyCredential(user: String, path: String) -> Credential {
        let publicKey = FileManager.default.fileExists(atPath: path + ".pub") ? path + ".pub" : nil
        return .sshKey(user: user, publicKey: publicKey, privateKey: path, passphrase: environment["DOSSIER_SSH_PASSPHRASE"])
    }

    /// A `https://user:token@host` line of the git credential store matching the URL's host.
    func storedCredential(for url: String) -> Credential? {
        guard let home, let wanted = URLComponents(string: url),
              let text = try? String(contentsOfFile: home + "/.git-credentials", encoding: .utf8) else { return nil }
        for line in text.split(whereSeparator: \.isNewline) {
            guard let stored = URLComponents(string: String(line)), stored.scheme == wanted.scheme, stored.host == wanted.host,
                  stored.port == wanted.port, let user = stored.user, let password = stored.password else { continue }
            return .userPassword(user: user.removingPercentEncoding ?? user, password: password.removingPercentEncoding ?? password)
        }
        return nil
    }
}
