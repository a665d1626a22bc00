"""The portal's own settings, on the benchmark database and with one extra page (urls.py)."""

import os

from portal.settings import *  # noqa: F403
from portal.settings import DATABASES

# A new dict: the portal's own settings stay as they are for whoever imported them.
DATABASES = {
    **DATABASES,
    "default": {
        **DATABASES["default"],
        "NAME": os.environ.get("BENCH_DATABASE_NAME", "portal_bench"),
    },
}
ROOT_URLCONF = "scripts.bench.urls"
