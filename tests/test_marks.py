"""The marks shared by kp show and the HTML report, and how they nest (no model)."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kimputin_cli import marks as mk
from handmade import at, record, sample


def flatten(nodes):
    """The text back from the tree, and every piece as (mark, start, end, text)."""
    text, pieces = [], []

    def walk(items):
        for n in items:
            if isinstance(n, mk.Run):
                text.append(n.text)
            else:
                before = len("".join(text))
                walk(n.children)
                pieces.append((n.mark, n.start, n.end, "".join(text)[before:]))

    walk(nodes)
    return "".join(text), pieces


def check_tree(text, nodes, lo=0, hi=None):
    """Children lie inside their parent, in order, without overlap."""
    hi = len(text) if hi is None else hi
    pos = lo
    for n in nodes:
        assert lo <= n.start and n.end <= hi and n.start >= pos
        if isinstance(n, mk.Node):
            assert n.mark.start <= n.start < n.end <= n.mark.end
            check_tree(text, n.children, n.start, n.end)
        pos = n.end


def m(start, end, role="person", ref="person:1", tone="person"):
    return mk.Mark(start, end, role, (ref,), tone)


@pytest.mark.parametrize("marks", [
    [],
    [m(0, 3)],
    [m(0, 10, "content", "claim:1", "speaker-0"), m(2, 4), m(6, 10, "cue", "claim:1", "speaker-0")],
    # crossing: a date running past the end of a claim content is cut in two at that end
    [m(0, 5, "content", "claim:1", "speaker-0"), m(3, 8, "date", "date:1", "date")],
    # same span: the content encloses the entity, whatever the input order
    [m(2, 6), m(2, 6, "content", "claim:1", "speaker-0")],
    # a content inside a content, both crossed by a third mark
    [m(0, 9, "content", "claim:1", "speaker-0"), m(3, 6, "content", "claim:2", "speaker-1"), m(5, 11, "place", "place:1", "place")],
])
def test_nest_gives_back_the_text_and_every_mark_whole(marks):
    text = "あいうえおかきくけこさしすせそ"
    nodes = mk.nest(text, marks)
    check_tree(text, nodes)
    joined, pieces = flatten(nodes)
    assert joined == text
    for mark in marks:
        mine = sorted((s, e, t) for mk_, s, e, t in pieces if mk_ is mark)
        assert "".join(t for _, _, t in mine) == text[mark.start:mark.end]
        assert mine[0][0] == mark.start and mine[-1][1] == mark.end
        assert all(a[1] == b[0] for a, b in zip(mine, mine[1:]))  # pieces are contiguous


def test_crossing_mark_is_cut_at_the_enclosing_end():
    text = "0123456789"
    content, date = m(0, 5, "content", "claim:1", "speaker-0"), m(3, 8, "date", "date:1", "date")
    nodes = mk.nest(text, [date, content])
    assert [type(n).__name__ for n in nodes] == ["Node", "Node", "Run"]
    outer, rest = nodes[0], nodes[1]
    assert outer.mark is content and [(c.start, c.end) for c in outer.children] == [(0, 3), (3, 5)]
    assert outer.children[1].mark is date and outer.children[1].first
    assert rest.mark is date and (rest.start, rest.end) == (5, 8) and not rest.first


def test_marks_of_sample_has_every_mention_date_and_claim_part():
    rec = sample()
    marks = mk.marks_of(rec)
    spans = {(x.role, x.start, x.end) for x in marks}
    for key, role in mk.ENTITY_KEYS:
        for ent in rec[key]:
            for mention in ent["mentions"]:
                assert (role, mention["start"], mention["end"]) in spans
    for d in rec["dates"]:
        assert ("date", d["start"], d["end"]) in spans
    for c in rec["claims"]:
        assert ("content", c["content"]["start"], c["content"]["end"]) in spans
        assert ("cue", c["cue"]["start"], c["cue"]["end"]) in spans
        if c["speaker"]:
            assert ("speaker", c["speaker"]["start"], c["speaker"]["end"]) in spans
        for s in c["sources"]:
            assert ("source", s["start"], s["end"]) in spans
    assert marks == sorted(marks, key=lambda x: (x.start, -x.end, mk._RANK[x.role]))


def test_tones_follow_the_speaker_and_unattributed_claims_stand_apart():
    marks = mk.marks_of(sample())
    tone = {(x.role, x.refs): x.tone for x in marks}
    assert tone[("content", ("claim:1",))] == "speaker-0"
    assert tone[("content", ("claim:2",))] == "speaker-1"
    assert tone[("source", ("claim:2",))] == "speaker-1"
    assert tone[("content", ("claim:3",))] == "unattributed"
    assert tone[("person", ("person:1",))] == "person"


def test_one_speaker_phrase_of_several_claims_is_one_mark_with_both_refs():
    t = "外相は「Aだ」と述べ、「Bだ」と強調しました。"
    c1 = {"id": "claim:1", "speaker": dict(at(t, "外相"), entity=None, anonymous=False), "sources": [],
          "cue": at(t, "と述べ"), "content": at(t, "「Aだ」"), "direct": True, "hedged": False}
    c2 = dict(c1, id="claim:2", cue=at(t, "と強調しました"), content=at(t, "「Bだ」"))
    speakers = [x for x in mk.marks_of(record(t, claims=[c1, c2])) if x.role == "speaker"]
    assert len(speakers) == 1 and speakers[0].refs == ("claim:1", "claim:2")
    assert mk.speakers(record(t, claims=[c1, c2]))[0].claims == ("claim:1", "claim:2")


def test_audit_counts_named_anonymous_and_unattributed():
    assert mk.audit(sample()) == {"named": 1, "anonymous": 1, "unattributed": 1, "unresolved": 0}
    unresolved = dict(sample()["claims"][2], hedged=False)
    assert mk.claim_class(unresolved) == "unresolved"


def test_tips_carry_the_details():
    rec = sample()
    tips = {x.refs[0] + "/" + x.role: x.tip for x in mk.marks_of(rec)}
    assert "2024-06" in tips["date:2/date"] and "来月" in tips["date:2/date"]
    assert "person:1" in tips["person:1/person"] and "首相" in tips["person:1/person"]
    assert "政府 ← 関係者 (によりますと)" in tips["claim:2/content"] and "ということです" in tips["claim:2/content"]


@pytest.mark.parametrize("source, expected", [
    ({"path": "a.html", "title": "  見出し  です "}, "見出し です"),
    ({"path": "dir/a.txt", "text": "見出しの行\n\n本文です。"}, "見出しの行"),
    ({"path": "dir/a.txt", "text": "一行だけの記事です。"}, "a.txt"),
    ({"path": "dir/a.txt", "text": "長" * 81 + "\n本文"}, "a.txt"),
    ({"path": "dir/a.txt", "text": "政府は1日、発表した。\n本文"}, "a.txt"),
])
def test_headline(source, expected):
    assert mk.headline({"source": source}) == expected


def test_spans_outside_the_text_are_left_out():
    rec = record("短い", people=[{"id": "person:1", "name": "x", "aliases": [], "kind": "person", "titles": [],
                                 "mentions": [{"start": 1, "end": 9, "text": "?"}]}])
    assert mk.marks_of(rec) == []



ROLES = ("person", "date", "content", "speaker", "cue", "source")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 29), st.integers(1, 12), st.sampled_from(ROLES)), max_size=25))
def test_nest_holds_for_any_overlap(spans):
    text = "".join(chr(0x3042 + i) for i in range(40))
    marks = [m(s, min(s + n, len(text)), role, f"x:{k}", "t") for k, (s, n, role) in enumerate(spans)]
    nodes = mk.nest(text, marks)
    check_tree(text, nodes)
    joined, pieces = flatten(nodes)
    assert joined == text
    for mark in marks:
        mine = sorted((s, e, t) for mk_, s, e, t in pieces if mk_ is mark)
        assert "".join(t for _, _, t in mine) == text[mark.start:mark.end]
        assert sum(1 for s, _, _ in mine if s == mark.start) == 1  # one first piece
