import pytest
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.core.management import call_command
from django.db import OperationalError, connection, connections

from tests.staff import add_authenticator


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
