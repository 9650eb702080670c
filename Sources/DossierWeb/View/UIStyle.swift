/// The CFA's application's own rules, after the shared style sheet (`AppStyle.css`).
enum UIStyle {
    static let css = """

    /* The CFA's application (dossier ui). State is said in words and symbols; colour only repeats it. */
    .cfa { font-weight: normal; }
    ul.cards { list-style: none; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: 1rem; }
    ul.cards li.card { border: 1px solid var(--line); border-left-width: 6px; padding: .5rem 1rem; border-radius: 3px; }
    ul.cards li.card h3 { margin: .25rem 0; font-size: 1.05em; }
    .card.st-awarded { border-left-color: var(--ok); } .card.st-ready { border-left-color: #2e8b57; }
    .card.st-requested { border-left-color: var(--accent); } .card.st-in-progress { border-left-color: var(--warn); }
    .card.st-renew, .card.st-sent-back { border-left-color: var(--bad); } .card.st-not-started { border-left-color: var(--line); }
    ul.cards .state { white-space: normal; }
    .mandatory { display: inline-block; padding: 0 .4em; border: 1px solid var(--ink); border-radius: 3px; font-size: .85em; }
    .progress-line { display: flex; align-items: center; gap: 1rem; flex-wrap: wrap; }
    progress { width: 20rem; max-width: 100%; height: 1.2rem; }
    .banner { border-left: 4px solid var(--accent); padding: .5rem 1rem; background: var(--soft); }
    .banner ul { margin: .25rem 0; }

    /* Sync, conflicts, request, history (SyncPage, ConflictsPage, RequestPage, HistoryPage). */
    section.conflict { border-top: 1px solid var(--line); margin-top: 1.5rem; }
    .sides-wrap { overflow-x: auto; }
    table.sides { width: 100%; table-layout: fixed; }
    table.sides th[scope="row"] { width: 22%; }
    table.sides td pre.text { white-space: pre-wrap; margin: 0; }
    ul.decisions { list-style: none; padding: 0; }
    ul.decisions > li { border-left: 4px solid var(--line); padding: .25rem 1rem; margin-bottom: .75rem; }
    ul.decisions > li p { margin: .25rem 0; }

    /* Badge page (/badge/:id): criteria and evidence, the drop zone, the edit forms. */
    article.criterion { padding-bottom: .5rem; }
    ul.evidence { list-style: none; padding: 0; }
    ul.evidence > li { border-left: 4px solid var(--line); padding: .25rem 1rem; margin: .5rem 0; }
    ul.evidence > li p { margin: .25rem 0; }
    ul.problems { margin: .25rem 0; }
    ul.problems .tag { display: inline-block; padding: 0 .3em; border: 1px solid currentColor; border-radius: 3px; font-size: .85em; }
    form.row { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem; margin: .5rem 0; }
    form.undo { margin: 1rem 0; }
    .drop-zone { border: 3px dashed var(--line); border-radius: 6px; padding: 1rem; margin: .5rem 0; max-width: 40rem; }
    .drop-zone label { display: block; font-weight: bold; margin-bottom: .5rem; }
    .drop-zone input[type=file] { display: block; box-sizing: border-box; width: 100%; min-height: 7rem; padding: 1rem;
                                  border: 1px solid var(--line); background: var(--soft); font-size: 1.05em; cursor: pointer; }
    .drop-zone.dragging, .drop-zone:focus-within { border-color: var(--accent); background: var(--soft); }
    #upload-progress { width: 30rem; }
    textarea#narrative { width: 100%; max-width: 50rem; font-family: inherit; }
    .preview .markdown { max-width: 50rem; }

    /* proposal form (/proposal/:id): criteria rows, the requirement, examples, the advanced YAML editor. */
    form.proposal-form input:not([type=radio]):not([type=checkbox]), form.proposal-form textarea,
    form.proposal-form select { box-sizing: border-box; max-width: 50rem; }
    form.proposal-form input:not([type=radio]):not([type=checkbox]):not(.short), form.proposal-form textarea { width: 100%; }
    form.proposal-form p { max-width: 50rem; }
    form.proposal-form p.choice { flex-direction: row; align-items: baseline; gap: .5rem; }
    form.proposal-form p.actions { flex-direction: row; flex-wrap: wrap; gap: .5rem; }
    form.proposal-form .markdown p { display: block; }
    form.proposal-form label { display: block; font-weight: bold; }
    form.proposal-form .choice label, form.proposal-form details label { display: inline; }
    form.proposal-form .choice label { font-weight: normal; }
    form.proposal-form fieldset { border: 1px solid var(--line); border-radius: 6px; padding: .5rem 1rem; margin: 1rem 0; max-width: 52rem; }
    form.proposal-form fieldset.nested { border-style: dashed; margin: .5rem 0 .5rem 1.5rem; }
    form.proposal-form legend { font-weight: bold; padding: 0 .25rem; }
    form.proposal-form .error { display: block; }
    form.proposal-form [aria-invalid=true] { border: 2px solid currentColor; }
    ol.criteria { padding-left: 1.5rem; }
    ol.criteria > li { border-left: 4px solid var(--line); padding: .25rem 1rem; margin: .75rem 0; }
    ol.criteria > li p { margin: .25rem 0; }
    details.criterion-id > summary { cursor: pointer; }
    input.short { width: 5rem; }
    details.advanced { margin: 1.5rem 0; }
    details.advanced > summary { cursor: pointer; font-weight: bold; }
    """
}
