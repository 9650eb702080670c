import DossierCore
import Foundation
internal import HTTPTypes
import Hub
import Hummingbird
import WebLayer

/// `/invitation/<token>`: a member chooses a password from a one-time link, then is signed in.
extension WebApp {
    static let invitationTemplate = WebTemplate("invitation", #"""
<h1>{{t.title}}</h1>
{{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
<p>{{welcome}}</p>
<form method="post" action="/invitation/{{token}}" class="stack">
<input type="hidden" name="csrf" value="{{preCSRF}}">
<p><label for="password">{{t.password}}</label>
<input id="password" name="password" type="password" autocomplete="new-password" required minlength="{{minimum}}" aria-describedby="password-hint">
<span id="password-hint" class="hint">{{minimumText}}</span></p>
<p><label for="confirm">{{t.confirm}}</label>
<input id="confirm" name="confirm" type="password" autocomplete="new-password" required></p>
<p><button type="submit">{{t.submit}}</button></p>
</form>
"""#)

    static let invitationStrings = WebStrings([
        "title": ("Choisir votre mot de passe", "Choose your password"),
        "password": ("Nouveau mot de passe", "New password"),
        "confirm": ("Le même, une seconde fois", "The same, once more"),
        "submit": ("Enregistrer et se connecter", "Save and sign in"),
    ])

    func addInvitationRoutes(to router: Router<WebContext>) {
        router.get("/invitation/:token") { request, context -> Response in
            let token = try context.parameters.require("token")
            guard Tokens.isWellFormed(token), let invitation = try self.hub.invitation(tokenHash: Tokens.hash(token), now: self.settings.now()) else {
                throw HubError.invitationInvalid
            }
            return try self.invitationPage(request, context, token: token, memberID: invitation.memberID, error: nil, status: .ok)
        }
        router.post("/invitation/:token") { request, context -> Response in
            let token = try context.parameters.require("token")
            let pre = request.cookies[SessionCookie.preName]?.value
            let expected = pre.flatMap { Tokens.isWellFormed($0) ? Tokens.csrf(for: $0, purpose: "invitation") : nil }
            let form = try await self.form(request, context, csrf: expected)
            guard Tokens.isWellFormed(token), let invitation = try self.hub.invitation(tokenHash: Tokens.hash(token), now: self.settings.now()) else {
                throw HubError.invitationInvalid
            }
            let password = form["password"] ?? ""
            do {
                try WebAccounts.checkPassword(password)
                guard password == form["confirm"] else { throw PasswordError.mismatch }
            } catch let error as PasswordError {
                return try self.invitationPage(request, context, token: token, memberID: invitation.memberID,
                                               error: error.text(context.lang), status: .badRequest)
            }
            let hash = WebAccounts.hash(password, cost: self.settings.bcryptCost)
            let now = self.settings.now()
            let member = try self.hub.acceptInvitation(tokenHash: Tokens.hash(token), passwordHash: hash, now: now)
            let session = Tokens.random()
            try self.hub.openSession(WebSession(tokenHash: Tokens.hash(session), memberID: member.id, createdAt: now,
                                                expiresAt: now.addingTimeInterval(self.settings.sessionLifetime), address: context.address))
            return self.redirect("/", cookies: [SessionCookie.session(session, settings: self.settings)])
        }
    }

    func invitationPage(_ request: Request, _ context: WebContext, token: String, memberID: String, error: String?,
                        status: HTTPResponse.Status) throws -> Response {
        let pre = preSession(request)
        let lang = context.lang
        var response = try page(request, context, title: lang.t("Invitation", "Invitation"), template: Self.invitationTemplate,
                                strings: Self.invitationStrings,
                                model: ["preCSRF": Tokens.csrf(for: pre.token, purpose: "invitation"), "token": token, "error": error ?? "",
                                        "welcome": lang.t("Bienvenue, \(memberID).", "Welcome, \(memberID)."),
                                        "minimum": WebAccounts.minimumPasswordLength,
                                        "minimumText": lang.t("\(WebAccounts.minimumPasswordLength) caractères au moins.",
                                                              "At least \(WebAccounts.minimumPasswordLength) characters.")],
                                status: status)
        if pre.isNew { response.headers.append(HTTPField(name: .setCookie, value: SessionCookie.pre(pre.token, settings: settings))) }
        return response
    }
}
