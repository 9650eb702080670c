import DossierCore
import Foundation
import Hub

/// The votes, the same on a request's page and on a proposal's: the table of votes cast, then the
/// fields of a new vote (each form adds its own action and hidden fields). The page's model gives
/// `quorum`, `hasVotes`, `votes`, `recused`/`recusal`, `closed`/`closedText`; its strings the `t.`
/// words below.
enum VoteForm {
    /// The votes cast, with the quorum, then what keeps this member from voting, if anything.
    static let votes = #"""
<h2>{{t.votes}}</h2>
<p>{{t.quorum}} {{quorum}}</p>
{{#hasVotes}}
<table>
<caption class="visually-hidden">{{t.votes}}</caption>
<thead><tr><th scope="col">{{t.member}}</th><th scope="col">{{t.role}}</th><th scope="col">{{t.verdict}}</th><th scope="col">{{t.when}}</th><th scope="col">{{t.message}}</th><th scope="col">{{t.status}}</th></tr></thead>
<tbody>
{{#votes}}<tr><td>{{member}}</td><td>{{role}}</td><td class="{{verdictClass}}">{{verdict}}</td><td>{{when}}</td><td class="message">{{message}}</td><td>{{status}}</td></tr>{{/votes}}
</tbody>
</table>
{{/hasVotes}}
{{^hasVotes}}<p>{{t.noVotes}}</p>{{/hasVotes}}
<h2>{{t.yourVote}}</h2>
{{#recused}}<p class="notice" role="note">{{recusal}}</p>{{/recused}}
{{#closed}}<p class="notice">{{closedText}}</p>{{/closed}}
"""#

    /// The verdict as three radio buttons, the reason, the button.
    static let fields = #"""
<fieldset>
<legend>{{t.verdict}}</legend>
<p class="choice"><input type="radio" id="v-approve" name="verdict" value="approve" required> <label for="v-approve">{{t.approve}}</label></p>
<p class="choice"><input type="radio" id="v-changes" name="verdict" value="changes"> <label for="v-changes">{{t.changes}}</label></p>
<p class="choice"><input type="radio" id="v-reject" name="verdict" value="reject"> <label for="v-reject">{{t.reject}}</label></p>
</fieldset>
<p><label for="v-message">{{t.reason}}</label>
<textarea id="v-message" name="message" required aria-describedby="v-message-hint"></textarea>
<span id="v-message-hint" class="hint">{{t.reasonHint}}</span></p>
<p><button type="submit">{{t.cast}}</button></p>
"""#

    /// One row of the votes table.
    static func row(member: String, role: String, verdict: Vote.Verdict, castAt: Date, reason: String, status: String,
                    lang: Lang) -> [String: Any] {
        ["member": member, "role": role, "verdict": verdict.text(lang),
         "verdictClass": verdict == .approve ? "ok" : verdict == .reject ? "bad" : "warn",
         "when": WebApp.moment(castAt, lang), "message": reason, "status": status]
    }
}
