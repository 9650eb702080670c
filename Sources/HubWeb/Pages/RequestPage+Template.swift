import WebLayer

/// The request page's template and strings.
extension WebApp {
    static let requestTemplate = WebTemplate("request", #"""
<h1>{{heading}}</h1>
{{#done}}<p class="done" role="status">✓ {{done}}</p>{{/done}}
<dl class="facts">
<dt>{{t.cfa}}</dt><dd>{{uai}}</dd>
<dt>{{t.badge}}</dt><dd>{{badgeNumber}} — {{badgeID}} : {{badgeSummary}}</dd>
<dt>{{t.kind}}</dt><dd>{{kind}}</dd>
<dt>{{t.state}}</dt><dd class="state"><span aria-hidden="true">{{symbol}}</span> {{state}}</dd>
<dt>{{t.submitted}}</dt><dd>{{submitted}} — <code>{{tag}}</code> (<code>{{commit}}</code>)</dd>
{{#award}}<dt>{{t.award}}</dt><dd>{{award}}</dd>{{/award}}
</dl>
{{#message}}<h2>{{t.message}}</h2><p class="message">{{message}}</p>{{/message}}
<h2>{{t.check}}</h2>
{{#ready}}<p class="ok">✓ {{t.ready}}</p>{{/ready}}
{{^ready}}<p class="bad">✗ {{t.notReady}}</p>{{/ready}}
{{#hasProblems}}<ul>{{#problems}}<li>{{text}}</li>{{/problems}}</ul>{{/hasProblems}}
{{#renewal}}<p>{{t.renewalRules}} {{renewalRules}}. <a href="{{diffHref}}">{{t.diff}}</a></p>{{/renewal}}
<h2>{{t.criteria}}</h2>
{{#criteria}}
<section class="criterion" aria-labelledby="c-{{id}}">
<h3 id="c-{{id}}">{{id}}</h3>
<p>{{text}}</p>
{{#none}}<p class="warn">{{t.noEvidence}}</p>{{/none}}
{{^none}}<ul>{{#evidence}}<li><a href="{{href}}">{{title}}</a> <span class="hint">{{detail}} {{size}} {{media}}</span></li>{{/evidence}}</ul>{{/none}}
</section>
{{/criteria}}
{{#hasOthers}}
<section class="criterion" aria-labelledby="c-others"><h3 id="c-others">{{t.others}}</h3>
<ul>{{#others}}<li><a href="{{href}}">{{title}}</a> <span class="hint">{{detail}} {{size}}</span></li>{{/others}}</ul></section>
{{/hasOthers}}
\#(VoteForm.votes)
{{#standing}}<p>{{standing}}</p>{{/standing}}
{{#canVote}}
<form method="post" action="{{base}}/vote" class="stack">
<input type="hidden" name="csrf" value="{{csrf}}">
<input type="hidden" name="submission" value="{{submissionID}}">
\#(VoteForm.fields)
</form>
{{/canVote}}
{{#canWithdraw}}
<form method="post" action="{{base}}/withdraw" class="stack">
<input type="hidden" name="csrf" value="{{csrf}}">
<input type="hidden" name="submission" value="{{submissionID}}">
<p><label for="w-message">{{t.withdrawReason}}</label>
<input id="w-message" name="message" type="text"></p>
<p><button type="submit" class="secondary">{{t.withdraw}}</button></p>
</form>
{{/canWithdraw}}
{{#region}}
<h2>{{t.decision}}</h2>
{{#canAward}}
<form method="post" action="{{base}}/award">
<input type="hidden" name="csrf" value="{{csrf}}">
<input type="hidden" name="submission" value="{{submissionID}}">
<p><button type="submit">{{t.awardButton}}</button> <span class="hint">{{t.awardHint}}</span></p>
</form>
{{/canAward}}
{{#canRevoke}}
<form method="post" action="{{base}}/revoke" class="stack">
<input type="hidden" name="csrf" value="{{csrf}}">
<p><label for="r-message">{{t.revokeReason}}</label>
<textarea id="r-message" name="message" required></textarea></p>
<p><button type="submit" class="secondary">{{t.revokeButton}}</button></p>
</form>
{{/canRevoke}}
{{/region}}
"""#)

    static let requestStrings = WebStrings([
        "cfa": ("CFA (UAI)", "CFA (UAI)"),
        "badge": ("Badge", "Badge"),
        "kind": ("Type", "Kind"),
        "state": ("État", "State"),
        "submitted": ("Déposée le", "Submitted on"),
        "award": ("Attribution", "Award"),
        "message": ("Message", "Message"),
        "check": ("Contrôle du dossier", "Dossier check"),
        "ready": ("Le contrôle du catalogue trouve le badge prêt.", "The catalogue's check finds the badge ready."),
        "notReady": ("Le contrôle du catalogue trouve des problèmes bloquants :", "The catalogue's check finds blocking problems:"),
        "renewalRules": ("Règle de renouvellement :", "Renewal rule:"),
        "diff": ("Voir les changements depuis la dernière attribution", "See what changed since the last award"),
        "criteria": ("Critères et preuves", "Criteria and evidence"),
        "noEvidence": ("Aucune preuve pour ce critère.", "No evidence for this criterion."),
        "others": ("Autres preuves", "Other evidence"),
        "votes": ("Avis", "Votes"),
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
        "withdrawReason": ("Pourquoi retirer votre avis (facultatif)", "Why withdraw your vote (optional)"),
        "withdraw": ("Retirer mon avis", "Withdraw my vote"),
        "decision": ("Décision de la Région", "The Région's decision"),
        "awardButton": ("Décerner le badge", "Award the badge"),
        "awardHint": ("Possible quand le quorum est atteint sans avis défavorable ni modification demandée.",
                      "Possible once the quorum is reached with no rejection or change request."),
        "revokeReason": ("Motif du retrait (obligatoire)", "Reason for revoking (required)"),
        "revokeButton": ("Retirer le badge", "Revoke the badge"),
    ])
}
