"""The layers contract (pyproject.toml, docs/adr/0007-layers.md) holds on the tree, and
breaking it — a domain app importing ``progress`` — fails it, naming the import."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
PACKAGES = [
    "config",
    "opendata",
    "demo",
    "progress",
    "newsletter",
    "collab",
    "study",
    "trainings",
    "cms",
    "maps",
    "agenda",
    "coaching",
    "organisations",
    "core",
]

pytestmark = pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="import-linter absent")


def lint(tree: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=tree,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_tree_keeps_its_layers():
    result = lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_a_domain_app_importing_progress_breaks_the_contract(tmp_path):
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    animations = tmp_path / "coaching" / "models" / "animations.py"
    animations.write_text(
        animations.read_text() + "\nfrom progress.indicators import programme_indicators\n"
    )
    result = lint(tmp_path)
    assert result.returncode == 1, result.stdout
    assert "BROKEN" in result.stdout
    assert "coaching.models.animations -> progress.indicators" in result.stdout
