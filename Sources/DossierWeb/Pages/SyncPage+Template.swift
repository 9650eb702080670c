import WebLayer

/// The sync page and its progress page.
enum SyncPage {
    static let template = WebTemplate("ui-sync", #"""
<h1>{{t.title}}</h1>
<p class="lead">{{t.lead}}</p>
<dl class="facts">
<dt>{{t.remote}}</dt>
<dd>{{#remote}}<code>{{remote}}</code> <a href="/remote">{{t.change}}</a>{{/remote}}{{#noRemote}}{{t.noRemote}} <a href="/remote">{{t.setRemote}}</a>{{/noRemote}}</dd>
<dt>{{t.pendingLabel}}</dt>
<dd>{{pending}}{{#hasRequests}}<ul class="plain">{{#requests}}<li><code>{{.}}</code></li>{{/requests}}</ul>{{/hasRequests}}</dd>
</dl>
{{#conflicts}}<p class="notice" role="status">{{conflicts}} <a href="/conflicts">{{t.goConflicts}}</a></p>{{/conflicts}}
{{#unsaved}}<p class="notice" role="status">{{unsaved}} <a href="/save">{{t.goSave}}</a></p>{{/unsaved}}
{{#running}}<p role="status">{{t.running}} <a href="/sync/progress">{{t.seeProgress}}</a></p>{{/running}}
{{#lastEnded}}<p><a href="/sync/progress">{{t.lastOutcome}}</a></p>{{/lastEnded}}
{{#canSync}}
<form method="post" action="/sync">
<input type="hidden" name="csrf" value="{{csrf}}">
<p><button type="submit">{{t.sync}}</button></p>
</form>
{{/canSync}}
"""#)

    static let strings = WebStrings([
        "title": ("Synchroniser", "Sync"),
        "lead": ("La synchronisation envoie vos enregistrements et vos demandes de badge à la Région, et reçoit ceux des autres postes et les décisions de la Région.",
                 "Syncing sends your saves and badge requests to the Région, and receives those of the other computers and the Région's decisions."),
        "remote": ("Serveur de la Région", "The Région's server"),
        "noRemote": ("Aucun : ce dossier n'est relié à aucun serveur de la Région.", "None: this dossier is linked to no server of the Région."),
        "setRemote": ("Indiquer l'adresse que la Région vous a donnée", "Give the address the Région gave you"),
        "change": ("Changer d'adresse", "Change the address"),
        "pendingLabel": ("Pas encore envoyé", "Not sent yet"),
        "goConflicts": ("Régler les conflits", "Settle the conflicts"),
        "goSave": ("Enregistrer", "Save"),
        "running": ("Une synchronisation est en cours.", "A sync is running."),
        "seeProgress": ("Voir où elle en est", "See how far it is"),
        "lastOutcome": ("Résultat de la dernière synchronisation", "Outcome of the last sync"),
        "sync": ("Synchroniser", "Sync"),
    ])

    static let progressTemplate = WebTemplate("ui-sync-progress", #"""
<h1>{{t.title}}</h1>
{{#running}}
<section role="status" aria-labelledby="now">
<h2 id="now">{{t.running}}</h2>
<p>{{t.started}} {{started}}.</p>
<ul>{{#progress}}<li>{{.}}</li>{{/progress}}</ul>
</section>
<p class="hint">{{t.reloads}}</p>
{{/running}}
{{^running}}
<p>{{t.ended}} {{ended}}.</p>
{{#offline}}
<div class="notice" role="status">
<p><strong>{{offline}}</strong></p>
<p class="hint">{{detail}}</p>
</div>
{{/offline}}
{{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
{{#goConflicts}}<p><a href="/conflicts">{{t.goConflicts}}</a></p>{{/goConflicts}}
{{#goSave}}<p><a href="/save">{{t.goSave}}</a></p>{{/goSave}}
{{#hasAlerts}}<div role="alert"><ul class="error">{{#alerts}}<li>{{.}}</li>{{/alerts}}</ul></div>{{/hasAlerts}}
{{#hasConflicts}}
<section class="notice" role="alert" aria-labelledby="conflicts">
<h2 id="conflicts">{{conflictsHeading}}</h2>
<ul>{{#conflicts}}<li>{{.}}</li>{{/conflicts}}</ul>
<p><a href="/conflicts">{{t.goConflicts}}</a></p>
</section>
{{/hasConflicts}}
{{#sent}}<p class="done" role="status">{{sent}}</p>{{/sent}}
{{#hasLines}}<div role="status"><ul>{{#lines}}<li>{{.}}</li>{{/lines}}</ul></div>{{/hasLines}}
{{#hasKeptBoth}}<ul>{{#keptBoth}}<li>{{.}}</li>{{/keptBoth}}</ul>{{/hasKeptBoth}}
{{#hasMissing}}<ul class="error">{{#missing}}<li>{{.}}</li>{{/missing}}</ul>{{/hasMissing}}
{{#received}}
<section aria-labelledby="received">
<h2 id="received">{{t.received}}</h2>
{{{received}}}
</section>
{{/received}}
<p><a href="/sync">{{t.back}}</a> · <a href="/">{{t.dashboard}}</a></p>
{{/running}}
"""#)

    static let progressStrings = WebStrings([
        "title": ("Synchronisation", "Sync"),
        "running": ("Synchronisation en cours…", "Syncing…"),
        "started": ("Commencée le", "Started on"),
        "reloads": ("Cette page se met à jour toute seule chaque seconde jusqu'à la fin.", "This page updates itself every second until the end."),
        "ended": ("Synchronisation terminée le", "Sync ended on"),
        "goConflicts": ("Régler les conflits", "Settle the conflicts"),
        "goSave": ("Enregistrer d'abord", "Save first"),
        "received": ("Reçu de la Région et des autres postes", "Received from the Région and the other computers"),
        "back": ("Retour à la synchronisation", "Back to sync"),
        "dashboard": ("Tableau de bord", "Dashboard"),
    ])
}
