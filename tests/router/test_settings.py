"""Settings from flags, environment and the TOML file; every problem is one SettingsError line."""

from __future__ import annotations

from pathlib import Path

import pytest

from router.settings import SettingsError, load_settings, parse_listen
from router.upstream import Endpoint


def test_defaults_follow_home_and_the_socket_dir_variable(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("HERO_SOCKET_DIR", raising=False)
    settings = load_settings()
    assert settings.socket_dir == tmp_path / "hero/var/sockets"
    assert settings.cache_dir == tmp_path / ".hero/var/router/python"
    assert (settings.host, settings.port, settings.scan_interval) == ("127.0.0.1", 9988, 30.0)
    assert settings.socket_path == tmp_path / "hero/var/sockets/hero_router/rpc.sock"
    monkeypatch.setenv("HERO_SOCKET_DIR", str(tmp_path / "elsewhere"))
    assert load_settings().socket_dir == tmp_path / "elsewhere"


@pytest.mark.parametrize(
    ("listen", "expected"),
    [
        ("127.0.0.1:9988", ("127.0.0.1", 9988)),
        ("[::1]:80", ("::1", 80)),
        ("localhost:0", ("localhost", 0)),
    ],
)
def test_listen_addresses_parse(listen: str, expected: tuple[str, int]) -> None:
    assert parse_listen(listen) == expected


@pytest.mark.parametrize("listen", ["9988", "host:", ":80", "host:http", "host:70000"])
def test_bad_listen_addresses_are_one_line_errors(listen: str) -> None:
    with pytest.raises(SettingsError, match="--listen must be HOST:PORT"):
        parse_listen(listen)


def test_a_non_loopback_listen_needs_a_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HERO_ROUTER_TOKEN", raising=False)
    with pytest.raises(SettingsError, match="not loopback: set HERO_ROUTER_TOKEN"):
        load_settings(listen="0.0.0.0:9988")
    monkeypatch.setenv("HERO_ROUTER_TOKEN", "s3cret")
    assert load_settings(listen="0.0.0.0:9988").token == "s3cret"
    assert load_settings(listen="[::1]:9988").token == "s3cret"  # set: required on loopback too


def test_the_config_file_lists_services_and_timeouts(tmp_path: Path) -> None:
    config = tmp_path / "router.toml"
    config.write_text(
        "fetch_timeout = 0.5\nproxy_timeout = 2\n"
        '[services.billing]\nurl = "http://10.1.2.3:8080/api"\n'
        '[services.legacy]\nsocket = "~/run/legacy.sock"\n'
    )
    settings = load_settings(config=config)
    assert (settings.fetch_timeout, settings.proxy_timeout) == (0.5, 2.0)
    assert [service.name for service in settings.services] == ["billing", "legacy"]
    assert settings.services[0].endpoint == Endpoint(host="10.1.2.3", port=8080, prefix="/api")
    assert settings.services[1].endpoint.socket_path == str(Path("~/run/legacy.sock").expanduser())


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("fetch_timeout = [", "router.toml: "),
        ("colour = 1", "unknown key 'colour'"),
        ("fetch_timeout = 0", "fetch_timeout must be a positive number"),
        ("proxy_timeout = true", "proxy_timeout must be a positive number"),
        ('[services."../x"]\nurl = "http://a"', "services.../x: service names are lower-case"),
        ('[services.hero_router]\nurl = "http://a"', "service names are lower-case"),
        ("[services.a]\n", "give exactly one of socket = PATH or url = URL"),
        ('[services.a]\nurl = "http://a"\nsocket = "/s"', "give exactly one of"),
        ('[services.a]\nurl = "ftp://a"', "not an http(s) URL"),
        ("[services.a]\nsocket = 3", "must be a non-empty string"),
        ("services = 3", "must be a table"),
    ],
)
def test_config_mistakes_are_named_on_one_line(tmp_path: Path, text: str, message: str) -> None:
    config = tmp_path / "router.toml"
    config.write_text(text)
    with pytest.raises(SettingsError) as caught:
        load_settings(config=config)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_missing_config_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match=r"missing\.toml: No such file"):
        load_settings(config=tmp_path / "missing.toml")
