import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
@testable import HubWeb

extension WebFixture {
    /// Runs `body` against the application's router (no socket), with a fresh browser.
    func run(_ body: @escaping @Sendable (inout Browser) async throws -> Void) async throws {
        let application = Application(router: app.router())
        try await application.test(.router) { client in
            var browser = Browser(client)
            try await body(&browser)
        }
    }

    /// A text evidence for the first criterion.
    static func text(_ id: String, _ title: String, _ file: String, _ content: String) -> (id: String, criterion: String, title: String, file: String, bytes: [UInt8]) {
        (id, "", title, file, Array(content.utf8))
    }
}
