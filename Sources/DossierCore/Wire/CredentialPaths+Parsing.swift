extension CredentialPaths {
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
