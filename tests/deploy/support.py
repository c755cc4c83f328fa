"""Readers for the deployment files (compose, Dockerfiles, nginx.conf, pins) used by the tests.

Nothing here needs Docker: the files are parsed and compared with the project and with what
Rasa 3.6 itself accepts.
"""

from __future__ import annotations

import ast
import importlib.metadata
import os
import re
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
COMPOSE_FILE = DEPLOY / "docker-compose.yml"
ENDPOINTS_FILE = DEPLOY / "endpoints.production.yml"
NGINX_FILE = DEPLOY / "nginx.conf"
CREDENTIALS_FILE = ROOT / "credentials.yml"
LOCK_FILE = ROOT / "requirements" / "runtime.lock"
SCALING_DOC = ROOT / "docs" / "scaling.md"

CI = os.environ.get("CI", "").lower() == "true"

RASA_IMAGE = "rasa/rasa"
SDK_IMAGE = "rasa/rasa-sdk"

PLACEHOLDER = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


def skip_or_fail(reason: str) -> None:
    """Local runs skip when a service is missing; CI (CI=true) must have it."""
    if CI:
        pytest.fail(f"{reason} (CI=true: the service is required)")
    pytest.skip(reason)


# ------------------------------------------------------------------------------ compose


@cache
def compose() -> dict[str, Any]:
    # PyYAML's safe loader resolves the `<<: *anchor` merge keys the compose file uses.
    return yaml.safe_load(COMPOSE_FILE.read_text())


def services() -> dict[str, dict[str, Any]]:
    return compose()["services"]


def environment(service: dict[str, Any]) -> dict[str, str]:
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) if "=" in item else (item, "") for item in env)
    return {str(k): "" if v is None else str(v) for k, v in env.items()}


_INTERPOLATION = re.compile(r"\$\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?P<op>:?[-?])(?P<arg>[^}]*))?\}")


def compose_default(value: str) -> str | None:
    """The value compose gives `value` with no .env: `${X:-d}` -> d; `${X:?msg}`/`${X}` -> None."""
    missing = False

    def sub(match: re.Match) -> str:
        nonlocal missing
        if match.group("op") in (":-", "-"):
            return match.group("arg")
        missing = True
        return ""

    result = _INTERPOLATION.sub(sub, str(value))
    return None if missing else result


def command(service: dict[str, Any]) -> list[str]:
    cmd = service.get("command") or []
    return cmd.split() if isinstance(cmd, str) else [str(part) for part in cmd]


def option(cmd: list[str], name: str) -> str | None:
    for i, part in enumerate(cmd):
        if part == name and i + 1 < len(cmd):
            return cmd[i + 1]
        if part.startswith(name + "="):
            return part.split("=", 1)[1]
    return None


@dataclass(frozen=True)
class Mount:
    source: str  # a host path (resolved) or a named volume
    target: str
    read_only: bool

    @property
    def is_bind(self) -> bool:
        return self.source.startswith("/")


def mounts(service: dict[str, Any]) -> list[Mount]:
    result = []
    for volume in service.get("volumes") or []:
        if isinstance(volume, dict):
            source, target = volume.get("source", ""), volume["target"]
            read_only = bool(volume.get("read_only"))
        else:
            parts = volume.split(":")
            source, target = parts[0], parts[1]
            read_only = len(parts) > 2 and "ro" in parts[2].split(",")
        if source.startswith((".", "/")):
            source = str((DEPLOY / source).resolve())
        result.append(Mount(source, target, read_only))
    return result


def host_path(service: dict[str, Any], container_path: str) -> Path | None:
    """Where a container path of `service` lives on the host (longest bind mount wins)."""
    best: Mount | None = None
    target = PurePosixPath(container_path)
    for mount in mounts(service):
        if not mount.is_bind:
            continue
        root = PurePosixPath(mount.target)
        if (target == root or root in target.parents) and (
            best is None or len(root.parts) > len(PurePosixPath(best.target).parts)
        ):
            best = mount
    if best is None:
        return None
    return Path(best.source) / target.relative_to(PurePosixPath(best.target))


def dockerfile(service: dict[str, Any]) -> Path | None:
    build = service.get("build")
    if not build:
        return None
    if isinstance(build, str):
        return (DEPLOY / build / "Dockerfile").resolve()
    return (DEPLOY / build.get("context", ".") / build.get("dockerfile", "Dockerfile")).resolve()


def base_image(service: dict[str, Any]) -> str:
    """The image a service runs, or for a built service the image its Dockerfile starts FROM."""
    path = dockerfile(service)
    if path is None:
        return str(service["image"])
    froms = [
        line.split()[1] for line in path.read_text().splitlines() if line.strip().upper().startswith("FROM ")
    ]
    assert froms, f"{path} has no FROM line"
    return froms[-1]


def image_name_and_tag(image: str) -> tuple[str, str]:
    name, _, tag = image.rpartition(":")
    if not name or "/" in tag:
        return image, "latest"
    return name, tag


def services_on(image_name: str) -> dict[str, dict[str, Any]]:
    return {n: s for n, s in services().items() if image_name_and_tag(base_image(s))[0] == image_name}


def rasa_servers() -> dict[str, dict[str, Any]]:
    """Services that run `rasa run` (the replicas behind the proxy)."""
    return {n: s for n, s in services_on(RASA_IMAGE).items() if command(s)[:1] == ["run"]}


def is_one_off(service: dict[str, Any]) -> bool:
    return bool(service.get("profiles"))


# ------------------------------------------------------------------------------ pins


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def read_pins(path: Path) -> dict[str, str]:
    """`name==version` lines of a requirements file (markers, hashes and comments ignored)."""
    pins: dict[str, str] = {}
    text = path.read_text().replace("\\\n", " ")
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        match = re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?\s*==\s*([^\s;]+)", line)
        if match:
            pins[canonical(match.group(1))] = match.group(2)
    return pins


def installed_version(dist: str) -> str | None:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return None


def reference_versions() -> tuple[str, dict[str, str]]:
    """The versions the project runs with: requirements/runtime.lock, else this .venv."""
    if LOCK_FILE.exists():
        return "requirements/runtime.lock", read_pins(LOCK_FILE)
    versions = {canonical(d.metadata["Name"]): d.version for d in importlib.metadata.distributions()}
    return "the installed .venv (no requirements/runtime.lock)", versions


@dataclass
class Closure:
    """Distributions an image has because a package depends on them, with the version ranges."""

    names: set[str] = field(default_factory=set)
    specifiers: dict[str, list[Any]] = field(default_factory=dict)


def requirement_closure(
    root: str, extras: tuple[str, ...] = (), replaced: frozenset[str] = frozenset()
) -> Closure:
    """Everything `root` (with `extras`) pulls in, read from installed metadata (Linux, this Python).

    `replaced`: packages an image gets in another version than this .venv has; what only they
    pull in is not counted (the installed metadata is that of the other version).
    """
    from packaging.requirements import Requirement

    closure = Closure()
    todo: list[tuple[str, tuple[str, ...]]] = [(root, extras)]
    while todo:
        name, wanted_extras = todo.pop()
        key = canonical(name)
        if key in closure.names:
            continue
        closure.names.add(key)
        if key in replaced and key != canonical(root):
            continue
        try:
            requires = importlib.metadata.requires(name) or []
        except importlib.metadata.PackageNotFoundError:
            continue  # not installed here (e.g. an extra's package): known by name only
        for line in requires:
            req = Requirement(line)
            environments = [{"extra": extra} for extra in ("", *wanted_extras)]
            if req.marker is not None and not any(req.marker.evaluate(env) for env in environments):
                continue
            closure.specifiers.setdefault(canonical(req.name), []).append(req.specifier)
            todo.append((req.name, tuple(req.extras)))
    return closure


# ------------------------------------------------------------------------------ imports


def _module_file(module: str) -> Path | None:
    path = ROOT.joinpath(*module.split("."))
    if (path / "__init__.py").exists():
        return path / "__init__.py"
    if path.with_suffix(".py").exists():
        return path.with_suffix(".py")
    return None


def third_party_imports(
    entry_files: list[Path], local: tuple[str, ...] = ("bot", "actions")
) -> dict[str, set[str]]:
    """Top-level third-party modules imported by `entry_files` and by the local modules they import.

    Returns module -> files importing it (relative to the repository root).
    """
    found: dict[str, set[str]] = {}
    seen: set[Path] = set()
    todo = list(entry_files)
    stdlib = set(sys.stdlib_module_names)
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        package = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        if path.name == "__init__.py":
            package = package.rsplit(".", 1)[0]
        else:
            package = package.rsplit(".", 1)[0] if "." in package else ""
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    module = ".".join([*base, node.module] if node.module else base)
                    names = [module] + [f"{module}.{alias.name}" for alias in node.names]
                else:
                    names = [node.module or ""] + [f"{node.module}.{alias.name}" for alias in node.names]
            for name in names:
                top = name.split(".")[0]
                if not top or top in stdlib:
                    continue
                if top in local:
                    parts = name.split(".")
                    for i in range(1, len(parts) + 1):  # the packages on the way are run too
                        module_file = _module_file(".".join(parts[:i]))
                        if module_file is not None:
                            todo.append(module_file)
                    continue
                if isinstance(node, ast.ImportFrom) and name != (node.module or ""):
                    continue  # `from x import y`: x is what is needed
                found.setdefault(top, set()).add(str(path.relative_to(ROOT)))
    return found


def distribution_of(module: str) -> str | None:
    dists = importlib.metadata.packages_distributions().get(module)
    if dists:
        return dists[0]
    for candidate in (module, module.replace("_", "-")):
        if installed_version(candidate) is not None:
            return candidate
    return None


# ------------------------------------------------------------------------------ nginx


@dataclass
class Directive:
    name: str
    args: list[str]
    block: list[Directive] | None = None

    def find(self, name: str) -> list[Directive]:
        return [d for d in self.block or [] if d.name == name]

    def first(self, name: str) -> Directive | None:
        found = self.find(name)
        return found[0] if found else None


_NGINX_TOKEN = re.compile(r"#[^\n]*|\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'|[{};]|[^\s{};]+")


def parse_nginx(text: str) -> Directive:
    tokens = [t for t in _NGINX_TOKEN.findall(text) if not t.startswith("#")]
    root = Directive("main", [], [])
    stack = [root]
    words: list[str] = []
    for token in tokens:
        if token == ";":
            stack[-1].block.append(Directive(words[0], words[1:]))
            words = []
        elif token == "{":
            directive = Directive(words[0], words[1:], [])
            stack[-1].block.append(directive)
            stack.append(directive)
            words = []
        elif token == "}":
            assert not words, f"unterminated directive {words}"
            stack.pop()
        else:
            words.append(token[1:-1] if token[:1] in "\"'" else token)
    assert len(stack) == 1 and not words, "unbalanced braces in nginx.conf"
    return root


@cache
def nginx() -> Directive:
    return parse_nginx(NGINX_FILE.read_text())


def nginx_http() -> Directive:
    http = nginx().first("http")
    assert http is not None, "nginx.conf has no http block"
    return http


def nginx_upstreams() -> dict[str, Directive]:
    return {u.args[0]: u for u in nginx_http().find("upstream")}


def nginx_locations() -> dict[str, tuple[Directive, Directive]]:
    """location argument string -> (location, its server)."""
    result = {}
    for server in nginx_http().find("server"):
        for location in server.find("location"):
            result[" ".join(location.args)] = (location, server)
    return result


def effective(name: str, location: Directive, server: Directive) -> list[str] | None:
    """A single-valued directive as nginx applies it: the innermost level that sets it."""
    for level in (location, server, nginx_http()):
        found = level.first(name)
        if found is not None:
            return found.args
    return None


def effective_headers(location: Directive, server: Directive) -> dict[str, str]:
    """proxy_set_header is inherited only by levels that set none of their own."""
    for level in (location, server, nginx_http()):
        found = level.find("proxy_set_header")
        if found:
            return {d.args[0].lower(): d.args[1] for d in found}
    return {}


def map_sources(variable: str) -> set[str]:
    """The request variables a (possibly mapped) nginx variable is finally computed from."""
    maps = {m.args[1]: m for m in nginx_http().find("map")}
    result: set[str] = set()
    todo, seen = [variable], set()
    while todo:
        var = todo.pop()
        if var in seen:
            continue
        seen.add(var)
        if var not in maps:
            result.add(var)
            continue
        todo.append(maps[var].args[0])
        for entry in maps[var].block or []:
            todo.extend(re.findall(r"\$[A-Za-z_][A-Za-z0-9_]*", " ".join(entry.args)))
    return result


def duration_seconds(value: str) -> float:
    units = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400}
    match = re.fullmatch(r"(\d+)(ms|s|m|h|d)?", value)
    assert match, f"not an nginx duration: {value}"
    return int(match.group(1)) * units[match.group(2) or "s"]


def size_bytes(value: str) -> int:
    match = re.fullmatch(r"(\d+)([kKmMgG])?", value)
    assert match, f"not an nginx size: {value}"
    return (
        int(match.group(1)) * {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[(match.group(2) or "").lower()]
    )
