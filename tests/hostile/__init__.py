"""Bad input never breaks plainlint: fuzzed pages, hostile files, hostile settings,
hostile names, interrupted runs. Shared strategies and checks live in ``strategies.py``."""
