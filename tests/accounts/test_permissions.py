"""Staff permissions are read as Django reads them, their own and their groups', in one query."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission

from accounts.backends import PermissionsInOneQuery
from tests.factories import make_staff, make_user

pytestmark = pytest.mark.django_db


def fresh(user):
    # Permissions are read once per user object, as once per request.
    return get_user_model().objects.get(pk=user.pk)


def people(caseworker, editor):
    both = make_staff(email="both@city.example", group="Caseworkers")
    both.user_permissions.add(Permission.objects.get(codename="view_pagefeedback"))
    both.groups.add(*editor.groups.all())
    left = make_staff(email="left@city.example", group="Caseworkers", is_active=False)
    chief = make_staff(email="chief@city.example", group="Editors", is_superuser=True)
    return [caseworker, editor, both, left, chief, make_user(email="citizen@example.com")]


def test_everyone_has_the_permissions_djangos_own_backend_gives(caseworker, editor):
    for person in people(caseworker, editor):
        expected = ModelBackend().get_all_permissions(fresh(person))
        assert PermissionsInOneQuery().get_all_permissions(fresh(person)) == expected, person


def test_a_caseworkers_permissions_take_one_query_a_request(
    caseworker, editor, django_assert_num_queries
):
    both = people(caseworker, editor)[2]
    user = fresh(both)

    with django_assert_num_queries(1):
        assert user.has_perm("applications.change_application")
        assert user.has_perm("news.change_article")
        assert user.has_perm("portal.view_pagefeedback")
        assert not user.has_perm("auth.delete_group")
    assert fresh(caseworker).has_perm("applications.change_application")
    assert not fresh(caseworker).has_perm("news.change_article")


def test_an_account_that_left_has_no_permissions(caseworker, editor):
    left = fresh(people(caseworker, editor)[3])

    assert PermissionsInOneQuery().get_all_permissions(left) == set()
    assert not left.has_perm("applications.change_application")
