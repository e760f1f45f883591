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


@pytest.fixture(autouse=True, scope="session")
def _cache_key_in_the_tests_folder(tmp_path_factory):
    """plainlint makes its cache key in $XDG_CACHE_HOME (plainlint/cache_key.py): in the
    tests' own folder, never in the user's ~/.cache."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
        yield
