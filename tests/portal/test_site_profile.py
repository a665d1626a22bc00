import pytest
from django.urls import reverse

from portal.models import SiteProfile
from tests.factories import make_staff
from tests.html import find, headings, links, text_of, title
from tests.staff import sign_in_with_two_factors


@pytest.mark.django_db
def test_staff_change_the_portal_name_and_every_page_shows_it(client):
    profile = SiteProfile.load()
    profile.name = "Riverside City Portal"
    profile.contact_phone = "021 5555 0100"
    profile.save()

    page = client.get(reverse("contact"))

    assert title(page) == "Contact us | Riverside City Portal"
    assert text_of(page, "header").startswith("Riverside City Portal")
    assert links(find(page, "main"))["021 5555 0100"] == "tel:02155550100"


@pytest.mark.django_db
def test_the_site_profile_is_a_single_record():
    SiteProfile(name="Second profile").save()

    assert SiteProfile.objects.count() == 1
    assert SiteProfile.load().name == "Second profile"


@pytest.mark.django_db
def test_footer_shows_the_contact_details(client):
    footer = find(client.get(reverse("home")), "footer")

    assert links(footer)["help@cityportal.example"] == "mailto:help@cityportal.example"
    assert links(footer)["Accessibility statement"] == reverse("accessibility")
    assert links(footer)["Privacy notice"] == reverse("privacy")


@pytest.mark.django_db
def test_the_admin_is_titled_with_the_portals_name(client):
    sign_in_with_two_factors(client, make_staff(email="clerk@city.example"))

    page = client.get(reverse("admin:index"))

    assert title(page).endswith("| Shanghai City Portal")
    assert text_of(page, "#site-name") == "Shanghai City Portal administration"


@pytest.mark.django_db
def test_a_changed_profile_shows_at_once_on_pages_already_kept(client):
    client.get(reverse("contact"))
    profile = SiteProfile.load()
    profile.name = "Riverside City Portal"
    profile.save()

    assert "Contact Riverside City Portal" in headings(client.get(reverse("contact")))
