"""Settings: flags > env > config profile; XDG paths; key sources; safety checks."""

from __future__ import annotations

import argparse
import io
import os
import sys
from pathlib import Path

import pytest

from c2q_repl.api.errors import ConfigError
from c2q_repl.config import (
    ConnectionFlags,
    Credentials,
    Settings,
    config_path,
    data_dir,
    load_settings,
    state_dir,
)
from tests import children

KEY = "0b5a1f3e-7c2d-4e8f-9a6b-c0ffee000001"
ENDPOINT = "https://us-west-2.data.tidbcloud.com/api/v1beta/app/chat2query-AbCd1234/endpoint"


@pytest.fixture
def home(tmp_path) -> dict[str, str]:
    return {
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "cfg"),
        "PATH": os.environ.get("PATH", ""),
    }


def write_config(env: dict[str, str], text: str, mode: int = 0o600) -> Path:
    path = config_path(env)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    path.chmod(mode)
    return path


def args(**kw) -> argparse.Namespace:
    return argparse.Namespace(**kw)


def load(env, namespace=None) -> tuple[Settings, str]:
    err = io.StringIO()
    flags = ConnectionFlags.from_args(namespace) if namespace is not None else None
    return load_settings(flags, env, stderr=err), err.getvalue()


PROFILES = f"""
theme = "light"

[default]
endpoint = "{ENDPOINT}"
public_key = "PUBDEF01"
private_key = "{KEY}"
cluster_id = "10140100115280519574"
database = "sp500insight"

[prod]
endpoint = "https://eu-central-1.data.tidbcloud.com/api/v1beta/app/chat2query-Prod0001/endpoint"
public_key = "PUBPROD1"
private_key_env = "PROD_KEY"
database = "sales"
mode = "auto_breakdown"
auth = "basic"
pager = "auto"
"""


def test_nothing_configured_means_no_credentials(home):
    settings, warnings = load(home)
    assert settings == Settings() and not settings.has_credentials and warnings == ""


def test_default_profile_from_file(home):
    write_config(home, PROFILES)
    settings, warnings = load(home)
    assert settings.has_credentials and settings.endpoint == ENDPOINT
    assert settings.credentials == Credentials("PUBDEF01", KEY)
    assert (
        settings.cluster_id,
        settings.database,
        settings.mode,
        settings.theme,
        settings.auth_scheme,
    ) == ("10140100115280519574", "sp500insight", "direct", "light", "digest")
    assert warnings == ""


def test_named_profile_by_env_and_by_flag(home):
    write_config(home, PROFILES)
    by_env, _ = load({**home, "C2Q_PROFILE": "prod", "PROD_KEY": "k-from-env"})
    by_flag, _ = load({**home, "PROD_KEY": "k-from-env"}, args(profile="prod"))
    for settings in (by_env, by_flag):
        assert settings.profile == "prod" and settings.credentials.private_key == "k-from-env"
        assert (settings.database, settings.mode, settings.auth_scheme, settings.theme) == (
            "sales",
            "auto_breakdown",
            "basic",
            "light",
        )
        assert settings.extra == {"pager": "auto"}


def test_flags_beat_env_beat_file(home):
    write_config(home, PROFILES)
    env = {
        **home,
        "C2Q_DATABASE": "from_env",
        "C2Q_CLUSTER_ID": "222",
        "C2Q_PRIVATE_KEY": "env-key",
    }
    settings, _ = load(
        env,
        args(
            database="from_flag", endpoint=None, mode="auto_breakdown", theme="mono", auth="basic"
        ),
    )
    assert settings.database == "from_flag" and settings.cluster_id == "222"
    assert settings.credentials.private_key == "env-key"
    assert (settings.mode, settings.theme, settings.auth_scheme) == (
        "auto_breakdown",
        "mono",
        "basic",
    )


def test_env_only_configuration(home):
    env = {
        **home,
        "C2Q_ENDPOINT": "http://127.0.0.1:8080/api/v1beta/app/chat2query-sandbox1/endpoint/",
        "C2Q_PUBLIC_KEY": "P",
        "C2Q_PRIVATE_KEY": "K",
    }
    settings, _ = load(env)
    assert settings.has_credentials and settings.endpoint.endswith(
        "/endpoint"
    )  # trailing slash dropped


def test_endpoint_up_to_the_app_id_gets_endpoint_appended(home):
    env = {
        **home,
        "C2Q_ENDPOINT": "https://x.data.tidbcloud.com/api/v1beta/app/chat2query-Q",
        "C2Q_PUBLIC_KEY": "P",
        "C2Q_PRIVATE_KEY": "K",
    }
    assert (
        load(env)[0].endpoint == "https://x.data.tidbcloud.com/api/v1beta/app/chat2query-Q/endpoint"
    )


def test_missing_named_profile_lists_the_known_ones(home):
    write_config(home, PROFILES)
    with pytest.raises(ConfigError) as info:
        load(home, args(profile="staging"))
    assert "staging" in str(info.value) and "default, prod" in info.value.hint


def test_world_readable_key_file_warns_once(home):
    path = write_config(home, PROFILES, mode=0o644)
    _, warnings = load(home)
    assert warnings.count("chmod 600") == 1 and str(path) in warnings and KEY not in warnings
    path.chmod(0o600)
    assert load(home)[1] == ""


def test_readable_file_without_a_key_does_not_warn(home):
    write_config(home, '[default]\ndatabase = "x"\n', mode=0o644)
    assert load(home)[1] == ""


def test_private_key_command(home):
    write_config(
        home,
        f'[default]\nendpoint = "{ENDPOINT}"\npublic_key = "P"\nprivate_key_command = "printf \'%s\\\\n\' from-command"\n',
    )
    assert load(home)[0].credentials.private_key == "from-command"


@pytest.mark.parametrize(
    "command,message",
    [
        ("sh -c 'echo {KEY}; exit 3'", "exit status 3"),
        ("definitely-not-a-command-c2q", "not found"),
        ("true", "printed nothing"),
    ],
)
def test_failing_key_command_never_echoes_output(home, command, message):
    write_config(
        home,
        f'[default]\nendpoint = "{ENDPOINT}"\npublic_key = "P"\nprivate_key_command = "{command.format(KEY=KEY)}"\n',
    )
    with pytest.raises(ConfigError) as info:
        load(home)
    assert message in str(info.value) and KEY not in info.value.describe()


@pytest.mark.parametrize(
    "env_extra,fragment",
    [
        ({"C2Q_ENDPOINT": ENDPOINT}, "missing public key, private key"),
        ({"C2Q_PUBLIC_KEY": "P", "C2Q_PRIVATE_KEY": "K"}, "missing endpoint"),
        (
            {
                "C2Q_ENDPOINT": "http://data.example.com/endpoint",
                "C2Q_PUBLIC_KEY": "P",
                "C2Q_PRIVATE_KEY": "K",
            },
            "plain HTTP",
        ),
        (
            {
                "C2Q_ENDPOINT": f"https://P:{KEY}@x.com/endpoint",
                "C2Q_PUBLIC_KEY": "P",
                "C2Q_PRIVATE_KEY": "K",
            },
            "credentials",
        ),
    ],
)
def test_incomplete_or_unsafe_connection_settings(home, env_extra, fragment):
    with pytest.raises(ConfigError) as info:
        load({**home, **env_extra})
    assert fragment in str(info.value) and KEY not in info.value.describe()


def test_sandbox_flag_tolerates_partial_connection_settings(home):
    settings, _ = load({**home, "C2Q_ENDPOINT": "http://remote.example.com/x"}, args(sandbox=True))
    assert settings.sandbox


@pytest.mark.parametrize(
    "text,fragment",
    [
        ('[default\nendpoint = "x"', "not valid TOML"),
        ('[default]\nmode = "creative"\n', "unknown mode"),
        ('[default]\nauth = "bearer"\n', "unknown auth scheme"),
        ("[default]\ndatabase = 3.5\n", "must be a string"),
    ],
)
def test_bad_files_are_config_errors(home, text, fragment):
    write_config(home, text)
    with pytest.raises(ConfigError) as info:
        load(home)
    assert fragment in str(info.value)


def test_with_endpoint_for_the_embedded_sandbox(home):
    settings, _ = load(home, args(mode="auto_breakdown", theme="mono"))
    local = settings.with_endpoint(
        "http://127.0.0.1:5000/api/v1beta/app/chat2query-sandbox1/endpoint",
        Credentials("p", "k"),
        "1",
        "sp500insight",
    )
    assert (
        local.has_credentials
        and local.mode == "auto_breakdown"
        and local.theme == "mono"
        and local.database == "sp500insight"
    )


def test_xdg_paths(tmp_path):
    env = {
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": "/xdg/cfg",
        "XDG_STATE_HOME": "/xdg/state",
        "XDG_DATA_HOME": "relative/ignored",
    }
    assert config_path(env) == Path("/xdg/cfg/c2q/config.toml")
    assert state_dir(env) == Path("/xdg/state/c2q")
    assert data_dir(env) == tmp_path / ".local/share/c2q"
    assert config_path({"HOME": str(tmp_path)}) == tmp_path / ".config/c2q/config.toml"
    assert config_path({"HOME": str(tmp_path), "C2Q_CONFIG": "/etc/c2q.toml"}) == Path(
        "/etc/c2q.toml"
    )


def test_config_does_not_import_httpx():
    code = "import sys, c2q_repl.config; assert 'httpx' not in sys.modules, 'httpx imported'"
    children.run([sys.executable, "-c", code], check=True)


def test_timeout_from_env_or_profile_and_validated(tmp_path):
    import pytest as _pytest

    from c2q_repl.api.errors import ConfigError
    from c2q_repl.config import load_settings

    env = {"XDG_CONFIG_HOME": str(tmp_path), "HOME": str(tmp_path)}
    assert load_settings(None, env).timeout == 30.0
    assert load_settings(None, {**env, "C2Q_TIMEOUT": "2.5"}).timeout == 2.5
    (tmp_path / "c2q").mkdir()
    (tmp_path / "c2q" / "config.toml").write_text("timeout = 90\n")
    assert load_settings(None, env).timeout == 90.0
    for bad in ("0", "-1", "soon"):
        with _pytest.raises(ConfigError):
            load_settings(None, {**env, "C2Q_TIMEOUT": bad})
