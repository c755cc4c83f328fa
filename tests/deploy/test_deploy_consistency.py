"""The scaled-out deployment (deploy/) is consistent with the project and with Rasa 3.6.

No Docker engine is needed: the compose file, the Dockerfiles, nginx.conf and the production
endpoints are parsed and checked against the repository, the pinned versions, and Rasa's own
config readers. The stores are built against a local PostgreSQL and Redis when reachable
(skipped otherwise, except with CI=true).
"""

from __future__ import annotations

import os
import re
import secrets
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from harness.stack import ATOMIC_LOCK_STORE, TRACKER_STORE_TYPE, accepts_connections
from tests.deploy import support as s

REQUIRED_SERVICES = {"rasa-1", "rasa-2", "action-server", "postgres", "redis", "proxy"}


def _endpoint_placeholders() -> set[str]:
    return set(s.PLACEHOLDER.findall(_without_comments(s.ENDPOINTS_FILE.read_text())))


def _credential_placeholders() -> set[str]:
    return set(s.PLACEHOLDER.findall(_without_comments(s.CREDENTIALS_FILE.read_text())))


def _without_comments(yaml_text: str) -> str:
    return "\n".join(line for line in yaml_text.splitlines() if not line.lstrip().startswith("#"))


# ------------------------------------------------------------------------------ images


def test_compose_declares_the_deployment_services():
    missing = REQUIRED_SERVICES - set(s.services())
    assert not missing, f"docker-compose.yml lacks {sorted(missing)}"


def test_every_rasa_service_runs_rasa_3_6_21():
    rasa_services = s.services_on(s.RASA_IMAGE)
    assert rasa_services, "no service runs the rasa/rasa image"
    for name, service in rasa_services.items():
        _, tag = s.image_name_and_tag(s.base_image(service))
        assert tag == "3.6.21" or tag.startswith("3.6.21-"), f"{name} runs rasa {tag}, not 3.6.21"
        if service.get("image") and service.get("build"):
            assert "3.6.21" in service["image"], f"{name}'s image name does not say 3.6.21"
    # No other service (or Dockerfile) smuggles in another Rasa version.
    for name, service in s.services().items():
        image = s.base_image(service)
        if "rasa/rasa:" in image:
            assert name in rasa_services


def test_the_venv_runs_the_rasa_of_the_images():
    version = s.installed_version("rasa")
    assert version == "3.6.21", f"the .venv has rasa {version}; the images are built on 3.6.21"


def test_action_server_runs_rasa_sdk_3_6():
    sdk_services = s.services_on(s.SDK_IMAGE)
    assert "action-server" in sdk_services, "action-server must run the official rasa/rasa-sdk image"
    for name, service in sdk_services.items():
        _, tag = s.image_name_and_tag(s.base_image(service))
        assert tag.startswith("3.6."), f"{name} runs rasa-sdk {tag}; Rasa 3.6 needs rasa-sdk 3.6.x"
        assert tag == s.installed_version("rasa-sdk"), (
            f"{name} runs rasa-sdk {tag} but the project's .venv has {s.installed_version('rasa-sdk')}"
        )


def test_images_match_requirements_lock():
    if not s.LOCK_FILE.exists():
        pytest.skip("requirements/runtime.lock does not exist yet: nothing to compare the image tags with")
    lock = s.read_pins(s.LOCK_FILE)
    for image, dist in ((s.RASA_IMAGE, "rasa"), (s.SDK_IMAGE, "rasa-sdk")):
        pinned = lock.get(dist)
        assert pinned, f"requirements/runtime.lock does not pin {dist}"
        for name, service in s.services_on(image).items():
            _, tag = s.image_name_and_tag(s.base_image(service))
            assert tag.split("-")[0] == pinned, (
                f"{name} runs {dist} {tag}, requirements/runtime.lock pins {pinned}"
            )


def test_images_only_add_pinned_packages_at_the_tested_versions():
    source, reference = s.reference_versions()
    for path in sorted(s.DEPLOY.glob("requirements-*.txt")):
        pins = s.read_pins(path)
        assert pins, f"{path.name} pins nothing"
        for line in path.read_text().splitlines():
            line = line.split("#", 1)[0].strip()
            assert not line or "==" in line, f"{path.name}: '{line}' is not pinned with =="
        for dist, version in pins.items():
            assert dist in reference, f"{path.name} installs {dist}, which {source} does not have"
            assert reference[dist] == version, (
                f"{path.name} pins {dist}=={version}; {source} has {reference[dist]}"
            )


def test_dockerfiles_install_their_requirements_file():
    for name, service in s.services().items():
        path = s.dockerfile(service)
        if path is None:
            continue
        assert path.exists(), f"{name}: {path} does not exist"
        text = path.read_text()
        for copied in re.findall(r"^COPY\s+(\S+)", text, flags=re.M):
            context = s.DEPLOY / service["build"].get("context", ".")
            assert (context / copied).exists(), f"{path.name} copies {copied}, missing from the build context"
        assert re.search(r"pip install .*-r /tmp/\S+", text), f"{path.name} does not install its requirements"
        assert re.search(r"^USER\s+1001\s*$", text, flags=re.M), (
            f"{path.name} must drop back to the image's user 1001"
        )


def _check_image_provides(
    entry_files: list[Path], base: tuple[str, tuple[str, ...]], extra_file: Path
) -> None:
    """`base`: the package (and extras) the image is built from; `extra_file`: what is added."""
    extra = s.read_pins(extra_file)
    closure = s.requirement_closure(*base, replaced=frozenset(extra))
    problems = []
    for module, importers in sorted(s.third_party_imports(entry_files).items()):
        dist = s.distribution_of(module)
        where = ", ".join(sorted(importers)[:3])
        if dist is None:
            problems.append(f"`{module}` (imported by {where}) is not installed in the .venv at all")
            continue
        key = s.canonical(dist)
        if key in extra:
            continue
        if key not in closure.names:
            problems.append(
                f"`{module}` ({dist}, imported by {where}) is not in the image: add it to {extra_file.name}"
            )
            continue
        version = s.installed_version(dist)
        for spec in closure.specifiers.get(key, []):
            if version is not None and not spec.contains(version, prereleases=True):
                problems.append(
                    f"`{module}`: the image's {dist} satisfies '{spec}', the project uses {version}: pin it in {extra_file.name}"
                )
    # What the added packages pull in and the image lacks must be pinned too, or pip picks the
    # newest release instead of the tested one.
    for dist in sorted(extra):
        for needed in sorted(s.requirement_closure(dist).names - closure.names - set(extra)):
            problems.append(f"{dist} pulls in {needed}, which the image lacks: pin it in {extra_file.name}")
    assert not problems, "\n".join(problems)


def test_action_server_image_has_everything_actions_import():
    # What actions/ and the bot.* modules they import need, beyond rasa-sdk's own dependencies.
    entry = sorted((s.ROOT / "actions").glob("*.py"))
    assert entry, "actions/ has no Python files"
    _check_image_provides(entry, ("rasa-sdk", ()), s.DEPLOY / "requirements-action-server.txt")


def test_rasa_image_has_everything_bot_imports():
    # The Rasa server imports bot.* (NLU component, policy, channels): rasa[full] must have it all,
    # at the versions the project uses, or the Dockerfile installs it.
    entry = sorted((s.ROOT / "bot").rglob("*.py"))
    _check_image_provides(entry, ("rasa", ("full",)), s.DEPLOY / "requirements-rasa.txt")


# ------------------------------------------------------------------------------ Rasa servers


def test_at_least_two_rasa_servers_with_the_same_setup():
    servers = s.rasa_servers()
    assert len(servers) >= 2, f"only {sorted(servers)} run `rasa run`"
    first = next(iter(servers.values()))
    for name, service in servers.items():
        assert s.command(service) == s.command(first), f"{name} runs a different command"
        assert s.environment(service) == s.environment(first), f"{name} has a different environment"
        assert not service.get("deploy", {}).get("replicas"), (
            f"{name}: use one service per Rasa server (the proxy hashes over their names), not replicas"
        )


def test_rasa_command_uses_project_files():
    model_in_scripts = re.search(
        r'^MODEL="\$ROOT/(.+)"', (s.ROOT / "scripts" / "common.sh").read_text(), flags=re.M
    )
    assert model_in_scripts, "scripts/common.sh no longer defines MODEL"
    for name, service in s.rasa_servers().items():
        cmd = s.command(service)
        model = s.option(cmd, "--model")
        assert model, f"{name} does not pass --model"
        model_host = s.host_path(service, model)
        assert model_host is not None, f"{name}: {model} is not on a mounted folder"
        assert model_host.parent == s.ROOT / "models", f"{name}: the model {model} is not under models/"
        assert model_host == s.ROOT / model_in_scripts.group(1), (
            f"{name} loads {model_host}, but the project trains {model_in_scripts.group(1)}"
        )
        for flag, expected in (("--endpoints", s.ENDPOINTS_FILE), ("--credentials", s.CREDENTIALS_FILE)):
            value = s.option(cmd, flag)
            assert value, f"{name} does not pass {flag}"
            path = s.host_path(service, value)
            # Rasa silently runs on in-memory stores when the endpoints file is missing.
            assert path is not None and path.exists(), f"{name}: {flag} {value} is no file of the repository"
            assert path == expected, f"{name}: {flag} is {path}, expected {expected}"
        for mount in s.mounts(service):
            if mount.target == "/app":
                assert mount.source == str(s.ROOT), f"{name} mounts {mount.source} at /app, not the project"
                assert mount.read_only, f"{name} should mount the project read-only"


def test_train_service_writes_the_model_the_servers_load():
    trainers = {n: v for n, v in s.services_on(s.RASA_IMAGE).items() if s.command(v)[:1] == ["train"]}
    for name, service in trainers.items():
        assert s.is_one_off(service), f"{name} must not start with `docker compose up`"
        cmd = s.command(service)
        out = s.host_path(service, s.option(cmd, "--out") or "")
        assert out == s.ROOT / "models", f"{name} writes to {out}"
        assert s.option(cmd, "--fixed-model-name") == "charley"
        writable = [m for m in s.mounts(service) if not m.read_only]
        assert [m.target for m in writable] == [s.option(cmd, "--out")], (
            f"{name} may only write its model folder"
        )


def test_http_api_is_never_enabled_without_authentication():
    for name, service in s.services_on(s.RASA_IMAGE).items():
        cmd = s.command(service)
        if "--enable-api" in cmd:
            assert any(flag in part for part in cmd for flag in ("--auth-token", "--jwt-secret")), (
                f"{name} enables Rasa's HTTP API without --auth-token or --jwt-secret"
            )


def test_http_api_stays_off_in_this_deployment():
    for name, service in s.rasa_servers().items():
        assert "--enable-api" not in s.command(service), f"{name} enables Rasa's HTTP API"


def test_endpoint_and_credential_variables_reach_every_rasa_server():
    needed = _endpoint_placeholders() | _credential_placeholders()
    assert {"ACTION_ENDPOINT_URL", "DB_HOST", "DB_PASSWORD", "REDIS_HOST", "REDIS_PASSWORD"} <= needed
    for name, service in s.rasa_servers().items():
        env = s.environment(service)
        missing = sorted(needed - set(env))
        assert not missing, f"{name} lacks {missing} (Rasa stops at start on an unset ${{VAR}})"
        empty = sorted(v for v in needed if env[v] == "")
        assert not empty, f"{name} sets {empty} to nothing"


def test_endpoint_placeholders_are_whole_unquoted_values():
    # Rasa 3.6 expands ${VAR} only in a plain scalar: a quoted "${VAR}" stays literal, and an
    # unset variable inside a longer value is silently kept as text.
    for number, line in enumerate(s.ENDPOINTS_FILE.read_text().splitlines(), 1):
        if "${" not in line or line.lstrip().startswith("#"):
            continue
        value = line.split("#", 1)[0].split(":", 1)[1].strip()
        assert re.fullmatch(r"\$\{[A-Za-z_][A-Za-z0-9_]*\}", value), (
            f"endpoints.production.yml:{number}: '{value}' must be a bare ${{VAR}}"
        )


def test_telemetry_is_off_in_every_rasa_and_action_container():
    python_services = {**s.services_on(s.RASA_IMAGE), **s.services_on(s.SDK_IMAGE)}
    assert python_services
    for name, service in python_services.items():
        value = s.environment(service).get("RASA_TELEMETRY_ENABLED")
        assert value == "false", f"{name}: RASA_TELEMETRY_ENABLED is {value!r}, must be 'false'"


def test_each_rasa_server_is_one_process():
    # SANIC_WORKERS>1 is allowed by Rasa with a Redis lock store, but workers of one server
    # would race on a conversation exactly like two servers (RasaHQ/rasa#9213).
    for name, service in s.rasa_servers().items():
        assert s.environment(service).get("SANIC_WORKERS", "1") == "1", f"{name} runs several Sanic workers"


def test_lock_lifetime_is_a_whole_number_of_seconds():
    for name, service in s.rasa_servers().items():
        raw = s.environment(service).get("TICKET_LOCK_LIFETIME")
        assert raw is not None, f"{name} does not set TICKET_LOCK_LIFETIME"
        value = s.compose_default(raw)
        assert value is not None and value.isdigit() and int(value) >= 1, (
            f"{name}: TICKET_LOCK_LIFETIME {raw!r} must default to whole seconds (Rasa uses int())"
        )


def test_postgres_connections_fit_max_connections():
    postgres_cmd = s.command(s.services()["postgres"])
    max_connections = 100
    for i, part in enumerate(postgres_cmd):
        if part.startswith("max_connections=") and postgres_cmd[i - 1] == "-c":
            max_connections = int(part.split("=", 1)[1])
    total = 0
    for name, service in s.rasa_servers().items():
        env = s.environment(service)
        assert "SQL_POOL_SIZE" in env and "SQL_MAX_OVERFLOW" in env, (
            f"{name}: without SQL_POOL_SIZE/SQL_MAX_OVERFLOW Rasa allows 150 connections per server"
        )
        workers = int(env.get("SANIC_WORKERS", "1"))
        total += workers * (
            int(s.compose_default(env["SQL_POOL_SIZE"])) + int(s.compose_default(env["SQL_MAX_OVERFLOW"]))
        )
    reserved = 3 + 10  # superuser_reserved_connections + room for psql, backups, healthchecks
    assert total <= max_connections - reserved, (
        f"Rasa may open {total} connections; PostgreSQL allows {max_connections}"
    )


def test_rasa_servers_wait_for_their_stores():
    for name, service in s.rasa_servers().items():
        depends = service.get("depends_on") or {}
        for needed in ("postgres", "redis", "action-server"):
            assert needed in depends, f"{name} does not depend on {needed}"
            assert depends[needed].get("condition") == "service_healthy", (
                f"{name} should wait for {needed} to be healthy"
            )


def test_rasa_healthcheck_requires_the_model():
    for name, service in s.rasa_servers().items():
        check = " ".join(service["healthcheck"]["test"])
        model = s.option(s.command(service), "--model")
        # GET / also answers when the model is missing: then the bot silently says nothing.
        assert model in check, f"{name}'s healthcheck does not look for {model}"
        assert "5005" in check


def test_long_running_services_have_healthchecks():
    for name, service in s.services().items():
        if s.is_one_off(service):
            continue
        assert service.get("healthcheck", {}).get("test"), f"{name} has no healthcheck"
        assert service.get("restart") in ("unless-stopped", "always"), f"{name} is not restarted"


def test_only_the_proxy_is_published():
    published = {name for name, service in s.services().items() if service.get("ports")}
    assert published == {"proxy"}, f"published ports: {sorted(published)}"


def test_secrets_have_no_default():
    for name, service in s.services().items():
        for key, value in s.environment(service).items():
            if any(word in key for word in ("PASSWORD", "SECRET", "TOKEN", "AUTH")):
                assert re.fullmatch(r"\$\{[A-Z0-9_]+:\?[^}]+\}", value), (
                    f"{name}: {key} must come from the environment (${{{key}:?...}}), not a default"
                )


# ------------------------------------------------------------------------------ action server


def test_action_server_mounts_actions_and_bot():
    service = s.services()["action-server"]
    for folder in ("actions", "bot"):
        host = s.host_path(service, f"/app/{folder}")
        assert host == s.ROOT / folder, f"action-server does not mount {folder}/ at /app/{folder}"
    for mount in s.mounts(service):
        # Mounting over /app would hide the image's ./entrypoint.sh.
        assert mount.target != "/app" or service.get("entrypoint"), "action-server mounts over /app"
    assert "/app" in s.environment(service).get("PYTHONPATH", "").split(":"), "bot.* must be importable"
    assert service.get("entrypoint") == ["python", "-m", "actions.server"], (
        "rasa-sdk's own server has no auth"
    )
    assert s.option(s.command(service), "--actions") == "actions"
    environment = s.environment(service)
    assert environment.get("ACTIONS_HOST") == "0.0.0.0", "in its container it must listen beyond loopback"
    for name, rasa in s.rasa_servers().items():
        assert environment.get("CHARLEY_ACTIONS_TOKEN") == s.environment(rasa).get("CHARLEY_ACTIONS_TOKEN"), (
            name
        )


def test_action_endpoint_points_at_the_action_server():
    service = s.services()["action-server"]
    port = s.option(s.command(service), "--port") or "5055"
    for name, rasa in s.rasa_servers().items():
        url = urlsplit(s.environment(rasa)["ACTION_ENDPOINT_URL"])
        assert url.hostname == "action-server", f"{name} calls actions on {url.hostname}"
        assert str(url.port) == port, f"{name} calls port {url.port}; the action server listens on {port}"
        assert url.path == "/webhook"


# ------------------------------------------------------------------------------ proxy


def _rasa_targets() -> set[str]:
    return {f"{name}:{s.option(s.command(service), '--port')}" for name, service in s.rasa_servers().items()}


def _upstream_of(location_args: str) -> str:
    location, _ = s.nginx_locations()[location_args]
    proxy_pass = location.first("proxy_pass")
    assert proxy_pass is not None, f"location {location_args} does not proxy"
    return urlsplit(proxy_pass.args[0]).hostname


def _socketio_path() -> str:
    credentials = yaml.safe_load(s.CREDENTIALS_FILE.read_text()) or {}
    for key, settings in credentials.items():
        if key == "socketio" or "socketio" in key.lower():
            return ((settings or {}).get("socketio_path") or "/socket.io").rstrip("/") + "/"
    pytest.skip("credentials.yml has no socket.io channel")


def test_proxy_runs_nginx_with_this_config():
    proxy = s.services()["proxy"]
    assert s.image_name_and_tag(s.base_image(proxy)) == ("nginx", "1.27")
    assert s.host_path(proxy, "/etc/nginx/nginx.conf") == s.NGINX_FILE
    depends = proxy.get("depends_on") or {}
    assert set(s.rasa_servers()) <= set(depends), "the proxy must start after every Rasa server"


def test_proxy_sends_rest_and_socketio_to_every_rasa_server():
    upstreams = s.nginx_upstreams()
    for path in ("/webhooks/rest/", _socketio_path(), "/webhooks/"):
        name = _upstream_of(path)
        servers = {d.args[0] for d in upstreams[name].find("server")}
        assert servers == _rasa_targets(), (
            f"{path} -> {name} serves {sorted(servers)}, not {sorted(_rasa_targets())}"
        )


def test_proxy_keeps_a_conversation_on_one_server():
    for path in ("/webhooks/rest/", _socketio_path()):
        upstream = s.nginx_upstreams()[_upstream_of(path)]
        hash_directive = upstream.first("hash")
        if hash_directive is None:
            assert upstream.first("ip_hash") is not None or upstream.first("sticky") is not None, (
                f"{path}: the upstream has no hash/ip_hash/sticky directive"
            )
            continue
        assert "consistent" in hash_directive.args, f"{path}: `hash ... consistent` moves fewer conversations"
        sources = s.map_sources(hash_directive.args[0])
        # engine.io's sid is minted by the server that took the handshake (which has no sid).
        assert "$arg_sid" not in sources, "hashing on $arg_sid splits a socket.io session"
        assert "$http_x_conversation_id" in sources, "REST clients cannot choose their server by conversation"
        assert sources & {"$remote_addr", "$binary_remote_addr"}, "no fallback for clients without a key"
        assert not sources & {"$request_id", "$msec", "$connection"}, f"{path}: the key changes per request"


def test_proxy_webhook_channels_prefer_one_server():
    # Telegram/Slack: the conversation id is only in the body, and the connectors deduplicate
    # redeliveries in process memory: one primary server, the others as backups.
    upstreams = s.nginx_upstreams()
    for path in ("/webhooks/telegram/", "/webhooks/slack/"):
        servers = upstreams[_upstream_of(path)].find("server")
        assert {d.args[0] for d in servers} == _rasa_targets(), f"{path} does not reach every server"
        primaries = [d for d in servers if "backup" not in d.args]
        assert len(primaries) == 1, f"{path} spreads one chat over {len(primaries)} servers"


def duration_at_least(args: list[str] | None, seconds: float) -> bool:
    return args is not None and s.duration_seconds(args[0]) >= seconds


def test_proxy_passes_websocket_upgrades():
    location, server = s.nginx_locations()[_socketio_path()]
    assert s.effective("proxy_http_version", location, server) == ["1.1"]
    headers = s.effective_headers(location, server)
    assert headers.get("upgrade") == "$http_upgrade", "socket.io location does not forward Upgrade"
    connection = headers.get("connection", "")
    assert connection == "upgrade" or s.map_sources(connection) == {"$http_upgrade"}, (
        "socket.io location does not forward Connection: upgrade"
    )
    assert duration_at_least(s.effective("proxy_read_timeout", location, server), 60), (
        "socket.io long-polls and pings need a read timeout above 60 s"
    )


def test_proxy_forwards_client_headers_everywhere():
    # A block with any proxy_set_header inherits none from above: each must set them all.
    for path, (location, server) in s.nginx_locations().items():
        if location.first("proxy_pass") is None:
            continue
        headers = s.effective_headers(location, server)
        for header in ("host", "x-forwarded-for", "x-forwarded-proto"):
            assert header in headers, f"location {path} does not forward {header}"


def test_proxy_limits_and_timeouts():
    http = s.nginx_http()
    body = http.first("client_max_body_size")
    assert body is not None and s.size_bytes(body.args[0]) <= 64 * 1024, "client_max_body_size above 64k"
    for path, (location, server) in s.nginx_locations().items():
        if location.first("proxy_pass") is None:
            continue
        limit = s.effective("client_max_body_size", location, server)
        assert limit and s.size_bytes(limit[0]) <= 1024 * 1024, f"{path} accepts bodies over 1m"
        connect = s.effective("proxy_connect_timeout", location, server)
        assert connect and s.duration_seconds(connect[0]) <= 10, f"{path}: connect timeout too long"
        read = s.effective("proxy_read_timeout", location, server)
        assert read and 30 <= s.duration_seconds(read[0]) <= 300, f"{path}: read timeout {read}"


def test_proxy_read_timeout_covers_the_lock_lifetime():
    location, server = s.nginx_locations()["/webhooks/rest/"]
    read = s.duration_seconds(s.effective("proxy_read_timeout", location, server)[0])
    for name, service in s.rasa_servers().items():
        lifetime = int(s.compose_default(s.environment(service)["TICKET_LOCK_LIFETIME"]))
        assert read >= lifetime, f"nginx gives up ({read}s) before {name}'s lock expires ({lifetime}s)"


def test_proxy_exposes_no_rasa_http_api_routes():
    # Even if someone adds --enable-api later, the proxy only passes channels and GET /.
    for path, (location, _) in s.nginx_locations().items():
        if location.first("proxy_pass") is not None:
            assert path in ("= /", _socketio_path()) or path.startswith("/webhooks/"), (
                f"the proxy passes {path} to Rasa"
            )


# ------------------------------------------------------------------------------ Rasa's readers


def _production_env(**overrides: str) -> dict[str, str]:
    """The Rasa servers' environment from compose, with the required secrets filled in."""
    env = {}
    for key, value in s.environment(next(iter(s.rasa_servers().values()))).items():
        default = s.compose_default(value)
        env[key] = default if default is not None else f"test-{key.lower()}"
    env.update(overrides)
    return env


@pytest.fixture
def production_env(monkeypatch):
    def apply(**overrides: str) -> dict[str, str]:
        env = _production_env(**overrides)
        for key, value in env.items():
            monkeypatch.setenv(key, value)
        return env

    return apply


def test_rasa_reads_the_production_endpoints(production_env):
    from rasa.core.utils import AvailableEndpoints
    from rasa.utils.endpoints import read_endpoint_config

    env = production_env()
    action = read_endpoint_config(str(s.ENDPOINTS_FILE), "action_endpoint")
    assert action.url == env["ACTION_ENDPOINT_URL"]

    tracker = read_endpoint_config(str(s.ENDPOINTS_FILE), "tracker_store")
    assert tracker.type == TRACKER_STORE_TYPE and tracker.url == env["DB_HOST"]
    assert tracker.kwargs["dialect"] == "postgresql"
    assert tracker.kwargs["port"] == env["DB_PORT"]  # a string: Rasa casts it with int()
    assert tracker.kwargs["db"] == env["DB_NAME"]
    assert tracker.kwargs["username"] == env["DB_USER"]
    assert tracker.kwargs["password"] == env["DB_PASSWORD"]

    lock = read_endpoint_config(str(s.ENDPOINTS_FILE), "lock_store")
    assert lock.type == ATOMIC_LOCK_STORE, "Rasa's own `redis` lock store is not atomic across servers"
    assert lock.url == env["REDIS_HOST"]
    assert lock.kwargs["port"] == env["REDIS_PORT"] and lock.kwargs["db"] == env["REDIS_DB"]
    assert lock.kwargs["password"] == env["REDIS_PASSWORD"]
    assert lock.kwargs["key_prefix"].isalnum(), "Rasa ignores a non-alphanumeric key_prefix"

    for config in (action, tracker, lock):
        values = [config.url, *map(str, config.kwargs.values())]
        assert not any("${" in value for value in values), f"unexpanded placeholder in {values}"

    endpoints = AvailableEndpoints.read_endpoints(str(s.ENDPOINTS_FILE))
    assert endpoints.model is None, "the servers load the mounted model file, not a model server"
    assert endpoints.event_broker is None and endpoints.nlg is None


def test_rasa_refuses_to_start_without_a_secret(production_env, monkeypatch):
    from rasa.shared.exceptions import RasaException
    from rasa.utils.endpoints import read_endpoint_config

    production_env()
    monkeypatch.delenv("DB_PASSWORD")
    with pytest.raises(RasaException, match="DB_PASSWORD"):
        read_endpoint_config(str(s.ENDPOINTS_FILE), "tracker_store")


def test_rasa_reads_the_lock_lifetime(production_env):
    from rasa.core import lock_store

    env = production_env()
    assert lock_store._get_lock_lifetime() == int(env["TICKET_LOCK_LIFETIME"])


@pytest.fixture
def local_postgres():
    """A throw-away database on the local PostgreSQL (libpq's PGHOST/PGPORT/PGUSER/PGPASSWORD)."""
    host = os.environ.get("PGHOST", "127.0.0.1")
    port = int(os.environ.get("PGPORT", "5432"))
    user = os.environ.get("PGUSER", "postgres")
    password = os.environ.get("PGPASSWORD", "")
    if not accepts_connections(host, port, timeout=2):
        s.skip_or_fail(f"no PostgreSQL on {host}:{port}")
    import psycopg2

    try:
        admin = psycopg2.connect(
            host=host, port=port, user=user, password=password, dbname="postgres", connect_timeout=3
        )
    except psycopg2.OperationalError as error:
        s.skip_or_fail(f"cannot log in to PostgreSQL on {host}:{port} as {user}: {error}")
    admin.autocommit = True
    name = f"charley_deploy_test_{secrets.token_hex(4)}"
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        yield {
            "DB_HOST": host,
            "DB_PORT": str(port),
            "DB_USER": user,
            "DB_PASSWORD": password,
            "DB_NAME": name,
        }
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.close()


@pytest.fixture
def local_redis():
    host = os.environ.get("REDIS_TEST_HOST", "127.0.0.1")
    port = int(os.environ.get("REDIS_TEST_PORT", "6379"))
    password = os.environ.get("REDIS_TEST_PASSWORD", "")
    if not accepts_connections(host, port, timeout=2):
        s.skip_or_fail(f"no Redis on {host}:{port}")
    import redis

    try:
        redis.Redis(host=host, port=port, password=password or None, socket_timeout=2).ping()
    except redis.RedisError as error:
        s.skip_or_fail(f"Redis on {host}:{port} does not answer PING: {error}")
    # db 15: out of the way of anything using the default db 0 on this machine.
    return {"REDIS_HOST": host, "REDIS_PORT": str(port), "REDIS_PASSWORD": password, "REDIS_DB": "15"}


async def test_tracker_store_is_sql_on_postgresql(production_env, local_postgres):
    from rasa.core.tracker_store import SQLTrackerStore, TrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker
    from rasa.utils.endpoints import read_endpoint_config

    env = production_env(**local_postgres)
    config = read_endpoint_config(str(s.ENDPOINTS_FILE), "tracker_store")
    domain = Domain.load(str(s.ROOT / "domain.yml"))
    store = TrackerStore.create(config, domain)
    try:
        assert isinstance(store, SQLTrackerStore)
        assert store.engine.dialect.name == "postgresql"
        assert store.engine.url.database == env["DB_NAME"] and store.engine.url.host == env["DB_HOST"]
        # SQL_POOL_SIZE from compose reached SQLAlchemy (Rasa's default would be 50).
        assert store.engine.pool.size() == int(env["SQL_POOL_SIZE"])

        sender = f"deploy-test-{secrets.token_hex(4)}"
        tracker = DialogueStateTracker.from_events(
            sender, [UserUttered("my calf cramps at night"), SlotSet("body_location", "calf")], domain.slots
        )
        await store.save(tracker)
        # A second server reading the same database sees the conversation.
        other = TrackerStore.create(config, domain)
        try:
            again = await other.retrieve(sender)
            assert again is not None and again.get_slot("body_location") == "calf"
            assert again.latest_message.text == "my calf cramps at night"
        finally:
            other.engine.dispose()
    finally:
        store.engine.dispose()


async def test_lock_store_is_redis(production_env, local_redis):
    from rasa.core.lock_store import LockStore
    from rasa.utils.endpoints import read_endpoint_config

    from bot.rasa_overrides.lock_store import AtomicRedisLockStore

    production_env(**local_redis)
    store = LockStore.create(read_endpoint_config(str(s.ENDPOINTS_FILE), "lock_store"))
    assert isinstance(store, AtomicRedisLockStore)
    assert store.key_prefix == "charley:lock:"
    assert store.red.ping()  # the constructor does not connect; this does

    conversation = f"deploy-test-{secrets.token_hex(4)}"
    key = store.key_prefix + conversation
    try:
        async with store.lock(conversation):
            assert store.red.exists(key), "the lock is not kept in Redis under the charley: prefix"
            # A second server sees this conversation as busy.
            other = LockStore.create(read_endpoint_config(str(s.ENDPOINTS_FILE), "lock_store"))
            ticket = other.issue_ticket(conversation)
            assert other.get_lock(conversation).is_locked(ticket)
            other.cleanup(conversation, ticket)
        assert not store.red.exists(key), "the lock outlived the message"
    finally:
        store.red.delete(key)


# ------------------------------------------------------------------------------ docs


def test_scaling_doc_names_every_setting():
    text = s.SCALING_DOC.read_text()
    rasa_env = set(s.environment(next(iter(s.rasa_servers().values()))))
    for variable in sorted(_endpoint_placeholders() | rasa_env - {"PYTHONPATH", "HOME"}):
        assert variable in text, f"docs/scaling.md does not mention {variable}"
    for name in sorted(REQUIRED_SERVICES):
        assert name in text, f"docs/scaling.md does not mention the {name} service"
    assert "9213" in text, "docs/scaling.md should cite the lock store issue"
