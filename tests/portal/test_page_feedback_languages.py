"""What people say about a page in English or in Chinese is kept about one page."""

import pytest
from django.test import Client

from portal.models import PageFeedback

pytestmark = pytest.mark.django_db

SAME_SITE = {"HTTP_SEC_FETCH_SITE": "same-origin"}


@pytest.mark.parametrize("path", ["/faq/", "/zh-hans/faq/"])
def test_a_vote_on_either_language_is_kept_under_the_pages_one_address(path):
    response = Client().post("/feedback/useful/", {"page": path, "useful": "yes"}, **SAME_SITE)

    assert response.status_code == 302
    assert response.url == f"{path}#page-feedback"
    assert list(PageFeedback.objects.values_list("path", flat=True)) == ["/faq/"]
