import WebLayer

/// The page that asks the Région for badges.
enum RequestPage {
    static let template = WebTemplate("ui-request", #"""
<h1>{{t.title}}</h1>
{{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
{{#hasMade}}<div role="status"><ul class="done">{{#made}}<li>{{.}}</li>{{/made}}</ul></div><p><a href="/sync">{{t.goSync}}</a></p>{{/hasMade}}
{{#unsaved}}<p class="notice" role="status">{{unsaved}} <a href="/save">{{t.goSave}}</a></p>{{/unsaved}}
<p class="lead">{{t.lead}}</p>
<section aria-labelledby="ready">
<h2 id="ready">{{t.ready}}</h2>
{{#hasReady}}
<form method="post" action="/request" class="stack">
<input type="hidden" name="csrf" value="{{csrf}}">
<fieldset>
<legend>{{t.choose}}</legend>
{{#ready}}
<p><input type="checkbox" id="badge-{{id}}" name="badge-{{id}}" value="on"> <label for="badge-{{id}}">{{title}}{{#mandatory}} <span class="mandatory">{{t.mandatory}}</span>{{/mandatory}} — {{state}}</label></p>
{{/ready}}
</fieldset>
<p><label for="message">{{t.message}}</label>
<textarea id="message" name="message" aria-describedby="message-hint"></textarea>
<span id="message-hint" class="hint">{{t.messageHint}}</span></p>
<p><button type="submit">{{t.submit}}</button></p>
</form>
{{/hasReady}}
{{^hasReady}}<p>{{t.noneReady}}</p>{{/hasReady}}
</section>
{{#hasWaiting}}
<section aria-labelledby="waiting">
<h2 id="waiting">{{t.waiting}}</h2>
<ul>{{#waiting}}<li><a href="{{href}}">{{title}}</a> — {{state}} (<code>{{tag}}</code>, {{sent}})</li>{{/waiting}}</ul>
</section>
{{/hasWaiting}}
{{#hasNotReady}}
<section aria-labelledby="not-ready">
<h2 id="not-ready">{{t.notReady}}</h2>
<ul class="reasons">
{{#notReady}}
<li><a href="{{href}}">{{title}}</a>{{#mandatory}} <span class="mandatory">{{t.mandatory}}</span>{{/mandatory}} — {{state}}
<ul>{{#problems}}<li>{{.}}</li>{{/problems}}</ul></li>
{{/notReady}}
</ul>
</section>
{{/hasNotReady}}
"""#)

    static let strings = WebStrings([
        "title": ("Demander un badge", "Request a badge"),
        "lead": ("Une demande marque votre dernier enregistrement pour les badges choisis ; elle part à la Région à la prochaine synchronisation, et le groupe de pairs l'examine.",
                 "A request marks your last save for the chosen badges; it goes to the Région at the next sync, and the peer group reviews it."),
        "ready": ("Badges prêts à demander", "Badges ready to request"),
        "choose": ("Badges à demander", "Badges to request"),
        "mandatory": ("obligatoire", "mandatory"),
        "message": ("Message pour la Région (facultatif)", "Message for the Région (optional)"),
        "messageHint": ("Par exemple : ce qui a changé depuis la dernière demande.", "For example: what changed since the last request."),
        "submit": ("Demander", "Request"),
        "noneReady": ("Aucun badge ne passe la vérification pour l'instant : voyez ci-dessous ce qui manque.",
                      "No badge passes the check yet: see below what is missing."),
        "waiting": ("Demandes en attente", "Requests waiting"),
        "notReady": ("Badges pas encore prêts, et pourquoi", "Badges not ready yet, and why"),
        "goSave": ("Enregistrer", "Save"),
        "goSync": ("Synchroniser maintenant", "Sync now"),
    ])
}
