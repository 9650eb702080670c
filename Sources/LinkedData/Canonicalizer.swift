internal import Crypto

/// RDF Dataset Canonicalization, RDFC-1.0 (https://www.w3.org/TR/rdf-canon/), SHA-256: gives every
/// blank node a canonical label `c14nN` so that two isomorphic datasets serialize to the same
/// canonical N-Quads.
public struct Canonicalizer: Sendable {
    /// RDFC-1.0 §4.4.2 lets implementations bound the work done on "poison" graphs: the number of
    /// Hash N-Degree Quads calls allowed per blank node of the input.
    public var maximumDeepCallsPerNode = 50

    public init() {}

    public func canonicalize(_ quads: [Quad]) throws(LinkedDataError) -> String {
        var state = State(quads: quads, limit: maximumDeepCallsPerNode)
        try state.run()
        let relabeled = quads.map { quad in
            Quad(
                state.relabel(quad.subject), quad.predicate, state.relabel(quad.object),
                graph: quad.graph.map(state.relabel))
        }
        return NQuads.serialize(Set(relabeled))
    }
}

/// Issues labels with a prefix and remembers the order in which they were issued.
struct IdentifierIssuer {
    let prefix: String
    private(set) var issued: [String: String] = [:]
    private(set) var order: [String] = []

    init(prefix: String) { self.prefix = prefix }

    mutating func issue(_ existing: String) -> String {
        if let known = issued[existing] { return known }
        let label = prefix + String(order.count)
        issued[existing] = label
        order.append(existing)
        return label
    }

    func label(for existing: String) -> String? { issued[existing] }
}

private func sha256Hex(_ text: String) -> String {
    SHA256.hash(data: Array(text.utf8)).map { byte in
        let hex = String(byte, radix: 16)
        return byte < 16 ? "0" + hex : hex
    }.joined()
}

private func codePointLess(_ lhs: String, _ rhs: String) -> Bool {
    Array(lhs.utf8).lexicographicallyPrecedes(Array(rhs.utf8))
}

private struct State {
    let quads: [Quad]
    var quadsByBlankNode: [String: [Quad]] = [:]
    var canonical = IdentifierIssuer(prefix: "c14n")
    var firstDegreeCache: [String: String] = [:]
    var deepCalls = 0
    let maximumDeepCalls: Int

    init(quads: [Quad], limit: Int) {
        self.quads = quads
        for quad in quads {
            for term in [quad.subject, quad.object, quad.graph].compactMap({ $0 }) {
                if let label = term.blankLabel, quadsByBlankNode[label]?.last != quad {
                    quadsByBlankNode[label, default: []].append(quad)
                }
            }
        }
        maximumDeepCalls = max(1, quadsByBlankNode.count) * limit
    }

    func relabel(_ term: RDFTerm) -> RDFTerm {
        if let label = term.blankLabel, let issued = canonical.label(for: label) { return .blank(issued) }
        return term
    }

    mutating func run() throws(LinkedDataError) {
        var hashToBlankNodes: [String: [String]] = [:]
        for label in quadsByBlankNode.keys.sorted(by: codePointLess) {
            hashToBlankNodes[hashFirstDegree(label), default: []].append(label)
        }
        // Unique first-degree hashes get their labels first, in hash order.
        for hash in hashToBlankNodes.keys.sorted(by: codePointLess) {
            guard let labels = hashToBlankNodes[hash], labels.count == 1 else { continue }
            _ = canonical.issue(labels[0])
            hashToBlankNodes[hash] = nil
        }
        for hash in hashToBlankNodes.keys.sorted(by: codePointLess) {
            var paths: [(hash: String, issuer: IdentifierIssuer)] = []
            for label in hashToBlankNodes[hash] ?? [] where canonical.label(for: label) == nil {
                var temporary = IdentifierIssuer(prefix: "b")
                _ = temporary.issue(label)
                paths.append(try hashNDegree(label, issuer: temporary))
            }
            paths.sort { codePointLess($0.hash, $1.hash) }
            for result in paths {
                for existing in result.issuer.order { _ = canonical.issue(existing) }
            }
        }
    }

    /// §4.6 Hash First Degree Quads.
    mutating func hashFirstDegree(_ reference: String) -> String {
        if let cached = firstDegreeCache[reference] { return cached }
        func replace(_ term: RDFTerm) -> RDFTerm {
            guard let label = term.blankLabel else { return term }
            return .blank(label == reference ? "a" : "z")
        }
        let lines = (quadsByBlankNode[reference] ?? []).map { quad in
            NQuads.line(Quad(replace(quad.subject), quad.predicate, replace(quad.object), graph: quad.graph.map(replace)))
        }
        let hash = sha256Hex(lines.sorted(by: codePointLess).joined())
        firstDegreeCache[reference] = hash
        return hash
    }

    /// §4.7 Hash Related Blank Node.
    mutating func hashRelated(_ related: String, quad: Quad, issuer: IdentifierIssuer, position: String) -> String {
        let identifier: String
        if let label = canonical.label(for: related) {
            identifier = "_:" + label
        } else if let label = issuer.label(for: related) {
            identifier = "_:" + label
        } else {
            identifier = hashFirstDegree(related)
        }
        var input = position
        if position != "g" {
            var predicate = ""
            NQuads.write(quad.predicate, to: &predicate)
            input += predicate
        }
        return sha256Hex(input + identifier)
    }

    /// §4.8 Hash N-Degree Quads.
    mutating func hashNDegree(_ identifier: String, issuer startIssuer: IdentifierIssuer) throws(LinkedDataError) -> (hash: String, issuer: IdentifierIssuer) {
        deepCalls += 1
        guard deepCalls <= maximumDeepCalls else { throw .tooComplex }
        var issuer = startIssuer
        var relatedByHash: [String: [String]] = [:]
        for quad in quadsByBlankNode[identifier] ?? [] {
            let components: [(RDFTerm?, String)] = [(quad.subject, "s"), (quad.object, "o"), (quad.graph, "g")]
            for (term, position) in components {
                guard let label = term?.blankLabel, label != identifier else { continue }
                let hash = hashRelated(label, quad: quad, issuer: issuer, position: position)
                relatedByHash[hash, default: []].append(label)
            }
        }
        var data = ""
        for relatedHash in relatedByHash.keys.sorted(by: codePointLess) {
            data += relatedHash
            var chosenPath = ""
            var chosenIssuer: IdentifierIssuer?
            let group = relatedByHash[relatedHash] ?? []
            // 8! orderings at most: beyond that the graph is treated as a poison graph.
            guard group.count <= 8 else { throw .tooComplex }
            for permutation in permutations(group) {
                var issuerCopy = issuer
                var path = ""
                var recursion: [String] = []
                var skip = false
                for related in permutation {
                    if let label = canonical.label(for: related) {
                        path += "_:" + label
                    } else {
                        if issuerCopy.label(for: related) == nil { recursion.append(related) }
                        path += "_:" + issuerCopy.issue(related)
                    }
                    if !chosenPath.isEmpty, path.utf8.count >= chosenPath.utf8.count, codePointLess(chosenPath, path) {
                        skip = true
                        break
                    }
                }
                if skip { continue }
                for related in recursion {
                    let result = try hashNDegree(related, issuer: issuerCopy)
                    path += "_:" + issuerCopy.issue(related)
                    path += "<" + result.hash + ">"
                    issuerCopy = result.issuer
                    if !chosenPath.isEmpty, path.utf8.count >= chosenPath.utf8.count, codePointLess(chosenPath, path) {
                        skip = true
                        break
                    }
                }
                if skip { continue }
                if chosenPath.isEmpty || codePointLess(path, chosenPath) {
                    chosenPath = path
                    chosenIssuer = issuerCopy
                }
            }
            data += chosenPath
            if let chosenIssuer { issuer = chosenIssuer }
        }
        return (sha256Hex(data), issuer)
    }
}

/// All orderings of `items` (Heap's algorithm); the lists here are the blank nodes sharing one hash.
func permutations(_ items: [String]) -> [[String]] {
    var result: [[String]] = []
    var array = items
    func generate(_ count: Int) {
        if count <= 1 { result.append(array); return }
        for index in 0..<count {
            generate(count - 1)
            array.swapAt(count % 2 == 0 ? index : 0, count - 1)
        }
    }
    generate(array.count)
    return result
}
