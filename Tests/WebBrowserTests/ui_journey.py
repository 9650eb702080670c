"""The CFA's application (`dossier ui`) in a real browser: a newcomer's journey from an empty folder.

    ui_journey.py --url LAUNCH_URL --out DIR --work DIR --dossier BINARY --remote BARE_REPOSITORY
    ui_journey.py --demo --url LAUNCH_URL --out DIR --work DIR --dossier BINARY --remote ""

With --demo, a tour of Caen's dossier after the demo's journey (scripts/demo-journey.sh): awards,
the label held, a renewal requested, the history with the Région's decisions — every page checked
the same way.

The journey: the pages refuse a browser without the launch key; the launch address opens the first
steps; a wrong UAI is explained as it is typed and refused by the server; the dossier is created;
the Région's address is recorded; on the tutorat badge a file is added through the file input,
another by a (simulated) drag and drop, a link, a narrative previewed then written, the badge marked
ready and its check turns green; the dashboard says so; the changes are saved and synced to the
remote; the badge is requested and the request sent. A second laptop (the command line) then
changes the same narrative; this one changes it too, syncs, sees the conflict side by side, keeps its
version and finishes; the history lists the saves; a badge is proposed from « Proposer un badge »
(the template filled in the text area, a mistake reported at its line, fixed, saved, submitted,
sent); a hand edit made while the page is open is noticed; English; "Quitter". Then a
keyboard-only browser adds a link and saves. Every page: axe-core, the Nu validator, a screenshot. Writes DIR/report.json; exits 1 when a check failed.
"""

import argparse
import os
import re
import subprocess
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from browser import Browser, Report, is_replaced_error, replaced, validate_html, wait_until, where  # noqa: E402
from selenium.common.exceptions import NoSuchElementException, TimeoutException, WebDriverException  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402

UAI = "0141234R"
NAME = "CFA du Bâtiment de Caen"
HOSTILE = "<script>document.title='pwned'</script>"


def main():
    parser = argparse.ArgumentParser()
    for name in ("--url", "--out", "--work", "--dossier", "--remote"):
        parser.add_argument(name, required=True)
    parser.add_argument("--demo", action="store_true")
    args = parser.parse_args()
    base = args.url.split("/open")[0]
    report = Report(args.out)
    if args.demo:
        return demo_tour(base, args, report)
    b = Browser(base, args.out, report, name="laptop")
    try:
        newcomer(b, args, report)
    except Exception as error:  # a step that could not even run is a failure, reported with the rest
        report.check(False, f"the journey stopped: {type(error).__name__}: {error} (at {where(error)})")
        try:
            b.driver.save_screenshot(os.path.join(args.out, "screenshots", "stopped-here.png"))
        except WebDriverException:
            pass
    k = Browser(base, args.out, report, name="keyboard")
    try:
        keyboard_journey(k, args, report)
    except Exception as error:
        report.check(False, f"the keyboard journey stopped: {type(error).__name__}: {error} (at {where(error)})")
        try:
            k.driver.save_screenshot(os.path.join(args.out, "screenshots", "keyboard-stopped-here.png"))
        except WebDriverException:
            pass
    try:
        quit_application(b, report)
    finally:
        b.quit()
        k.quit()
    validate_html(args.out, report)
    report.write()
    print(f"{report.checks} checks, {len(report.failures)} failed; pages: {', '.join(report.pages)}")
    sys.exit(1 if report.failures else 0)


def demo_tour(base, args, report):
    check = report.check
    b = Browser(base, args.out, report, name="demo")
    try:
        b.driver.get(args.url)
        check(wait_until(lambda: b.path == "/" and "Tableau de bord" in b.text()), f"the launch address led to {b.path}")
        text = b.text()
        check("Label « CFA numérique normand » détenu" in text, "Caen's dashboard does not say the label is held")
        check(text.count("décerné jusqu'au") >= 8, f"Caen's dashboard shows {text.count('décerné jusqu')} awarded badges, 8 or more expected")
        attractivite = [c.text for c in b.find_all("ul.cards li.card") if "Attractivité" in c.text]
        check(bool(attractivite) and "demandé le" in attractivite[0],
              f"the renewal request of attractivité is not shown as requested: {attractivite!r}")
        b.page("demo-dashboard")
        b.get("/badge/attractivite")
        check("Bilan des vidéos métiers 2026" in b.text(), "attractivité's page does not list the renewal's new evidence")
        b.page("demo-badge")
        b.get("/history")
        check("décern" in b.text().lower(), "the history shows no decision of the Région")
        b.page("demo-history")
        b.get("/request")
        b.page("demo-request")
        b.get("/sync")
        b.page("demo-sync")
    except Exception as error:
        check(False, f"the demo tour stopped: {type(error).__name__}: {error}")
    finally:
        try:
            b.get("/")
            b.find("form[action='/quit'] button").click()
            check(wait_until(lambda: "Application arrêtée" in b.text()), "« Quitter » did not say the application stopped")
        finally:
            b.quit()
    validate_html(args.out, report)
    report.write()
    print(f"{report.checks} checks, {len(report.failures)} failed; pages: {', '.join(report.pages)}")
    sys.exit(1 if report.failures else 0)


def run_cli(args, *arguments, cwd=None):
    """The command line on the same computer (the second laptop, or a check)."""
    return subprocess.run([args.dossier, *arguments], cwd=cwd or args.work, capture_output=True, text=True, timeout=120)


def git(*arguments):
    return subprocess.run(["git", *arguments], capture_output=True, text=True, timeout=60)


def click_and_wait(b, target, timeout=30):
    """Clicks `target` (an element, or a CSS selector found on the page as it is when clicked) and
    waits for the page it leads to (the old page's root goes stale). A selector's element that the
    browser replaced between finding and clicking (a page still settling after the previous answer:
    « stale element », « node does not belong to the document ») is found again."""
    for attempt in range(5):
        try:
            old = b.find("html")
            (b.find(target) if isinstance(target, str) else target).click()
            break
        except WebDriverException as error:
            if not isinstance(target, str) or not is_replaced_error(error) or attempt == 4:
                raise
            settled(b)
    try:
        WebDriverWait(b.driver, timeout).until(replaced(old))
    except TimeoutException:
        pass  # a script answered in place (the upload's progress): the caller waits for what it shows
    settled(b)


def settled(b):
    """Waits until the page now shown has finished loading (an observable state, not a delay)."""
    def complete():
        try:
            return b.driver.execute_script("return document.readyState") == "complete"
        except WebDriverException:
            return False
    wait_until(complete, timeout=30)


def submit_form(b, form_css):
    """Clicks the submit button of a form (the way a person would) and waits for the answer."""
    click_and_wait(b, form_css + " button[type='submit']")


def newcomer(b, args, report):
    check = report.check
    folder = os.path.join(args.work, "cfa")

    # -- no launch key: nothing ------------------------------------------------------------------
    status, _, body = b.fetch("/")
    check(status == 403 and "clé secrète".encode() in body, f"a browser without the launch key got {status}, not 403 with the reason")
    status, _, _ = b.fetch("/", headers={"Host": "rebound.attacker.example"})
    check(status == 421, f"a request naming another host answered {status}, not 421")

    # -- the launch address opens the first steps -----------------------------------------------
    b.driver.get(args.url)
    check(wait_until(lambda: b.path == "/start"), f"the launch address led to {b.path}, not /start")
    check("token=" not in b.driver.current_url, "the launch key stays in the address bar")
    b.page("start")
    b.fill("#uai", "0141234A")
    live = wait_until(lambda: b.find("[data-check='uai']").text)
    check("« R »" in live, f"the UAI typed with a wrong letter is not explained as typed: {live!r}")
    b.fill("#name", NAME)
    submit_form(b, "form[action='/start/create']")
    wait_until(lambda: "aria-invalid" in (b.driver.page_source or ""))
    check("pour 0141234, c'est « R »" in b.text(), "the server did not say which check letter the UAI needs")
    check(not os.path.exists(os.path.join(folder, ".git")), "a dossier was created with a wrong UAI")
    b.page("start-wrong-uai")
    b.fill("#uai", UAI)
    b.fill("#name", NAME)
    submit_form(b, "form[action='/start/create']")
    check(wait_until(lambda: b.path == "/" and "Tableau de bord" in b.text()), f"creating the dossier led to {b.path}")
    check("0 badge(s) prêt(s) sur 10" in b.text(), "the new dossier's dashboard does not say 0 badges ready of 10")
    check(len(b.find_all("ul.cards li.card")) == 12, "the dashboard does not show the 12 badges")
    b.page("dashboard-new")

    # -- the Région's address ----------------------------------------------------------------------
    click_and_wait(b, "a[href='/remote']")
    wait_until(lambda: b.path == "/remote")
    b.fill("#url", args.remote)
    submit_form(b, "form[action='/remote']")
    check(wait_until(lambda: "Adresse enregistrée" in b.text()), "recording the Région's address said nothing")
    b.page("remote")

    # -- the tutorat badge: a file, a dropped file, a link, a narrative, ready --------------------
    b.get("/badge/tutorat")
    check("Tutorat" in b.text() or "tutorat" in b.text(), "the tutorat page does not name its badge")
    b.page("badge-empty")
    charter = os.path.join(args.work, "charte-tutorat.pdf")
    with open(charter, "wb") as f:
        f.write(b"%PDF-1.4\n% charte du tutorat\n" + os.urandom(2048) + b"\n%%EOF\n")
    Select(b.find("#upload-criterion")).select_by_value("personnels-identifies")
    b.fill("#upload-title", "Charte du tutorat")
    b.find("#files").send_keys(charter)
    submit_form(b, "#upload-form")
    check(wait_until(lambda: "Charte du tutorat" in b.text(), timeout=90), "the file added through the file input is not listed")
    settled(b)

    # A drop: the drop zone receives files the way a browser gives them to a page (DataTransfer).
    Select(b.find("#upload-criterion")).select_by_value("outils-distance")
    b.fill("#upload-title", "Outils de suivi à distance")
    dropped = b.driver.execute_script("""
        const zone = document.getElementById('drop-zone');
        const transfer = new DataTransfer();
        transfer.items.add(new File(['Visio hebdomadaire tuteur / apprenti'], 'outils-distance.txt', {type: 'text/plain'}));
        for (const name of ['dragenter', 'dragover', 'drop']) {
            zone.dispatchEvent(new DragEvent(name, {dataTransfer: transfer, bubbles: true, cancelable: true}));
        }
        return document.getElementById('files').files.length;
    """)
    check(dropped == 1, f"the dropped file did not reach the file input ({dropped} file(s))")
    submit_form(b, "#upload-form")
    check(wait_until(lambda: "Outils de suivi à distance" in b.text(), timeout=90), "the dropped file is not listed")
    settled(b)

    b.fill("#link-url", "https://lms.example.fr/cours/tutorat/historique")
    b.fill("#link-title", "Historique des échanges " + HOSTILE)
    Select(b.find("#link-criterion")).select_by_value("historique-echanges")
    click_and_wait(b, "form[action$='/link'] button[type='submit']")
    check(wait_until(lambda: "Historique des échanges " + HOSTILE in b.text()), "the link's title is not shown as text")
    check(b.driver.title != "pwned", "a title with <script> ran as script")

    narrative = "Le tutorat s'appuie sur une **charte** signée.\n\n- visio chaque semaine\n- " + HOSTILE
    b.fill("#narrative", narrative)
    click_and_wait(b, "button[name='action'][value='preview']")
    check(wait_until(lambda: b.find_all(".preview strong")), "the Markdown preview shows no bold text")
    check(b.driver.title != "pwned" and HOSTILE in b.text(), "the preview did not show the hostile text as text")
    b.page("badge-preview")
    click_and_wait(b, "button[name='action'][value='save']")
    ready = "form[action$='/status'] button, form[action$='/ready'] button"
    check(bool(b.find_all(ready)), "no button marks the badge ready")
    if b.find_all(ready):
        click_and_wait(b, ready)
    check(wait_until(lambda: "prêt" in b.text().lower()), "the badge page does not say the badge is ready")
    b.page("badge-ready")
    b.driver.execute_script("document.getElementById('criteria').scrollIntoView()")
    b.driver.save_screenshot(os.path.join(args.out, "screenshots", "readme-badge.png"))
    b.get("/")
    card = [c.text for c in b.find_all("ul.cards li.card") if "Tutorat" in c.text or "tutorat" in c.text.lower()]
    check(bool(card) and "prêt à demander" in card[0], f"the tutorat card says {card!r}, not 'prêt à demander'")
    check("1 badge(s) prêt(s) sur 10, dont 1 obligatoire(s) sur 5" in b.text(), "the label progress did not count tutorat")
    b.page("dashboard-ready")

    # -- save, sync, request --------------------------------------------------------------------
    b.get("/save")
    check("Charte du tutorat" in b.text(), "the save page does not list the evidence added")
    b.page("save")
    b.fill("#message", "Tutorat : charte, outils, historique")
    submit_form(b, "form[action='/save']")
    check(wait_until(lambda: "Enregistré" in b.text()), "saving said nothing")
    log = run_cli(args, "log", cwd=folder)
    check("Tutorat : charte, outils, historique" in log.stdout, "the save is not in `dossier log`")

    sync_now(b, report, "sync-sent")
    remote_main = git("--git-dir", args.remote, "log", "--format=%s", "main")
    check("Tutorat : charte, outils, historique" in remote_main.stdout, "the save did not reach the remote")

    b.get("/request")
    b.page("request")
    boxes = b.find_all("#badge-tutorat")
    check(bool(boxes), "the request page offers no checkbox for tutorat")
    if boxes:
        b.tick("#badge-tutorat")
        message = "form[action='/request'] textarea, form[action='/request'] input[name='message']"
        if b.find_all(message):
            b.on(message, lambda field: field.send_keys("Demande du badge tutorat"))
        submit_form(b, "form[action='/request']")
        wait_until(lambda: "tutorat" in b.text().lower() and ("demand" in b.text().lower()))
        b.page("request-made")
    sync_now(b, report, "sync-request-sent")
    tags = git("--git-dir", args.remote, "tag", "-l", "submissions/tutorat/*")
    check(tags.stdout.strip().startswith("submissions/tutorat/"), f"the request did not reach the remote: {tags.stdout!r}")

    # -- a second laptop changes the same narrative: a conflict, settled on the page -------------
    second = os.path.join(args.work, "laptop2")
    result = run_cli(args, "clone", args.remote, second)
    check(result.returncode == 0, f"dossier clone: {result.stderr}")
    run_cli(args, "set", "tutorat", "narrative", "Version du second poste : le tutorat est suivi par la direction.", cwd=second)
    run_cli(args, "save", "-m", "Récit du tutorat (second poste)", cwd=second)
    result = run_cli(args, "sync", cwd=second)
    check(result.returncode == 0, f"the second laptop's sync: {result.stdout} {result.stderr}")

    b.get("/badge/tutorat")
    b.fill("#narrative", "Version de ce poste : le tutorat est suivi par le référent.")
    click_and_wait(b, "button[name='action'][value='save']")
    b.get("/save")
    b.fill("#message", "Récit du tutorat (ce poste)")
    submit_form(b, "form[action='/save']")
    wait_until(lambda: "Enregistré" in b.text())
    sync_now(b, report, "sync-conflict")
    check("conflit" in b.text().lower(), "the sync did not report the conflict")
    b.get("/conflicts")
    check("Version du second poste" in b.text() and "Version de ce poste" in b.text(),
          "the conflicts page does not show both versions side by side")
    b.page("conflicts")
    mine = b.find_all("input[type='radio'][value='ours']")
    check(bool(mine), "no choice 'keep mine' on the conflicts page")
    for index in range(len(mine)):
        b.tick("input[type='radio'][value='ours']", index)  # a choice, not a navigation
    submit_form(b, "form[action='/conflicts']")
    wait_until(lambda: b.path != "/conflicts" or "aucun conflit" in b.text().lower())
    status = run_cli(args, "status", cwd=folder)
    check("Conflits" not in status.stdout, f"conflicts still open after Terminer: {status.stdout}")
    narrative_now = open(os.path.join(folder, "badges", "tutorat", "claim.yaml"), encoding="utf-8").read()
    check("Version de ce poste" in narrative_now, "the version kept is not this laptop's")
    sync_now(b, report, "sync-after-conflict")

    # -- history ----------------------------------------------------------------------------------
    b.get("/history")
    for message in ("Tutorat : charte, outils, historique", "Récit du tutorat (second poste)"):
        check(message in b.text(), f"the history does not list « {message} »")
    b.page("history")
    entries = b.find_all("a[href^='/history/']")
    check(bool(entries), "the history links to no save")
    if entries:
        click_and_wait(b, entries[-1])
        wait_until(lambda: b.path.startswith("/history/"))
        b.page("history-save")

    propose_badge(b, args, report, folder)

    # -- an edit by hand while the page is open ---------------------------------------------------
    b.get("/")
    claim = os.path.join(folder, "badges", "referent-numerique", "claim.yaml")
    with open(claim, "a", encoding="utf-8") as f:
        f.write("# modifié à la main\n")
    b.driver.execute_script("window.dispatchEvent(new Event('focus'))")
    check(wait_until(lambda: b.find("#outside-change").is_displayed(), timeout=10),
          "an edit by hand while the page was open was not noticed")
    b.page("outside-edit")

    # -- English ---------------------------------------------------------------------------------
    click_and_wait(b, "a[hreflang='en']")
    check(wait_until(lambda: "Dashboard" in b.text()), "the English switch did not give English")
    b.page("dashboard-en")
    click_and_wait(b, "a[hreflang='fr']")
    wait_until(lambda: "Tableau de bord" in b.text())


PROPOSAL = "inclusion-numerique"


def propose_badge(b, args, report, folder):
    """« Proposer un badge » from the navigation: a new proposal, written with the form (no YAML): a
    criterion row added from the keyboard without JavaScript, saved with Enter in a field with a
    mistake (shown at its field, what was typed kept), the « why » previewed, fixed, saved, submitted,
    sent."""
    check = report.check
    b.get("/")
    click_and_wait(b, "header a[href='/proposals']")
    check(wait_until(lambda: b.path == "/proposals"), f"the navigation's « Proposer un badge » led to {b.path}")
    check("Aucune proposition pour l'instant." in b.text(), "a new dossier's proposals page does not say there is none")
    b.page("proposals-empty")
    b.fill("#slug", PROPOSAL)
    b.fill("#title", "Inclusion numérique " + HOSTILE)
    submit_form(b, "form[action='/proposals']")
    check(wait_until(lambda: b.path.startswith("/proposal/" + PROPOSAL) and "Proposition créée" in b.text()),
          f"creating the proposal led to {b.path}")
    check(b.driver.title != "pwned" and HOSTILE in b.text(), "the proposal's title with <script> is not shown as text")
    form = "form[action='/proposal/%s/form']" % PROPOSAL
    check(bool(b.find_all(form)), "the proposal page has no form")
    title = b.driver.execute_script("return document.querySelector('#p-title').value")
    check(HOSTILE in (title or ""), "the form does not hold the title typed at creation")
    check(b.driver.execute_script("return !document.querySelector('details.advanced').open"),
          "the YAML editor is not tucked away under « avancé »")
    b.page("proposal-new")

    b.fill("#p-title", "Inclusion numérique")
    b.fill("#p-summary", "Accompagnement des apprentis éloignés du numérique")
    b.fill("#p-recognises", "Les actions du CFA pour que chaque apprenti ait un équipement et les usages de base")
    Select(b.find("#p-validity")).select_by_value("3")
    b.fill("#c0-text", "Un diagnostic des usages est fait à l'entrée en formation")
    b.fill("#c1-text", "Prêt de matériel aux apprentis qui n'en ont pas")
    # « Ajouter un critère » from the keyboard: the page comes back with one more row, nothing written.
    b.click("#c1-text")
    old = b.find("html")
    check(b.tab_to(lambda e: e.get_attribute("value") == "add"), "« Ajouter un critère » cannot be reached with Tab")
    b.press(Keys.ENTER)
    WebDriverWait(b.driver, 30).until(replaced(old))
    settled(b)
    check(wait_until(lambda: b.find_all("#c2-text")), "« Ajouter un critère » did not add a row")
    check(b.find("#c1-text").get_attribute("value").startswith("Prêt de matériel"), "adding a row lost what was typed")
    b.fill("#c2-text", "Ateliers d'initiation aux usages numériques")
    b.page("proposal-rows")
    # A mistake: some criteria, none ticked and none among the others — the requirement asks for nothing.
    b.tick("#req-some")
    b.fill("#atLeast", "0")
    b.fill("#p-why", "Un apprenti sur cinq arrive **sans ordinateur**.")
    # Enter in a text field saves (the form's default button is « Enregistrer la proposition »).
    b.click("#p-summary")
    old = b.find("html")
    b.press(Keys.ENTER)
    WebDriverWait(b.driver, 30).until(replaced(old))
    settled(b)
    check(wait_until(lambda: b.find_all("#requirement-error")), "the mistake is not shown at « Ce qu'il faut prouver »")
    check("écrit, mais" in b.text(), "the page does not say the file was written with a mistake")
    check(b.find("#c2-text").get_attribute("value").startswith("Ateliers"), "the third criterion typed was lost")
    check(b.find("#req-some").is_selected(), "the requirement chosen was lost")
    b.page("proposal-error")
    b.tick("#c0-required")
    b.fill("#atLeast", "1")
    b.fill("#p-why", "Un apprenti sur cinq arrive **sans ordinateur**.\n\n- diagnostic à l'entrée\n- prêt de matériel")
    click_and_wait(b, form + " button[value='preview']")
    check(wait_until(lambda: b.find_all(".preview .markdown strong")), "the preview of « why » does not render the Markdown")
    b.page("proposal-preview")
    # An example: one of the dossier's evidence files, ticked.
    boxes = b.find_all("#examples input[type=checkbox]")
    check(bool(boxes), "the dossier's evidence files are not offered as examples")
    example = boxes[0].get_attribute("value") if boxes else None
    if boxes:
        b.tick("#examples input[type=checkbox]")
    click_and_wait(b, form + " button[value='save']:not([hidden])")
    check(wait_until(lambda: "Valide :" in b.text() and not b.find_all("p.error")), "the fixed proposal is not said valid")
    check(example is None or b.find("#ex0").is_selected(), "the example ticked is not kept")
    check(b.find_all("a[href='/save']"), "the proposal page does not say to save before submitting")
    written = open(os.path.join(folder, "proposals", PROPOSAL + ".yaml"), encoding="utf-8").read()
    check("atLeast: 1" in written and "un-diagnostic-des-usages" in written and (example is None or example in written),
          f"the file written does not hold the form: {written!r}")
    b.page("proposal-valid")

    b.get("/save")
    b.fill("#message", "Proposition de badge : inclusion numérique")
    submit_form(b, "form[action='/save']")
    check(wait_until(lambda: "Enregistré" in b.text()), "saving the proposal said nothing")
    b.get("/proposal/" + PROPOSAL)
    b.fill("#message", "Un 13e badge pour le label")
    submit_form(b, "form[action='/proposal/%s/submit']" % PROPOSAL)
    check(wait_until(lambda: "Proposition déposée" in b.text()), "submitting the proposal said nothing")
    check(f"proposals/{PROPOSAL}/" in b.text(), "the submitted proposal's tag is not shown")
    b.page("proposal-submitted")
    sync_now(b, report, "sync-proposal")
    tags = git("--git-dir", args.remote, "tag", "-l", f"proposals/{PROPOSAL}/*")
    check(tags.stdout.strip().startswith(f"proposals/{PROPOSAL}/"), f"the proposal did not reach the remote: {tags.stdout!r}")
    b.get("/proposals")
    check("envoyée" in b.text(), "the proposals list does not say the proposal was sent")
    b.page("proposals-sent")


def sync_now(b, report, name):
    """Presses « Synchroniser » and waits for the outcome (the progress page reloads itself)."""
    b.get("/sync")
    submit_form(b, "form[action='/sync']")
    ended = wait_until(lambda: b.path.startswith("/sync") and not b.find_all("meta[http-equiv='refresh']")
                       and ("Terminée" in b.text() or "terminée" in b.text() or "envoy" in b.text() or "conflit" in b.text().lower()),
                       timeout=120)
    report.check(bool(ended), f"{name}: the sync did not end on the page")
    b.page(name)


def keyboard_journey(k, args, report):
    """Keyboard alone: open, go to a badge, add a link, save."""
    check = report.check
    k.driver.get(args.url)
    wait_until(lambda: k.path == "/")
    k.get("/badge/referent-numerique")
    check(k.tab_to(lambda e: e.get_attribute("id") == "link-url"), "Tab never reaches the link's address field")
    k.type_keys("https://intranet.example.fr/referent")
    check(k.tab_to(lambda e: e.get_attribute("id") == "link-title"), "Tab never reaches the link's title field")
    k.type_keys("Lettre de mission du référent")
    check(k.tab_to(lambda e: e.tag_name == "button" and "lien" in e.text.lower()), "Tab never reaches the add-link button")
    k.press(Keys.ENTER)
    check(wait_until(lambda: "Lettre de mission du référent" in k.text()), "the link added by keyboard is not listed")
    k.page("keyboard-badge")
    k.get("/save")
    check(k.tab_to(lambda e: e.get_attribute("id") == "message"), "Tab never reaches the save message")
    k.type_keys("Référent : lettre de mission")
    check(k.tab_to(lambda e: e.tag_name == "button" and e.text.strip() == "Enregistrer"), "Tab never reaches the save button")
    k.press(Keys.ENTER)
    check(wait_until(lambda: "Enregistré" in k.text()), "saving by keyboard said nothing")
    k.page("keyboard-saved")


def quit_application(b, report):
    b.get("/")
    b.find("form[action='/quit'] button").click()
    report.check(wait_until(lambda: "Application arrêtée" in b.text()), "« Quitter » did not say the application stopped")
    b.driver.save_screenshot(os.path.join(b.out, "screenshots", "quit.png"))  # the server is gone: no axe, no fetch


if __name__ == "__main__":
    main()
