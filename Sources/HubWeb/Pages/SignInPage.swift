import DossierCore
import Foundation
internal import HTTPTypes
import Hub
import Hummingbird
import WebLayer

/// `/signin` (form, POST), `/signout` (POST). Failed attempts are throttled per member and per address.
extension WebApp {
    static let signInTemplate = WebTemplate("signin", #"""
<h1>{{t.title}}</h1>
{{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
<form method="post" action="/signin" class="stack">
<input type="hidden" name="csrf" value="{{preCSRF}}">
<input type="hidden" name="next" value="{{next}}">
<p><label for="member">{{t.member}}</label>
<input id="member" name="member" type="text" autocomplete="username" required value="{{memberID}}"></p>
<p><label for="password">{{t.password}}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required></p>
<p><button type="submit">{{t.submit}}</button></p>
</form>
<p class="hint">{{t.hint}}</p>
"""#)

    static let signInStrings = WebStrings([
        "title": ("Connexion", "Sign in"),
        "member": ("Identifiant de membre", "Member id"),
        "password": ("Mot de passe", "Password"),
        "submit": ("Se connecter", "Sign in"),
        "hint": ("Pas encore de mot de passe ? La Région vous envoie un lien d'invitation.",
                 "No password yet? The Région sends you an invitation link."),
    ])

    func addSignInRoutes(to router: Router<WebContext>) {
        router.get("/signin") { request, context -> Response in
            let next = WebPath.local(request.uri.queryParameters["next"].map(String.init))
            if context.member != nil { return self.redirect(next) }
            return try self.signInPage(request, context, next: next, memberID: "", error: nil, status: .ok)
        }
        router.post("/signin") { request, context -> Response in try await self.signIn(request, context) }
        router.post("/signout") { request, context -> Response in
            let form = try await self.form(request, context, csrf: context.csrfToken)
            _ = form
            if let token = context.sessionToken { try self.hub.endSession(tokenHash: Tokens.hash(token)) }
            return self.redirect("/signin", cookies: [SessionCookie.cleared(settings: self.settings)])
        }
        router.get("/lang") { request, context -> Response in
            let to = request.uri.queryParameters["to"].flatMap { Lang(rawValue: String($0)) } ?? .fr
            let back = WebPath.local(request.uri.queryParameters["back"].map(String.init))
            return self.redirect(back, cookies: [SessionCookie.language(to.rawValue, settings: self.settings)])
        }
    }

    /// The pre-session token of a browser (from its cookie, or a new one to set).
    func preSession(_ request: Request) -> (token: String, isNew: Bool) {
        if let token = request.cookies[SessionCookie.preName]?.value, Tokens.isWellFormed(token) { return (token, false) }
        return (Tokens.random(), true)
    }

    func signInPage(_ request: Request, _ context: WebContext, next: String, memberID: String, error: String?,
                    status: HTTPResponse.Status) throws -> Response {
        let pre = preSession(request)
        var response = try page(request, context, title: context.lang.t("Connexion", "Sign in"), template: Self.signInTemplate,
                                strings: Self.signInStrings,
                                model: ["preCSRF": Tokens.csrf(for: pre.token, purpose: "signin"), "next": next, "memberID": memberID,
                                        "error": error ?? ""],
                                status: status)
        if pre.isNew { response.headers.append(HTTPField(name: .setCookie, value: SessionCookie.pre(pre.token, settings: settings))) }
        return response
    }

    func signIn(_ request: Request, _ context: WebContext) async throws -> Response {
        let pre = request.cookies[SessionCookie.preName]?.value
        let expected = pre.flatMap { Tokens.isWellFormed($0) ? Tokens.csrf(for: $0, purpose: "signin") : nil }
        let form = try await self.form(request, context, csrf: expected)
        let memberID = try form.required("member")
        let password = form["password"] ?? ""
        let next = WebPath.local(form["next"])
        let now = settings.now()
        let keys = ["member:" + memberID] + (context.address.map { ["address:" + $0] } ?? [])
        if try hub.signInThrottled(keys: keys, throttle: settings.throttle, now: now) {
            return try signInPage(request, context, next: next, memberID: memberID, error: ReviewWebError.throttled.text(context.lang),
                                  status: .tooManyRequests)
        }
        let credential = try hub.credential(memberID: memberID)
        // An unknown member costs the same bcrypt check as a known one: the time taken does not
        // tell which member ids exist.
        let hash = credential?.passwordHash ?? dummyHash.value(cost: settings.bcryptCost)
        let matches = WebAccounts.verify(password, hash: hash)
        guard let credential, credential.disabledAt == nil, credential.passwordHash != nil, matches,
              try hub.members().contains(where: { $0.id == memberID }) else {
            try hub.recordSignInFailure(keys: keys, throttle: settings.throttle, now: now)
            return try signInPage(request, context, next: next, memberID: memberID, error: ReviewWebError.wrongPassword.text(context.lang),
                                  status: .unauthorized)
        }
        try hub.clearSignInFailures(key: "member:" + memberID)
        let token = Tokens.random()
        try hub.openSession(WebSession(tokenHash: Tokens.hash(token), memberID: memberID, createdAt: now,
                                       expiresAt: now.addingTimeInterval(settings.sessionLifetime), address: context.address))
        return redirect(next, cookies: [SessionCookie.session(token, settings: settings)])
    }
}
