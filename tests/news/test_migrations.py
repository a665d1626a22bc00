import pytest
from django.contrib.auth.models import Group

pytestmark = pytest.mark.django_db


def test_the_editors_group_may_write_news_but_not_delete_channels():
    editors = Group.objects.get(name="Editors")

    codenames = set(
        editors.permissions.filter(content_type__app_label="news").values_list(
            "codename", flat=True
        )
    )
    assert codenames == {
        "add_channel",
        "change_channel",
        "view_channel",
        "add_article",
        "change_article",
        "delete_article",
        "view_article",
    }
