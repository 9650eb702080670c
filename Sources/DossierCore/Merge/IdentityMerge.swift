/// The three-way merge of `dossier.yaml`, field by field (a contact's name, e-mail and phone each
/// count as a field). Different changes to one field keep ours and are reported.
public enum IdentityMerge {
    public static func merge(base: DossierIdentity?, ours: DossierIdentity, theirs: DossierIdentity)
        -> (identity: DossierIdentity, conflicts: [MergeConflict]) {
        var conflicts: [MergeConflict] = []
        func field<T: Equatable>(_ name: String, _ value: (DossierIdentity) -> T, _ describe: (T) -> String?) -> T {
            let o = value(ours), t = value(theirs)
            // Without a base (two dossiers started apart), any difference is a conflict.
            let (merged, conflicted) = base.map { ClaimMerge.threeWay(value($0), o, t) } ?? (o, o != t)
            if conflicted {
                conflicts.append(MergeConflict(file: DossierIdentity.fileName, field: name, ours: describe(o), theirs: describe(t)))
            }
            return merged
        }
        func person(_ name: String, _ value: @escaping (DossierIdentity) -> DossierIdentity.Person?) -> DossierIdentity.Person? {
            let b = base.flatMap(value), o = value(ours), t = value(theirs)
            // Added, removed or changed as a whole on one side only: a plain three-way choice.
            if o == t || (base != nil && (o == b || t == b)) || o == nil || t == nil {
                return field(name, value, describe)
            }
            // Changed on both sides: name, e-mail and phone merged one by one.
            var merged = o!
            merged.name = field(name + ".name", { value($0)?.name ?? "" }, { $0 })
            merged.email = field(name + ".email", { value($0)?.email }, { $0 })
            merged.phone = field(name + ".phone", { value($0)?.phone }, { $0 })
            return merged
        }
        var identity = ours
        identity.uai = field("uai", \.uai) { $0 }
        identity.name = field("name", \.name) { $0 }
        identity.siret = field("siret", \.siret) { $0 }
        identity.contact = person("contact", \.contact)
        identity.referentNumerique = person("referentNumerique", \.referentNumerique)
        identity.catalogueVersion = field("catalogueVersion", \.catalogueVersion) { $0 }
        return (identity, conflicts)
    }

    /// A person as the user reads it: `Claire Lemonnier, direction@cfa.example.fr, 02 31 55 12 34`.
    static func describe(_ person: DossierIdentity.Person?) -> String? {
        person.map { [$0.name, $0.email, $0.phone].compactMap { $0 }.joined(separator: ", ") }
    }
}
