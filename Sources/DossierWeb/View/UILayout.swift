import DossierCore
import WebLayer

/// The page frame of the CFA's application: skip link, the dossier's name, the navigation, the
/// language switch and the "Quitter" button.
enum UILayout {
    static let template = WebTemplate("ui-layout", #"""
<!DOCTYPE html>
<html lang="{{lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
{{#refresh}}<meta http-equiv="refresh" content="{{refresh}}">{{/refresh}}
<title>{{title}} — {{t.app}}</title>
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/app.css">
{{#state}}<meta name="dossier-state" content="{{state}}">
<script src="/static/ui-watch.js" defer></script>{{/state}}
</head>
<body>
<a class="skip" href="#main">{{t.skip}}</a>
<header class="top">
<p class="brand"><a href="/">{{t.app}}</a>{{#cfa}} <span class="cfa">— {{cfa}}</span>{{/cfa}}</p>
{{#dossier}}
<nav aria-label="{{t.nav}}">
<ul>
<li><a href="/"{{#navDashboard}} aria-current="page"{{/navDashboard}}>{{t.dashboard}}</a></li>
<li><a href="/save"{{#navSave}} aria-current="page"{{/navSave}}>{{t.save}}</a></li>
<li><a href="/sync"{{#navSync}} aria-current="page"{{/navSync}}>{{t.sync}}</a></li>
<li><a href="/request"{{#navRequest}} aria-current="page"{{/navRequest}}>{{t.request}}</a></li>
<li><a href="/history"{{#navHistory}} aria-current="page"{{/navHistory}}>{{t.history}}</a></li>
<li><a href="/proposals"{{#navProposals}} aria-current="page"{{/navProposals}}>{{t.proposals}}</a></li>
</ul>
</nav>
{{/dossier}}
<div class="tools">
<a href="/lang?to={{otherLang}}&amp;back={{back}}" lang="{{otherLang}}" hreflang="{{otherLang}}">{{t.otherLang}}</a>
{{#session}}
<form method="post" action="/quit" class="inline">
<input type="hidden" name="csrf" value="{{csrf}}">
<button type="submit" class="secondary">{{t.quit}}</button>
</form>
{{/session}}
</div>
</header>
<main id="main" tabindex="-1">
{{#state}}<div id="outside-change" class="notice" role="alert" hidden><p>{{t.outside}} <a href="">{{t.reload}}</a></p></div>{{/state}}
{{{content}}}
</main>
<footer><p>{{t.footer}}</p></footer>
</body>
</html>
"""#)

    static let strings = WebStrings.frame + WebStrings([
        "app": ("Mon dossier — CFA numérique normand", "My dossier — CFA numérique normand"),
        "dashboard": ("Tableau de bord", "Dashboard"),
        "save": ("Enregistrer", "Save"),
        "sync": ("Synchroniser", "Sync"),
        "request": ("Demander un badge", "Request a badge"),
        "history": ("Historique", "History"),
        "proposals": ("Proposer un badge", "Propose a badge"),
        "quit": ("Quitter", "Quit"),
        "outside": ("Le dossier a changé en dehors de cette page (à la main, dans un terminal ou un autre onglet). Rien n'a été écrasé.",
                    "The dossier changed outside this page (by hand, in a terminal or another tab). Nothing was overwritten."),
        "reload": ("Recharger la page", "Reload the page"),
        "footer": ("Votre dossier reste sur cet ordinateur ; il part à la Région quand vous synchronisez.",
                   "Your dossier stays on this computer; it goes to the Région when you sync."),
    ])
}

extension UILayout {
    /// When the tab regains focus, asks `/state` whether the dossier changed since the page was made
    /// and, if so, says it (the reader reloads; a form being typed is never lost to a reload).
    static let watchScript = #"""
    "use strict";
    (function () {
      var meta = document.querySelector('meta[name="dossier-state"]');
      var notice = document.getElementById("outside-change");
      if (!meta || !notice) return;
      var shown = meta.getAttribute("content");
      function check() {
        if (document.visibilityState !== "visible") return;
        fetch("/state", { credentials: "same-origin", cache: "no-store" }).then(function (response) {
          return response.ok ? response.text() : null;
        }).then(function (state) {
          if (state && state !== shown) notice.hidden = false;
        }).catch(function () {});
      }
      window.addEventListener("focus", check);
      document.addEventListener("visibilitychange", check);
    })();
    """#
}

/// The navigation entry a page belongs to (marked `aria-current`).
enum UINav: String { case dashboard, save, sync, request, history, proposals, none }
