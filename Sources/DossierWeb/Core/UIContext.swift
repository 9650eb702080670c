import DossierCore
import Hummingbird
internal import NIOCore
import WebLayer

/// The request context of the CFA's application: the reader's language and whether the browser
/// holds this run's session cookie.
public struct UIContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var lang: Lang = .fr
    /// The browser presented this run's session cookie.
    public var hasSession = false
    /// The peer's address.
    public var address: String?
    var bodyLimit = 1024 * 1024

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        address = source.channel.remoteAddress?.ipAddress
    }

    public var maxUploadSize: Int { bodyLimit }
}
