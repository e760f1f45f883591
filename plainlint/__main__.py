"""Allow ``python -m plainlint``."""

from plainlint.cli import run

run()
