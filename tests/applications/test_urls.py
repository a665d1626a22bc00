import re

import pytest
from django.urls import Resolver404, resolve, reverse
from hypothesis import given
from hypothesis import strategies as st


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/applications/%00/",
        "/applications/a%00b/",
        "/applications/1234567/",
        "/applications/123456789/withdraw/",
        "/applications/abcdefgh/submitted/",
        "/applications/2092722%27/attachments/1/",
        "/inquiries/%00%00/",
        "/inquiries/0209275x/",
    ],
)
def test_a_malformed_reference_is_not_found(client, citizen, path):
    client.force_login(citizen)

    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    ("prefix", "view_name"),
    [
        ("applications", "applications:application_detail"),
        ("inquiries", "applications:inquiry_detail"),
    ],
)
@given(reference=st.one_of(st.from_regex(r"[0-9]{8}", fullmatch=True), st.text(max_size=12)))
def test_a_case_address_takes_exactly_eight_ascii_digits(prefix, view_name, reference):
    path = f"/{prefix}/{reference}/"
    try:
        match = resolve(path)
    except Resolver404:
        match = None

    found = match is not None and match.view_name == view_name
    assert found == (re.fullmatch(r"[0-9]{8}", reference) is not None), path
    if found:
        assert match.kwargs == {"reference": reference}
        assert reverse(view_name, args=[reference]) == path
