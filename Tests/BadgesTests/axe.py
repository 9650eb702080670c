"""axe-core (selenium-axe-python) in Debian's headless Chromium on pages of the published site:
violations of impact serious or critical fail, and so does any <script> in a page as served.
    axe.py BASE PATH...
"""
import sys, json
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium_axe_python import Axe
options = Options()
options.binary_location = "/usr/bin/chromium"
for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900", "--disable-dev-shm-usage"]:
    options.add_argument(a)
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
failures = []
try:
    for path in sys.argv[2:]:
        driver.get(sys.argv[1] + path)
        if driver.find_elements("tag name", "script"):
            failures.append(f"{path}: has a script")
        axe = Axe(driver); axe.inject(); result = axe.run()
        for v in result["violations"]:
            if v.get("impact") in ("serious", "critical"):
                failures.append(f"{path}: {v['impact']} {v['id']} {v['help']} {[n.get('target') for n in v.get('nodes', [])[:3]]}")
        print("checked", path)
finally:
    driver.quit()
for f in failures: print("FAIL", f)
sys.exit(1 if failures else 0)
