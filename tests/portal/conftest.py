# The outbox tests send case updates: they use the applications tests' people and services.
from tests.applications.conftest import (  # noqa: F401
    attachment_root,
    caseworker,
    citizen,
    make_citizen,
    service,
    submit_application,
)
