"""stderr for everything that is not data: the one place kp's commands write a message line."""
from __future__ import annotations

import click

from .terminal import visible


def error_line(message: str) -> None:
    """One line on stderr; control characters from paths or articles are shown, not sent to the terminal."""
    click.echo(f"kp: {visible(message)}", err=True)
