import pytest

pytestmark = pytest.mark.django_db


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
