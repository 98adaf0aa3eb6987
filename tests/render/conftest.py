from __future__ import annotations

import pytest

from c2q_repl.render.theme import load_theme


@pytest.fixture(autouse=True)
def _no_user_themes(tmp_path, monkeypatch):
    """Tests never see the developer's own ~/.config/c2q/themes."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


@pytest.fixture
def default_theme():
    return load_theme("default")


@pytest.fixture
def mono_theme():
    return load_theme("mono")
