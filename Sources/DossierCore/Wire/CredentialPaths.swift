/// Where the Région's signed credentials lie inside the decisions ref (`refs/dossier/decisions`),
/// beside the decision files: written by the hub, read by the CFA's `dossier sync`, `badges` and
/// `verify`. Every path is built here, once (the wire format is notes/badges-wire.md, docs/BADGES.md).
///
///     credentials/<badge>.json      OpenBadgeCredential with its eddsa-rdfc-2022 proof
///     credentials/<badge>.jwt       the same credential as a VC-JWT (RS256)
///     credentials/label.json        the label « CFA numérique normand » credential
///     credentials/label.jwt
///     issuer/profile.json           the Région's issuer Profile with every public key
///     issuer/status-list.json       the signed Bitstring Status List credential (revocation)
///     issuer/rotations/<n>.json     key rotation statements (KeyRotation), in order
public enum CredentialPaths {
    /// The folder of the CFA's credentials.
    public static let credentialsFolder = "credentials"
    /// The folder of the issuer's public documents.
    public static let issuerFolder = "issuer"
    /// The id the label's credential files use in place of a badge id.
    public static let label = "label"

    /// `credentials/<badge>.json`: the credential with its embedded Data Integrity proof.
    public static func json(_ badge: String) -> String { "\(credentialsFolder)/\(badge).json" }
    /// `credentials/<badge>.jwt`: the same credential as a VC-JWT.
    public static func jwt(_ badge: String) -> String { "\(credentialsFolder)/\(badge).jwt" }

    /// `issuer/profile.json`: the issuer Profile with every public key, current and earlier.
    public static let issuerProfile = "\(issuerFolder)/profile.json"
    /// `issuer/status-list.json`: the signed status list as of the delivery.
    public static let statusList = "\(issuerFolder)/status-list.json"
    /// `issuer/rotations`: the folder of key rotation statements.
    public static let rotationsFolder = "\(issuerFolder)/rotations"
    /// `issuer/rotations/<n>.json`: the n-th key rotation statement (1, 2, …).
    public static func rotation(_ number: Int) -> String { "\(rotationsFolder)/\(number).json" }

    /// The badge id a file name of `credentials/` stands for (`tutorat.json` → `tutorat`), nil for
    /// another kind of file.
    public static func badge(ofFileName name: String) -> String? {
        for suffix in [".json", ".jwt"] where name.hasSuffix(suffix) && name.count > suffix.count {
            return String(name.dropLast(suffix.count))
        }
        return nil
    }

    /// The number of a rotation statement file name (`3.json` → 3), nil for another file.
    public static func rotationNumber(ofFileName name: String) -> Int? {
        guard name.hasSuffix(".json") else { return nil }
        return Int(name.dropLast(".json".count))
    }
}
