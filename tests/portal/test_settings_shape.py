"""The settings choose the portal's shape from the environment: one machine as it always was,
or Redis and a database replica when their addresses are given (README: "Several machines")."""

import json
import os
import subprocess
import sys

from tests.portal.test_settings import PRODUCTION_ENV, PROJECT_DIR, manage

READ_SETTINGS = """
import json
from portal import settings
print(json.dumps({
    "caches": settings.CACHES,
    "databases": settings.DATABASES,
    "routers": getattr(settings, "DATABASE_ROUTERS", []),
    "max_lag": settings.DATABASE_REPLICA_MAX_LAG_SECONDS,
    "generation_cache": settings.PAGE_GENERATION_CACHE,
    "storages": settings.STORAGES,
}, default=str))
"""
REDIS_URL = "redis://127.0.0.1:26379/0"
REPLICA_URL = "postgres://portal:portal@replica.city.example:5432/portal"


def settings_with(**env):
    clean_env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"REDIS_URL", "DATABASE_REPLICA_URL", "DATABASE_REPLICA_MAX_LAG_SECONDS"}
    }
    result = subprocess.run(
        [sys.executable, "-c", READ_SETTINGS],
        cwd=PROJECT_DIR,
        env=clean_env | env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return json.loads(result.stdout)


def test_one_machine_needs_neither_redis_nor_a_replica():
    one = settings_with()

    assert one["caches"]["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    assert set(one["caches"]) == {"default", "pages"}
    assert set(one["databases"]) == {"default"}
    assert one["routers"] == []
    assert one["generation_cache"] is None


def test_with_redis_the_shared_cache_is_redis_and_falls_back_to_the_database():
    several = settings_with(REDIS_URL=REDIS_URL)

    default = several["caches"]["default"]
    assert default["BACKEND"] == "portal.redis_cache.RedisCacheWithFallback"
    assert default["LOCATION"] == REDIS_URL
    assert several["caches"][default["FALLBACK"]]["BACKEND"].endswith("db.DatabaseCache")
    assert several["caches"]["pages"]["BACKEND"].endswith("locmem.LocMemCache")
    assert several["generation_cache"] == "default"


def test_with_a_replica_anonymous_reads_are_routed_to_it():
    several = settings_with(DATABASE_REPLICA_URL=REPLICA_URL, DATABASE_REPLICA_MAX_LAG_SECONDS="2")

    replica = several["databases"]["replica"]
    assert (replica["HOST"], replica["PORT"], replica["NAME"]) == (
        "replica.city.example",
        5432,
        "portal",
    )
    assert replica["TEST"] == {"MIRROR": "default"}
    assert several["routers"] == ["portal.replica.ReplicaRouter"]
    assert several["max_lag"] == 2


def test_files_go_through_storages_on_any_shape():
    for shape in (settings_with(), settings_with(REDIS_URL=REDIS_URL)):
        assert (
            shape["storages"]["attachments"]["BACKEND"] == "applications.storage.AttachmentStorage"
        )


def test_check_deploy_is_clean_on_several_machines():
    env = PRODUCTION_ENV | {"REDIS_URL": REDIS_URL, "DATABASE_REPLICA_URL": REPLICA_URL}

    result = manage("check", "--deploy", "--fail-level", "WARNING", **env)

    assert result.returncode == 0, result.stderr
