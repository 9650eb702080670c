"""The reviewers' journey in a real browser, on the hub fixture.sh builds.

    journey.py --base URL --out DIR --work DIR --dossier BINARY

Members (fixture.sh gives them passwords): claire.rouen (pilot CFA of Rouen), marc.badgeons and
lea.badgeons (Badgeons la Normandie), sophie.region (the Région). The journey: signed out → sign-in;
each role signs in; the queue and its filters; a request of Rouen seen by Rouen's own member (recusal,
no form, a forged vote refused); Évreux's request: every kind of evidence opened, the hostile ones
proven harmless; two votes and an award; the CFA page and the overview change; Caen's renewal diff
shows exactly the changes made; English; Rouen's badge proposal: the list and the page, Rouen's
member recused, a Badgeons member's vote, a keyboard-only vote (on Caen's renewal, then on the
proposal), and the Région's acceptance with an edited text (a mistake shown at its line first).
Every page: axe-core, validator, screenshot. Writes DIR/report.json; exits 1 when a check failed.
"""

import argparse
import os
import re
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from browser import Browser, Report, validate_html, wait_until, where  # noqa: E402
from selenium.common.exceptions import NoSuchElementException, WebDriverException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402

PASSWORDS = {
    "claire.rouen": "claire-demo-2027",
    "marc.badgeons": "marc-demo-2027",
    "lea.badgeons": "lea-demo-2027",
    "sophie.region": "sophie-demo-2027",
}
CAEN, ROUEN, EVREUX = "0141234R", "0761234D", "0271234V"
HOSTILE_TITLE = "<script>document.title='pwned'</script> Plan « accès »"
PROPOSAL = f"/proposals/{ROUEN}/inclusion-numerique"
EDITED_TITLE = "Inclusion et équipement numériques"


def sign_in(b, member, next_path=None):
    b.driver.delete_all_cookies()
    b.get("/signin" + (("?next=" + urllib.parse.quote(next_path)) if next_path else ""))
    b.fill("#member", member)
    b.fill("#password", PASSWORDS[member])
    b.find("#password").submit()
    return wait_until(lambda: not b.path.startswith("/signin"), timeout=15)


def sign_out(b):
    b.find("form[action='/signout'] button").click()
    wait_until(lambda: b.path.startswith("/signin"), timeout=15)


def csrf_of(b):
    try:
        return b.find("input[name='csrf']").get_attribute("value")
    except NoSuchElementException:
        return ""


def current_submission(work, uai, badge):
    """The id of a CFA's current request for a badge, read from the hub's store (what a forger who
    had seen it somewhere would send)."""
    import sqlite3
    with sqlite3.connect(os.path.join(work, "hub", "review.sqlite")) as db:
        row = db.execute("SELECT id FROM submission WHERE uai = ? AND badge = ? AND state != 'superseded' "
                         "ORDER BY id DESC LIMIT 1", (uai, badge)).fetchone()
    return str(row[0]) if row else "0"


def evidence_links(b):
    """The request page's evidence links: {title: href}."""
    links = {}
    for a in b.find_all("section.criterion a"):
        links[a.text] = a.get_attribute("href")
    return links


def hostile_marks(b, report, where):
    """The hostile files' script never ran in the hub's origin: no localStorage or cookie mark."""
    try:
        stored = b.driver.execute_script("return window.localStorage.getItem('pwned')")
        cookie = b.driver.execute_script("return document.cookie")
        title = b.driver.title
    except WebDriverException as error:
        report.check(False, f"{where}: could not read the page's storage: {error.msg}")
        return
    report.check(stored is None, f"{where}: a hostile evidence wrote localStorage in the hub's origin")
    report.check("pwned" not in (cookie or ""), f"{where}: a hostile evidence set a cookie in the hub's origin")
    report.check(title != "pwned", f"{where}: a hostile title ran as script")


def vote(b, verdict, message):
    b.tick(f"#v-{verdict}")
    b.fill("#v-message", message)
    b.find("form[action$='/vote'] button[type='submit']").click()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--dossier", required=True)
    args = parser.parse_args()
    report = Report(args.out)
    b = Browser(args.base, args.out, report)
    try:
        journey(b, report, args)
        proposal_reviewers(args, report)
        keyboard_journey(args, report)
        proposal_region(args, report)
    except Exception as error:  # a step that could not even run is a failure, reported with the rest
        report.check(False, f"the journey stopped: {type(error).__name__}: {error} (at {where(error)})")
        try:
            b.driver.save_screenshot(os.path.join(args.out, "screenshots", "stopped-here.png"))
        except WebDriverException:
            pass
    finally:
        b.quit()
    validate_html(args.out, report)
    server_log = os.path.join(args.out, "server.log")
    if os.path.exists(server_log):
        with open(server_log, errors="replace") as f:
            log = f.read()
        report.check("pwned-by-evidence" not in log, "a hostile evidence's script made a request to the hub")
        report.check(re.search(r"GET /queue 200", log) is not None, "the server logged no 'GET /queue 200' line")
    report.write()
    print(f"{report.checks} checks, {len(report.failures)} failed; pages: {', '.join(report.pages)}")
    return 1 if report.failures else 0


def journey(b, report, args):
    check = report.check

    # -- signed out: everything leads to the sign-in page, which is a page like the others --------
    b.get("/queue")
    check(b.path.startswith("/signin"), f"signed out, /queue led to {b.path}, not to the sign-in page")
    b.page("signin")
    status, headers, _ = b.fetch("/queue")
    check(status in (302, 303), f"signed out, GET /queue answered {status}")
    status, headers, _ = b.fetch("/signin")
    csp = headers.get("Content-Security-Policy", "")
    check("default-src" in csp and "unsafe-inline" not in csp, f"the sign-in page's CSP is not strict: {csp!r}")
    check(headers.get("X-Content-Type-Options") == "nosniff", "the sign-in page lacks nosniff")
    b.fill("#member", "marc.badgeons")
    b.fill("#password", "not-the-password")
    b.find("#password").submit()
    wait_until(lambda: "signin" in b.path, timeout=10)
    check(b.path.startswith("/signin") and b.find_all("[role='alert'], .error, .notice"),
          "a wrong password did not leave the member on the sign-in page with a message")
    b.page("signin-refused")

    # -- each role signs in; the queue ------------------------------------------------------------
    check(sign_in(b, "claire.rouen", "/queue"), "claire.rouen could not sign in")
    b.get("/queue")
    body = b.text()
    for uai in (CAEN, ROUEN, EVREUX):
        check(uai in body, f"the queue does not list {uai}")
    rows = b.find_all("table tbody tr")
    check(len(rows) == 4, f"the queue lists {len(rows)} requests, 4 expected")
    b.page("queue")
    b.get("/queue?kind=renewal")
    rows = b.find_all("table tbody tr")
    check(len(rows) == 1 and CAEN in rows[0].text if rows else False,
          f"the renewal filter lists {[r.text for r in rows]}, only Caen's attractivité expected")
    b.page("queue-renewals")

    # -- recusal: Rouen's member on Rouen's request ----------------------------------------------
    b.get(f"/cfa/{ROUEN}/attractivite")
    check(not b.find_all("#v-approve"), "claire.rouen sees a vote form on her own CFA's request")
    check(b.find_all("[role='note']"), "no recusal note on Rouen's request for Rouen's member")
    b.page("request-recusal")
    token = csrf_of(b)
    submission = current_submission(args.work, ROUEN, "attractivite")
    status, _, _ = b.fetch(f"/cfa/{ROUEN}/attractivite/vote", method="POST",
                           headers={"Content-Type": "application/x-www-form-urlencoded"},
                           data=urllib.parse.urlencode({"csrf": token, "submission": submission, "verdict": "approve",
                                                        "message": "Forcé"}).encode())
    check(status == 403, f"a forged vote by a recused member answered {status}, not 403")
    status, _, _ = b.fetch(f"/cfa/{EVREUX}/accessibilite/vote", method="POST",
                           headers={"Content-Type": "application/x-www-form-urlencoded"},
                           data=urllib.parse.urlencode({"verdict": "approve", "message": "Sans jeton"}).encode())
    check(status == 403, f"a vote without CSRF token answered {status}, not 403")

    # -- Évreux's request: every kind of evidence -------------------------------------------------
    b.get(f"/cfa/{EVREUX}/accessibilite")
    b.page("request")
    links = evidence_links(b)
    check(HOSTILE_TITLE in b.text(), "the title with <script> is not shown as text on the request page")
    hostile_marks(b, report, "request page")
    expected = ["Guide d'accessibilité 2026", "Signalétique", "Visite virtuelle", "Rapport (HTML)", "Logo (SVG)",
                "Guide (faux PDF)", HOSTILE_TITLE, "Plateforme LMS du CFA", "Part des contenus accessibles à distance",
                "Accès des entreprises à l'avancement (note ENT)"]
    for title in expected:
        check(title in links, f"the request page has no link to the evidence « {title} »")
    request_url = b.driver.current_url

    def open_evidence(title, name):
        if title not in links:
            return False
        b.driver.get(links[title])
        b.page(name)
        hostile_marks(b, report, f"evidence « {title} »")
        return True

    if open_evidence("Accès des entreprises à l'avancement (note ENT)", "evidence-markdown"):
        check(b.find_all(".markdown"), "a Markdown evidence is not rendered in the page")
    if open_evidence("Part des contenus accessibles à distance", "evidence-text"):
        check(b.find_all("pre"), "a CSV evidence is not shown as text")
    if open_evidence("Signalétique", "evidence-image"):
        images = b.find_all("main img")
        check(images and b.driver.execute_script("return arguments[0].naturalWidth", images[0]) > 0,
              "the image evidence is not displayed")
    if open_evidence("Guide d'accessibilité 2026", "evidence-pdf"):
        raw = [a.get_attribute("href") for a in b.find_all("main a") if "/raw" in (a.get_attribute("href") or "")]
        check(raw, "the PDF page links to no raw PDF")
        if raw:
            status, headers, body = b.fetch(raw[0])
            check(status == 200 and headers.get("Content-Type", "").startswith("application/pdf") and body.startswith(b"%PDF"),
                  f"the PDF is served as {status} {headers.get('Content-Type')}")
    if open_evidence("Visite virtuelle", "evidence-video"):
        fetch_buttons = b.find_all("form[action$='/fetch'] button")
        if fetch_buttons:
            fetch_buttons[0].click()
            wait_until(lambda: b.find_all("video"), timeout=120)
            b.page("evidence-video-fetched")
        videos = b.find_all("video")
        check(videos, "the video evidence is not playable in the page (no <video>)")
        if videos:
            status, headers, body = b.fetch(videos[0].get_attribute("src"), headers={"Range": "bytes=0-99"})
            check(status == 206 and len(body) == 100 and headers.get("Content-Range", "").startswith("bytes 0-99/"),
                  f"a range request on the video answered {status} {headers.get('Content-Range')} with {len(body)} bytes")
    if open_evidence("Plateforme LMS du CFA", "evidence-link"):
        check(b.find_all("a[href='https://lms.cfai-evreux.example.fr']"), "the LMS link is not a link")

    for title, name in [("Rapport (HTML)", "hostile-html"), ("Logo (SVG)", "hostile-svg"),
                        ("Guide (faux PDF)", "hostile-fake-pdf"), (HOSTILE_TITLE, "hostile-markdown")]:
        if not open_evidence(title, name):
            continue
        check(title in b.text(), f"the evidence page does not show « {title} » as text")
        for a in [a.get_attribute("href") for a in b.find_all("main a") if "/raw" in (a.get_attribute("href") or "")]:
            status, headers, body = b.fetch(a)
            csp = headers.get("Content-Security-Policy", "")
            check("sandbox" in csp, f"{name}: the raw file is served without a sandbox CSP ({csp!r})")
            check(headers.get("X-Content-Type-Options") == "nosniff", f"{name}: the raw file lacks nosniff")
            check(not headers.get("Content-Type", "").startswith("application/pdf") or body.startswith(b"%PDF"),
                  f"{name}: HTML served as a PDF")
            b.driver.get(a)  # opened on its own, as a curious reviewer would
            wait_until(lambda: b.driver.execute_script("return document.readyState") == "complete", timeout=10)
            b.driver.get(request_url)
            hostile_marks(b, report, f"{name} opened on its own")

    # -- votes and an award -----------------------------------------------------------------------
    b.driver.get(request_url)
    vote(b, "approve", "Pièces complètes, accessibilité vérifiée")
    wait_until(lambda: "Pièces complètes" in b.text(), timeout=15)
    check("Pièces complètes, accessibilité vérifiée" in b.text(), "claire.rouen's vote is not on the request page")
    b.page("request-voted")
    sign_out(b)
    check(sign_in(b, "marc.badgeons", f"/cfa/{EVREUX}/accessibilite"), "marc.badgeons could not sign in")
    b.get(f"/cfa/{EVREUX}/accessibilite")
    vote(b, "approve", "Conforme au référentiel")
    wait_until(lambda: "Conforme au référentiel" in b.text(), timeout=15)
    check(not b.find_all("form[action$='/award']"), "a Badgeons member is offered the award button")
    token = csrf_of(b)
    submission = b.find("form[action$='/withdraw'] input[name='submission']").get_attribute("value")
    status, _, _ = b.fetch(f"/cfa/{EVREUX}/accessibilite/award", method="POST",
                           headers={"Content-Type": "application/x-www-form-urlencoded"},
                           data=urllib.parse.urlencode({"csrf": token, "submission": submission}).encode())
    check(status == 403, f"an award by a Badgeons member answered {status}, not 403")
    sign_out(b)
    check(sign_in(b, "sophie.region", f"/cfa/{EVREUX}/accessibilite"), "sophie.region could not sign in")
    b.get(f"/cfa/{EVREUX}")
    before = b.text()
    b.get(f"/cfa/{EVREUX}/accessibilite")
    b.page("request-region")
    awards = b.find_all("form[action$='/award'] button")
    check(awards, "the Région member has no award button once the quorum is reached")
    if awards:
        awards[0].click()
        wait_until(lambda: b.find_all("form[action$='/revoke']"), timeout=15)
        check(b.find_all("form[action$='/revoke']"), "after the award, no revoke form (the badge is not shown awarded)")
    b.get(f"/cfa/{EVREUX}")
    b.page("cfa")
    check(b.text() != before, "the CFA page did not change after the award")
    check(b.find_all("svg"), "the CFA page has no timeline")
    b.get("/")
    b.page("overview")
    check(all(uai in b.text() for uai in (CAEN, ROUEN, EVREUX)), "the overview does not list the three CFAs")
    check("Propositions de badges : 1 en attente d'avis, 0 en attente de la décision de la Région." in b.text(),
          "the overview does not count Rouen's proposal as awaiting votes")
    check(b.find_all("ul.figures a[href='/proposals']"), "the overview's proposals figure does not link to /proposals")
    b.get("/operations")
    b.page("operations")

    # -- the renewal diff: exactly the changes Caen made ------------------------------------------
    b.get(f"/cfa/{CAEN}/attractivite/diff")
    b.page("diff")
    text = b.text()
    check("Bilan des vidéos métiers 2026" in text, "the diff does not show the evidence added")
    check("Rentrée 2026 au chantier école" in text, "the diff does not show the line added to the planning")
    check("Portrait d'une apprentie électricienne" in text, "the diff does not show the planning's context lines")
    inserted = " ".join(e.text for e in b.find_all("ins"))
    check("Rentrée 2026 au chantier école" in inserted, "the added planning line is not marked as inserted")
    removed = [e.text for e in b.find_all("del") if e.text.strip()]
    check(not removed, f"the diff marks text as removed although Caen removed nothing: {removed[:3]}")
    check("videos-apprentis" in text, "the diff does not name the criterion of the evidence added")
    files = b.find_all("details")
    check(files, "the diff has no list of files")
    # The README's picture: the side-by-side replacement, scrolled into view.
    b.driver.execute_script("const e = document.querySelector('main ins'); "
                            "if (e) { (e.closest('article, section') || e).scrollIntoView(); }")
    b.driver.save_screenshot(os.path.join(args.out, "screenshots", "diff-changes.png"))

    # -- English ----------------------------------------------------------------------------------
    b.driver.delete_all_cookies()
    english = Browser(args.base, args.out, report, name="english", language="en-GB")
    try:
        english.get("/signin")
        check(english.driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en",
              "Accept-Language en did not give the English sign-in page")
        english.page("signin-en")
        english.fill("#member", "marc.badgeons")
        english.fill("#password", PASSWORDS["marc.badgeons"])
        english.find("#password").submit()
        wait_until(lambda: not english.path.startswith("/signin"), timeout=15)
        english.get("/queue")
        english.page("queue-en")
        check("Queue" in english.text() or "queue" in english.text(), "the English queue page is not in English")
    finally:
        english.quit()


def keyboard_journey(args, report):
    """lea.badgeons signs in, finds Caen's renewal in the queue and asks for changes, with the keyboard alone."""
    check = report.check
    k = Browser(args.base, args.out, report, name="keyboard")
    try:
        k.get("/signin")
        check(k.tab_to(lambda e: e.get_attribute("id") == "member", limit=10), "Tab never reaches the member field")
        k.type_keys("lea.badgeons")
        check(k.tab_to(lambda e: e.get_attribute("id") == "password", limit=5), "Tab never reaches the password field")
        k.type_keys(PASSWORDS["lea.badgeons"])
        k.press(Keys.ENTER)
        check(wait_until(lambda: not k.path.startswith("/signin"), timeout=15), "Enter did not sign in")
        k.get("/queue")
        # The first Tab reaches the skip link.
        k.press(Keys.TAB)
        first = k.driver.switch_to.active_element
        check((first.get_attribute("href") or "").endswith("#main"), "the first Tab does not reach a skip link")
        target = f"/cfa/{CAEN}/attractivite"
        check(k.tab_to(lambda e: (e.get_attribute("href") or "").endswith(target), limit=120),
              "Tab never reaches Caen's renewal in the queue")
        k.press(Keys.ENTER)
        wait_until(lambda: k.path.endswith(target), timeout=15)
        check(k.path.endswith(target), f"Enter on the queue's link led to {k.path}")
        check(k.tab_to(lambda e: e.get_attribute("id") in ("v-approve", "v-changes", "v-reject"), limit=150),
              "Tab never reaches the vote's choices")
        # Arrow keys move within a radio group; stop on "changes".
        for _ in range(3):
            if k.driver.switch_to.active_element.get_attribute("id") == "v-changes":
                break
            k.press(Keys.ARROW_DOWN)
        check(k.driver.switch_to.active_element.get_attribute("id") == "v-changes", "arrow keys do not reach « changes »")
        k.press(Keys.SPACE)
        check(k.tab_to(lambda e: e.get_attribute("id") == "v-message", limit=5), "Tab never reaches the message")
        k.type_keys("Merci de préciser le bilan 2026 (clavier seul)")
        check(k.tab_to(lambda e: e.tag_name == "button" and e.get_attribute("type") == "submit", limit=5),
              "Tab never reaches the vote button")
        outline = k.driver.execute_script(
            "const s = getComputedStyle(document.activeElement); return s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.boxShadow")
        check(not outline.startswith("none 0px none"), f"the focused button shows no focus indicator ({outline})")
        k.press(Keys.ENTER)
        check(wait_until(lambda: "clavier seul" in k.text(), timeout=15), "the keyboard vote is not on the page")
        k.page("request-keyboard")
        keyboard_proposal_vote(k, report)
    finally:
        k.quit()


def proposal_reviewers(args, report):
    """Rouen's proposal: the list and the page; Rouen's own member is recused; marc.badgeons votes."""
    check = report.check
    b = Browser(args.base, args.out, report, name="proposals")
    try:
        check(sign_in(b, "claire.rouen", "/proposals"), "claire.rouen could not sign in")
        b.get(PROPOSAL)
        check("Inclusion numérique" in b.text(), "Rouen's proposal page does not name the badge")
        check(not b.find_all("#v-approve") and b.find_all("[role='note']"),
              "claire.rouen is not recused on her own CFA's proposal")
        b.page("proposal-recusal")
        sign_out(b)

        check(sign_in(b, "marc.badgeons", "/proposals"), "marc.badgeons could not sign in")
        b.get("/")
        b.find("ul.figures a[href='/proposals']").click()
        wait_until(lambda: b.path == "/proposals")
        check(b.find_all("a[aria-current='page'][href='/proposals']"), "the navigation does not mark « Propositions »")
        rows = b.find_all("table tbody tr")
        check(len(rows) == 1 and "Inclusion numérique" in rows[0].text and ROUEN in rows[0].text,
              f"the proposals list shows {[r.text for r in rows]}, Rouen's « Inclusion numérique » expected")
        b.page("proposals")
        b.find(f"a[href='{PROPOSAL}']").click()
        wait_until(lambda: b.path == PROPOSAL)
        text = b.text()
        for words in ("Un diagnostic des usages", "Prêt ou aide à l'achat de matériel", "Un apprenti sur cinq", "2 an(s)"):
            check(words in text, f"the proposal page does not show « {words} »")
        check(b.find_all("#v-approve") and not b.find_all("#a-entry"),
              "a Badgeons member should get the vote form and not the Région's accept form")
        b.page("proposal")
        vote(b, "approve", "Utile à tous les CFA")
        check(wait_until(lambda: "Votre avis est enregistré." in b.text(), timeout=15), "marc.badgeons's vote was not confirmed")
        check("Utile à tous les CFA" in b.text(), "marc.badgeons's vote is not in the votes table")
        b.page("proposal-voted")
    finally:
        b.quit()


def keyboard_proposal_vote(k, report):
    """lea.badgeons (signed in) approves Rouen's proposal with the keyboard alone, from the list."""
    check = report.check
    k.get("/proposals")
    check(k.tab_to(lambda e: (e.get_attribute("href") or "").endswith(PROPOSAL), limit=60),
          "Tab never reaches Rouen's proposal in the list")
    k.press(Keys.ENTER)
    check(wait_until(lambda: k.path == PROPOSAL, timeout=15), f"Enter on the list's link led to {k.path}")
    check(k.tab_to(lambda e: e.get_attribute("id") in ("v-approve", "v-changes", "v-reject"), limit=150),
          "Tab never reaches the proposal's vote choices")
    check(k.driver.switch_to.active_element.get_attribute("id") == "v-approve", "the first choice reached is not « Favorable »")
    k.press(Keys.SPACE)
    check(k.tab_to(lambda e: e.get_attribute("id") == "v-message", limit=5), "Tab never reaches the vote's reason")
    k.type_keys("Pertinent pour les CFA ruraux (clavier seul)")
    check(k.tab_to(lambda e: e.tag_name == "button" and e.get_attribute("type") == "submit", limit=5),
          "Tab never reaches the proposal's vote button")
    k.press(Keys.ENTER)
    check(wait_until(lambda: "Votre avis est enregistré." in k.text(), timeout=15), "the keyboard vote on the proposal was not confirmed")
    check("clavier seul" in k.text(), "the keyboard vote is not in the proposal's votes")
    k.page("proposal-keyboard")


def proposal_region(args, report):
    """sophie.region approves, then accepts Rouen's proposal with a sharper title; a mistake in the
    text first (shown at its line, the text kept, the draft untouched)."""
    check = report.check
    b = Browser(args.base, args.out, report, name="region")
    draft = os.path.join(args.work, "hub", "catalogue", "draft.yaml")
    try:
        check(sign_in(b, "sophie.region", PROPOSAL), "sophie.region could not sign in")
        b.get(PROPOSAL)
        vote(b, "approve", "Conforme aux priorités régionales")
        check(wait_until(lambda: "Votre avis est enregistré." in b.text(), timeout=15), "sophie.region's vote was not confirmed")
        check("atteint" in b.text() and "non atteint" not in b.text(), "the quorum is not reached after three approvals")
        entries = b.find_all("#a-entry")
        check(entries, "the Région member has no « Texte du badge accepté » field")
        if not entries:
            return
        proposed = entries[0].get_attribute("value")
        check(proposed.startswith("id: inclusion-numerique\n") and re.search(r"^title: .*Inclusion numérique", proposed, re.M),
              f"the text area does not hold the proposal's catalogue entry: {proposed[:120]!r}")
        label = b.find("label[for='a-entry']").text
        check(label == "Texte du badge accepté", f"the field's label is {label!r}")
        check("Laissé tel quel" in b.find("#a-entry-hint").text, "the hint does not say unchanged text accepts the proposal as written")
        b.driver.execute_script("document.getElementById('accept').scrollIntoView()")
        b.page("proposal-region")
        before = open(draft, "rb").read() if os.path.exists(draft) else None

        # A mistake (the new title under a mistyped key): the line is said next to the field, the
        # text kept, nothing written.
        broken = re.sub(r"^title: .*$", "titre: " + EDITED_TITLE, proposed, count=1, flags=re.M)
        line = next(i for i, text in enumerate(broken.split("\n"), 1) if text.startswith("titre:"))
        b.fill("#a-message", "Accepté, titre précisé")
        b.fill("#a-entry", broken)
        b.find("form[action$='/accept'] button[type='submit']").click()
        check(wait_until(lambda: b.find_all("#a-entry-error"), timeout=15), "a mistake in the badge's text is not shown at the field")
        errors = b.find_all("#a-entry-error")
        if errors:
            check(errors[0].text == f"Ligne {line} : champ inconnu : titre", f"the error does not give line {line}: {errors[0].text!r}")
        check(b.find("#a-entry").get_attribute("aria-invalid") == "true", "the field is not marked invalid")
        check("titre: " + EDITED_TITLE in b.find("#a-entry").get_attribute("value"), "the typed text was not kept")
        check(b.find("#a-message").get_attribute("value") == "Accepté, titre précisé", "the typed reason was not kept")
        check((open(draft, "rb").read() if os.path.exists(draft) else None) == before, "a refused text changed the draft")
        b.driver.execute_script("document.getElementById('accept').scrollIntoView()")
        b.page("proposal-accept-error")

        # The title changed in the text area: the Région's text goes into the draft.
        edited = re.sub(r"^title: .*$", "title: " + EDITED_TITLE, proposed, count=1, flags=re.M)
        b.fill("#a-entry", edited)
        b.find("form[action$='/accept'] button[type='submit']").click()
        check(wait_until(lambda: "acceptée avec votre texte" in b.text(), timeout=15),
              "accepting with an edited text did not say it went into the draft")
        text = b.text()
        check("brouillon" in text and EDITED_TITLE in text, "the accepted proposal's page does not show the draft's title")
        check(not b.find_all("#a-entry"), "the accept form is still offered after the acceptance")
        b.page("proposal-accepted")
        content = open(draft, encoding="utf-8").read() if os.path.exists(draft) else ""
        check(EDITED_TITLE in content and "inclusion-numerique" in content, "the edited badge is not in the hub's catalogue draft")

        b.get(f"/cfa/{ROUEN}")
        text = b.text()
        check("proposition de badge reçue" in text and "proposition acceptée" in text,
              "Rouen's audit log does not say the proposal was received and accepted in words")
        check("proposal-accept" not in text, "Rouen's audit log shows a raw proposal code")
        b.page("cfa-rouen-proposal")
        b.get("/")
        check("Propositions de badges : 0 en attente d'avis, 0 en attente de la décision de la Région." in b.text(),
              "the overview still counts the accepted proposal")
    finally:
        b.quit()


if __name__ == "__main__":
    sys.exit(main())
