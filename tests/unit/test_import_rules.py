"""The layers keep their import rules: production code never needs the development tools, the scheduler only
ticks (it never reaches into the Telegram layer), and the domain stays pure."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from functools import cache
from pathlib import Path

import pytest

import coach

PACKAGE_ROOT = Path(coach.__file__).parent
PRODUCTION = ("core", "domain", "store", "services", "bot", "scheduler", "webhook")


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE_ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def _graph() -> dict[str, set[str]]:
    """Every coach module and the coach modules it imports anywhere in its body (lazy imports included)."""
    graph: dict[str, set[str]] = {}
    for path in PACKAGE_ROOT.rglob("*.py"):
        name = _module_name(path)
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        imported: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join(parent + ([base] if base else []))
                imported.add(base)
                imported.update(f"{base}.{alias.name}" for alias in node.names)
        graph[name] = {m for m in imported if m == "coach" or m.startswith("coach.")}
    return graph


def _reachable(start: str) -> set[str]:
    graph, seen, todo = _graph(), set(), [start]
    while todo:
        for target in graph.get(todo.pop(), ()):
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def _modules_under(*packages: str) -> list[str]:
    return sorted(m for m in _graph() if any(m == f"coach.{p}" or m.startswith(f"coach.{p}.") for p in packages))


@pytest.mark.parametrize("module", _modules_under(*PRODUCTION))
def test_production_code_never_imports_the_development_tools(module: str) -> None:
    """The bot runs without the emulator, the cluster harness, the demo or the command line."""
    leaks = sorted(m for m in _reachable(module) if m.startswith(("coach.devtools", "coach.cli")))
    assert not leaks, f"{module} reaches {leaks}"


@pytest.mark.parametrize("module", _modules_under("scheduler"))
def test_the_scheduler_never_imports_the_telegram_layer(module: str) -> None:
    """The scheduler ticks; what it decides to say goes out through the outbox, not through bot/."""
    leaks = sorted(m for m in _reachable(module) if m.startswith("coach.bot"))
    assert not leaks, f"{module} reaches {leaks}"


@pytest.mark.parametrize("module", _modules_under("domain"))
def test_the_domain_imports_no_other_layer(module: str) -> None:
    """Rules are pure: no database, no Telegram, no use cases."""
    allowed = ("coach.domain", "coach.core.clock")
    leaks = sorted(m for m in _reachable(module) if not m.startswith(allowed) and m != "coach")
    assert not leaks, f"{module} reaches {leaks}"


def test_every_module_in_the_rules_imports() -> None:
    """The graph above is read from source; importing each module proves it describes code that loads."""
    for info in pkgutil.walk_packages(coach.__path__, "coach."):
        if info.name.split(".")[1] in PRODUCTION:
            importlib.import_module(info.name)
