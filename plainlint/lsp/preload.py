"""Imported once by the fork server that starts the language server's check workers
(see workers.py): loads what every check needs, so that each worker starts warm."""

from plainlint.lsp.workers import warm

warm()
