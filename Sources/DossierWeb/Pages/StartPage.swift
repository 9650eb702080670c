import DossierCore
import DossierRepository
import Foundation
import Git
import Hummingbird
import Remote
import Sync
import WebLayer

/// `/start`, the first steps outside a dossier: create one (`Workspace.create`, as `dossier init`)
/// or get it from the Région (`Cloner.clone`, as `dossier clone`), with the address and the
/// credentials the Région gave.
extension UIApp {
    func addStartRoutes(to router: Router<UIContext>) {
        router.get("/start") { [self] request, context -> Response in
            if isDossier { return WebResponse.redirect("/") }
            return try startPage(request, context, fields: [:])
        }
        router.get("/static/ui-start.js") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "public, max-age=3600"],
                     body: .init(byteBuffer: ByteBuffer(string: StartPage.script)))
        }
        router.post("/start/create") { [self] request, context -> Response in
            let form = try await form(request, context)
            guard !isDossier else { return WebResponse.redirect("/") }
            let lang = context.lang
            let uai = (form["uai"] ?? "").trimmingCharacters(in: .whitespaces).uppercased()
            let name = (form["name"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            let siret = (form["siret"] ?? "").replacingOccurrences(of: " ", with: "")
            var errors: [String: String] = [:]
            if !Identifiers.isValidUAI(uai) { errors["uaiError"] = StartPage.uaiProblem(uai, lang) }
            if name.isEmpty { errors["nameError"] = lang.t("Indiquez le nom du CFA.", "Give the CFA's name.") }
            if !siret.isEmpty, !Identifiers.isValidSIRET(siret) { errors["siretError"] = StartPage.siretProblem(siret, lang) }
            guard errors.isEmpty else {
                return try startPage(request, context, fields: errors.merging(["uai": uai, "name": name, "siret": siret]) { a, _ in a },
                                     status: .badRequest)
            }
            let identity = DossierIdentity(uai: uai, name: name, siret: siret.isEmpty ? nil : siret)
            _ = try Workspace.create(at: settings.folder, identity: identity, sample: nil, catalogue: catalogue,
                                     message: lang.t("Création du dossier", "Dossier created"), author: nil)
            return WebResponse.redirect("/")
        }
        router.post("/start/clone") { [self] request, context -> Response in
            let form = try await form(request, context)
            guard !isDossier else { return WebResponse.redirect("/") }
            let lang = context.lang
            let url = try form.required("url")
            let user = (form["user"] ?? "").trimmingCharacters(in: .whitespaces)
            let password = form["password"] ?? ""
            var options = Syncer.Options(remote: settings.remote(lang), lang: lang)
            if !password.isEmpty {
                options.remote.credentials.environment["DOSSIER_TOKEN"] = password
                if !user.isEmpty { options.remote.credentials.environment["DOSSIER_USER"] = user }
            }
            let (folder, catalogue) = (settings.folder, catalogue)
            // A clone reaches the network: off the server's threads (libgit2 blocks).
            try await Task.detached { _ = try Cloner.clone(url: url, into: folder, catalogue: catalogue, options: options) }.value
            if form["remember"] == "on", !password.isEmpty, let home = settings.home {
                try CredentialStore.remember(url: url, user: user.isEmpty ? "dossier" : user, password: password, home: home)
            }
            return WebResponse.redirect("/")
        }
    }

    func startPage(_ request: Request, _ context: UIContext, fields: [String: String], status: HTTPResponse.Status = .ok) throws -> Response {
        var model: [String: Any] = fields
        model["folder"] = settings.folder
        model["invalid"] = !fields.filter { $0.key.hasSuffix("Error") }.isEmpty
        return try page(request, context, title: StartPage.strings.table(context.lang)["title"] ?? "", template: StartPage.template,
                        strings: StartPage.strings, model: model, status: status)
    }
}

enum StartPage {
    /// Why a UAI is wrong, in words: its shape, or the check letter it should have.
    static func uaiProblem(_ uai: String, _ lang: Lang) -> String {
        let digits = String(uai.prefix(7))
        if uai.count == 8, let letter = Identifiers.uaiCheckLetter(digits) {
            return lang.t("La lettre de contrôle ne correspond pas : pour \(digits), c'est « \(letter) ».",
                          "The check letter does not match: for \(digits), it is '\(letter)'.")
        }
        return lang.t("Un UAI a 7 chiffres puis une lettre de contrôle, par exemple 0141234R.",
                      "A UAI has 7 digits then a check letter, for example 0141234R.")
    }

    static func siretProblem(_ siret: String, _ lang: Lang) -> String {
        siret.count == 14 && siret.allSatisfy(\.isNumber)
            ? lang.t("Ce SIRET n'existe pas : un de ses chiffres est faux (la clé de contrôle ne correspond pas).",
                     "This SIRET does not exist: one of its digits is wrong (the check key does not match).")
            : lang.t("Un SIRET a 14 chiffres.", "A SIRET has 14 digits.")
    }

    /// As-you-type checks of the UAI and the SIRET (progressive enhancement: the server checks the
    /// same on submit). The messages come from the page, in the reader's language.
    static let script = #"""
    "use strict";
    (function () {
      var letters = "ABCDEFGHJKLMNPRSTUVWXYZ";
      function uai(value) {
        if (!/^[0-9]{7}[A-Za-z]$/.test(value)) return ["shape"];
        var expected = letters[parseInt(value.slice(0, 7), 10) % 23];
        return value[7].toUpperCase() === expected ? ["ok"] : ["letter", expected];
      }
      function siret(value) {
        value = value.replace(/ /g, "");
        if (!/^[0-9]{14}$/.test(value)) return ["shape"];
        var sum = 0;
        for (var i = 0; i < 14; i++) {
          var digit = parseInt(value[13 - i], 10);
          if (i % 2 === 1) { digit *= 2; if (digit > 9) digit -= 9; }
          sum += digit;
        }
        return sum % 10 === 0 ? ["ok"] : ["letter"];
      }
      var checks = { uai: uai, siret: siret };
      document.querySelectorAll("[data-check]").forEach(function (live) {
        var input = document.getElementById(live.getAttribute("data-check"));
        if (!input) return;
        input.addEventListener("input", function () {
          if (input.value === "") { live.textContent = ""; return; }
          var outcome = checks[live.getAttribute("data-check")](input.value.trim());
          live.textContent = (live.getAttribute("data-" + outcome[0]) || "").replace("%s", outcome[1] || "");
          live.className = "hint live " + (outcome[0] === "ok" ? "ok" : "bad");
        });
      });
    })();
    """#

    static let template = WebTemplate("ui-start", #"""
<h1>{{t.title}}</h1>
<p class="lead">{{t.intro}}</p>
<p class="hint">{{t.where}} <code>{{folder}}</code></p>
{{#invalid}}<p class="error" role="alert">{{t.fix}}</p>{{/invalid}}
<section aria-labelledby="create">
<h2 id="create">{{t.create}}</h2>
<form method="post" action="/start/create" class="stack" novalidate>
<input type="hidden" name="csrf" value="{{csrf}}">
<p><label for="uai">{{t.uai}}</label>
<input id="uai" name="uai" value="{{uai}}" required maxlength="8" autocomplete="off" pattern="[0-9]{7}[A-Za-z]" aria-describedby="uai-hint{{#uaiError}} uai-error{{/uaiError}}"{{#uaiError}} aria-invalid="true"{{/uaiError}}>
<span id="uai-hint" class="hint">{{t.uaiHint}}</span>
{{#uaiError}}<span id="uai-error" class="error">{{uaiError}}</span>{{/uaiError}}
<span class="hint live" aria-live="polite" data-check="uai" data-ok="{{t.uaiOK}}" data-shape="{{t.uaiHint}}" data-letter="{{t.uaiLetter}}"></span></p>
<p><label for="name">{{t.name}}</label>
<input id="name" name="name" value="{{name}}" required autocomplete="organization"{{#nameError}} aria-invalid="true" aria-describedby="name-error"{{/nameError}}>
{{#nameError}}<span id="name-error" class="error">{{nameError}}</span>{{/nameError}}</p>
<p><label for="siret">{{t.siret}}</label>
<input id="siret" name="siret" value="{{siret}}" inputmode="numeric" maxlength="17" autocomplete="off" aria-describedby="siret-hint{{#siretError}} siret-error{{/siretError}}"{{#siretError}} aria-invalid="true"{{/siretError}}>
<span id="siret-hint" class="hint">{{t.siretHint}}</span>
{{#siretError}}<span id="siret-error" class="error">{{siretError}}</span>{{/siretError}}
<span class="hint live" aria-live="polite" data-check="siret" data-ok="{{t.siretOK}}" data-shape="{{t.siretHint}}" data-letter="{{t.siretKey}}"></span></p>
<p><button type="submit">{{t.createButton}}</button></p>
</form>
</section>
<section aria-labelledby="clone">
<h2 id="clone">{{t.clone}}</h2>
<p>{{t.cloneIntro}}</p>
<form method="post" action="/start/clone" class="stack">
<input type="hidden" name="csrf" value="{{csrf}}">
<p><label for="url">{{t.url}}</label>
<input id="url" name="url" required type="text" autocomplete="url" aria-describedby="url-hint">
<span id="url-hint" class="hint">{{t.urlHint}}</span></p>
<p><label for="user">{{t.user}}</label><input id="user" name="user" autocomplete="username"></p>
<p><label for="password">{{t.password}}</label><input id="password" name="password" type="password" autocomplete="current-password"></p>
<p class="check"><input id="remember" name="remember" type="checkbox"> <label for="remember">{{t.remember}}</label></p>
<p><button type="submit">{{t.cloneButton}}</button></p>
</form>
</section>
<script src="/static/ui-start.js"></script>
"""#)

    static let strings = WebStrings([
        "title": ("Premiers pas", "First steps"),
        "intro": ("Ce dossier est vide : créez le dossier de votre CFA, ou récupérez celui que la Région a déjà préparé.",
                  "This folder is empty: create your CFA's dossier, or get the one the Région already prepared."),
        "where": ("Dossier sur cet ordinateur :", "Folder on this computer:"),
        "fix": ("Corrigez les champs signalés : rien n'a été créé.", "Fix the fields marked: nothing was created."),
        "create": ("Créer le dossier du CFA", "Create the CFA's dossier"),
        "uai": ("UAI du CFA", "The CFA's UAI"),
        "uaiHint": ("7 chiffres puis la lettre de contrôle, par exemple 0141234R.", "7 digits then the check letter, e.g. 0141234R."),
        "name": ("Nom du CFA", "The CFA's name"),
        "siret": ("SIRET (facultatif)", "SIRET (optional)"),
        "siretHint": ("14 chiffres.", "14 digits."),
        "uaiOK": ("UAI valide.", "Valid UAI."),
        "uaiLetter": ("La lettre de contrôle ne correspond pas : ce serait « %s ».", "The check letter does not match: it would be '%s'."),
        "siretOK": ("SIRET valide.", "Valid SIRET."),
        "siretKey": ("Un des chiffres est faux (la clé de contrôle ne correspond pas).", "One of the digits is wrong (the check key does not match)."),
        "createButton": ("Créer le dossier", "Create the dossier"),
        "clone": ("Récupérer le dossier depuis la Région", "Get the dossier from the Région"),
        "cloneIntro": ("Utilisez l'adresse et l'identifiant que la Région vous a donnés.", "Use the address and the login the Région gave you."),
        "url": ("Adresse du dossier", "The dossier's address"),
        "urlHint": ("Par exemple https://depots.normandie.fr/cfa/0141234R.git", "For example https://depots.normandie.fr/cfa/0141234R.git"),
        "user": ("Identifiant (si la Région vous en a donné un)", "Login (if the Région gave you one)"),
        "password": ("Mot de passe ou jeton", "Password or token"),
        "remember": ("Se souvenir du mot de passe sur cet ordinateur (pour les synchronisations)",
                     "Remember the password on this computer (for syncs)"),
        "cloneButton": ("Récupérer le dossier", "Get the dossier"),
    ])
}
