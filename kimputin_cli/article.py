"""Loading articles: a path or stdin, decoding, the sidecar metadata file, and splitting long text."""
from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError

# SudachiPy refuses inputs over 49,149 bytes; pieces stay well below that.
MAX_PIECE_BYTES = 40_000


@dataclass(frozen=True)
class Article:
    text: str
    path: str  # "-" for stdin
    sha256: str
    encoding: str
    meta: dict = field(default_factory=dict)  # the sidecar NAME.meta.json, if any
    warnings: tuple[str, ...] = ()

    def source_dict(self) -> dict:
        return {"path": self.path, "sha256": self.sha256, "chars": len(self.text), "encoding": self.encoding}


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Decode article bytes as UTF-8 (with or without BOM)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data, enc = data[3:], "utf-8-sig"
    else:
        enc = "utf-8"
    try:
        return data.decode("utf-8"), enc
    except UnicodeDecodeError as exc:
        raise InputError(f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})", path) from None


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


def from_bytes(data: bytes, path: str = "-", meta: dict | None = None) -> Article:
    text, enc = decode(data, path)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Article(text=text, path=path, sha256=hashlib.sha256(data).hexdigest(), encoding=enc, meta=meta or {})


def from_text(text: str, path: str = "<text>") -> Article:
    data = text.encode("utf-8")
    return Article(text=text, path=path, sha256=hashlib.sha256(data).hexdigest(), encoding="utf-8")


def load_article(path: str) -> Article:
    """Read an article from a file path, or from stdin when ``path`` is ``-``."""
    if path == "-":
        return from_bytes(sys.stdin.buffer.read(), "-")
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(exc.strerror or str(exc), path) from None
    return from_bytes(data, path, read_sidecar(p))


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
        # the largest end whose piece fits (at most 4 bytes a char)
        end = min(n, start + max_bytes // 4)
        while end < n and len(text[start : end + 1024].encode("utf-8")) <= max_bytes:
            end = min(n, end + 1024)
        while len(text[start:end].encode("utf-8")) > max_bytes:
            end -= 256
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
