import WebLayer

/// The operations page's template and strings.
extension WebApp {
    static let operationsTemplate = WebTemplate("operations", #"""
<h1>{{t.title}}</h1>
{{#notice}}<p class="notice" role="alert">{{notice}}</p>{{/notice}}
{{#invitation}}
<section class="notice" aria-labelledby="invitation-h">
<h2 id="invitation-h">{{t.invitationFor}} {{member}}</h2>
<p>{{t.invitationOnce}}</p>
<p><label for="invitation-url">{{t.invitationLink}}</label>
<input id="invitation-url" type="text" readonly value="{{url}}" size="60"></p>
<p>{{expires}}</p>
</section>
{{/invitation}}
<h2 id="reconcile">{{t.reconcile}}</h2>
<p id="reconcile-progress" role="status" aria-live="polite" data-running="{{#running}}true{{/running}}{{^running}}false{{/running}}">{{progress}}</p>
{{#running}}<p><a href="/operations#reconcile">{{t.refresh}}</a></p>
<script src="/static/operations.js" defer></script>{{/running}}
{{^running}}
<form method="post" action="/operations/reconcile">
<input type="hidden" name="csrf" value="{{csrf}}">
<p><button type="submit">{{t.runNow}}</button> <span class="hint">{{t.runHint}}</span></p>
</form>
{{/running}}
{{#last}}
<h3>{{t.lastRun}}</h3>
<p>{{t.startedBy}} {{by}}, {{started}}{{#finished}} — {{t.finishedAt}} {{finished}}{{/finished}}</p>
{{#refusal}}<p class="notice">{{refusal}}</p>{{/refusal}}
{{#summary}}<p>{{summary}}</p>{{/summary}}
{{#hasOutcomes}}
<table>
<caption>{{t.outcomes}}</caption>
<thead><tr><th scope="col">{{t.cfa}}</th><th scope="col">{{t.result}}</th><th scope="col">{{t.details}}</th></tr></thead>
<tbody>{{#outcomes}}<tr><th scope="row">{{uai}}</th><td class="{{#failed}}bad{{/failed}}"><span aria-hidden="true">{{symbol}}</span> {{status}}</td><td>{{details}}</td></tr>{{/outcomes}}</tbody>
</table>
{{/hasOutcomes}}
{{/last}}
<h2 id="cfas">{{t.cfaStates}}</h2>
<table>
<caption>{{t.cfaStatesCaption}}</caption>
<thead><tr><th scope="col">{{t.cfa}}</th><th scope="col">{{t.lastReconcile}}</th><th scope="col">{{t.state}}</th><th scope="col">{{t.reason}}</th></tr></thead>
<tbody>{{#cfas}}<tr><th scope="row"><a href="{{href}}">{{name}}</a> ({{uai}})</th><td>{{when}}</td><td class="{{#failed}}bad{{/failed}}"><span aria-hidden="true">{{symbol}}</span> {{state}}</td><td>{{reasons}}</td></tr>{{/cfas}}</tbody>
</table>
<h2 id="members">{{t.members}}</h2>
<table>
<caption>{{t.membersCaption}}</caption>
<thead><tr><th scope="col">{{t.member}}</th><th scope="col">{{t.role}}</th><th scope="col">{{t.cfa}}</th><th scope="col">{{t.access}}</th><th scope="col">{{t.actions}}</th></tr></thead>
<tbody>
{{#members}}<tr><th scope="row">{{id}}</th><td>{{role}}</td><td>{{cfa}}</td><td><span aria-hidden="true">{{symbol}}</span> {{access}}</td><td>
{{^disabled}}
<form method="post" action="/operations/members/{{idSegment}}/invite" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit" class="secondary">{{t.invite}}<span class="visually-hidden"> {{id}}</span></button></form>
{{^self}}<form method="post" action="/operations/members/{{idSegment}}/disable" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit" class="secondary">{{t.disable}}<span class="visually-hidden"> {{id}}</span></button></form>{{/self}}
{{/disabled}}
</td></tr>
{{/members}}
</tbody>
</table>
<h3>{{t.addMember}}</h3>
<form method="post" action="/operations/members" class="stack">
<input type="hidden" name="csrf" value="{{csrf}}">
<p><label for="m-id">{{t.memberID}}</label>
<input id="m-id" name="id" type="text" required maxlength="64" pattern="[A-Za-z0-9._\-]+" aria-describedby="m-id-hint">
<span id="m-id-hint" class="hint">{{t.memberIDHint}}</span></p>
<p><label for="m-role">{{t.role}}</label>
<select id="m-role" name="role">{{#roles}}<option value="{{value}}">{{text}}</option>{{/roles}}</select></p>
<p><label for="m-uai">{{t.pilotCFA}}</label>
<select id="m-uai" name="uai" aria-describedby="m-uai-hint"><option value="">—</option>{{#cfaOptions}}<option value="{{uai}}">{{name}} ({{uai}})</option>{{/cfaOptions}}</select>
<span id="m-uai-hint" class="hint">{{t.pilotCFAHint}}</span></p>
<p><button type="submit">{{t.add}}</button></p>
</form>
"""#)

    static let operationsStrings = WebStrings([
        "title": ("Opérations", "Operations"),
        "invitationFor": ("Invitation pour", "Invitation for"),
        "invitationOnce": ("Ce lien n'est montré qu'une fois : copiez-le et envoyez-le au membre (il choisira son mot de passe).",
                           "This link is shown only once: copy it and send it to the member (they will choose their password)."),
        "invitationLink": ("Lien d'invitation", "Invitation link"),
        "reconcile": ("Réconciliation", "Reconcile"),
        "refresh": ("Actualiser l'avancement", "Refresh the progress"),
        "runNow": ("Lancer une réconciliation maintenant", "Run a reconcile now"),
        "runHint": ("Récupère les dossiers de tous les CFA, enregistre les nouvelles demandes et renvoie les décisions.",
                    "Fetches every CFA's dossier, ingests new requests and sends decisions back."),
        "lastRun": ("Dernière réconciliation lancée ici", "Last reconcile started here"),
        "startedBy": ("Lancée par", "Started by"),
        "finishedAt": ("terminée", "finished"),
        "outcomes": ("Résultat par CFA", "Outcome per CFA"),
        "cfa": ("CFA", "CFA"),
        "result": ("Résultat", "Outcome"),
        "details": ("Détails", "Details"),
        "cfaStates": ("État de chaque CFA", "Each CFA's state"),
        "cfaStatesCaption": ("Dernière réconciliation de chaque CFA (y compris en ligne de commande)",
                             "Each CFA's last reconcile (including from the command line)"),
        "lastReconcile": ("Dernière réconciliation", "Last reconcile"),
        "state": ("État", "State"),
        "reason": ("Raison", "Reason"),
        "members": ("Membres", "Members"),
        "membersCaption": ("Membres du groupe de pairs et leur accès", "Peer group members and their access"),
        "member": ("Membre", "Member"),
        "role": ("Rôle", "Role"),
        "access": ("Accès web", "Web access"),
        "actions": ("Actions", "Actions"),
        "invite": ("Inviter", "Invite"),
        "disable": ("Désactiver", "Disable"),
        "addMember": ("Ajouter un membre", "Add a member"),
        "memberID": ("Identifiant", "Member id"),
        "memberIDHint": ("Lettres, chiffres, point, tiret, tiret bas.", "Letters, digits, dot, hyphen, underscore."),
        "pilotCFA": ("CFA (pour un CFA pilote seulement)", "CFA (for a pilot CFA only)"),
        "pilotCFAHint": ("Un membre d'un CFA pilote ne vote jamais sur son propre CFA.", "A pilot CFA's member never votes on their own CFA."),
        "add": ("Ajouter", "Add"),
    ])
}
