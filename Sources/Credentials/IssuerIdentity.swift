/// How our issuer names its keys: `<issuer id>#<z6Mk…>` (Ed25519) and `<issuer id>#<RSA thumbprint>`.
public enum IssuerIdentity {
    public static func verificationMethod(_ issuerID: String, _ fragment: String) -> String { issuerID + "#" + fragment }
}
