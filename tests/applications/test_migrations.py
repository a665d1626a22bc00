import pytest
from django.contrib.auth.models import Group

pytestmark = pytest.mark.django_db


def test_the_caseworkers_group_may_process_cases_but_not_create_or_delete_them():
    codenames = set(
        Group.objects.get(name="Caseworkers")
        .permissions.filter(content_type__app_label="applications")
        .values_list("codename", flat=True)
    )

    assert {
        "view_application",
        "change_application",
        "change_inquiry",
    } <= codenames
    # Publishing an answered question, or taking it down, creates or deletes no case.
    cases_made_or_deleted = {
        c for c in codenames if c.startswith(("add_", "delete_")) and "publishedanswer" not in c
    }
    assert not cases_made_or_deleted
    assert "change_service" not in codenames


def test_caseworkers_may_read_and_send_again_the_outbox_but_not_change_the_site_profile():
    codenames = set(
        Group.objects.get(name="Caseworkers")
        .permissions.filter(content_type__app_label="portal")
        .values_list("codename", flat=True)
    )

    assert codenames == {"view_outgoingemail", "change_outgoingemail"}
