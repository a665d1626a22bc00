import pytest
from django.core.management import call_command


@pytest.fixture(scope="session", autouse=True)
def collected_static_files(django_db_blocker):
    # Pages link static files through the manifest, exactly as in production.
    call_command("collectstatic", interactive=False, verbosity=0)


@pytest.fixture
def make_user(db, django_user_model):
    def make(email="citizen@example.com", password="correct horse battery", **fields):
        return django_user_model.objects.create_user(email=email, password=password, **fields)

    return make
