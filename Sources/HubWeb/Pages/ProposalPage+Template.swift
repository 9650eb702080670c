import WebLayer

/// The proposal pages' templates and strings.
extension WebApp {
    static let proposalsTemplate = WebTemplate("proposals", #"""
<h1>{{t.proposals}}</h1>
<p>{{t.intro}}</p>
{{#hasProposals}}
<table>
<caption class="visually-hidden">{{t.proposals}}</caption>
<thead><tr><th scope="col">{{t.badge}}</th><th scope="col">{{t.cfa}}</th><th scope="col">{{t.state}}</th><th scope="col">{{t.votes}}</th><th scope="col">{{t.submitted}}</th></tr></thead>
<tbody>
{{#proposals}}<tr><th scope="row"><a href="{{href}}">{{title}}</a> <code>{{slug}}</code></th><td>{{cfa}} ({{uai}})</td><td class="state"><span aria-hidden="true">{{symbol}}</span> {{state}}</td><td>{{votes}}</td><td>{{submitted}}</td></tr>{{/proposals}}
</tbody>
</table>
{{/hasProposals}}
{{^hasProposals}}<p>{{t.none}}</p>{{/hasProposals}}
"""#)

    static let proposalTemplate = WebTemplate("proposal", #"""
<h1>{{heading}}</h1>
{{#done}}<p class="done" role="status">✓ {{done}}</p>{{/done}}
<dl class="facts">
<dt>{{t.cfa}}</dt><dd>{{uai}}</dd>
<dt>{{t.badgeID}}</dt><dd><code>{{slug}}</code></dd>
<dt>{{t.state}}</dt><dd class="state"><span aria-hidden="true">{{symbol}}</span> {{state}}</dd>
<dt>{{t.submitted}}</dt><dd>{{submitted}} — <code>{{tag}}</code> (<code>{{commit}}</code>) — {{t.submission}} {{submissionCount}}</dd>
{{#decision}}<dt>{{t.decisionDone}}</dt><dd class="message">{{decision}}</dd>{{/decision}}
{{#accepted}}<dt>{{t.catalogue}}</dt><dd>{{accepted}}</dd>{{/accepted}}
</dl>
{{#message}}<h2>{{t.message}}</h2><p class="message">{{message}}</p>{{/message}}
{{#refusal}}<p class="bad" role="note">{{t.refused}} {{refusal}}</p>{{/refusal}}
{{#badge}}
<h2>{{t.proposed}}</h2>
<dl class="facts">
<dt>{{t.title}}</dt><dd>{{title}}</dd>
{{#summary}}<dt>{{t.summary}}</dt><dd>{{summary}}</dd>{{/summary}}
{{#recognises}}<dt>{{t.recognises}}</dt><dd>{{recognises}}</dd>{{/recognises}}
<dt>{{t.validity}}</dt><dd>{{validity}}</dd>
</dl>
<h3>{{t.criteria}}</h3>
<ul>{{#criteria}}<li><code>{{id}}</code> — {{text}}</li>{{/criteria}}</ul>
<h2>{{t.why}}</h2>
<p class="message">{{why}}</p>
{{#hasExamples}}<h3>{{t.examples}}</h3><ul>{{#examples}}<li><code>{{path}}</code></li>{{/examples}}</ul>{{/hasExamples}}
{{/badge}}
{{^badge}}
<h2>{{t.file}}</h2>
<pre>{{file}}</pre>
{{/badge}}
\#(VoteForm.votes)
{{#canVote}}
<form method="post" action="{{base}}/vote" class="stack">
<input type="hidden" name="csrf" value="{{csrf}}">
<input type="hidden" name="proposal" value="{{proposalID}}">
\#(VoteForm.fields)
</form>
{{/canVote}}
{{#region}}
<h2>{{t.decision}}</h2>
{{#canDecide}}
<form method="post" action="{{base}}/accept" class="stack" id="accept">
<input type="hidden" name="csrf" value="{{csrf}}">
<input type="hidden" name="proposal" value="{{proposalID}}">
{{#acceptError}}<p class="error" role="alert" id="a-error">{{acceptError}}</p>{{/acceptError}}
<p><label for="a-message">{{t.acceptReason}}</label>
<textarea id="a-message" name="message" required aria-describedby="a-message-hint">{{reasonTyped}}</textarea>
<span id="a-message-hint" class="hint">{{t.acceptHint}}</span></p>
<p><label for="a-entry">{{t.entry}}</label>
<span id="a-entry-hint" class="hint">{{t.entryHint}}</span>
{{#entryError}}<span id="a-entry-error" class="error" role="alert">{{entryError}}</span>{{/entryError}}</p>
<div><textarea id="a-entry" name="entry" class="code" rows="20" required spellcheck="false" aria-describedby="a-entry-hint{{#entryError}} a-entry-error{{/entryError}}"{{#entryError}} aria-invalid="true"{{/entryError}}>
{{entry}}</textarea></div>
<p><button type="submit">{{t.acceptButton}}</button></p>
</form>
<form method="post" action="{{base}}/decline" class="stack">
<input type="hidden" name="csrf" value="{{csrf}}">
<input type="hidden" name="proposal" value="{{proposalID}}">
<p><label for="d-message">{{t.declineReason}}</label>
<textarea id="d-message" name="message" required></textarea></p>
<p><button type="submit" class="secondary">{{t.declineButton}}</button></p>
</form>
{{/canDecide}}
{{/region}}
"""#)

    static let proposalStrings = WebStrings([
        "proposals": ("Propositions de badges", "Badge proposals"),
        "intro": ("Les badges que les CFA proposent d'ajouter au catalogue. Les pairs votent comme sur une demande ; la Région accepte (le badge entre dans le brouillon de la prochaine version du catalogue) ou refuse.",
                  "The badges the CFAs propose to add to the catalogue. The peer group votes as on a request; the Région accepts (the badge goes into the draft of the catalogue's next version) or declines."),
        "none": ("Aucune proposition pour l'instant.", "No proposal yet."),
        "badge": ("Badge proposé", "Proposed badge"),
        "badgeID": ("Identifiant proposé", "Proposed id"),
        "cfa": ("CFA (UAI)", "CFA (UAI)"),
        "state": ("État", "State"),
        "votes": ("Avis", "Votes"),
        "submitted": ("Déposée le", "Submitted on"),
        "submission": ("soumission n°", "submission no."),
        "decisionDone": ("Décision", "Decision"),
        "catalogue": ("Catalogue", "Catalogue"),
        "message": ("Message", "Message"),
        "refused": ("Refusée à la réception :", "Refused at ingest:"),
        "proposed": ("Le badge proposé", "The proposed badge"),
        "title": ("Titre", "Title"),
        "summary": ("Résumé", "Summary"),
        "recognises": ("Reconnaît", "Recognises"),
        "validity": ("Validité proposée", "Suggested validity"),
        "criteria": ("Critères", "Criteria"),
        "why": ("Pourquoi (les mots du CFA)", "Why (the CFA's words)"),
        "examples": ("Exemples dans son dossier", "Examples in its dossier"),
        "file": ("Le fichier de la proposition", "The proposal's file"),
        "quorum": ("Quorum :", "Quorum:"),
        "noVotes": ("Aucun avis pour l'instant.", "No vote yet."),
        "member": ("Membre", "Member"),
        "role": ("Rôle", "Role"),
        "verdict": ("Avis", "Verdict"),
        "when": ("Quand", "When"),
        "status": ("Statut", "Status"),
        "yourVote": ("Votre avis", "Your vote"),
        "approve": ("Favorable", "Approve"),
        "changes": ("Modifications demandées", "Changes requested"),
        "reject": ("Défavorable", "Reject"),
        "reason": ("Motif (obligatoire)", "Reason (required)"),
        "reasonHint": ("Le motif est transmis au CFA avec la décision.", "The reason is sent to the CFA with the decision."),
        "cast": ("Enregistrer mon avis", "Cast my vote"),
        "decision": ("Décision de la Région", "The Région's decision"),
        "acceptReason": ("Motif de l'acceptation (obligatoire)", "Reason for accepting (required)"),
        "acceptHint": ("Possible quand le quorum est atteint sans avis défavorable ni modification demandée. Le motif est transmis au CFA.",
                       "Possible once the quorum is reached with no rejection or change request. The reason is sent to the CFA."),
        "entry": ("Texte du badge accepté", "Text of the accepted badge"),
        "entryHint": ("Le badge tel qu'il entrera dans le brouillon du catalogue (les champs d'une entrée «\u{00A0}badges:\u{00A0}», en YAML). Laissé tel quel, la proposition est acceptée telle que le CFA l'a écrite ; modifié, c'est votre texte qui entre au brouillon, vérifié comme par «\u{00A0}hub proposal accept --from FICHIER\u{00A0}» (une erreur est signalée avec sa ligne, rien n'est écrit).",
                      "The badge as it will go into the catalogue's draft (the fields of a `badges:` entry, in YAML). Left unchanged, the proposal is accepted as the CFA wrote it; edited, your text goes into the draft, checked as `hub proposal accept --from FILE` checks it (a mistake is reported with its line, nothing is written)."),
        "acceptButton": ("Accepter la proposition", "Accept the proposal"),
        "declineReason": ("Motif du refus (obligatoire)", "Reason for declining (required)"),
        "declineButton": ("Refuser la proposition", "Decline the proposal"),
    ])
}
