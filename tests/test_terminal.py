"""kimputin_cli.terminal: what a terminal is shown of text from outside."""
import pytest

from kimputin_cli.terminal import has_unsafe, visible


@pytest.mark.parametrize("raw, shown", [
    ("\x1b[31m赤\x1b[0m", "\\x1b[31m赤\\x1b[0m"),
    ("\x1b]0;title\x07", "\\x1b]0;title\\x07"),
    ("a\x9bb", "a\\x9bb"),                       # C1 CSI
    ("x\x7fy", "x\\x7fy"),                       # DEL
    ("右\u202e左", "右\\u202e左"),                  # bidi override
    ("a\rb", "a\\x0db"),
    ("\ud800", "\\ud800"),                        # lone surrogate
])
def test_controls_are_shown_as_escapes(raw, shown):
    assert visible(raw) == shown
    assert has_unsafe(raw)
    assert not has_unsafe(visible(raw))


@pytest.mark.parametrize("text", ["岸田文雄首相", "ｷﾑ･ｼﾞｮﾝｳﾝ", "𠮷野家😀」", "[bold]x[/b]", "Ａ１", ""])
def test_printable_text_passes_unchanged(text):
    assert visible(text) == text
    assert not has_unsafe(text)


def test_keep_leaves_named_controls():
    assert visible("一\n二\t三\x1b", keep="\n") == "一\n二\\x09三\\x1b"
