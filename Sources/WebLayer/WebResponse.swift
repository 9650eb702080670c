import Foundation
public import HTTPTypes
public import Hummingbird

/// Responses every page sends: an HTML page, a redirect after a form.
public enum WebResponse {
    public static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// A redirect after a form (303: the browser follows with GET), setting `cookies`.
    public static func redirect(_ location: String, cookies: [String] = []) -> Response {
        var headers: HTTPFields = [.location: location]
        for cookie in cookies { headers.append(HTTPField(name: .setCookie, value: cookie)) }
        return Response(status: .seeOther, headers: headers)
    }
}

/// Paths and query values as pages write them.
public enum WebPath {
    /// A local path to go back to after signing in or switching language ("/" when it is not one).
    public static func local(_ text: String?) -> String {
        guard let text, text.hasPrefix("/"), !text.hasPrefix("//"), !text.hasPrefix("/\\"),
              !text.unicodeScalars.contains(where: { $0.value < 0x20 || $0 == "\\" }) else { return "/" }
        return text
    }

    /// A query value, percent-encoded (slashes kept).
    public static func queryEscaped(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~/")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? "/"
    }

    /// A path segment, percent-encoded.
    public static func segment(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}

/// Template models.
public enum WebModel {
    /// The model without its empty strings: in Mustache an empty string opens a section
    /// (`{{#error}}…{{/error}}`), a missing key does not; `{{x}}` renders both as nothing.
    public static func pruned(_ model: [String: Any]) -> [String: Any] {
        var result: [String: Any] = [:]
        for (key, value) in model {
            switch value {
            case let text as String where text.isEmpty: continue
            case let nested as [String: Any]: result[key] = pruned(nested)
            case let rows as [[String: Any]]: result[key] = rows.map(pruned)
            default: result[key] = value
            }
        }
        return result
    }
}

/// The request log's line, as both applications write it: method, path, status, time taken, then
/// what the application adds (the hub: the member).
public enum RequestLog {
    public static func line(_ request: Request, _ response: Response, since start: ContinuousClock.Instant, extra: String? = nil) -> String {
        let elapsed = ContinuousClock.now - start
        let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        return "\(request.method.rawValue) \(request.uri.path) \(response.status.code) \(String(format: "%.1f", ms))ms" + (extra.map { " " + $0 } ?? "")
    }
}
