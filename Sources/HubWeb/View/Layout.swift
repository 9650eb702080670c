import DossierCore
import Foundation
import HubReview
import WebLayer

/// The page frame every page shares: skip link, top navigation with the queue counter,
/// language switch, sign-out.
enum Layout {
    static let template = WebTemplate("layout", #"""
<!DOCTYPE html>
<html lang="{{lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{title}} — {{t.app}}</title>
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/app.css">
</head>
<body>
<a class="skip" href="#main">{{t.skip}}</a>
<header class="top">
<p class="brand"><a href="/">{{t.app}}</a></p>
{{#member}}
<nav aria-label="{{t.nav}}">
<ul>
<li><a href="/"{{#navOverview}} aria-current="page"{{/navOverview}}>{{t.overview}}</a></li>
<li><a href="/queue"{{#navQueue}} aria-current="page"{{/navQueue}}>{{t.queue}} <span class="counter">{{queueCount}}</span><span class="visually-hidden"> {{t.waiting}}</span></a></li>
<li><a href="/proposals"{{#navProposals}} aria-current="page"{{/navProposals}}>{{t.proposals}}</a></li>
{{#region}}<li><a href="/operations"{{#navOperations}} aria-current="page"{{/navOperations}}>{{t.operations}}</a></li>{{/region}}
</ul>
</nav>
{{/member}}
<div class="tools">
<a href="/lang?to={{otherLang}}&amp;back={{back}}" lang="{{otherLang}}" hreflang="{{otherLang}}">{{t.otherLang}}</a>
{{#member}}
<span class="who">{{id}} ({{roleText}})</span>
<form method="post" action="/signout" class="inline">
<input type="hidden" name="csrf" value="{{csrf}}">
<button type="submit">{{t.signOut}}</button>
</form>
{{/member}}
</div>
</header>
<main id="main" tabindex="-1">
{{{content}}}
</main>
<footer><p>{{t.footer}}</p></footer>
</body>
</html>
"""#)

    static let strings = WebStrings.frame + WebStrings([
        "app": ("Revue des badges — CFA numérique normand", "Badge review — CFA numérique normand"),
        "overview": ("Vue d'ensemble", "Overview"),
        "queue": ("File d'attente", "Queue"),
        "operations": ("Opérations", "Operations"),
        "proposals": ("Propositions", "Proposals"),
        "signOut": ("Se déconnecter", "Sign out"),
        "waiting": ("demandes en attente", "requests waiting"),
        "footer": ("Région Normandie — label « CFA numérique normand »", "Région Normandie — « CFA numérique normand » label"),
    ])
}

extension Member.Role {
    /// The role as reviewers read it.
    func text(_ lang: Lang) -> String {
        switch self {
        case .cfaPilote: lang.t("CFA pilote", "pilot CFA")
        case .badgeons: lang.t("Badgeons la Normandie", "Badgeons la Normandie")
        case .region: lang.t("Région", "Région")
        }
    }
}

extension Submission.State {
    /// The state as reviewers read it.
    func text(_ lang: Lang) -> String {
        switch self {
        case .submitted: lang.t("déposée", "submitted")
        case .inReview: lang.t("en examen", "in review")
        case .changesRequested: lang.t("modifications demandées", "changes requested")
        case .approved: lang.t("approuvée", "approved")
        case .awarded: lang.t("décernée", "awarded")
        case .rejected: lang.t("refusée", "rejected")
        case .expired: lang.t("expirée", "expired")
        case .revoked: lang.t("retirée", "revoked")
        case .superseded: lang.t("remplacée", "superseded")
        }
    }

    /// A symbol that says the state without colour.
    var symbol: String {
        switch self {
        case .submitted: "○"
        case .inReview: "◐"
        case .changesRequested: "↺"
        case .approved: "✓"
        case .awarded: "★"
        case .rejected: "✗"
        case .expired: "◷"
        case .revoked: "⊘"
        case .superseded: "→"
        }
    }
}

extension Vote.Verdict {
    func text(_ lang: Lang) -> String {
        switch self {
        case .approve: lang.t("favorable", "approve")
        case .reject: lang.t("défavorable", "reject")
        case .changes: lang.t("modifications demandées", "changes requested")
        }
    }
}
