"""Read every import in app/ and list the ones that point back up the layers (the README's "Layers").

    .venv/bin/python scripts/import_layers.py             # the working tree
    .venv/bin/python scripts/import_layers.py --rev main  # any commit, read from git (e.g. before a change)

Prints each back-edge as "importing module -> imported module", then the count, the feature packages that
import each other, and any import of another module's private (_underscore) name. tests/test_import_layers.py
runs the same check and fails on a back-edge that is not already listed there.
"""
import argparse
import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Lowest first. A module may import its own package and packages in the same or a lower layer.
LAYERS = [
    ("base", {"extensions", "util"}),
    ("infrastructure", {"mail", "audit", "photos", "documents", "errors", "security"}),
    ("centers", {"centers", "departments"}),
    ("accounts", {"accounts"}),
    ("notifications", {"notifications"}),
    ("plan", {"plan"}),
    ("groups", {"groups"}),
    ("issues", {"issues"}),
    ("referrals", {"referrals"}),
    ("moderation", {"moderation"}),
    ("workshops", {"workshops"}),
    ("grants", {"grants"}),
    ("cases", {"cases"}),
    ("intake", {"intake"}),
    ("composition", {"chain", "coverage", "stats", "api", "home", "demo", "templating", "__init__"}),
]
RANK = {package: n for n, (_name, packages) in enumerate(LAYERS) for package in packages}
FEATURES = {"issues", "referrals", "moderation", "workshops", "groups", "grants", "cases", "intake"}
RULES = "permissions"  # every "can X do Y": may read any package's models and states, and anyone may import it
MODEL_MODULES = {"models", "lifecycle", "states"}  # tables and state tables: import only base and other models
VIEW_MODULES = {"routes", "interactions", "feeds", "cli"}  # pages and commands (also any *_routes)
READ_MODELS = {"app.chain", "app.coverage"}  # the co-creation chain and plan coverage: read by pages only


def _sources(rev):
    """{module name: source text} for app/, from the working tree or from a git commit."""
    if rev is None:
        files = {str(p.relative_to(ROOT)): p.read_text(encoding="utf-8") for p in (ROOT / "app").rglob("*.py")}
    else:
        names = subprocess.run(["git", "ls-tree", "-r", "--name-only", rev, "app"], cwd=ROOT, check=True,
                               capture_output=True, text=True).stdout.split()
        files = {n: subprocess.run(["git", "show", f"{rev}:{n}"], cwd=ROOT, check=True, capture_output=True,
                                   text=True).stdout for n in names if n.endswith(".py")}
    modules = {}
    for path, text in files.items():
        parts = path[:-3].split("/")
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules[".".join(parts)] = (text, path.endswith("__init__.py"))
    return modules


def _targets(node, module, is_package, modules):
    """The app modules one import statement reads."""
    if isinstance(node, ast.Import):
        return [a.name for a in node.names if a.name == "app" or a.name.startswith("app.")]
    if node.level:  # relative: from . import routes
        base = module.split(".")
        base = base if is_package else base[:-1]
        base = base[:len(base) - node.level + 1]
        parent = ".".join(base + ([node.module] if node.module else []))
    else:
        parent = node.module or ""
    if parent != "app" and not parent.startswith("app."):
        return []
    return [f"{parent}.{a.name}" if f"{parent}.{a.name}" in modules else parent for a in node.names]


def import_edges(rev=None):
    """{(importing module, imported module)} plus [(module, imported private name)], across all of app/."""
    modules = _sources(rev)
    edges, private = set(), []
    for module, (text, is_package) in modules.items():
        for node in ast.walk(ast.parse(text)):
            if not isinstance(node, (ast.Import, ast.ImportFrom)):
                continue
            for target in _targets(node, module, is_package, modules):
                if target != module:
                    edges.add((module, target))
            if isinstance(node, ast.ImportFrom):
                private += [(module, f"{node.module}.{a.name}") for a in node.names
                            if a.name.startswith("_") and not a.name.startswith("__")]
    return edges, private


def package_of(module):
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _kind(module):
    leaf = module.split(".")[-1]
    if leaf in MODEL_MODULES:
        return "model"
    if leaf in VIEW_MODULES or leaf.endswith("_routes"):
        return "view"
    return "other"


def is_back_edge(source, target):
    """True when `source` importing `target` points up the layers."""
    src, dst = package_of(source), package_of(target)
    if src == dst or dst == RULES:
        return False
    if src == RULES:
        return _kind(target) != "model" and dst not in LAYERS[0][1]
    if _kind(source) == "model" and _kind(target) != "model" and dst not in LAYERS[0][1]:
        return True  # models import only extensions/util and other models
    if target in READ_MODELS:
        return _kind(source) != "view" and RANK.get(src, 0) < RANK["chain"]
    return RANK.get(dst, 0) > RANK.get(src, 0)


def back_edges(rev=None):
    edges, _private = import_edges(rev)
    return sorted(e for e in edges if is_back_edge(*e))


def mutual_feature_pairs(rev=None):
    """Pairs of feature packages that import each other (in either direction, any module)."""
    edges, _private = import_edges(rev)
    pairs = {(package_of(a), package_of(b)) for a, b in edges}
    return sorted({tuple(sorted(p)) for p in pairs
                   if p[0] != p[1] and p[::-1] in pairs and set(p) <= FEATURES | {"plan", "centers", "accounts"}})


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rev", help="read app/ at this git commit instead of the working tree")
    args = parser.parse_args(argv)
    found = back_edges(args.rev)
    for source, target in found:
        print(f"{source} -> {target}")
    pairs = mutual_feature_pairs(args.rev)
    _edges, private = import_edges(args.rev)
    print(f"back-edges: {len(found)}")
    print(f"packages importing each other: {len(pairs)} ({', '.join('/'.join(p) for p in pairs)})")
    print(f"private-name imports: {len(private)}" + "".join(f"\n  {m} imports {n}" for m, n in private))
    return 0


if __name__ == "__main__":
    sys.exit(main())
