"""Test-only defaults for what `make test` exports, so that plain `pytest` runs the same suite.

Loaded with `-p` (see `addopts` in pyproject.toml): pytest-django reads the settings before any
conftest.py is imported, and the settings refuse to load without a secret key and allowed
hosts, as they must in production. A variable that is already set is left as it is.
"""

import os
import secrets

os.environ.setdefault("DJANGO_SECRET_KEY", f"test-only-{secrets.token_urlsafe(48)}")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
