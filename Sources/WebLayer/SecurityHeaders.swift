public import HTTPTypes
public import Hummingbird

/// Headers sent with every response of both applications. Evidence responses set their own
/// stricter policy first; an application may send its own policy the same way.
public enum SecurityHeaders {
    public static let pagePolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; media-src 'self'; "
        + "frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

    public static func apply(to response: inout Response) {
        if response.headers[.contentSecurityPolicy] == nil { response.headers[.contentSecurityPolicy] = pagePolicy }
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.referrerPolicy] = "same-origin"
        if response.headers[.xFrameOptions] == nil { response.headers[.xFrameOptions] = "DENY" }
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
    }
}

extension HTTPField.Name {
    public static let xFrameOptions = Self("X-Frame-Options")!
    public static let xForwardedFor = Self("X-Forwarded-For")!
    public static let referrerPolicy = Self("Referrer-Policy")!
}
