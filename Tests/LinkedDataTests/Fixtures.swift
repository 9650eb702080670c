import Crypto
import Foundation
import LinkedData

/// Paths of the test data: this target's `Fixtures/` and the reference material in `Tests/Reference/ob3`
/// beside the package (the CI lays `shared/` next to the clone, as on the developers' machines).
enum Fixtures {
    static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let packageRoot = here.deletingLastPathComponent().deletingLastPathComponent()
    static let ob3 = packageRoot.appendingPathComponent("Tests/Reference/ob3")
    static let testdata = ob3.appendingPathComponent("tools/testdata")

    static func json(_ url: URL) throws -> JSONValue {
        try JSONValue.parse(Array(try Data(contentsOf: url)))
    }

    static func testdata(_ name: String) throws -> JSONValue { try json(testdata.appendingPathComponent(name)) }

    /// The object without one member.
    static func removing(_ key: String, from value: JSONValue) -> JSONValue {
        guard case .object(var object) = value else { return value }
        object[key] = nil
        return .object(object)
    }

    static func sha256Hex(_ text: String) -> String {
        SHA256.hash(data: Array(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
