import pytest
from django.urls import reverse

from portal.models import SiteProfile
from tests.factories import make_staff
from tests.staff import sign_in_with_two_factors


@pytest.mark.django_db
def test_staff_change_the_portal_name_and_every_page_shows_it(client):
    profile = SiteProfile.load()
    profile.name = "Riverside City Portal"
    profile.contact_phone = "021 5555 0100"
    profile.save()

    html = client.get(reverse("contact")).content.decode()

    assert "Riverside City Portal" in html
    assert "021 5555 0100" in html
    assert 'href="tel:02155550100"' in html


@pytest.mark.django_db
def test_the_site_profile_is_a_single_record():
    SiteProfile(name="Second profile").save()

    assert SiteProfile.objects.count() == 1
    assert SiteProfile.load().name == "Second profile"


@pytest.mark.django_db
def test_footer_shows_the_contact_details(client):
    html = client.get(reverse("home")).content.decode()

    assert "help@cityportal.example" in html
    assert "Accessibility statement" in html
    assert "Privacy notice" in html


@pytest.mark.django_db
def test_the_admin_is_titled_with_the_portals_name(client):
    sign_in_with_two_factors(client, make_staff(email="clerk@city.example"))

    html = client.get(reverse("admin:index")).content.decode()

    assert "Shanghai City Portal administration" in html


@pytest.mark.django_db
def test_a_changed_profile_shows_at_once_on_pages_already_kept(client):
    client.get(reverse("contact"))
    profile = SiteProfile.load()
    profile.name = "Riverside City Portal"
    profile.save()

    assert "Contact Riverside City Portal" in client.get(reverse("contact")).content.decode()
