import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.cache import caches
from django.core.management import call_command
from django.db import connections

from portal.mail import deliver_due
from tests.staff import add_authenticator


def pytest_collection_modifyitems(items):
    # A transactional test empties every table when it ends, which would also remove
    # the rows that data migrations create (site profile, groups). Restore them.
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker and marker.kwargs.get("transaction"):
            kwargs = marker.kwargs | {"serialized_rollback": True}
            item.add_marker(pytest.mark.django_db(*marker.args, **kwargs), append=False)


@pytest.fixture(scope="session", autouse=True)
def collected_static_files(django_db_blocker):
    # Pages link static files through the manifest, exactly as in production.
    call_command("collectstatic", interactive=False, verbosity=0)


@pytest.fixture
def make_user(db, django_user_model):
    def make(email="citizen@example.com", password="correct horse battery", **fields):
        return django_user_model.objects.create_user(email=email, password=password, **fields)

    return make


@pytest.fixture
def make_staff(db, django_user_model):
    """A staff member in one of the groups the migrations create, with two-factor set up."""

    def make(email, full_name="", group=None):
        user = django_user_model.objects.create_user(
            email=email, password=None, full_name=full_name, is_staff=True
        )
        if group:
            user.groups.add(Group.objects.get(name=group))
        # Staff must use two-factor authentication to open the admin.
        add_authenticator(user)
        return user

    return make


@pytest.fixture(autouse=True)
def empty_page_cache():
    # Each test starts with no shared copies of anonymous pages from an earlier test.
    caches["pages"].clear()


@pytest.fixture
def articles_locked():
    """Another connection holds the article table, as a long write would: reads of it wait."""
    other = connections.create_connection("default")
    with other.cursor() as cursor:
        cursor.execute("BEGIN")
        cursor.execute("LOCK TABLE news_article IN ACCESS EXCLUSIVE MODE")
    yield
    other.close()  # ends its transaction and lets go of the lock


@pytest.fixture(autouse=True)
def outbox_mailer(settings):
    """Email goes through the outbox, as in production; Django's test set-up would send it
    straight to memory. The worker's "delivery" mailer still sends to memory (mail.outbox)."""
    settings.MAILERS = {**settings.MAILERS, "default": {"BACKEND": "portal.mail.OutboxBackend"}}


@pytest.fixture
def delivered_mail(db):
    """Run the mail worker's pass, then return the emails it has sent (Django's mail.outbox)."""

    def deliver():
        deliver_due()
        return mail.outbox

    return deliver
