/// The fields of a vote, the same on a request's page and on a proposal's (each form adds its own
/// action and hidden fields): the verdict as three radio buttons, the reason, the button. The
/// page's strings give `t.verdict`, `t.approve`, `t.changes`, `t.reject`, `t.reason`,
/// `t.reasonHint` and `t.cast`.
enum VoteForm {
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
}
