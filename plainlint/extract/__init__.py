"""Extractors: source formats to Documents."""
