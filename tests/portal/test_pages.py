import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from applications.services import application_change_status
from tests.factories import make_inquiry, make_public_service
from tests.html import find, h1, headings, link_targets, links, spoken_links
from tests.sitemaps import sitemap_entries

# Pages that are not HTML documents.
NOT_HTML = {
    "healthz",
    "robots_txt",
    "sitemap",
    "accounts:data_download",
    "news:feed",
    "news:atom_feed",
    "public:answer_feed",
    "javascript_catalog",
}
# allauth's pages for an existing authenticator: a 404 for a user who has none.
NEED_AN_AUTHENTICATOR = {
    "mfa_deactivate_totp",
    "mfa_download_recovery_codes",
    "mfa_view_recovery_codes",
}
# allauth's confirming who one is by a code sent to the address, which the portal does not
# offer (settings.ACCOUNT_REAUTHENTICATION_METHODS): refused, see the test below.
NOT_OFFERED = {"account_request_reauthentication_code", "account_confirm_reauthentication_code"}
# Where a form is sent, not a page: a GET goes back to the form's page, or is not allowed.
FORM_TARGETS = {"accounts:verification_resend", "feedback_useful"}
# Pages about another page, which the query names: without it they are not found
# (tests/portal/test_page_feedback_views.py).
ABOUT_ANOTHER_PAGE = {"feedback_missing", "feedback_report"}


def named_urls_without_arguments(resolver=None, namespace=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            prefix = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from named_urls_without_arguments(pattern, prefix)
        elif (
            isinstance(pattern, URLPattern)
            and pattern.name
            and not pattern.pattern.regex.groupindex
            and "<" not in str(pattern.pattern)
        ):
            yield f"{namespace}{pattern.name}"


def html_page_names():
    skipped = NOT_HTML | NEED_AN_AUTHENTICATOR | NOT_OFFERED | FORM_TARGETS | ABOUT_ANOTHER_PAGE
    return sorted(name for name in set(named_urls_without_arguments()) if name not in skipped)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(NOT_OFFERED))
def test_the_pages_the_portal_does_not_offer_are_refused(client, citizen, name):
    client.force_login(citizen)

    assert client.get(reverse(name)).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("name", html_page_names())
def test_every_page_without_arguments_renders_with_exactly_one_h1(client, citizen, name):
    client.force_login(citizen)
    response = client.get(reverse(name), follow=True)

    assert response.status_code == 200, name
    assert len(headings(response, 1)) == 1, name


@pytest.mark.django_db
def test_home_page_shows_the_portal_name_from_the_site_profile(client):
    response = client.get(reverse("home"))

    assert response.status_code == 200
    assert h1(response) == "Shanghai City Portal"
    assert links(response)["Skip to main content"] == "#main"


@pytest.mark.django_db
def test_missing_page_uses_the_styled_404_page(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert h1(response) == "Page not found"
    assert link_targets(find(response, "header"))[0] == reverse("home")
    assert "Contact Shanghai City Portal" in headings(find(response, "footer"))


@pytest.mark.django_db
def test_security_headers_are_sent(client):
    response = client.get(reverse("home"))

    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_robots_txt_points_at_the_sitemap(client):
    response = client.get(reverse("robots_txt"))

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "Disallow: /admin/" in response.content.decode()
    assert "Disallow: /accounts/" in response.content.decode()
    assert "Disallow: /zh-hans/accounts/" in response.content.decode()
    assert "Disallow: /zh-hans/search/" in response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()


@pytest.mark.django_db
def test_sitemap_lists_the_portal_pages_with_absolute_links(client):
    locations = sitemap_entries(client)

    assert "http://testserver/" in locations
    assert "http://testserver/accessibility/" in locations
    assert "http://testserver/services/" in locations


def test_the_arrows_beside_links_are_not_read_out_as_part_of_their_names(
    client, citizen, caseworker, make_article, make_question, make_application
):
    articles = [make_article(title=f"Ferry timetable change {n}") for n in range(21)]
    make_question()
    application = make_application(applicant=citizen, service=make_public_service())
    make_inquiry(author=citizen, publication_agreed=True)
    application_change_status(application=application, to_status="received", by=caseworker)
    client.force_login(citizen)
    channel_url = articles[0].channel.get_absolute_url()
    pages = [reverse("home"), f"{channel_url}?page=2", articles[0].get_absolute_url()]

    names = [name for url in pages for name in spoken_links(client.get(url))]

    assert {"view more of my applications", "Next page", "Previous page"} <= set(names)
    assert [name for name in names if set(name) & set("«»")] == []
