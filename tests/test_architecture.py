"""The packages import each other in one direction (docs/architecture.md):

    cli -> workshop -> app -> analysis -> model -> scenario -> base
    cli -> experiments (with ema) -> analysis

checked by parsing the imports of every module (top-level and inside functions alike), so a
cycle cannot hide in an import inside a function. Also: no module imports a private name of
another module, a private module from outside its own package, or reads a private attribute of
an object that is not its own (Mesa's ``grid._cells``, say).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).parents[1] / "src"

# module (or package) -> (layer, rank); the longest matching prefix decides. A module may
# import its own layer or a layer of lower rank; layers of equal rank (experiments and the
# app) may not import each other. Every module of the package must match an entry below the
# package itself (test_every_module_has_a_layer), so a new package cannot slip in at the top.
LAYERS = {
    "wijksim": ("package", 7),  # the package's public face: WijkModel, load_scenario, ...
    "wijksim.cli": ("cli", 6),
    "wijksim.experiments.cli": ("cli", 6),  # the command-line face of experiments
    "wijksim.app.cli": ("cli", 6),  # the command-line face of the app
    "wijksim.workshop.cli": ("cli", 6),  # the command-line face of the workshop
    # the workshop is built on the app (its session, views, texts, access codes, server), so
    # it stands above it; experiments and the app do not import it
    "wijksim.workshop": ("workshop", 5),
    "wijksim.experiments": ("experiments", 4),
    "wijksim.run": ("experiments", 4),  # one scenario run, written to a folder
    "wijksim.ema": ("experiments", 4),  # the EMA Workbench model: runs scenarios, as above
    "wijksim.app": ("app", 4),
    "wijksim.analysis": ("analysis", 3),
    "wijksim.model": ("model", 2),
    "wijksim.scenario": ("scenario", 1),
    "wijksim._version": ("base", 0),
    "wijksim.paths": ("base", 0),
    "wijksim.provenance": ("base", 0),
    "wijksim.files": ("base", 0),
}
# names with a leading underscore that are public API all the same (os._exit: how a forked
# child ends, per the os module's documentation)
PUBLIC_UNDERSCORE = {"__version__", "_fields", "_asdict", "_replace", "_make", "_exit"}
# The one place that touches a Mesa internal, to work around a Mesa bug: Mesa 3.3 keeps every
# model in Agent._ids (mesa#3179, fixed in Mesa 3.4, which needs Python 3.12).
MESA_WORKAROUNDS = {("wijksim.model.agent_ids", "_ids")}


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted((SRC / "wijksim").rglob("*.py"))}


def layer_of(module: str) -> tuple[str, int]:
    best = max((k for k in LAYERS if module == k or module.startswith(k + ".")), key=len)
    return LAYERS[best]


def type_checking_only(tree: ast.Module) -> set[int]:
    """Ids of import nodes under ``if TYPE_CHECKING:`` (annotations only, never run)."""
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test).endswith("TYPE_CHECKING"):
            ids |= {id(n) for stmt in node.body for n in ast.walk(stmt)}
    return ids


def imports(module: str) -> list[tuple[str, str | None, int]]:
    """(imported module, imported name or None, line) for every import of ``module``."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    tree = ast.parse(path.read_text())
    skip = type_checking_only(tree)
    found = []
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                found.append((sub, None, node.lineno) if sub in MODULES
                             else (target, alias.name, node.lineno))
        elif isinstance(node, ast.Import):
            found += [(alias.name, None, node.lineno) for alias in node.names]
    return found


def direction_problems(module: str, edges) -> list[str]:
    layer, rank = layer_of(module)
    out = []
    for target, _, line in edges:
        if target not in MODULES:
            continue
        t_layer, t_rank = layer_of(target)
        if t_layer != layer and t_rank >= rank:
            out.append(f"{module}:{line} ({layer}) imports {target} ({t_layer})")
    return out


def private_problems(module: str, edges) -> list[str]:
    out = []
    for target, name, line in edges:
        if name and name.startswith("_") and name not in PUBLIC_UNDERSCORE:
            out.append(f"{module}:{line} imports the private name {name} from {target}")
        parts = target.split(".")
        for k, part in enumerate(parts):
            owner = ".".join(parts[:k])  # the package a private module belongs to
            if part.startswith("_") and part not in PUBLIC_UNDERSCORE and owner and not (
                    module == owner or module.startswith(owner + ".")):
                out.append(f"{module}:{line} imports {target}, private to {owner}")
    return out


def test_every_module_has_a_layer():
    """Every module matches an entry of ``LAYERS`` other than the package's own: a module
    that fell through to ``wijksim`` could import anything and would be checked for nothing."""
    assert len(MODULES) > 40
    unplaced = [m for m in MODULES if m != "wijksim" and layer_of(m) == LAYERS["wijksim"]]
    assert not unplaced, f"modules without a layer in LAYERS: {unplaced}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_go_one_way_and_use_no_private_names(module):
    edges = imports(module)
    problems = direction_problems(module, edges) + private_problems(module, edges)
    assert not problems, "\n".join(problems)


def test_no_module_reads_private_attributes_of_others():
    """``x._name`` only on ``self`` or ``cls``: not Mesa's internals, nor another class's."""
    problems = []
    for module, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text())):
            if (isinstance(node, ast.Attribute) and node.attr.startswith("_")
                    and not node.attr.startswith("__") and node.attr not in PUBLIC_UNDERSCORE
                    and (module, node.attr) not in MESA_WORKAROUNDS
                    and not (isinstance(node.value, ast.Name)
                             and node.value.id in ("self", "cls"))):
                problems.append(f"{module}:{node.lineno} reads {ast.unparse(node)}")
    assert not problems, "\n".join(problems)


def test_no_import_cycles_between_modules():
    """Imports inside functions count: a cycle hidden in one is still a cycle."""
    graph = {m: {t for t, _, _ in imports(m) if t in MODULES and t != m} for m in MODULES}
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(m: str) -> list[str] | None:
        state[m] = 1
        path.append(m)
        for t in sorted(graph[m]):
            if state.get(t) == 1:
                return path[path.index(t):] + [t]
            if t not in state and (cycle := visit(t)):
                return cycle
        state[m] = 2
        path.pop()
        return None

    for m in sorted(graph):
        if m not in state:
            cycle = visit(m)
            assert cycle is None, " -> ".join(cycle)
