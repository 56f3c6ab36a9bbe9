"""The HTML report in a real browser: headless Chromium (Debian's chromium + chromium-driver) via Selenium.

Skipped, with the reason, only where no browser can be had.  ``.ci/run`` installs both packages.
``KP_SCREENSHOT=docs/report.png pytest tests/test_report_browser.py`` also writes the README's screenshot
(a Japanese font such as Debian's fonts-ipafont-gothic makes it readable).
"""
import base64
import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kimputin_cli.cli import main
from handmade import expected_marks

ROOT = Path(__file__).resolve().parents[1]
SEED_NAME = "seeds/000_c73a4b2870458b57.txt"


def _browser():
    try:
        import selenium  # noqa: F401
    except ImportError:
        return None, "selenium is not installed (pip install '.[test]')"
    chromium = os.environ.get("KP_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    driver = os.environ.get("KP_CHROMEDRIVER") or shutil.which("chromedriver")
    if not chromium or not driver:
        return None, "no Chromium or chromedriver on PATH (Debian: apt-get install chromium chromium-driver)"
    return (chromium, driver), None


@pytest.fixture(scope="module")
def browser():
    paths, reason = _browser()
    if paths is None:
        pytest.skip(reason)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager must never download anything
    options = webdriver.ChromeOptions()
    options.binary_location = paths[0]
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--no-first-run",
                "--disable-extensions", "--disable-background-networking", "--window-size=1400,1000"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=paths[1]), options=options)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def seed(nlp, tmp_path_factory):
    runner = CliRunner()
    path = tmp_path_factory.mktemp("report") / "seed.html"
    cwd = os.getcwd()
    os.chdir(ROOT)  # the report names the seed as the README's commands do: seeds/...
    try:
        rec = json.loads(runner.invoke(main, ["extract", SEED_NAME, "--format", "json", "--include-text"]).stdout)
        res = runner.invoke(main, ["extract", SEED_NAME, "--format", "html", "-o", str(path)])
    finally:
        os.chdir(cwd)
    assert res.exit_code == 0, res.stderr
    return rec, path


def open_page(browser, path: Path):
    browser.get_log("performance")  # drop what earlier pages logged
    browser.get_log("browser")
    browser.set_window_size(1400, 1000)
    browser.get(path.as_uri())
    return browser


MARKS_JS = """
return Array.from(document.querySelectorAll('#text mark')).map(m =>
  [m.dataset.ref, m.dataset.role, +m.dataset.start, +m.dataset.end, m.textContent]);
"""


def test_every_mention_and_claim_has_its_mark(browser, seed):
    rec, path = seed
    open_page(browser, path)
    assert browser.execute_script("return document.getElementById('text').textContent") == rec["source"]["text"]
    found = {}
    for refs, role, start, end, text in browser.execute_script(MARKS_JS):
        for ref in refs.split():
            found[(ref, role, start, end)] = found.get((ref, role, start, end), "") + text
    expected = dict(expected_marks(rec))
    assert rec["claims"] and rec["people"] and rec["dates"]
    for key, text in expected.items():
        assert found.get(key) == text, key
    assert set(found) == set(expected)


HL_JS = """
const ref = arguments[0];
const marks = Array.from(document.querySelectorAll('#text mark')).filter(m => m.dataset.ref.split(' ').includes(ref));
const others = Array.from(document.querySelectorAll('#text mark.hl')).filter(m => !m.dataset.ref.split(' ').includes(ref));
return {marks: marks.map(m => [m.dataset.role, m.classList.contains('hl'), getComputedStyle(m).backgroundColor]),
        others: others.length, status: document.getElementById('status').textContent};
"""


def test_clicking_a_claim_row_highlights_its_content(browser, seed):
    rec, path = seed
    open_page(browser, path)
    from selenium.webdriver.common.by import By

    before = {c["id"]: browser.execute_script(HL_JS, c["id"]) for c in rec["claims"]}
    for claim in rec["claims"]:
        row = browser.find_element(By.CSS_SELECTOR, f'#claims tr[data-ref="{claim["id"]}"]')
        row.click()
        state = browser.execute_script(HL_JS, claim["id"])
        roles = {role for role, hl, _ in state["marks"] if hl}
        assert "content" in roles and "cue" in roles, claim["id"]
        if claim["speaker"]:
            assert "speaker" in roles
        assert all(hl for _, hl, _ in state["marks"])
        # the highlight shows: every content piece's background changed
        for (role, _, bg), (_, _, bg0) in zip(state["marks"], before[claim["id"]]["marks"]):
            if role == "content":
                assert bg != bg0, (claim["id"], bg)
        assert state["others"] == 0
        assert "hl" in row.get_attribute("class")
        assert row.find_element(By.CSS_SELECTOR, "button").get_attribute("aria-pressed") == "true"
        assert state["status"].startswith(claim["id"] + ":")
    row.click()  # again: cleared
    assert browser.execute_script("return document.querySelectorAll('.hl').length") == 0


def test_keyboard_and_hover_show_details(browser, seed):
    rec, path = seed
    open_page(browser, path)
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    person = rec["people"][0]
    button = browser.find_element(By.CSS_SELECTOR, f'#people button[data-ref="{person["id"]}"]')
    button.send_keys(Keys.ENTER)  # a focused row button works from the keyboard
    lit = browser.execute_script("return document.querySelectorAll('#text mark.hl[data-role=person]').length")
    assert lit == len(person["mentions"])
    browser.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)
    assert browser.execute_script("return document.querySelectorAll('.hl').length") == 0

    date = rec["dates"][0]
    mark = browser.find_element(By.CSS_SELECTOR, '#text mark[data-ref="date:1"]')
    browser.execute_script("arguments[0].focus()", mark)
    tip = browser.find_element(By.ID, "tip")
    assert tip.is_displayed() and date["text"] in tip.text and (date["value"] or "unresolved") in tip.text
    assert mark.get_attribute("aria-describedby") == "tip"
    mention = browser.find_element(By.CSS_SELECTOR, f'#text mark[data-ref="{person["id"]}"]')
    ActionChains(browser).move_to_element(mention).perform()
    assert tip.is_displayed() and person["id"] in tip.text and person["name"] in tip.text


def test_no_request_leaves_the_page(browser, seed):
    rec, path = seed
    open_page(browser, path)
    from selenium.webdriver.common.by import By

    browser.find_element(By.CSS_SELECTOR, "#claims tr[data-ref]").click()
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0
    requested = []
    for entry in browser.get_log("performance"):
        msg = json.loads(entry["message"])["message"]
        if msg["method"] == "Network.requestWillBeSent":
            requested.append(msg["params"]["request"]["url"])
    assert requested and set(requested) == {path.as_uri()}
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []  # e.g. no Content-Security-Policy refusal of our own style or script


def test_narrow_window_and_print(browser, seed):
    rec, path = seed
    open_page(browser, path)
    browser.set_window_size(420, 900)
    layout = browser.execute_script("""
      const t = document.getElementById('text').getBoundingClientRect();
      const s = document.getElementById('tables').getBoundingClientRect();
      return [t.bottom <= s.top, document.documentElement.scrollWidth <= document.documentElement.clientWidth];
    """)
    assert layout == [True, True]  # one column, no sideways scrolling of the page
    pdf = base64.b64decode(browser.print_page())
    assert pdf.startswith(b"%PDF")


def test_screenshot(browser, seed, tmp_path):
    rec, path = seed
    open_page(browser, path)
    browser.set_window_size(1280, 960)
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    # what the README shows: a claim chosen in the table, details of a speaker shown on hover
    claim = next((c for c in rec["claims"] if c["sources"] and c["speaker"]), rec["claims"][0])
    browser.find_element(By.CSS_SELECTOR, f'#claims tr[data-ref="{claim["id"]}"]').click()
    browser.execute_script("window.scrollTo(0, 0)")
    # a speaker of another claim, high enough on the screen for its details to show below it
    speaker = browser.execute_script("""
      return Array.from(document.querySelectorAll('#text mark[data-role=speaker]:not(.hl)'))
        .find(m => m.getBoundingClientRect().bottom < window.innerHeight - 200) || null;""")
    if speaker is not None:
        ActionChains(browser).move_to_element(speaker).perform()
    shot = tmp_path / "report.png"
    assert browser.save_screenshot(str(shot))
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 10_000
    target = os.environ.get("KP_SCREENSHOT")
    if target:
        Path(target).write_bytes(data)


def test_script_in_an_article_renders_as_text(browser, nlp, tmp_path):
    from selenium.common.exceptions import NoAlertPresentException

    article = tmp_path / "evil.txt"
    article.write_text('田中太郎首相は「<script>alert(1)</script>は"危険"だ」と述べました。<img src=x onerror=alert(2)>\n',
                       encoding="utf-8")
    out = tmp_path / "evil.html"
    res = CliRunner().invoke(main, ["extract", str(article), "--format", "html", "-o", str(out)])
    assert res.exit_code == 0, res.stderr
    open_page(browser, out)
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text
    assert browser.execute_script("return document.scripts.length") == 1
    assert browser.execute_script("return document.images.length") == 0
    text = browser.execute_script("return document.getElementById('text').textContent")
    assert '<script>alert(1)</script>は"危険"だ' in text and "<img src=x onerror=alert(2)>" in text
