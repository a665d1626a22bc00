"""The shape of the code: portal composes the apps without knowing them, and no app reaches into
another's views. Read from the source itself, so a new import that breaks the shape fails here."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

PACKAGES = ["portal", "accounts", "news", "applications", "faq"]
APPS = [package for package in PACKAGES if package != "portal"]


def imports_of(package):
    """{(importing module path, imported module name)} for every import in the package."""
    found = set()
    for path in (Path(settings.BASE_DIR) / package).rglob("*.py"):
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found.update((path, alias.name) for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add((path, node.module))
            elif isinstance(node, ast.ImportFrom) and node.level > 0:
                found.add((path, f"{package}.{node.module or ''}"))
    return found


def top_level(module):
    return module.split(".")[0]


def test_portal_imports_no_app():
    reached = {
        (path.name, module) for path, module in imports_of("portal") if top_level(module) in APPS
    }
    assert reached == set()


@pytest.mark.parametrize("app", APPS)
def test_no_app_imports_another_apps_views(app):
    reached = {
        (path.name, module)
        for path, module in imports_of(app)
        if top_level(module) in APPS and top_level(module) != app and ".views" in module
    }
    assert reached == set()


def test_the_packages_import_each_other_without_a_cycle():
    arrows = {
        package: {
            top_level(module)
            for _, module in imports_of(package)
            if top_level(module) in PACKAGES and top_level(module) != package
        }
        for package in PACKAGES
    }

    def reaches(start, goal, seen=()):
        return any(
            step == goal or (step not in seen and reaches(step, goal, (*seen, step)))
            for step in arrows[start]
        )

    assert [package for package in PACKAGES if reaches(package, package)] == []
