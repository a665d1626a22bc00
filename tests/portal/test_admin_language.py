"""The administration speaks each member of staff's contact language. What it keeps or sends for
others stays in theirs: the change log in English, a citizen's email in the citizen's language."""

import re

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.db.models import GeneratedField
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise

from portal.models import SiteProfile
from tests.factories import make_application
from tests.html import find, h1, links, text_of
from tests.staff import sign_in_with_two_factors

pytestmark = pytest.mark.django_db


@pytest.fixture
def chinese_name():
    profile = SiteProfile.load()
    profile.name_zh_hans = "城市门户网站"
    profile.save()


def speaks(caseworker, language):
    caseworker.contact_language = language
    caseworker.save()
    return caseworker


def test_the_administration_asked_for_under_the_chinese_prefix_leads_to_its_one_address(client):
    response = client.get("/zh-hans/admin/applications/application/?status__exact=received")

    assert response.status_code == 302
    assert response.url == "/admin/applications/application/?status__exact=received"
    assert client.get("/zh-hans/admin/").url == "/admin/"


def test_staff_who_chose_chinese_get_the_administration_in_chinese(
    client, caseworker, chinese_name
):
    sign_in_with_two_factors(client, speaks(caseworker, "zh-hans"))

    response = client.get(reverse("admin:index"))

    assert '<html lang="zh-hans"' in response.content.decode()
    assert response["Content-Language"] == "zh-hans"
    assert text_of(response, "#site-name") == "城市门户网站管理后台"
    assert h1(response) == "站点管理"
    assert links(response)["查看站点"] == "/zh-hans/"


def test_an_english_site_name_in_the_chinese_header_is_marked_as_english(client, caseworker):
    name = SiteProfile.load().name
    sign_in_with_two_factors(client, speaks(caseworker, "zh-hans"))

    response = client.get(reverse("admin:index"))

    assert text_of(response, "#site-name") == f"{name}管理后台"
    assert find(response, "#site-name span")["lang"] == "en"
    assert text_of(response, "#site-name span") == name


def test_staff_who_chose_english_get_it_in_english(client, caseworker, chinese_name):
    sign_in_with_two_factors(client, speaks(caseworker, "en"))

    response = client.get(reverse("admin:index"))

    assert '<html lang="en"' in response.content.decode()
    assert text_of(response, "#site-name") == "Shanghai City Portal administration"
    assert h1(response) == "Site administration"
    assert links(response)["View site"] == "/"


def test_the_portals_own_pages_keep_the_language_of_their_address(client, caseworker):
    sign_in_with_two_factors(client, speaks(caseworker, "zh-hans"))

    assert '<html lang="en"' in client.get(reverse("home")).content.decode()


def test_a_status_changed_in_chinese_is_logged_in_english_and_emailed_in_the_citizens_language(
    client, caseworker, citizen, delivered_mail
):
    application = make_application(applicant=citizen)
    sign_in_with_two_factors(client, speaks(caseworker, "zh-hans"))

    client.post(
        reverse("admin:applications_application_status", args=[application.pk]),
        {"to_status": "received", "note_to_citizen": "", "internal_note": ""},
    )

    assert LogEntry.objects.get().change_message == "Status changed to Received."
    update = delivered_mail()[-1]
    assert update.to == [citizen.email]
    assert "is now “Received”." in update.body


PORTAL_APPS = {"news", "faq", "applications", "accounts", "portal"}


def models_the_administration_shows():
    """The registered models and those their pages show inline."""
    for model, model_admin in admin.site._registry.items():
        yield model
        for inline in model_admin.inlines:
            yield inline.model


def test_every_label_the_administration_shows_can_be_translated():
    """A field without a verbose name is labelled with its name, which no catalogue holds."""
    untranslatable = [
        f"{model._meta.label}.{name}"
        for model in set(models_the_administration_shows())
        if model._meta.app_label in PORTAL_APPS
        for name, label in [
            ("Meta.verbose_name", model._meta.verbose_name),
            *(
                (field.name, field.verbose_name)
                for field in model._meta.get_fields()
                if field.concrete
                and not field.auto_created
                and not isinstance(field, GeneratedField)
            ),
        ]
        if not isinstance(label, Promise)
    ]

    assert untranslatable == []


def test_the_headers_site_name_is_shown_as_written(client, caseworker):
    profile = SiteProfile.load()
    profile.name = "City <Portal> & Services"
    profile.save()
    sign_in_with_two_factors(client, speaks(caseworker, "en"))

    response = client.get(reverse("admin:index"))

    assert text_of(response, "#site-name") == "City <Portal> & Services administration"
    assert "City &lt;Portal&gt; &amp; Services" in response.content.decode()


def test_every_section_and_list_is_named_in_chinese():
    """Django makes a plural by adding "s" to a name, and names a section by its app's label,
    where a model or an app does not name them."""
    models = {m for m in models_the_administration_shows() if m._meta.app_label in PORTAL_APPS}
    with translation.override("zh-hans"):
        names = [str(model._meta.verbose_name_plural) for model in models] + [
            str(apps.get_app_config(label).verbose_name) for label in PORTAL_APPS
        ]

    assert [name for name in names if re.search("[A-Za-z]", name)] == []
