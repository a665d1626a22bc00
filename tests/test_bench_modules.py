"""The benchmark's modules import: `make bench` is not run by the tests, and a name moved in the
portal must not break it unnoticed."""

import importlib
import pkgutil

import pytest

import scripts.bench

MODULES = [info.name for info in pkgutil.iter_modules(scripts.bench.__path__)]


@pytest.mark.parametrize("name", MODULES)
def test_the_benchmark_module_imports(name):
    importlib.import_module(f"scripts.bench.{name}")


def test_the_benchmark_settings_leave_the_portals_own_alone():
    import portal.settings

    name = portal.settings.DATABASES["default"]["NAME"]
    bench = importlib.import_module("scripts.bench.settings")

    assert bench.DATABASES["default"]["NAME"] != name
    assert portal.settings.DATABASES["default"]["NAME"] == name
