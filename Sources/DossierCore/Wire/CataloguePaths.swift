/// The files of the catalogue ref (`DossierReferences.catalogue`): one YAML file per published
/// catalogue version, `versions/<version>.yaml`, exactly as the hub published it, its signature by
/// the Région's issuer key `versions/<version>.jws` (`CatalogueSignature`, once the hub has keys),
/// and a README.
public enum CataloguePaths {
    public static let folder = "versions"
    public static let readme = "README.md"

    /// `2027.1` → `versions/2027.1.yaml`.
    public static func path(version: CatalogueVersion) -> String { "\(folder)/\(version).yaml" }

    /// `2027.1` → `versions/2027.1.jws`.
    public static func signaturePath(version: CatalogueVersion) -> String { "\(folder)/\(version).jws" }

    /// `versions/2027.1.yaml` → `2027.1`; nil for any other path.
    public static func version(path: String) -> CatalogueVersion? {
        guard path.hasPrefix(folder + "/"), path.hasSuffix(".yaml") else { return nil }
        let name = path.dropFirst(folder.count + 1).dropLast(".yaml".count)
        return CatalogueVersion(String(name))
    }
}
