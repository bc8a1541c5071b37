"""The package's floors and the imports between them, read from the source (no module is imported).

    python scripts/floors.py            # every edge between floors, with the modules that make it
    python scripts/floors.py --check    # exit 1 when a module imports from a floor above its own

A floor may import from its own floor and any floor below; never from above. The list printed is the
package's dependency picture: every edge in it points down.
"""
from __future__ import annotations

import ast
import sys
from pathlib import Path

PACKAGE = "minutes_archive"
# Lowest first. A module's floor is that of its longest listed prefix.
FLOORS = [
    ("ground", ["errors", "records"]),
    ("extraction", ["extraction"]),
    ("storage", ["storage"]),
    ("search", ["search"]),
    ("citations", ["citations"]),
    ("api", ["archive"]),
    ("skins", ["cli", "samples", "web"]),
    ("entry", ["__init__", "__main__"]),
]
LEVEL = {prefix: (n, name) for n, (name, prefixes) in enumerate(FLOORS) for prefix in prefixes}


def floor_of(module: str) -> tuple[int, str]:
    """`module` without the package prefix, e.g. "storage.catalog"."""
    parts = module.split(".")
    for size in range(len(parts), 0, -1):
        found = LEVEL.get(".".join(parts[:size]))
        if found:
            return found
    raise KeyError(f"{module} belongs to no floor: add it to FLOORS")


def _module(root: Path, package: str, name: str) -> str:
    candidate = f"{package}.{name}" if package else name
    path = root.joinpath(*candidate.split("."))
    return candidate if path.with_suffix(".py").is_file() or path.is_dir() else package


def imports(root: Path) -> list[tuple[str, str, int]]:
    """(importing module, imported module, line), both without the package prefix; lazy imports included."""
    found = []
    for path in sorted(root.rglob("*.py")):
        module = ".".join(path.relative_to(root).with_suffix("").parts)
        package = module.removesuffix(".__init__") if path.name == "__init__.py" else module.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".") if package else []
                    base = base[:len(base) - (node.level - 1)]
                    target = ".".join(base + ([node.module] if node.module else []))
                elif (node.module or "").startswith(PACKAGE + "."):
                    target = node.module[len(PACKAGE) + 1:]
                else:
                    continue
                # `from ..storage import catalog`: a name that is a module is its own edge
                names = {_module(root, target, a.name) for a in node.names}
                found += [(module, name, node.lineno) for name in sorted(names) if name]
            elif isinstance(node, ast.Import):
                found += [(module, a.name[len(PACKAGE) + 1:], node.lineno) for a in node.names
                          if a.name.startswith(PACKAGE + ".")]
    return found


def upward(root: Path) -> list[str]:
    return [f"{source} (line {line}) imports {target}: floor {floor_of(source)[1]} looks up to {floor_of(target)[1]}"
            for source, target, line in imports(root) if floor_of(target)[0] > floor_of(source)[0]]


def main(argv: list[str]) -> int:
    root = Path(__file__).resolve().parent.parent / PACKAGE
    if "--check" in argv:
        wrong = upward(root)
        print("\n".join(wrong) or "every import looks down or sideways")
        return 1 if wrong else 0
    edges: dict[tuple[str, str], set[str]] = {}
    for source, target, _ in imports(root):
        low, high = floor_of(source), floor_of(target)
        if low != high:
            edges.setdefault((low[1], high[1]), set()).add(f"{source} -> {target}")
    order = {name: n for n, (name, _) in enumerate(FLOORS)}
    for (source, target), modules in sorted(edges.items(), key=lambda e: (-order[e[0][0]], -order[e[0][1]])):
        arrow = "down" if order[target] < order[source] else "UP"
        print(f"{source} -> {target} ({arrow}, {len(modules)} imports)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
