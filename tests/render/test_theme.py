"""Themes: every shipped file loads, user files override, broken ones fail clearly."""

from __future__ import annotations

import pytest

from c2q_repl.api.errors import ConfigError
from c2q_repl.render.style import sgr
from c2q_repl.render.theme import (
    STYLE_ROLES,
    ThemeError,
    list_themes,
    load_theme,
)

SHIPPED = ("default", "light", "solarized-dark", "presentation", "mono")


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_themes_load_completely(name, tmp_path):
    theme = load_theme(name, user_dir=tmp_path)
    assert theme.name == name
    assert theme.table_format
    assert theme.null_text
    for cls in ("prompt", "bottom-toolbar", "completion-menu", "status"):
        assert cls in theme.ui
    if name == "mono":
        assert not theme.color and theme.pygments_style == ""
    else:
        assert theme.color and theme.pygments_style
        assert theme.header and theme.null and theme.error
        assert len(theme.chart_colors) >= 6


def test_list_themes_includes_shipped_and_user(tmp_path):
    (tmp_path / "mine.toml").write_text('extends = "default"\n')
    names = list_themes(tmp_path)
    assert set(SHIPPED) <= set(names) and "mine" in names


def test_user_theme_overrides_shipped_one_by_name(tmp_path):
    (tmp_path / "default.toml").write_text(
        'null_text = "<null>"\n[styles]\nheader = "ansimagenta"\n'
    )
    theme = load_theme("default", user_dir=tmp_path)
    assert theme.null_text == "<null>" and theme.header == "ansimagenta"
    assert theme.source == str(tmp_path / "default.toml")


def test_extends_inherits_everything_not_set(tmp_path):
    (tmp_path / "brand.toml").write_text(
        'extends = "solarized-dark"\n[styles]\nheader = "bold #ff0000"\n'
    )
    theme = load_theme("brand", user_dir=tmp_path)
    base = load_theme("solarized-dark", user_dir=tmp_path)
    assert (
        theme.header == "bold #ff0000"
        and theme.pygments_style == base.pygments_style
        and theme.ui == base.ui
    )


def test_xdg_config_home_is_the_default_user_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cfg" / "c2q" / "themes"
    folder.mkdir(parents=True)
    (folder / "xdg.toml").write_text('description = "from xdg"\n')
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    assert load_theme("xdg").description == "from xdg"


@pytest.mark.parametrize(
    "content,needle",
    [
        ("this is = = not toml", "cannot be read"),
        ('pygments_style = "no-such-style"\n', "no-such-style"),
        ('table_format = "fancy_nonsense"\n', "fancy_nonsense"),
        ('[styles]\nheadr = "bold"\n', "headr"),
        ('[styles]\nheader = "bold notacolour"\n', "notacolour"),
        ("[ui]\nprompt = 5\n", "prompt"),
        ("colour = true\n", "colour"),
        ('[chart]\ncolors = "red"\n', "colors"),
        ('extends = "loop"\n', "extends itself"),
        ('extends = "missing"\n', "unknown theme"),
    ],
)
def test_broken_theme_raises_theme_error_naming_the_problem(tmp_path, content, needle):
    (tmp_path / "loop.toml").write_text(content)
    with pytest.raises(ThemeError) as info:
        load_theme("loop", user_dir=tmp_path)
    assert needle in str(info.value)
    assert str(tmp_path / "loop.toml") in info.value.hint or "available" in info.value.hint
    assert isinstance(info.value, ConfigError)


def test_unknown_theme_lists_the_available_ones(tmp_path):
    with pytest.raises(ThemeError) as info:
        load_theme("nope", user_dir=tmp_path)
    assert "unknown theme 'nope'" in str(info.value) and "default" in info.value.hint


@pytest.mark.parametrize("name", ["../etc/passwd", "", "a/b"])
def test_theme_names_cannot_escape_the_folder(tmp_path, name):
    with pytest.raises(ThemeError):
        load_theme(name, user_dir=tmp_path)


def test_undecodable_file_is_a_theme_error(tmp_path):
    (tmp_path / "bin.toml").write_bytes(b"\xff\xfe\x00")
    with pytest.raises(ThemeError):
        load_theme("bin", user_dir=tmp_path)


def test_style_strings_become_sgr():
    assert sgr("") == ""
    assert sgr("bold ansired") == "\x1b[1;31m"
    assert sgr("bg:#000000 #fff underline") == "\x1b[48;2;0;0;0;38;2;255;255;255;4m"
    assert sgr("noinherit nobold") == ""


def test_every_role_of_every_shipped_theme_parses(tmp_path):
    for name in SHIPPED:
        theme = load_theme(name, user_dir=tmp_path)
        for role in STYLE_ROLES:
            sgr(theme.style(role))
