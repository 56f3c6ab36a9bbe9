"""The HTML report read as HTML (stdlib parser; the browser tests are in test_report_browser.py)."""
import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from kimputin_cli import marks as mk
from kimputin_cli import report
from kimputin_cli.cli import main
from handmade import TEXT, at, expected_marks, record, sample

ROOT = Path(__file__).resolve().parents[1]
SEED = str(ROOT / "seeds" / "000_c73a4b2870458b57.txt")


class Page(HTMLParser):
    """What a test needs from a report: tags seen, the article element's text, its marks, inline code."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text = ""
        self.marks: list[dict] = []
        self.styles: list[str] = []
        self.scripts: list[str] = []
        self.meta: list[dict] = []
        self._in_text = 0  # depth inside <div id="text">
        self._open: list[dict] = []
        self._raw: str | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "meta":
            self.meta.append(a)
        if tag in ("style", "script"):
            self._raw = tag
            (self.styles if tag == "style" else self.scripts).append("")
        if self._in_text:
            self._in_text += 1
            if tag == "mark":
                m = dict(a, text="")
                self.marks.append(m)
                self._open.append(m)
        elif tag == "div" and a.get("id") == "text":
            self._in_text = 1

    def handle_endtag(self, tag):
        if tag in ("style", "script"):
            self._raw = None
        if self._in_text:
            self._in_text -= 1
            if tag == "mark":
                self._open.pop()

    def handle_data(self, data):
        if self._raw == "style":
            self.styles[-1] += data
        elif self._raw == "script":
            self.scripts[-1] += data
        if self._in_text:
            self.text += data
            for m in self._open:
                m["text"] += data


def mark_texts(page: Page) -> dict[tuple[str, str, int, int], str]:
    """(ref, role, start, end) -> the text of all pieces of that mark, in order."""
    out: dict[tuple[str, str, int, int], str] = {}
    for m in page.marks:
        for ref in m["data-ref"].split():
            key = (ref, m["data-role"], int(m["data-start"]), int(m["data-end"]))
            out[key] = out.get(key, "") + m["text"]
    return out


def test_sample_report_marks_everything_and_keeps_the_text():
    rec = sample()
    page = Page(report.render_article(rec))
    assert page.text == TEXT  # no whitespace added, nothing dropped
    found = mark_texts(page)
    for key, text in expected_marks(rec):
        assert found.get(key) == text, key
    assert len(found) == len(list(expected_marks(rec)))


def test_tables_have_a_row_per_item():
    rec = sample()
    page = Page(report.render_article(rec))
    rows = [a["data-ref"] for tag, a in page.tags if tag == "tr" and "data-ref" in a]
    assert rows == ["person:1", "organization:1", "place:1", "date:1", "date:2", "claim:1", "claim:2", "claim:3"]


HOSTILE = ('悪意<script>alert(1)</script>の"引用"と\'単引用\'&amp;</div></mark>[/b]'
           '<img src=x onerror=alert(2)>\x1b[31m。')


def hostile_record():
    t = HOSTILE
    name = "<img src=y onerror=alert(3)>"
    return record(t, path='evil"><script>alert(4)</script>.txt',
                  people=[{"id": "person:1", "name": name, "aliases": ['"><b>x</b>'], "kind": "person",
                           "titles": ["</td>"], "mentions": [at(t, "<script>alert(1)</script>")]}],
                  claims=[{"id": "claim:1", "speaker": dict(at(t, "悪意"), entity="person:1", anonymous=False),
                           "sources": [], "cue": at(t, "[/b]"), "content": at(t, '"引用"'), "direct": False,
                           "hedged": False}],
                  warnings=["<script>alert(5)</script>"])


def test_article_markup_renders_as_text():
    html = report.render_article(hostile_record())
    page = Page(html)
    assert [tag for tag, _ in page.tags].count("script") == 1  # ours only
    assert not any(tag in ("img", "b", "td") and "onerror" in str(a) for tag, a in page.tags)
    assert not any(tag == "img" for tag, _ in page.tags)
    assert page.text == HOSTILE.replace("\x1b", "\\x1b")  # shown as its escape, as on the terminal
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", html)  # safe to print on a terminal too
    assert "alert(1)" not in page.scripts[0] and "alert(4)" not in "".join(page.scripts)
    start = HOSTILE.index("<script>")
    mention = ("person:1", "person", start, start + len("<script>alert(1)</script>"))
    assert mark_texts(page)[mention] == "<script>alert(1)</script>"
    assert mark_texts(page)[("claim:1", "cue", HOSTILE.index("[/b]"), HOSTILE.index("[/b]") + 4)] == "[/b]"
    assert "&lt;script&gt;alert(4)&lt;/script&gt;" in html and "&lt;script&gt;alert(5)&lt;/script&gt;" in html


def csp_of(page: Page) -> str:
    metas = [m for m in page.meta if (m.get("http-equiv") or "").lower() == "content-security-policy"]
    assert len(metas) == 1
    return metas[0]["content"]


def sha(s: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"


def test_csp_allows_only_the_inline_style_and_script():
    page = Page(report.render_article(sample()))
    policy = dict(part.strip().split(" ", 1) for part in csp_of(page).split(";"))
    assert policy["default-src"] == "'none'"
    assert policy["style-src"] == sha(page.styles[0]) and policy["script-src"] == sha(page.scripts[0])
    assert len(page.styles) == 1 and len(page.scripts) == 1
    # the meta comes before the style and script it governs
    names = [tag for tag, _ in page.tags]
    assert names.index("meta") < names.index("style") < names.index("script")


def test_nothing_points_outside_the_page():
    html = report.render_article(sample())
    page = Page(html)
    for tag, attrs in page.tags:
        for name in ("src", "srcset", "action", "poster", "data"):
            assert name not in attrs, (tag, attrs)
        if "href" in attrs:
            assert attrs["href"].startswith("#"), attrs
    code = page.styles[0] + page.scripts[0]
    assert not re.search(r"url\(|@import|fetch\(|XMLHttpRequest|\.src\s*=|https?:", code)


def test_index_lists_counts_and_links():
    good, other = sample(), record("短い記事。", path="b/short.txt")
    failed = {"source": {"path": "bad.txt"}, "error": {"type": "input", "message": "not <b>text</b>"}}
    records = [good, failed, other, dict(sample(), source=dict(sample()["source"], path="x/article.txt"))]
    names = report.report_names(records)
    assert names == ["article.html", None, "short.html", "article-2.html"]
    html = report.render_index(report.IndexEntry(n, r) for n, r in zip(names, records))
    page = Page(html)
    assert [a["href"] for tag, a in page.tags if tag == "a"] == ["article.html", "short.html", "article-2.html"]
    assert "not &lt;b&gt;text&lt;/b&gt;" in html and not any(tag == "b" for tag, _ in page.tags)
    assert [tag for tag, _ in page.tags].count("script") == 0
    assert "script-src 'none'" in csp_of(page)
    row = report.index_row(report.IndexEntry("article.html", good))
    assert (row["people"], row["claims"], row["unattributed"], row["anonymous"]) == (1, 3, 1, 1)


@pytest.mark.parametrize("path, expected", [
    ("-", "stdin.html"), ("a/index.txt", "index-2.html"), ("we ird/<x>.txt", "_x_.html"), ("a/.hidden", "hidden.html"),
])
def test_report_names_are_safe(path, expected):
    assert report.report_names([record("x", path=path)]) == [expected]


# ---------------------------------------------------------------------------------------------------------
# the command (model)


@pytest.fixture(scope="module")
def runner(nlp):
    return CliRunner()


def test_extract_html_to_a_file_marks_every_item_of_the_json(runner, tmp_path):
    res = runner.invoke(main, ["extract", SEED, "--format", "json", "--include-text"])
    rec = json.loads(res.stdout)
    out = tmp_path / "seed.html"
    res = runner.invoke(main, ["extract", SEED, "--format", "html", "-o", str(out)])
    assert res.exit_code == 0, res.stderr
    page = Page(out.read_text(encoding="utf-8"))
    assert page.text == rec["source"]["text"]
    found = mark_texts(page)
    for key, text in expected_marks(rec):
        assert found.get(key) == text, key


def test_extract_html_batch_writes_a_directory_with_an_index(runner, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("山田花子社長は「売り上げは伸びている」と述べた。", encoding="utf-8")
    (src / "b.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00")
    out = tmp_path / "out"
    res = runner.invoke(main, ["extract", str(src), SEED, "--format", "html", "-o", str(out)])
    assert res.exit_code == 1  # b.txt failed; the others are written
    assert "b.txt" in res.stderr
    assert sorted(p.name for p in out.iterdir()) == ["000_c73a4b2870458b57.html", "a.html", "index.html"]
    index = Page((out / "index.html").read_text(encoding="utf-8"))
    assert [a["href"] for tag, a in index.tags if tag == "a"] == ["a.html", "000_c73a4b2870458b57.html"]
    seed = json.loads(runner.invoke(main, ["extract", SEED, "--format", "json"]).stdout)
    html = (out / "index.html").read_text(encoding="utf-8")
    counts = mk.audit(seed)
    cells = re.search(r'href="000_c73a4b2870458b57.html".*?</tr>', html, re.S).group(0)
    numbers = [int(n) for n in re.findall(r'<td class="n">(\d+)</td>', cells)]
    assert numbers == [len(seed["people"]), len(seed["organizations"]), len(seed["places"]), len(seed["claims"]),
                       counts["anonymous"], counts["unattributed"], counts["unresolved"]]


def test_extract_html_several_inputs_need_a_directory(runner, tmp_path):
    res = runner.invoke(main, ["extract", SEED, SEED, "--format", "html"])
    assert res.exit_code == 2 and "-o DIR" in res.stderr and res.stdout == ""


def test_html_input_reports_the_extracted_text(runner, tmp_path):
    page_file = tmp_path / "page.html"
    page_file.write_text(
        "<html><head><title>見出し | サイト</title><meta property='article:published_time' content='2024-03-01'>"
        "</head><body><nav>メニュー</nav><article><h1>首相が会見</h1>"
        "<p>田中太郎首相は1日、記者会見で「経済対策を急ぐ」と述べました。</p>"
        "<p>政府は来月にも対策をまとめる方針です。関係者によりますと、予算は10兆円規模になるということです。</p>"
        "</article></body></html>", encoding="utf-8")
    rec = json.loads(runner.invoke(main, ["extract", str(page_file), "--format", "json", "--include-text"]).stdout)
    res = runner.invoke(main, ["extract", str(page_file), "--format", "html"])
    assert res.exit_code == 0, res.stderr
    page = Page(res.stdout)
    assert page.text == rec["source"]["text"] and "<p>" not in page.text and "メニュー" not in page.text
    assert "Text extracted from the HTML page" in res.stdout
    assert "<h1 id=\"headline\">首相が会見</h1>" in res.stdout


def test_readme_shows_the_committed_screenshot():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "](docs/report.png)" in readme
    png = (ROOT / "docs" / "report.png").read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and 20_000 < len(png) < 400_000


def test_extract_html_into_an_existing_directory(runner, tmp_path):
    res = runner.invoke(main, ["extract", SEED, "--format", "html", "-o", str(tmp_path)])
    assert res.exit_code == 0, res.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["000_c73a4b2870458b57.html", "index.html"]


def test_a_directory_is_output_for_html_only(runner, tmp_path):
    res = runner.invoke(main, ["extract", SEED, "--format", "json", "-o", str(tmp_path)])
    assert res.exit_code == 2 and "is a directory" in res.stderr and list(tmp_path.iterdir()) == []
