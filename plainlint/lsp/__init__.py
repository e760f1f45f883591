"""The language server (``plainlint lsp``): diagnostics, hovers and quick fixes in editors.

``server`` needs pygls; ``positions``, ``features`` and ``checking`` need only lsprotocol
and the engine. Nothing here is imported by the other commands.
"""
