"""Fixtures of the hostile tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def site(tmp_path, monkeypatch, request):
    """A new current folder holding "site/", where the test module's PAGE is written under
    each of its hostile NAMES (a dict of names)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "site").mkdir()
    for name in request.module.NAMES.values():
        (tmp_path / "site" / name).write_text(request.module.PAGE)
    return tmp_path
