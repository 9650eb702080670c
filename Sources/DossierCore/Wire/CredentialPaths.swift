/// Where the hub's Open Badges credentials lie in the decisions ref (`refs/dossier/decisions`),
/// defined once for the hub that writes them and the CFA that reads them (notes: badges-wire).
///
///     credentials/<badge>.json      OpenBadgeCredential, embedded eddsa-rdfc-2022 proof
///     credentials/<badge>.jwt       the same credential as a VC-JWT (RS256)
///     credentials/label.json|.jwt   the label « CFA numérique normand »
///     issuer/profile.json           the issuer Profile with every public key, current and earlier
///     issuer/status-list.json       the signed Bitstring Status List credential
///     issuer/rotations/<n>.json     key rotation statements, in order
public enum CredentialPaths {
    public static let credentialsFolder = "credentials"
    public static let issuerFolder = "issuer"
    /// The file name (without extension) of the label's credential.
    public static let label = "label"

    /// `credentials/<badge>.json` (`badge` is a catalogue badge id or `label`).
    public static func json(_ badge: String) -> String { "\(credentialsFolder)/\(badge).json" }
    /// `credentials/<badge>.jwt`.
    public static func jwt(_ badge: String) -> String { "\(credentialsFolder)/\(badge).jwt" }
    public static let labelJSON = json(label)
    public static let labelJWT = jwt(label)
    public static let issuerProfile = "\(issuerFolder)/profile.json"
    public static let statusList = "\(issuerFolder)/status-list.json"
    public static let rotationsFolder = "\(issuerFolder)/rotations"
    /// `issuer/rotations/<n>.json`, `n` from 1 in the order of the rotations.
    public static func rotation(_ number: Int) -> String { "\(rotationsFolder)/\(number).json" }
}
