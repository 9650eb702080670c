import Foundation
public import Hummingbird

/// `/static/app.css` and `/static/favicon.svg`: the applications' only style sheet, embedded (no
/// CDN, no external font). Both applications share `AppStyle.css`; each adds its own rules.
public enum StaticFiles {
    public static func addRoutes<Context: RequestContext>(to router: Router<Context>, extraCSS: String = "") {
        let css = AppStyle.css + extraCSS
        router.get("/static/app.css") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                     body: .init(byteBuffer: ByteBuffer(string: css)))
        }
        router.get("/static/favicon.svg") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "image/svg+xml", .cacheControl: "public, max-age=86400"],
                     body: .init(byteBuffer: ByteBuffer(string: AppStyle.favicon)))
        }
    }
}

public enum AppStyle {
    /// A star on the Région's blue (no file, no external request).
    public static let favicon = ##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#00558c"/>"##
        + ##"<path d="M8 2.5l1.6 3.4 3.7.4-2.8 2.5.8 3.7L8 10.6l-3.3 1.9.8-3.7-2.8-2.5 3.7-.4z" fill="#fff"/></svg>"##

    public static let css = """
    :root { --ink: #1a1a1a; --muted: #555; --line: #bbb; --accent: #00558c; --bg: #fff; --soft: #f2f5f8;
            --ok: #1d6b35; --warn: #8a5a00; --bad: #a11d1d; font-family: system-ui, sans-serif; color: var(--ink); background: var(--bg); }
    body { margin: 0; line-height: 1.5; }
    a { color: var(--accent); }
    a:focus, button:focus, input:focus, select:focus, textarea:focus, summary:focus, main:focus-visible, [tabindex]:focus {
        outline: 3px solid #ffbf47; outline-offset: 2px; }
    .skip { position: absolute; left: -999px; top: 0; background: var(--ink); color: #fff; padding: .5rem 1rem; z-index: 10; }
    .skip:focus { left: 0; }
    header.top { display: flex; flex-wrap: wrap; align-items: center; gap: 1rem; padding: .5rem 1rem; background: var(--soft);
                 border-bottom: 1px solid var(--line); }
    header.top .brand { margin: 0; font-weight: bold; }
    header.top nav ul { list-style: none; display: flex; gap: 1rem; margin: 0; padding: 0; }
    header.top a[aria-current] { font-weight: bold; text-decoration: underline; }
    .tools { margin-left: auto; display: flex; gap: 1rem; align-items: center; }
    .counter { display: inline-block; min-width: 1.5em; padding: 0 .4em; border-radius: 1em; background: var(--accent); color: #fff;
               text-align: center; font-size: .9em; }
    main { padding: 1rem; max-width: 72rem; }
    footer { padding: 1rem; color: var(--muted); border-top: 1px solid var(--line); font-size: .9em; }
    form.inline { display: inline; }
    form.stack p { display: flex; flex-direction: column; max-width: 30rem; gap: .25rem; }
    fieldset { border: 1px solid var(--line); margin: 1rem 0; }
    input, select, textarea, button { font: inherit; }
    button { padding: .3rem .9rem; border: 1px solid var(--accent); background: var(--accent); color: #fff; border-radius: 3px; cursor: pointer; }
    button.secondary { background: #fff; color: var(--accent); }
    textarea { width: 100%; max-width: 40rem; min-height: 5rem; }
    table { border-collapse: collapse; width: 100%; }
    th, td { border-bottom: 1px solid var(--line); padding: .35rem .5rem; text-align: left; vertical-align: top; }
    th { background: var(--soft); }
    .error { color: var(--bad); font-weight: bold; }
    .notice { border-left: 4px solid var(--warn); padding: .5rem 1rem; background: #fff8e6; }
    .hint { color: var(--muted); font-size: .95em; }
    .state { white-space: nowrap; }
    .ok { color: var(--ok); } .bad { color: var(--bad); } .warn { color: var(--warn); }
    .filters { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-end; }
    .filters p { display: flex; flex-direction: column; margin: 0; }
    pre.text { white-space: pre-wrap; overflow-wrap: anywhere; background: var(--soft); padding: 1rem; border: 1px solid var(--line); }
    .markdown { border: 1px solid var(--line); padding: 0 1rem; }
    img.evidence { max-width: 100%; height: auto; border: 1px solid var(--line); }
    iframe.evidence { width: 100%; height: 80vh; border: 1px solid var(--line); }
    video.evidence { max-width: 100%; }
    .criterion { border-top: 1px solid var(--line); margin-top: 1rem; }
    ul.plain { list-style: none; padding-left: 0; }
    .done { border-left: 4px solid var(--ok); padding: .5rem 1rem; background: #eef7f0; }
    .message { white-space: pre-wrap; overflow-wrap: anywhere; }
    dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
    dl.facts dt { font-weight: bold; } dl.facts dd { margin: 0; }
    nav.pages p { display: flex; gap: 1.5rem; }
    .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    /* Renewal diff, CFA, overview, operations (the "pages" helper). Changes are struck through or
       underlined and marked − / +: colour only repeats what the text says. */
    del { background: #fde2e2; color: #6b0f0f; text-decoration: line-through; text-decoration-thickness: 2px; }
    ins { background: #dcf3e1; color: #0d4a1f; text-decoration: underline; text-decoration-thickness: 2px; }
    .lead { font-size: 1.1em; }
    ul.summary { list-style: none; padding-left: 0; }
    .sym, .mark { display: inline-block; min-width: 1.2em; font-weight: bold; text-align: center; }
    article.change { border: 1px solid var(--line); border-left-width: 6px; padding: .25rem 1rem .75rem; margin: 1rem 0; }
    article.change-added { border-left-color: var(--ok); } article.change-removed { border-left-color: var(--bad); }
    article.change-changed { border-left-color: var(--warn); }
    .tag { display: inline-block; padding: 0 .5em; margin-right: .3em; border: 1px solid currentColor; border-radius: 3px; font-size: .9em; }
    .tag-added { color: var(--ok); } .tag-removed { color: var(--bad); } .tag-changed { color: var(--warn); }
    .sbs-wrap { overflow-x: auto; }
    table.sbs { table-layout: fixed; font-family: ui-monospace, monospace; font-size: .9em; }
    table.sbs td { white-space: pre-wrap; overflow-wrap: anywhere; width: 50%; border-left: 1px solid var(--line); }
    table.sbs td.line-del { background: #fff4f4; } table.sbs td.line-ins { background: #f3fbf5; }
    table.sbs td.line-none { background: var(--soft); }
    table.sbs tr.gap td { text-align: center; color: var(--muted); font-family: system-ui, sans-serif; }
    .before-after { display: flex; flex-wrap: wrap; gap: 1rem; }
    .before-after figure { flex: 1 1 20rem; margin: 0; }
    ul.versions { padding-left: 1.2rem; }
    .preview pre.text { max-height: 20rem; overflow: auto; }
    .narrative-diff { white-space: pre-wrap; overflow-wrap: anywhere; border: 1px solid var(--line); padding: 1rem; background: #fff; }
    details summary { cursor: pointer; }
    ul.figures { font-size: 1.1em; }
    .matrix-wrap { overflow-x: auto; }
    table.matrix th.num, table.matrix td.cell { text-align: center; min-width: 2em; }
    table.matrix td.cell { font-size: 1.15em; }
    td.st-awarded { background: #dcf3e1; } td.st-submitted, td.st-in-review, td.st-approved { background: #e4eef8; }
    td.st-changes-requested { background: #fff1d6; } td.st-rejected, td.st-revoked { background: #fde2e2; }
    td.st-expired { background: #eee; } td.cell.due { outline: 3px dashed var(--warn); outline-offset: -4px; }
    ul.legend { list-style: none; display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; padding-left: 0; }
    .timeline-wrap { overflow-x: auto; }
    svg.timeline { width: 100%; min-width: 48rem; height: auto; font-family: system-ui, sans-serif; font-size: 12px; }
    svg.timeline .badge-name, svg.timeline .year { fill: var(--ink); }
    svg.timeline .tick { stroke: #ddd; } svg.timeline .lane { stroke: #eee; }
    svg.timeline .bar { stroke: var(--ink); stroke-width: 1; }
    svg.timeline .bar-valid, svg.timeline .bar-future { fill: #2e8b57; }
    svg.timeline .bar-due { fill: #e0a100; stroke-width: 2; stroke-dasharray: 4 2; }
    svg.timeline .bar-past { fill: #bbb; } svg.timeline .bar-revoked { fill: #a11d1d; }
    svg.timeline .due-mark { fill: var(--warn); font-weight: bold; }
    svg.timeline .today { stroke: var(--accent); stroke-width: 2; } svg.timeline .today-label { fill: var(--accent); font-weight: bold; }
    /* YAML edited in a text area (a badge's text, a proposal's file): monospace and one line per
       line, so that the line an error names is the line one sees. */
    textarea.code { font-family: ui-monospace, monospace; font-size: .9em; white-space: pre; overflow-wrap: normal; overflow-x: auto;
                    max-width: 60rem; }
    """
}
