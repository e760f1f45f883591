"""plainlint: a plain-language readability and accessibility linter for web content."""

__version__ = "0.1.0"
