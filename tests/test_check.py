"""kp check: the comparison logic on hand-made result/expected pairs (no model), the gates, baselines,
snapshots, the CLI on a small hand-made case, and the CI gate over fixtures/ (one shared model load)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kimputin_cli import check as ck
from kimputin_cli.cli import main

ROOT = Path(__file__).resolve().parent.parent

TEXT = (
    "林芳正官房長官は「断じて容認できない」と述べました。"
    "防衛省によりますと、北朝鮮はきょう、弾道ミサイルを発射しました。"
    "林長官は、被害の報告はないと説明しました。"
    "発射は演習に対抗する意図があるとみられています。"
    "先月末、先月の会合で決めた。"
)


def span(text: str, start: int | None = None, end: int | None = None, sub: str | None = None) -> dict:
    if sub is not None:
        start = TEXT.index(sub)
        end = start + len(sub)
    return {"text": TEXT[start:end], "start": start, "end": end}


def person(pid: int, name: str, *aliases: str) -> dict:
    s = TEXT.find(name)
    return {"id": f"person:{pid}", "name": name, "aliases": list(aliases), "kind": "person", "titles": [],
            "mentions": [{"text": name, "start": s, "end": s + len(name)}]}


def org(oid: int, name: str, *aliases: str) -> dict:
    d = person(oid, name, *aliases)
    d.update(id=f"organization:{oid}", kind="government")
    return d


def claim(speaker: str | None, content: str, *, entity: str | None = None, direct=False, shift=(0, 0),
          hedged=False) -> dict:
    c = span(TEXT, sub=content)
    c["start"] += shift[0]
    c["end"] += shift[1]
    c["text"] = TEXT[c["start"]:c["end"]]
    sp = None
    if speaker is not None:
        sp = dict(span(TEXT, sub=speaker), entity=entity, anonymous=False)
    return {"id": "claim:1", "speaker": sp, "sources": [], "cue": {"text": "", "start": 0, "end": 0},
            "content": c, "direct": direct, "hedged": hedged, "sentence": {"start": 0, "end": len(TEXT)}}


def result(**parts) -> dict:
    out = {"people": [], "organizations": [], "places": [], "dates": [], "claims": []}
    out.update(parts)
    return out


def expected(**parts) -> dict:
    out = {"people": [], "organizations": [], "places": [], "dates": [], "claims": [], "unattributed": [],
           "optional": {}, "forbidden": {}}
    out.update(parts)
    return out


HAYASHI = {"name": "林芳正", "forms": ["林芳正", "林"], "titles": ["官房長官"]}
CLAIM_QUOTE = {"speaker": ["林芳正官房長官", "林官房長官", "林"], "content": "断じて容認できない",
               "sources": [], "cue": "」と述べました", "direct": True, "hedged": False}
CLAIM_MOD = {"speaker": ["防衛省"], "content": "北朝鮮はきょう、弾道ミサイルを発射しました",
             "sources": [], "cue": "によりますと", "direct": False, "hedged": False}
UNATTR = {"content": "発射は演習に対抗する意図がある", "cue": "とみられています"}


# ------------------------------------------------------------------------------------------ entities


def test_merged_person_is_found_once():
    cmp = ck.compare(result(people=[person(1, "林芳正", "林")]), expected(people=[HAYASHI]), TEXT)
    r = cmp["people"]
    assert (r.tp, r.fp, r.fn) == (1, 0, 0)
    assert r.scores() == (1.0, 1.0, 1.0)


def test_duplicate_person_counts_as_an_error():
    # alias merging failed: 林芳正 and 林 came out as two people
    cmp = ck.compare(result(people=[person(1, "林芳正"), person(2, "林")]), expected(people=[HAYASHI]), TEXT)
    r = cmp["people"]
    assert (r.tp, r.fp, r.fn) == (1, 1, 0)
    assert r.unexpected[0]["label"] == "林"
    assert r.unexpected[0]["reason"].startswith("duplicate of 林芳正")
    p, rec, f1 = r.scores()
    assert (p, rec) == (0.5, 1.0)
    assert f1 == pytest.approx(2 / 3)


def test_name_match_wins_over_alias_match():
    # the second output is named by an accepted form; it, not the entity matching by alias only, is the match
    cmp = ck.compare(result(people=[person(1, "芳正", "林芳正"), person(2, "林芳正")]), expected(people=[HAYASHI]), TEXT)
    r = cmp["people"]
    assert r.found[0]["output"] == "林芳正"
    assert r.unexpected[0]["label"] == "芳正 (林芳正)"


def test_unexpected_missing_and_optional_entities():
    exp = expected(
        organizations=[{"name": "防衛省", "forms": ["防衛省"], "kind": "government"},
                       {"name": "外務省", "forms": ["外務省"], "kind": "government"}],
        optional={"organizations": [{"name": "官房", "forms": ["官房"], "kind": "government"}]},
    )
    out = result(organizations=[org(1, "防衛省"), org(2, "官房"), org(3, "弾道ミサイル")])
    r = ck.compare(out, exp, TEXT)["organizations"]
    assert [i["key"] for i in r.found] == ["防衛省"]
    assert [i["key"] for i in r.missing] == ["外務省"]
    assert [i["key"] for i in r.unexpected] == ["弾道ミサイル"]  # the optional 官房 counts neither way
    assert [i["key"] for i in r.optional] == ["官房"]
    assert (r.tp, r.fp, r.fn) == (1, 1, 1)


def test_nfkc_forms_match():
    exp = expected(organizations=[{"name": "NHK", "forms": ["NHK"], "kind": "media"}])
    r = ck.compare(result(organizations=[org(1, "ＮＨＫ")]), exp, TEXT)["organizations"]
    assert r.tp == 1


def test_forbidden_entity_is_detected_and_fails_the_gate():
    exp = expected(people=[HAYASHI], forbidden={"people": ["弾道ミサイル"], "organizations": ["林芳正"]})
    cmp = ck.compare(result(people=[person(1, "林芳正", "林"), person(2, "弾道ミサイル")]), exp, TEXT)
    assert [f["key"] for f in cmp.forbidden] == ["弾道ミサイル"]
    assert cmp.forbidden[0]["category"] == "people"
    failures = ck.gate(cmp, {})
    assert len(failures) == 1 and "弾道ミサイル" in failures[0] and failures[0].startswith("forbidden")


# ------------------------------------------------------------------------------------------ claims


def test_claim_found_with_exact_boundaries():
    out = result(claims=[claim("林芳正官房長官", "断じて容認できない", direct=True)])
    r = ck.compare(out, expected(claims=[CLAIM_QUOTE]), TEXT)["claims"]
    assert (r.tp, r.fp, r.fn, r.exact) == (1, 0, 0, 1)
    assert r.found[0]["exact"] is True
    assert "differences" not in r.found[0]


def test_overlap_rule_half_of_the_shorter_span():
    content = CLAIM_MOD["content"]  # 21 characters
    assert len(content) == 21
    # output ends 10 characters early: overlap 11 of the shorter 11 -> found, but not exact
    out = result(claims=[claim("防衛省", content, shift=(0, -10))])
    r = ck.compare(out, expected(claims=[CLAIM_MOD]), TEXT)["claims"]
    assert (r.tp, r.exact) == (1, 0)
    # output starts 11 characters late and runs 15 further: overlap 10, shorter span 25 -> 10*2 < 25, not found
    out = result(claims=[claim("防衛省", content, shift=(11, 15))])
    r = ck.compare(out, expected(claims=[CLAIM_MOD]), TEXT)["claims"]
    assert (r.tp, r.fp, r.fn) == (0, 1, 1)
    # a boundary shift of one character keeps the match and loses the exact-boundary count
    out = result(claims=[claim("防衛省", content, shift=(-1, 0))])
    r = ck.compare(out, expected(claims=[CLAIM_MOD]), TEXT)["claims"]
    assert (r.tp, r.exact) == (1, 0)


def test_spans_match_rule():
    assert ck.spans_match((0, 10), (5, 20))  # overlap 5 = half of 10
    assert not ck.spans_match((0, 10), (6, 20))  # overlap 4 < 5
    assert ck.spans_match((0, 4), (0, 100))  # a short span inside a long one
    assert not ck.spans_match((0, 5), (5, 10))  # touching is not overlapping


def test_speaker_match_by_containment_and_by_entity():
    names = {"person:1": ["林芳正", "林"]}
    assert ck.speaker_matches({"text": "林長官", "entity": None}, ["林芳正官房長官", "林官房長官", "林"], names)
    assert ck.speaker_matches({"text": "官房長官", "entity": None}, ["林芳正官房長官"], names)  # contained
    assert ck.speaker_matches({"text": "長官", "entity": "person:1"}, ["林芳正"], names)  # by entity name
    assert not ck.speaker_matches({"text": "防衛省", "entity": None}, ["林芳正官房長官", "林"], names)
    assert not ck.speaker_matches(None, ["林"], names)


def test_wrong_speaker_is_missing_and_unexpected():
    out = result(claims=[claim("防衛省", "断じて容認できない")])
    r = ck.compare(out, expected(claims=[CLAIM_QUOTE]), TEXT)["claims"]
    assert (r.tp, r.fp, r.fn) == (0, 1, 1)
    assert r.unexpected[0]["reason"].startswith("wrong speaker")


def test_second_claim_on_the_same_content_is_a_duplicate():
    out = result(claims=[claim("林芳正官房長官", "断じて容認できない"), claim("林長官", "断じて容認できない", shift=(0, -1))])
    r = ck.compare(out, expected(claims=[CLAIM_QUOTE]), TEXT)["claims"]
    assert (r.tp, r.fp, r.fn, r.exact) == (1, 1, 0, 1)  # the exact one is kept
    assert r.unexpected[0]["reason"].startswith("duplicate of")


def test_attribute_differences_are_reported_not_scored():
    out = result(claims=[claim("林芳正官房長官", "断じて容認できない", direct=False)])
    r = ck.compare(out, expected(claims=[CLAIM_QUOTE]), TEXT)["claims"]
    assert r.tp == 1
    assert r.found[0]["differences"] == ["direct: False, expected True"]


def test_unattributed_claims_match_by_content_only():
    out = result(claims=[claim(None, UNATTR["content"], hedged=True), claim(None, "被害の報告はない", hedged=True)])
    cmp = ck.compare(out, expected(unattributed=[UNATTR]), TEXT)
    r = cmp["unattributed"]
    assert (r.tp, r.fp, r.fn) == (1, 1, 0)
    assert cmp["claims"].tp + cmp["claims"].fp == 0  # the article's own hedged statements are not claims


def test_a_report_with_its_speaker_unresolved_is_a_wrong_claim_not_an_unattributed_statement():
    # kp found the report but not who made it (speaker null, not hedged): the expected claim is missed and the
    # output claim is unexpected, in claims; the article's own statements are not touched
    cmp = ck.compare(result(claims=[claim(None, "断じて容認できない")]), expected(claims=[CLAIM_QUOTE]), TEXT)
    assert (cmp["claims"].tp, cmp["claims"].fn, cmp["claims"].fp) == (0, 1, 1)
    assert (cmp["unattributed"].tp, cmp["unattributed"].fp) == (0, 0)


def test_forbidden_claim_with_wrong_speaker():
    exp = expected(claims=[CLAIM_MOD], forbidden={"claims": [{"speaker": "林", "content": CLAIM_MOD["content"]}]})
    cmp = ck.compare(result(claims=[claim("林長官", CLAIM_MOD["content"])]), exp, TEXT)
    assert len(cmp.forbidden) == 1 and cmp.forbidden[0]["category"] == "claims"
    # the right speaker is not forbidden
    cmp = ck.compare(result(claims=[claim("防衛省", CLAIM_MOD["content"])]), exp, TEXT)
    assert cmp.forbidden == [] and cmp["claims"].tp == 1


def test_expected_content_not_in_article_is_a_fixture_warning():
    bad = dict(CLAIM_MOD, content="この文は記事にない")
    cmp = ck.compare(result(), expected(claims=[bad]), TEXT)
    assert cmp.warnings and "not in the article" in cmp.warnings[0]


def test_locate_falls_back_to_nfkc():
    text = "ＮＨＫによりますと"
    assert ck.locate(text, "NHK") == [(0, 3)]
    assert ck.locate("ab ab", "ab") == [(0, 2), (3, 5)]


# ------------------------------------------------------------------------------------------ dates


def _date(sub: str, value: str, nth: int = 0) -> dict:
    s = -1
    for _ in range(nth + 1):
        s = TEXT.index(sub, s + 1)
    return {"text": sub, "start": s, "end": s + len(sub), "value": value, "kind": "date"}


def test_dates_by_text_overlap_and_value():
    exp = expected(dates=[{"text": "先月末", "value": "2024-01"}, {"text": "先月", "value": "2024-01"},
                          {"text": "きょう", "value": "2024-02-14"}])
    # 先月 occurs inside 先月末 and on its own; both are found, each by its own mention
    out = result(dates=[_date("先月末", "2024-01"), _date("先月", "2024-01", nth=1), _date("きょう", "2024-02-14")])
    r = ck.compare(out, exp, TEXT)["dates"]
    assert (r.tp, r.fp, r.fn) == (3, 0, 0)
    # a wrong value: missing, and the output is unexpected with the expected value as the reason
    out = result(dates=[_date("きょう", "2024-02-13")])
    r = ck.compare(out, expected(dates=[{"text": "きょう", "value": "2024-02-14"}]), TEXT)["dates"]
    assert (r.tp, r.fp, r.fn) == (0, 1, 1)
    assert r.unexpected[0]["reason"] == "expected きょう=2024-02-14"


def test_repeated_mentions_of_a_found_date_are_not_errors():
    exp = expected(dates=[{"text": "先月", "value": "2024-01"}])
    out = result(dates=[_date("先月", "2024-01", nth=0), _date("先月", "2024-01", nth=1)])
    r = ck.compare(out, exp, TEXT)["dates"]
    assert (r.tp, r.fp, r.fn) == (1, 0, 0)


# ------------------------------------------------------------------------------------------ scores, gates


def test_prf_edge_cases():
    assert ck.prf(0, 0, 0) == (1.0, 1.0, 1.0)  # nothing expected, nothing output (an article without claims)
    assert ck.prf(0, 2, 0) == (0.0, 1.0, 0.0)  # nothing expected, something output
    assert ck.prf(3, 1, 2) == (0.75, 0.6, pytest.approx(2 * 0.75 * 0.6 / 1.35))


def test_gate_thresholds_and_missing_items():
    out = result(people=[person(1, "林芳正", "林"), person(2, "防衛省")],
                 claims=[claim("林芳正官房長官", "断じて容認できない")])
    cmp = ck.compare(out, expected(people=[HAYASHI], claims=[CLAIM_QUOTE, CLAIM_MOD]), TEXT)
    # people F1 2/3; claims F1 2/3 with one missing
    failures = ck.gate(cmp, {"people": 0.6, "claims": 0.6})
    assert failures == ["claims: missing 防衛省: 「北朝鮮はきょう、弾道ミサイルを発射しました」"]
    failures = ck.gate(cmp, {"people": 0.7, "claims": 0.6}, require_all=False)
    assert failures == ["people: F1 0.67 below the minimum 0.70"]
    assert ck.gate(cmp, {"people": 0.6, "claims": 0.6}, require_all=False) == []


def test_meta_min_f1_overrides_project_defaults(tmp_path):
    case = _write_case(tmp_path / "c1", meta={"date": "2024-02-14", "min_f1": {"people": 0.5}})
    loaded = ck.load_case(case)
    out = result(people=[person(1, "林芳正"), person(2, "林")])  # F1 2/3
    rep = ck.check_case(loaded, out, project_defaults={"people": 0.9}, require_all=False)
    assert rep.min_f1["people"] == 0.5 and rep.ok
    rep = ck.check_case(ck.Case(loaded.name, loaded.path, loaded.article, loaded.expected, {}), out,
                        project_defaults={"people": 0.9}, require_all=False)
    assert not rep.ok and rep.failures == ["people: F1 0.67 below the minimum 0.90"]


def test_project_min_f1_from_pyproject(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.kp.check]\nmin_f1 = {people = 0.25}\n', encoding="utf-8")
    (tmp_path / "fixtures" / "a").mkdir(parents=True)
    assert ck.project_min_f1(tmp_path / "fixtures" / "a") == {"people": 0.25}
    assert ck.project_min_f1(ROOT / "fixtures")["claims"] == 0.5  # this project's table
    # a pyproject.toml without the table is skipped
    (tmp_path / "fixtures" / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    assert ck.project_min_f1(tmp_path / "fixtures" / "a") == {"people": 0.25}


# ------------------------------------------------------------------------------------------ baselines


def test_baseline_regressions():
    exp = expected(people=[HAYASHI], claims=[CLAIM_QUOTE, CLAIM_MOD], forbidden={"people": ["弾道ミサイル"]})
    good = ck.compare(result(people=[person(1, "林芳正", "林")], claims=[claim("林芳正官房長官", "断じて容認できない")]), exp, TEXT)
    entry = json.loads(json.dumps(ck.baseline_entry(good)))  # as stored in a file
    assert entry["found"]["claims"] == ["林芳正官房長官: 断じて容認できない"]
    assert ck.regressions(good, entry) == []  # same as baseline: passes although 防衛省's claim is missing
    # better than the baseline: passes
    better = ck.compare(result(people=[person(1, "林芳正", "林")],
                               claims=[claim("林芳正官房長官", "断じて容認できない"), claim("防衛省", CLAIM_MOD["content"])]),
                        exp, TEXT)
    assert ck.regressions(better, entry) == []
    # lost the quote: regression naming the item, and the F1 drop
    worse = ck.compare(result(people=[person(1, "林芳正", "林")]), exp, TEXT)
    fails = ck.regressions(worse, entry)
    assert fails[0] == "claims: lost 林芳正官房長官: 「断じて容認できない」"
    assert fails[1] == "claims: F1 0.00 dropped from 0.67"
    # a new forbidden item and a precision drop
    noisy = ck.compare(result(people=[person(1, "林芳正", "林"), person(2, "弾道ミサイル")],
                              claims=[claim("林芳正官房長官", "断じて容認できない")]), exp, TEXT)
    fails = ck.regressions(noisy, entry)
    assert fails[0].startswith("forbidden (new): 弾道ミサイル")
    assert "people: F1 0.67 dropped from 1.00" in fails


def test_baseline_file_roundtrip_and_validation(tmp_path):
    f = tmp_path / "b.json"
    f.write_text(json.dumps({"format": ck.BASELINE_FORMAT, "cases": {}}), encoding="utf-8")
    assert ck.load_baseline(f)["cases"] == {}
    f.write_text("{}", encoding="utf-8")
    with pytest.raises(ck.CheckError):
        ck.load_baseline(f)


# ------------------------------------------------------------------------------------------ snapshots


def test_snapshot_view_and_diff():
    a = {"schema": "x", "source": {"path": "/somewhere/article.txt", "sha256": "ab"},
         "pipeline": {"model": "ja_ginza", "model_version": "5.2.0", "kp_version": "0.1"}, "people": []}
    b = json.loads(json.dumps(a))
    b["pipeline"]["model_version"] = "5.3.0"
    b["source"]["path"] = "fixtures/c/article.txt"
    assert ck.snapshot_view(a) == ck.snapshot_view(b)  # versions and path are volatile
    assert ck.snapshot_view(a)["source"]["sha256"] == "ab"  # the text's hash is not
    b["people"] = [{"name": "林"}]
    diff = ck.snapshot_diff(ck.snapshot_view(a), ck.snapshot_view(b))
    assert any(line.startswith("+") and "林" in line for line in diff)


def test_snapshot_missing_written_same_changed(tmp_path):
    case = ck.load_case(_write_case(tmp_path / "c1"))
    out = dict(result(), schema="kimputin.extraction/1", source={"path": "x"}, pipeline={})
    assert ck.check_case(case, out, project_defaults={}, require_all=False, snapshot=True).snapshot["status"] == "missing"
    rep = ck.check_case(case, out, project_defaults={}, require_all=False, update_snapshots=True)
    assert rep.snapshot["status"] == "written" and rep.ok
    rep = ck.check_case(case, out, project_defaults={}, require_all=False, snapshot=True)
    assert rep.snapshot["status"] == "same" and rep.ok
    changed = dict(out, people=[person(1, "林芳正")])
    rep = ck.check_case(case, changed, project_defaults={}, require_all=False, snapshot=True)
    assert rep.snapshot["status"] == "changed" and not rep.ok


# ------------------------------------------------------------------------------------------ cases, CLI


def _write_case(path: Path, meta: dict | None = None, exp: dict | None = None) -> Path:
    path.mkdir(parents=True)
    (path / "article.txt").write_text(TEXT, encoding="utf-8")
    (path / "meta.json").write_text(json.dumps(meta or {"date": "2024-02-14"}), encoding="utf-8")
    (path / "expected.json").write_text(json.dumps(exp or expected(people=[HAYASHI]), ensure_ascii=False), encoding="utf-8")
    return path


def test_find_cases(tmp_path):
    a = _write_case(tmp_path / "set" / "a")
    b = _write_case(tmp_path / "set" / "b")
    (tmp_path / "set" / "notes").mkdir()
    assert ck.find_cases([tmp_path / "set"]) == [a, b]
    assert ck.find_cases([a]) == [a]
    with pytest.raises(ck.CheckError):
        ck.find_cases([tmp_path / "set" / "notes"])


def test_cli_on_a_small_case(nlp, tmp_path):
    # 林芳正官房長官 … 林長官: the extraction is expected to merge them into one person
    case = _write_case(tmp_path / "cases" / "hayashi", exp=expected(
        people=[HAYASHI],
        forbidden={"people": ["弾道ミサイル"]},
    ))
    runner = CliRunner()
    res = runner.invoke(main, ["check", "--allow-missing", "--format", "json", str(case)])
    data = json.loads(res.stdout)
    assert data["format"] == ck.CHECK_FORMAT
    people = data["cases"][0]["categories"]["people"]
    assert people["found"][0]["key"] == "林芳正"
    assert data["cases"][0]["forbidden"] == []
    # text report; a baseline saved now makes the same run pass against it
    base = tmp_path / "base.json"
    res = runner.invoke(main, ["check", "--save-baseline", str(base), str(tmp_path / "cases")])
    assert "hayashi" in res.stdout and "Totals over 1 cases" in res.stdout
    assert json.loads(base.read_text(encoding="utf-8"))["cases"]["hayashi"]["found"]["people"] == ["林芳正"]
    res = runner.invoke(main, ["check", "--baseline", str(base), str(tmp_path / "cases")])
    assert res.exit_code == 0, res.stdout
    # an expectation the extraction cannot meet fails, naming the missing item
    exp = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    exp["people"].append({"name": "上川陽子", "forms": ["上川陽子"], "titles": []})
    (case / "expected.json").write_text(json.dumps(exp, ensure_ascii=False), encoding="utf-8")
    res = runner.invoke(main, ["check", str(case)])
    assert res.exit_code == 1
    assert "missing    people: 上川陽子" in res.stdout


def test_split_of_meta():
    assert ck.split_of({}) == "fictional"
    assert ck.split_of({"split": "dev"}) == "real-dev"
    assert ck.split_of({"split": "TEST"}) == "real-test"
    assert ck.split_of({"split": "other"}) == "fictional"


def test_totals_per_split_count_only_that_splits_cases():
    from kimputin_cli.article import from_text

    case_ok = ck.Case(name="a", path=Path("a"), article=from_text(TEXT), expected=expected(people=[HAYASHI]),
                      meta={"split": "dev"})
    case_miss = ck.Case(name="b", path=Path("b"), article=from_text(TEXT), expected=expected(people=[HAYASHI]),
                        meta={"split": "test"})
    found = {"people": [person(1, "林芳正", "林")]}
    reports = [ck.check_case(case_ok, found, project_defaults={}, require_all=False),
               ck.check_case(case_miss, {"people": []}, project_defaults={}, require_all=False)]
    report = ck.CheckReport(cases=reports)
    assert report.splits() == ["real-dev", "real-test"]
    assert report.totals("real-dev")["people"]["recall"] == 1.0
    assert report.totals("real-test")["people"]["recall"] == 0.0
    assert report.totals()["people"]["tp"] == 1 and report.totals()["people"]["fn"] == 1
    data = report.to_dict()
    assert set(data["totals_by_split"]) == {"real-dev", "real-test"}
    assert [c["split"] for c in data["cases"]] == ["real-dev", "real-test"]


def test_cli_prints_a_table_per_split(nlp, tmp_path):
    _write_case(tmp_path / "cases" / "own", exp=expected(people=[HAYASHI]))
    _write_case(tmp_path / "cases" / "real", meta={"date": "2024-02-14", "split": "test"},
                exp=expected(people=[HAYASHI]))
    res = CliRunner().invoke(main, ["check", "--allow-missing", str(tmp_path / "cases")])
    assert "Split fictional: 1 case\n" in res.stdout
    assert "Split real-test: 1 case\n" in res.stdout
    assert "Split real-dev" not in res.stdout


def test_known_forbidden_items_are_reported_but_new_ones_fail():
    from kimputin_cli.article import from_text

    exp = expected(people=[HAYASHI], forbidden={"people": ["弾道ミサイル", "防衛省"]})
    case = ck.Case(name="a", path=Path("a"), article=from_text(TEXT), expected=exp, meta={"split": "test"})
    bad = {"people": [person(1, "林芳正", "林"), person(2, "弾道ミサイル")]}
    entry = ck.baseline_entry(ck.compare(bad, exp, TEXT))
    assert entry["forbidden"] == ["弾道ミサイル"]
    baseline = {"format": ck.BASELINE_FORMAT, "cases": {"a": entry}}
    same = ck.check_case(case, bad, project_defaults={}, baseline=baseline)
    assert same.ok and same.known_forbidden == ["弾道ミサイル"]
    worse = dict(bad, people=bad["people"] + [person(3, "防衛省")])
    report = ck.check_case(case, worse, project_defaults={}, baseline=baseline)
    assert not report.ok and any(f.startswith("forbidden (new)") and "防衛省" in f for f in report.failures)
    strict = ck.check_case(case, bad, project_defaults={}, require_all=False)
    assert not strict.ok  # with no baseline every forbidden item fails


def test_cli_bad_path_is_an_error(tmp_path):
    res = CliRunner().invoke(main, ["check", str(tmp_path)])
    assert res.exit_code == 1
    assert "no fixture cases" in res.stderr


# ------------------------------------------------------------------------------------------ the CI gate


BASELINE = ROOT / "fixtures" / "baseline.json"


def test_kp_check_finds_the_baseline_and_passes(nlp):
    res = CliRunner().invoke(main, ["check", str(ROOT / "fixtures" / "000_seed")])
    assert "comparing with the baseline" in res.stderr
    assert res.exit_code == 0, res.stdout
    assert "people" in res.stdout and "F1" in res.stdout


def test_broken_rule_data_fails_the_check_naming_the_lost_items(nlp, monkeypatch):
    """Empty the title-word list the entity rules loaded: the people found through titles are lost."""
    monkeypatch.setattr(nlp.get_pipe("kp_entities").lex, "titles", [])
    res = CliRunner().invoke(main, ["check", str(ROOT / "fixtures" / "000_seed")])
    assert res.exit_code == 1
    assert "people: lost" in res.stdout
    assert "ショイグ" in res.stdout or "ペスコフ" in res.stdout


def test_fixtures_pass_the_check(nlp):
    """The CI gate, `kp check fixtures/ --baseline fixtures/baseline.json`: no case errors, no forbidden item
    anywhere, no case worse than its stored scores (a found item lost, an F1 drop), and the micro F1 over all
    cases at or above the project minimum in pyproject.toml."""
    report = ck.run_check([ROOT / "fixtures"], nlp=nlp, baseline=ck.load_baseline(BASELINE))
    assert len(report.cases) >= 12
    errors = [f"{c.name}: {c.error}" for c in report.cases if c.error]
    assert errors == [], "\n".join(errors)
    # our own articles show no forbidden item at all; a real one may show those recorded in the baseline
    # when it was first scored (known errors of held-out articles are reported, never tuned away), no new one
    forbidden = [f"{c.name}: {f['label']}" for c in report.cases for f in c.comparison.forbidden
                 if c.split == "fictional" or f["key"] not in c.known_forbidden]
    assert forbidden == [], "\n".join(forbidden)
    regressions = [f"{c.name}: {f}" for c in report.cases for f in c.failures]
    assert regressions == [], "\n".join(regressions)
    floors = ck.project_min_f1(ROOT)
    totals = report.totals()
    below = {cat: totals[cat]["f1"] for cat, floor in floors.items() if cat in totals and totals[cat]["f1"] < floor}
    assert below == {}
