import WebLayer

/// The conflicts page: each badge's conflicts side by side, a choice per badge, "Terminer".
enum ConflictsPage {
    static let template = WebTemplate("ui-conflicts", #"""
<h1>{{t.title}}</h1>
{{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
{{#done}}<p class="done" role="status">{{t.done}} <a href="/sync">{{t.goSync}}</a></p>{{/done}}
{{#none}}<p role="status">{{t.none}}</p><p><a href="/sync">{{t.backSync}}</a></p>{{/none}}
{{#hasGroups}}
<p class="lead">{{t.lead}}</p>
<p>{{count}}{{#settled}} {{settled}}{{/settled}}</p>
<form method="post" action="/conflicts">
<input type="hidden" name="csrf" value="{{csrf}}">
<input type="hidden" name="fingerprint" value="{{fingerprint}}">
{{#groups}}
<section class="conflict" aria-labelledby="conflict-{{key}}">
<h2 id="conflict-{{key}}">{{title}}</h2>
<div class="sides-wrap">
<table class="sides">
<thead><tr><th scope="col">{{t.what}}</th><th scope="col">{{t.theirs}}</th><th scope="col">{{t.ours}}</th></tr></thead>
<tbody>
{{#rows}}
<tr><th scope="row">{{what}}</th>
<td>{{#long}}<pre class="text">{{theirs}}</pre>{{/long}}{{^long}}{{theirs}}{{/long}}</td>
<td>{{#long}}<pre class="text">{{ours}}</pre>{{/long}}{{^long}}{{ours}}{{/long}}</td></tr>
{{#note}}<tr><td colspan="3" class="hint">{{note}}</td></tr>{{/note}}
{{/rows}}
</tbody>
</table>
</div>
<fieldset>
<legend>{{legend}}</legend>
<p><input type="radio" id="side-{{key}}-theirs" name="side-{{key}}" value="theirs" required> <label for="side-{{key}}-theirs">{{t.keepTheirs}}</label></p>
<p><input type="radio" id="side-{{key}}-ours" name="side-{{key}}" value="ours"> <label for="side-{{key}}-ours">{{t.keepMine}}</label></p>
</fieldset>
</section>
{{/groups}}
<p><button type="submit">{{t.finish}}</button></p>
</form>
<section aria-labelledby="by-hand">
<h2 id="by-hand">{{t.byHand}}</h2>
<p>{{t.byHandHelp}}</p>
<form method="post" action="/conflicts">
<input type="hidden" name="csrf" value="{{csrf}}">
<input type="hidden" name="fingerprint" value="{{fingerprint}}">
<input type="hidden" name="action" value="edited">
<p><button type="submit" class="secondary">{{t.takeEdits}}</button></p>
</form>
</section>
{{/hasGroups}}
"""#)

    static let strings = WebStrings([
        "title": ("Conflits de synchronisation", "Sync conflicts"),
        "lead": ("Un autre poste a modifié les mêmes informations que vous. Pour chaque badge, comparez les deux versions et choisissez celle à garder, puis « Terminer ». Rien n'est envoyé avant.",
                 "Another computer changed the same information as you. For each badge, compare both versions and choose the one to keep, then \"Finish\". Nothing is sent before."),
        "what": ("Ce qui diffère", "What differs"),
        "theirs": ("Version reçue (autre poste)", "Received version (other computer)"),
        "ours": ("Votre version (cet ordinateur)", "Your version (this computer)"),
        "keepTheirs": ("Garder la version reçue", "Keep the received version"),
        "keepMine": ("Garder ma version", "Keep my version"),
        "finish": ("Terminer", "Finish"),
        "byHand": ("Vous avez corrigé les fichiers vous-même ?", "Did you correct the files yourself?"),
        "byHandHelp": ("Si vous avez modifié les fichiers en conflit à la main (dans un éditeur), prenez-les tels qu'ils sont : les changements reçus qui ne sont pas en conflit sont gardés (comme « dossier resolve --done »).",
                       "If you edited the conflicted files by hand (in an editor), take them as they are: the received changes that do not conflict are kept (as `dossier resolve --done`)."),
        "takeEdits": ("Prendre mes corrections faites à la main", "Take my corrections made by hand"),
        "done": ("Conflits réglés : la fusion est enregistrée. Synchronisez pour l'envoyer à la Région.",
                 "Conflicts settled: the merge is saved. Sync to send it to the Région."),
        "goSync": ("Synchroniser", "Sync"),
        "none": ("Aucun conflit en cours : il n'y a rien à régler.", "No conflict in progress: there is nothing to settle."),
        "backSync": ("Retour à la synchronisation", "Back to sync"),
    ])
}
