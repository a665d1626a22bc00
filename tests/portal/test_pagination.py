"""The page links of includes/pagination.html (portal_tags.page_links)."""

from urllib.parse import urlencode

from django.http import QueryDict
from django.template import RequestContext, Template
from django.test import RequestFactory
from django.utils.html import escape
from hypothesis import given
from hypothesis import strategies as st

from portal.templatetags.portal_tags import page_address

KEYS = st.sampled_from(["page", "q", "type", "a b", "ü", "&", "page[]", "Page"])
VALUES = st.text(max_size=8).filter(lambda value: "\x00" not in value)


@given(
    parameters=st.lists(st.tuples(KEYS, VALUES), max_size=6),
    number=st.integers(min_value=1, max_value=500),
)
def test_a_page_address_is_what_the_querystring_tag_writes(parameters, number):
    request = RequestFactory().get("/list/?" + urlencode(parameters))
    expected = Template("{% querystring page=number %}").render(
        RequestContext(request, {"number": number})
    )

    # The template escapes both alike.
    assert escape(page_address(request.GET)(number)) == expected


def test_the_page_keeps_its_place_among_the_parameters():
    address = page_address(QueryDict("q=ferry&page=2&type=faq&type=news"))

    assert address(3) == "?q=ferry&page=3&type=faq&type=news"
    assert page_address(QueryDict(""))(7) == "?page=7"
