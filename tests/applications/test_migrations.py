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
        "view_notification",
        "change_notification",  # to send again a notification that gave up
    } <= codenames
    assert not {c for c in codenames if c.startswith(("add_", "delete_"))}
    assert "change_service" not in codenames
