import pytest
from django.core.management import call_command

from portal.models import SiteProfile


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.django_db
def test_a_data_migration_creates_the_site_profile():
    profile = SiteProfile.objects.get()

    assert profile.pk == 1
    assert profile.name == "Shanghai City Portal"
