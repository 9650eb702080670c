import Hummingbird
import WebLayer

extension WebApp {
    /// The posted form, checked against `csrf` (the session's or the sign-in page's token): a
    /// missing or wrong token is `WebError.csrf` before anything else is read from it.
    func form(_ request: Request, _ context: WebContext, csrf expected: String?) async throws -> WebForm {
        try await WebForm.read(request, limit: context.maxUploadSize, csrf: expected)
    }
}
