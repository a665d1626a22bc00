from functools import partial

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import caches
from django.core.management import call_command
from django.db import OperationalError, connection, connections
from django.test import override_settings
from django.utils import translation
from hypothesis import settings as hypothesis_settings

from portal.mail import deliver_due
from tests import factories
from tests.factories import (
    PASSWORD,
    make_channel,
    make_citizen,
    make_service,
    make_staff,
    make_topic,
)

# Property tests: runs short enough for the whole suite to stay fast, shown again when they fail;
# no example database left in the working tree. `pytest --hypothesis-profile=thorough` looks
# harder, for a change to the code under a property.
hypothesis_settings.register_profile("portal", max_examples=50, database=None, print_blob=True)
hypothesis_settings.register_profile(
    "thorough", parent=hypothesis_settings.get_profile("portal"), max_examples=2000
)
hypothesis_settings.load_profile("portal")


def pytest_collection_modifyitems(items):
    # A transactional test empties every table when it ends, which would also remove
    # the rows that data migrations create (site profile, groups). Restore them.
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker and marker.kwargs.get("transaction"):
            kwargs = marker.kwargs | {"serialized_rollback": True}
            item.add_marker(pytest.mark.django_db(*marker.args, **kwargs), append=False)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings, django_db_blocker):
    # Runs just before the test database is created: say plainly what to do when the server
    # is not there, instead of the same connection error for every test.
    with django_db_blocker.unblock():
        try:
            connection.ensure_connection()
        except OperationalError as error:
            where = f"{connection.settings_dict['HOST']}:{connection.settings_dict['PORT']}"
            pytest.exit(
                f"PostgreSQL does not answer at {where}: start it with `make db-start` (or set"
                f" DATABASE_URL to a server you have).\n{error}",
                returncode=3,
            )
        finally:
            connection.close()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    # A transactional test gets back the rows data migrations made (groups, the site profile)
    # from a copy Django keeps on the connection object. Playwright's sync API runs tests in a
    # greenlet, where Django hands out new connection objects without that copy: keep it on the
    # class, so that every connection finds it.
    database = connections["default"]
    contents = getattr(database, "_test_serialized_contents", None)
    if contents is not None:
        type(database)._test_serialized_contents = contents
    yield
    if contents is not None:
        del type(database)._test_serialized_contents


@pytest.fixture(scope="session", autouse=True)
def collected_static_files(django_db_blocker):
    # Pages link static files through the manifest, exactly as in production.
    call_command("collectstatic", interactive=False, verbosity=0)


@pytest.fixture(scope="session", autouse=True)
def fast_password_hashing():
    # The real hasher is slow by design; no test here is about its strength.
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def attachment_root(settings, tmp_path):
    settings.APPLICATIONS_ATTACHMENT_ROOT = tmp_path / "attachments"
    return settings.APPLICATIONS_ATTACHMENT_ROOT


# The people and things most tests share. Anything else: call tests.factories directly.


@pytest.fixture
def citizen(db):
    return make_citizen(email="li.na@example.com", full_name="Li Na", password=PASSWORD)


@pytest.fixture
def other_citizen(db):
    return make_citizen(email="zhou.bin@example.com", full_name="Zhou Bin")


@pytest.fixture
def caseworker(db):
    return make_staff(email="caseworker@city.example", full_name="Wang Fang", group="Caseworkers")


@pytest.fixture
def editor(db):
    return make_staff(email="editor@city.example", full_name="Chen Yu", group="Editors")


@pytest.fixture
def channel(db):
    return make_channel(name="Government News", slug="government-news", position=1)


@pytest.fixture
def other_channel(db):
    return make_channel(name="City News Digest", slug="city-news-digest", position=2)


@pytest.fixture
def make_article(channel):
    """tests.factories.make_article, in the channel fixture unless told otherwise."""
    return partial(factories.make_article, channel=channel)


@pytest.fixture
def topic(db):
    return make_topic(name="Getting around", slug="getting-around", position=1)


@pytest.fixture
def other_topic(db):
    return make_topic(name="Working in the city", slug="working-in-the-city", position=2)


@pytest.fixture
def make_question(topic):
    """tests.factories.make_question, in the topic fixture unless told otherwise."""
    return partial(factories.make_question, topic=topic)


@pytest.fixture
def service(db):
    return make_service(name="Residence permit renewal")


@pytest.fixture
def make_application(service):
    """tests.factories.make_application, for the service fixture unless told otherwise."""
    return partial(factories.make_application, service=service)


@pytest.fixture
def parking_service(db):
    """A service whose start page says everything a start page can."""
    return make_service(
        name="Resident parking permit",
        who_can_apply="People registered at an address inside a resident parking zone.",
        what_to_provide="Your registered address and the plate number of your car.",
        fees="120 yuan a year, paid after approval.",
        processing_days=7,
    )


@pytest.fixture
def closed_service(db):
    return make_service(name="Heritage facade restoration grant", is_open=False)


@pytest.fixture(autouse=True)
def default_language():
    # A request to a Chinese page leaves Chinese active in the thread (LocaleMiddleware does not
    # switch back): each test starts in the default language, as a new request would.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def empty_page_cache():
    # Each test starts with no shared copies of anonymous pages from an earlier test.
    caches["pages"].clear()


@pytest.fixture
def search_entries_locked():
    """Another connection holds the articles' search entries, as a long write would: a news
    search waits."""
    other = connections.create_connection("default")
    with other.cursor() as cursor:
        cursor.execute("BEGIN")
        cursor.execute("LOCK TABLE news_articlesearchentry IN ACCESS EXCLUSIVE MODE")
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
