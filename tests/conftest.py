"""Shared fixtures."""

from __future__ import annotations

import pytest

from plainlint.config import Config, load_config


@pytest.fixture
def settings(tmp_path):
    """settings(yaml_text) -> Config: the defaults overlaid with ``yaml_text``."""

    def make(text: str = "") -> Config:
        if not text:
            return load_config()
        path = tmp_path / "rules.yml"
        path.write_text(text, encoding="utf-8")
        return load_config(path)

    return make
