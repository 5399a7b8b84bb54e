"""The layer order of the package, held statically: an upward or sideways import fails CI.

Read from the source with ``ast`` (every ``import``, also inside functions and under
``TYPE_CHECKING``), so a lazy import counts as much as a top-level one. From the top:

======================================  =================================================
layer                                   units
======================================  =================================================
ways in                                 ``pulumi_tione`` (the package's lazy exports), ``cli``,
                                        ``policy``, ``dynamic`` (0.1.0's pickle path)
drift                                   ``drift`` (reads dynamic and native state)
adapters                                ``stack`` (dynamic resources), ``native`` (the plugin)
core                                    ``core`` (both adapters' one core, and the state documents)
workloads                               ``workloads``
images                                  ``images``
api                                     ``api``
bottom                                  ``errors``, ``_spelling``, ``_echo``, ``_net``
======================================  =================================================

A unit imports its own modules and units of lower layers only; units of one layer do not import
each other (``stack`` and ``native`` are the two ways in to one core), except the bottom ones,
which are ordered among themselves as listed. ``emulator`` is standalone: it imports the bottom
only, and nothing but ``cli`` imports it. Compatibility aliases (an old path re-exporting a
moved module) may import their target, and nothing in the package imports them.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "provider" / "pulumi_tione"

LAYERS: tuple[tuple[str, ...], ...] = (
    ("pulumi_tione", "pulumi_tione.cli", "pulumi_tione.policy", "pulumi_tione.dynamic"),
    ("pulumi_tione.drift",),
    ("pulumi_tione.stack", "pulumi_tione.native"),
    ("pulumi_tione.core",),
    ("pulumi_tione.workloads",),
    ("pulumi_tione.images",),
    ("pulumi_tione.api",),
    ("pulumi_tione.errors", "pulumi_tione._spelling", "pulumi_tione._echo", "pulumi_tione._net"),
)
BOTTOM = LAYERS[-1]
EMULATOR = "pulumi_tione.emulator"
ALIASES = {
    "pulumi_tione.stack.state": "pulumi_tione.core.state",
    "pulumi_tione.stack.workload_state": "pulumi_tione.core.workload_state",
    "pulumi_tione.stack.drift": "pulumi_tione.drift",
    "pulumi_tione.stack.workload_drift": "pulumi_tione.drift.workloads",
}
"""Old import path -> the module it re-exports (docs, 0.2 code and old state name the old path)."""


def modules() -> Iterator[tuple[str, Path]]:
    """Every module of the package: (dotted name, file)."""
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        yield name, path


def imports(name: str, path: Path) -> set[str]:
    """The package modules ``name`` imports (absolute, relative, lazy and type-only alike)."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found |= {f"{base}.{a.name}" for a in node.names}
    return {m for m in found if m == "pulumi_tione" or m.startswith("pulumi_tione.")}


def unit(module: str) -> str | None:
    """The unit (a row entry of ``LAYERS``, or the emulator) ``module`` belongs to."""
    units = [u for layer in LAYERS for u in layer if u != "pulumi_tione"] + [EMULATOR]
    best = max((u for u in units if module == u or module.startswith(u + ".")), key=len, default=None)
    return best or ("pulumi_tione" if module == "pulumi_tione" else None)


def rank(u: str) -> tuple[int, int]:
    """(layer index, position in the bottom layer) of unit ``u``."""
    for i, layer in enumerate(LAYERS):
        if u in layer:
            return i, layer.index(u) if layer is BOTTOM else 0
    raise KeyError(u)


def existing(module: str, known: set[str]) -> str:
    """``module``, or its package if ``module`` is a name imported from it (``from x import y``)."""
    return module if module in known else module.rsplit(".", 1)[0]


def violations() -> list[str]:
    found = dict(modules())
    known = set(found)
    problems: list[str] = []
    for name, path in found.items():
        mine = unit(name)
        if mine is None:
            problems.append(f"{name}: belongs to no layer; add its unit to LAYERS")
            continue
        for target in sorted(existing(m, known) for m in imports(name, path)):
            theirs = unit(target)
            if theirs is None or theirs == mine or target == "pulumi_tione":  # every import loads the root
                continue
            if target in ALIASES:
                problems.append(f"{name} imports {target}, a compatibility alias: import {ALIASES[target]}")
            elif (name in ALIASES and target == ALIASES[name]) or name == "pulumi_tione":
                continue
            elif theirs == EMULATOR:
                if mine != "pulumi_tione.cli":
                    problems.append(f"{name} imports the emulator, which only the CLI may serve")
            elif mine == EMULATOR:
                if theirs not in BOTTOM:
                    problems.append(f"{name}: the emulator is standalone, but it imports {target}")
            elif rank(theirs) <= rank(mine):
                problems.append(f"{name} ({mine}) imports {target} ({theirs}): not a lower layer")
    return problems


def test_every_import_goes_down_the_layers() -> None:
    assert not violations(), "\n".join(violations())


def test_every_alias_is_a_module_that_re_exports_its_target() -> None:
    found = dict(modules())
    for alias, target in ALIASES.items():
        assert target in imports(alias, found[alias]), alias
        assert target in found, target


@pytest.mark.parametrize(("source", "expected"), [
    ("from pulumi_tione.stack.resources import Notebook", "not a lower layer"),
    ("from ..native import names", "not a lower layer"),
    ("def f():\n    from pulumi_tione.emulator import Emulator", "only the CLI may serve"),
    ("from pulumi_tione.stack.state import VERSION_KEY", "a compatibility alias"),
])
def test_the_check_catches_an_upward_import(tmp_path: Path, source: str, expected: str,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """A core module that imports a way in (or the emulator, or an alias) is reported."""
    planted = tmp_path / "planted.py"
    planted.write_text(source + "\n", encoding="utf-8")
    real = modules

    def with_planted() -> Iterator[tuple[str, Path]]:
        yield from real()
        yield "pulumi_tione.core.planted", planted

    monkeypatch.setattr(f"{__name__}.modules", with_planted)
    assert any(expected in p and "planted" in p for p in violations()), violations()
