"""The layering in the README, kept: reads every import in app/ and fails on a new one that points back up.

Run `.venv/bin/python scripts/import_layers.py` to see the list (add `--rev main` for another commit)."""
import importlib.util
from pathlib import Path

_spec = importlib.util.spec_from_file_location(
    "import_layers", Path(__file__).resolve().parent.parent / "scripts" / "import_layers.py")
layers = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(layers)

# Back-edges that exist today, each with the reason it is still here. Remove a line when its edge goes;
# never add one: put the shared thing in a lower home (or in app/chain.py for pages) instead.
KNOWN = {
    ("app.issues.forms", "app.moderation.models"): "the flag form lists moderation's reasons (issue #11 flag work)",
    ("app.issues.interactions", "app.moderation.services"): "the flag route on issue pages calls flag_content",
    ("app.issues.routes", "app.cases.services"): "issue pages show related case studies (issue #13 related cases)",
    ("app.notifications.services", "app.issues.models"): "followers of an issue (issue #12 events replace this)",
}


def test_no_import_points_back_up_the_layers_beyond_the_known_ones():
    new = [f"{source} -> {target}" for source, target in layers.back_edges() if (source, target) not in KNOWN]
    assert not new, "imports that point back up the layers (see README, Layers):\n" + "\n".join(new)


def test_known_back_edges_are_still_real():
    gone = set(KNOWN) - set(layers.back_edges())
    assert not gone, f"these back-edges are gone: remove them from KNOWN: {sorted(gone)}"


def test_no_module_imports_another_modules_private_names():
    _edges, private = layers.import_edges()
    assert not private, private


def test_every_app_package_has_a_layer():
    packages = {layers.package_of(m) for edge in layers.import_edges()[0] for m in edge}
    missing = packages - set(layers.RANK) - {layers.RULES}
    assert not missing, f"add these packages to LAYERS in scripts/import_layers.py (and the README): {missing}"


def test_the_check_sees_a_feature_importing_one_above_it():
    assert layers.is_back_edge("app.issues.services", "app.grants.models")
    assert layers.is_back_edge("app.plan.services", "app.issues.models")
    assert layers.is_back_edge("app.issues.services", "app.chain")  # only pages read the chain
    assert layers.is_back_edge("app.accounts.models", "app.accounts.services") is False  # same package
    assert layers.is_back_edge("app.centers.models", "app.audit.services")  # models import only models and base
    assert layers.is_back_edge("app.permissions", "app.issues.services")  # rules read models, not services
    assert not layers.is_back_edge("app.permissions", "app.grants.models")
    assert not layers.is_back_edge("app.issues.routes", "app.chain")
    assert not layers.is_back_edge("app.cases.services", "app.issues.models")
