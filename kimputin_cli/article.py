"""Loading articles: a path or stdin, bytes to text, HTML pages to article text, the sidecar file, long text.

What it does: detects the encoding (UTF-8 with or without BOM, UTF-16/32 with BOM, Shift_JIS/CP932, EUC-JP,
ISO-2022-JP, and whatever else charset-normalizer recognises), refuses binary data, turns an HTML page into
its headline and body (:mod:`kimputin_cli.html`), and splits text too long for SudachiPy into pieces.
What it does not do: parse.  Offsets downstream always refer to :attr:`Article.text`.
"""
from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError

# SudachiPy refuses inputs over 49,149 bytes; pieces stay well below that.  Smaller pieces parse faster
# (GiNZA's ner and kp_entities cost more than linearly in a doc's length) and spread better over --jobs;
# 12,000 bytes (about 4,000 Japanese characters) is two or three news articles.
MAX_PIECE_BYTES = 12_000

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JAPANESE_ENCODINGS = ("cp932", "euc_jp", "iso2022_jp")


@dataclass(frozen=True)
class Article:
    text: str
    path: str  # "-" for stdin
    sha256: str
    encoding: str
    meta: dict = field(default_factory=dict)  # the sidecar NAME.meta.json, if any
    warnings: tuple[str, ...] = ()
    title: str | None = None  # an HTML page's headline
    published: dt.date | None = None  # an HTML page's publication date (meta tags, JSON-LD, <time>, dateline)
    format: str = "text"  # "text" or "html"

    def source_dict(self) -> dict:
        source = {"path": self.path, "sha256": self.sha256, "chars": len(self.text), "encoding": self.encoding}
        if self.title is not None:
            source["title"] = self.title
        return source


# ---------------------------------------------------------------------------------------------------------
# bytes -> text

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "an executable (ELF)"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x00\x00\x01\x00", "an icon image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document"),
)

_ISO2022_ESCAPES = (b"\x1b$B", b"\x1b$@", b"\x1b(J", b"\x1b(I", b"\x1b$(D", b"\x1b$(Q", b"\x1b$(O")
_HTML_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_ALIASES = {"shift_jis": "cp932", "shift-jis": "cp932", "sjis": "cp932", "x-sjis": "cp932", "ms_kanji": "cp932",
            "windows-31j": "cp932", "euc-jp": "euc_jp", "x-euc-jp": "euc_jp", "iso-2022-jp": "iso2022_jp"}


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # Python codec name, e.g. "utf-8", "utf-8-sig", "utf-16", "cp932", "euc_jp", "iso2022_jp"
    warnings: tuple[str, ...] = ()


def codec_name(name: str) -> str:
    """The canonical Python codec name for an encoding label; raises LookupError for an unknown one."""
    key = name.strip().lower()
    key = _ALIASES.get(key, key)
    return codecs.lookup(key).name


def binary_kind(data: bytes) -> str | None:
    """What binary data looks like ("a PNG image", "binary data"), or None if it may be text."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if data[8:12] == b"WEBP" and data.startswith(b"RIFF"):
        return "a WebP image"
    if data.startswith(b"RIFF"):
        return "a RIFF (audio/video) file"
    if b"\x00" in data[:65536]:
        return "binary data (NUL bytes)"
    return None


def _strict(data: bytes, enc: str) -> str | None:
    try:
        return data.decode(enc)
    except (UnicodeDecodeError, LookupError):
        return None


def japanese_score(text: str) -> float:
    """How plausible a decoding is as Japanese (or plain) text: the share of ordinary characters,
    minus a penalty for the characters a wrong Japanese decoding produces (half-width katakana,
    private-use and control characters, unassigned code points)."""
    if not text:
        return 0.0
    good = bad = 0
    for ch in text:
        o = ord(ch)
        if o < 0x80:
            good += ch.isprintable() or ch in "\n\r\t"
            bad += not (ch.isprintable() or ch in "\n\r\t")
        elif 0x3040 <= o <= 0x30FF or 0x4E00 <= o <= 0x9FFF or 0x3000 <= o <= 0x303F or 0xFF01 <= o <= 0xFF5E:
            good += 1 + (0x3040 <= o <= 0x309F)  # hiragana counts double: no wrong decoding makes much of it
        elif 0xFF61 <= o <= 0xFF9F:
            good += 0.5  # half-width katakana: real in old Shift_JIS text, but also what EUC-JP read as cp932 gives
        elif 0xE000 <= o <= 0xF8FF or o == 0xFFFD or unicodedata.category(ch) in ("Cc", "Cn", "Co"):
            bad += 1
    return (good - 3 * bad) / len(text)


def control_share(text: str) -> float:
    """The share of control, unassigned, private-use and replacement characters (line ends and tabs aside):
    near 0 for any real text, high for binary data read as text."""
    if not text:
        return 0.0
    bad = sum(1 for ch in text if ch not in "\n\r\t" and (
        ch == "\ufffd" or unicodedata.category(ch) in ("Cc", "Cn", "Co")))
    return bad / len(text)


# the share of such characters above which decoded bytes are refused as not text
MAX_CONTROL_SHARE = 0.15
MIN_CONTROL_COUNT = 4


def _garbage(text: str) -> bool:
    share = control_share(text)
    return share > MAX_CONTROL_SHARE and share * len(text) >= MIN_CONTROL_COUNT


def _kana_share(text: str) -> float:
    chars = [ch for ch in text if not ch.isspace()]
    if not chars:
        return 0.0
    return sum(1 for ch in chars if "\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff"
               or "\u3000" <= ch <= "\u303f" or "\uff01" <= ch <= "\uff5e") / len(chars)


def _utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16LE/BE without a BOM, recognised by what it decodes to: Japanese text (kana, kanji, Japanese
    punctuation) with hiragana or katakana in it and no controls.  ASCII read as UTF-16 gives CJK-looking
    characters but hardly ever kana, so English text is not taken for it."""
    if len(data) < 4 or len(data) % 2:
        return None
    best = None
    nul_low, nul_high = data[0::2].count(0), data[1::2].count(0)
    for enc, nul_here, nul_there in (("utf-16-le", nul_high, nul_low), ("utf-16-be", nul_low, nul_high)):
        text = _strict(data, enc)
        if text is None or control_share(text) > 0.01:
            continue
        kana = sum(1 for ch in text if "\u3041" <= ch <= "\u30fa")
        share = _kana_share(text)
        # or the NUL pattern: the high byte of every ASCII character is NUL, and only on one side
        ascii_pattern = nul_there == 0 and nul_here >= max(2, len(text) // 10) and control_share(text) == 0 and \
            share + sum(1 for ch in text if ch.isascii()) / len(text) >= 0.95
        if (kana >= max(1, len(text) // 20) and share >= 0.5 or ascii_pattern) and (best is None or share > best[0]):
            best = (share, enc, text)
    if best is None:
        return None
    _, enc, text = best
    return Decoded(text, enc, (_guessed(enc),))


_ENCODING_NAMES = {"cp932": "Shift_JIS (cp932)", "euc_jp": "EUC-JP", "utf-16-le": "UTF-16LE without a BOM",
                   "utf-16-be": "UTF-16BE without a BOM"}


def _guessed(enc: str) -> str:
    name = _ENCODING_NAMES.get(enc, "ISO-2022-JP" if enc.startswith("iso2022_jp") else enc)
    return f"decoded as {name}, not UTF-8 (detected; --encoding sets it)"


def _japanese_candidates(data: bytes) -> list[tuple[float, str, str]]:
    """Strict decodings of ``data`` as each Japanese legacy encoding, best first, as (score, codec, text)."""
    out = []
    if any(esc in data for esc in _ISO2022_ESCAPES) and max(data, default=0) < 0x80:
        for enc in ("iso2022_jp", "iso2022_jp_ext", "iso2022_jp_2", "iso2022_jp_2004"):
            text = _strict(data, enc)
            if text is not None:
                out.append((japanese_score(text) + 1.0, enc, text))  # the escapes are near-proof
                break
    for enc in ("cp932", "euc_jp"):
        text = _strict(data, enc)
        if text is not None:
            out.append((japanese_score(text), enc, text))
    return sorted(out, key=lambda c: -c[0])


def decode(data: bytes, path: str, encoding: str | None = None) -> Decoded:
    """Decode article bytes.

    With ``encoding``, that codec (undecodable bytes become U+FFFD, with a warning).  Otherwise: a BOM;
    UTF-16 without a BOM (:func:`_utf16_without_bom`); binary data is refused (:class:`InputError`);
    ISO-2022-JP by its escapes; strict UTF-8; and else the strict decoding that reads best as Japanese
    among the charset an HTML page declares, Shift_JIS (CP932), EUC-JP and charset-normalizer's guesses.
    Bytes that no encoding decodes into text (controls, unassigned or private-use characters) are refused
    with :class:`InputError` rather than turned into replacement characters.  A decoding other than UTF-8
    that was guessed says so in a warning.
    """
    if encoding:
        try:
            enc = codec_name(encoding)
        except LookupError:
            raise InputError(f"unknown encoding {encoding!r}", path) from None
        return _decode_forced(data, enc)
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return _decode_forced(data, enc)
    kind = next((kind for magic, kind in _MAGIC if data.startswith(magic)), None)
    if kind is None:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return utf16
        kind = binary_kind(data)
    if kind:
        raise InputError(f"{kind}, not a text or HTML article", path)
    if b"\x1b" in data and max(data) < 0x80:  # 7-bit: ISO-2022-JP passes for UTF-8, so look at it first
        candidates = _japanese_candidates(data)
        if candidates and candidates[0][1].startswith("iso2022"):
            _, enc, text = candidates[0]
            return Decoded(text, enc, (_guessed(enc),))
    text = _strict(data, "utf-8")
    if text is not None:
        if _garbage(text):
            raise InputError("binary data (control characters), not a text or HTML article", path)
        return Decoded(text, "utf-8")
    found: list[tuple[float, str, str]] = []
    declared = _HTML_CHARSET.search(data[:4096])
    if declared:
        try:
            enc = codec_name(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            enc = None
        text = _strict(data, enc) if enc else None
        if text is not None:
            found.append((japanese_score(text) + 0.25, enc, text))  # what the page says counts for a little
    found += _japanese_candidates(data)
    found += _charset_normalizer_candidates(data)
    found = [c for c in found if not _garbage(c[2]) and control_share(c[2]) <= 0.02 and c[0] > 0.3]
    if not found:
        raise InputError("not text in UTF-8, Shift_JIS, EUC-JP, ISO-2022-JP or any encoding detected "
                         "(binary data?); --encoding forces one", path)
    _, enc, text = max(found, key=lambda c: c[0])
    return Decoded(text, enc, (_guessed(enc),))


def _charset_normalizer_candidates(data: bytes) -> list[tuple[float, str, str]]:
    """charset-normalizer's strict decodings as (score, codec, text); a Japanese codec it names is
    scored like :func:`_japanese_candidates` (short Japanese texts are easily taken for Chinese)."""
    try:
        from charset_normalizer import from_bytes as detect
    except ImportError:  # pragma: no cover - a broken install
        return []
    out = []
    for rank, m in enumerate(detect(data)):
        try:
            enc = codec_name(m.encoding)
        except LookupError:
            continue
        text = _strict(data, enc)
        if text is not None:
            out.append((japanese_score(text) - m.chaos - 0.01 * rank - (0.1 if enc not in JAPANESE_ENCODINGS else 0),
                        enc, text))
    return out


def _decode_forced(data: bytes, enc: str) -> Decoded:
    text = _strict(data, enc)
    if text is not None:
        return Decoded(text.removeprefix("\ufeff"), enc)
    text = data.decode(enc, errors="replace").removeprefix("\ufeff")
    n = text.count("\ufffd")
    return Decoded(text, enc, (f"{n} undecodable byte sequence{'s' if n != 1 else ''} in {enc} "
                               "replaced with U+FFFD",))


# ---------------------------------------------------------------------------------------------------------
# articles

def looks_like_html(text: str) -> bool:
    """True for a document that starts like an HTML page (a doctype, <html>, <head> or <body> up front)."""
    head = text[:2048].lstrip().lower()
    if not head.startswith("<"):
        return False
    return bool(re.match(r"<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|meta[\s>]|title[\s>])", head)) or (
        "<html" in head and ("<head" in head or "<body" in head)
    )


def sidecar_path(path: Path) -> Path:
    return path.with_name(path.stem + ".meta.json")


def read_sidecar(path: Path) -> dict:
    side = sidecar_path(path)
    if not side.is_file():
        return {}
    try:
        meta = json.loads(side.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"unreadable metadata file {side}: {exc}", str(path)) from None
    return meta if isinstance(meta, dict) else {}


def from_bytes(data: bytes, path: str = "-", meta: dict | None = None, encoding: str | None = None,
               html: bool | None = None) -> Article:
    """An article from raw bytes.  ``html``: True/False forces; None treats ``.html``/``.htm`` files and
    content that looks like a page as HTML."""
    decoded = decode(data, path, encoding)
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
    warnings = list(decoded.warnings)
    if html is None:
        html = path.lower().endswith(HTML_SUFFIXES) or looks_like_html(text)
    title = published = None
    if html:
        from .html import extract_page

        page = extract_page(text)
        if text.strip() and not page.body:
            raise InputError("no article text found in the HTML page", path)
        text, title, published = page.text, page.title, page.published
        warnings.extend(page.warnings)
    return Article(text=text, path=path, sha256=hashlib.sha256(data).hexdigest(), encoding=decoded.encoding,
                   meta=meta or {}, warnings=tuple(warnings), title=title, published=published,
                   format="html" if html else "text")


_SURROGATE = re.compile("[\ud800-\udfff]")


def from_text(text: str, path: str = "<text>") -> Article:
    """An article from a Python string. Lone surrogates (which no encoding can carry) become U+FFFD, one
    character for one, so offsets stay those of the string given, and a warning says so."""
    warnings: tuple[str, ...] = ()
    n = len(_SURROGATE.findall(text))
    if n:
        text = _SURROGATE.sub("\ufffd", text)
        warnings = (f"{path}: {n} lone surrogate code point{'s' if n > 1 else ''} replaced with U+FFFD",)
    data = text.encode("utf-8")
    return Article(text=text, path=path, sha256=hashlib.sha256(data).hexdigest(), encoding="utf-8",
                   warnings=warnings)


def load_article(path: str, encoding: str | None = None, html: bool | None = None,
                 data: bytes | None = None) -> Article:
    """Read an article from a file path, or from stdin when ``path`` is ``-`` (or from ``data`` if given)."""
    if data is not None:
        return from_bytes(data, path, encoding=encoding, html=html)
    if path == "-":
        return from_bytes(sys.stdin.buffer.read(), "-", encoding=encoding, html=html)
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(exc.strerror or str(exc), path) from None
    return from_bytes(data, path, read_sidecar(p), encoding=encoding, html=html)


def split_text(text: str, max_bytes: int = MAX_PIECE_BYTES) -> list[tuple[int, str]]:
    """Split text into (offset, piece) pairs, each piece at most ``max_bytes`` of UTF-8.

    Cuts fall at paragraph ends, else sentence ends (。！？), else line ends, else anywhere;
    ``text[offset:offset + len(piece)] == piece`` for every piece, and the pieces cover the text.
    """
    if len(text.encode("utf-8")) <= max_bytes:
        return [(0, text)] if text else []
    pieces: list[tuple[int, str]] = []
    start = 0
    n = len(text)
    while start < n:
        # the largest end whose piece fits (a char is 1 to 4 bytes): binary search
        lo, hi = min(n, start + max(1, max_bytes // 4)), min(n, start + max_bytes)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if len(text[start:mid].encode("utf-8")) <= max_bytes:
                lo = mid
            else:
                hi = mid - 1
        end = lo
        if end < n:
            window = text[start:end]
            cut = -1
            for seps in (("\n\n",), ("。", "！", "？", "!", "?"), ("\n",), ("、",)):
                cut = max(window.rfind(s) + len(s) if window.rfind(s) >= 0 else -1 for s in seps)
                if cut > len(window) // 2:
                    break
            if cut > 0:
                end = start + cut
        pieces.append((start, text[start:end]))
        start = end
    return pieces


# ---------------------------------------------------------------------------------------------------------
# the copy the parser reads

# Half-width katakana (ｷﾑ･ｼﾞｮﾝｳﾝ, from old Shift_JIS systems and wire feeds) is read as its full-width form; a
# character outside the BMP, which the parser splits off or drops (𠮷 of 𠮷野家, an emoji before 」), is read
# as a stand-in of its kind: a common kanji of names for an ideograph, a BMP symbol for anything else.
# Full-width Latin letters and digits stay as they are: the parser reads ＮＨＫ and ＧＡＦＡ better than NHK and GAFA.
STAND_IN_IDEOGRAPH = "藤"
STAND_IN_SYMBOL = "☆"
_FOR_PARSING = re.compile("[\uff61-\uff9f\U00010000-\U0010ffff]")
_VOICED_MARKS = "\uff9e\uff9f"


@dataclass(frozen=True)
class ParseCopy:
    """A normalised copy of (part of) an article for the parser, and where each of its characters came from:
    character ``i`` of :attr:`text` stands for ``original[starts[i]:ends[i]]``."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    length: int  # of the original

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the copy's ``[start, end)``."""
        if start >= len(self.text):
            return self.length, self.length
        if end <= start:
            return self.starts[start], self.starts[start]
        return self.starts[start], self.ends[end - 1]


def _unit(text: str, i: int) -> tuple[int, str]:
    """The end of the unit of ``text`` starting at ``i`` and what the parser reads for it."""
    ch = text[i]
    o = ord(ch)
    if o > 0xFFFF:
        return i + 1, STAND_IN_IDEOGRAPH if unicodedata.category(ch) == "Lo" else STAND_IN_SYMBOL
    j = i + 1
    if ch not in _VOICED_MARKS and j < len(text) and text[j] in _VOICED_MARKS:
        j += 1  # ｼﾞ is one character, ジ
    # a mark that composes with nothing (ｱﾞ, or ﾞ alone) is the spacing ゛, not a combining character
    return j, unicodedata.normalize("NFKC", text[i:j]).replace("\u3099", "\u309b").replace("\u309a", "\u309c")


def parse_copy(text: str, start: int = 0, end: int | None = None) -> ParseCopy | None:
    """The parser's copy of ``text[start:end]``, or None when the parser reads it as it is."""
    end = len(text) if end is None else end
    if not _FOR_PARSING.search(text, start, end):
        return None
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i = start
    while i < end:
        m = _FOR_PARSING.search(text, i, end)
        nxt = m.start() if m else end
        for k in range(i, nxt):
            starts.append(k - start)
            ends.append(k - start + 1)
        out.append(text[i:nxt])
        if not m:
            break
        j, rep = _unit(text, nxt)
        j = min(j, end)
        for _ in rep:
            starts.append(nxt - start)
            ends.append(j - start)
        out.append(rep)
        i = j
    return ParseCopy("".join(out), tuple(starts), tuple(ends), end - start)


def parse_copy_of(text: str, start: int, parsed: str) -> ParseCopy | None:
    """The copy the parser read as ``parsed`` from ``text`` at ``start`` (None if it read the text as it is).
    A unit of the original is one or two characters, so the piece ends within ``start + 2 * len(parsed)``."""
    if text.startswith(parsed, start):
        return None
    n = len(parsed)
    window = parse_copy(text, start, min(len(text), start + 2 * n))
    if window is not None and window.text.startswith(parsed) and n:
        end = start + window.ends[n - 1]
        copy = parse_copy(text, start, end)
        if copy is not None and copy.text == parsed:
            return copy
    for end in range(start + n, min(len(text), start + 2 * n) + 1):  # a piece that ends inside a unit
        copy = parse_copy(text, start, end)
        if copy is not None and copy.text == parsed:
            return copy
    raise ValueError(f"the parsed text does not match the article at offset {start}")


_HALF_WIDTH_KANA = re.compile("[\uff61-\uff9f]+")


def fold_width(text: str) -> str:
    """``text`` with half-width katakana as full-width (ﾛｼｱ → ロシア), for comparing names; nothing else changes."""
    return _HALF_WIDTH_KANA.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)


def for_parsing(piece: str) -> str:
    """What the parser reads for ``piece`` (see :func:`parse_copy`)."""
    copy = parse_copy(piece)
    return piece if copy is None else copy.text

