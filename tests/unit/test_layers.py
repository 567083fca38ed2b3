"""Dependencies point one way: shells -> core, and inside the core, core -> views -> schemas.

Every module's runtime imports (those under ``if TYPE_CHECKING:`` excepted) are read with ``ast``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHELLS = ("liveledger", "replay", "streams.app", "faust", "aiokafka", "aiohttp")

#: package -> the top-level names its modules must never import at run time
FORBIDDEN = {
    "schemas": (*SHELLS, "streams"),
    "streams.extract": (*SHELLS, "streams.core", "streams.views", "streams.query"),
    "streams.views": (*SHELLS, "streams.core"),
    "streams.core": SHELLS,
}


def _runtime_imports(tree: ast.Module) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    guarded: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            guarded.update(id(n) for n in ast.walk(node))
    for node in ast.walk(tree):
        if id(node) in guarded:
            continue
        if isinstance(node, ast.Import):
            out.extend((node.lineno, a.name) for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append((node.lineno, node.module))
    return out


def _modules(package: str) -> list[Path]:
    return sorted((ROOT / package.replace(".", "/")).rglob("*.py"))


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_a_core_package_never_imports_what_builds_on_it(package: str) -> None:
    assert _modules(package), f"no modules found under {package}"
    bad = [
        f"{path.relative_to(ROOT)}:{line} imports {name}"
        for path in _modules(package)
        for line, name in _runtime_imports(ast.parse(path.read_text(encoding="utf-8")))
        if any(name == f or name.startswith(f + ".") for f in FORBIDDEN[package])
    ]
    assert not bad, "\n".join(bad)
