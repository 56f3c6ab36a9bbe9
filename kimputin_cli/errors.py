"""The few errors kp knows, each with its exit code (see README, "Exit codes")."""
from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    OK = 0
    ERROR = 1  # bad input, a failed file, nothing to read, or a failed check
    USAGE = 2  # Click's own usage errors (missing file, bad option, an -o FILE that cannot be written)
    MODEL_MISSING = 3  # the ja_ginza model is not installed
    INTERRUPTED = 130  # Ctrl-C (128 + SIGINT, as shells report it)


class KpError(Exception):
    """Base class: a one-line message and an exit status."""

    exit_status = ExitStatus.ERROR
    kind = "error"

    def __init__(self, message: str, path: str | None = None) -> None:
        super().__init__(message)
        self.path = path

    def one_line(self) -> str:
        msg = " ".join(str(self).split())
        return f"{self.path}: {msg}" if self.path else msg


class InputError(KpError):
    """The input cannot be read as an article (undecodable bytes, binary data, unreadable file)."""

    kind = "input"


class ModelNotInstalled(KpError):
    exit_status = ExitStatus.MODEL_MISSING
    kind = "model"
