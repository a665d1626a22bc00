import pytest

from tests.factories import make_staff


@pytest.fixture
def other_staff(db):
    return make_staff(email="clerk@city.example", full_name="Sun Wei")
