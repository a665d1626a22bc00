from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.db.models import Q


class PermissionsInOneQuery(ModelBackend):
    """Django's ModelBackend, reading a member of staff's permissions (their own and their
    groups') in one query where it takes two: every page of the admin asks for them, and the
    second query cost a caseworker's list about 0.8 ms of its 13."""

    def get_all_permissions(self, user_obj, obj=None):
        if obj is not None or user_obj.is_anonymous or user_obj.is_superuser:
            return super().get_all_permissions(user_obj, obj)
        if not user_obj.is_active:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            granted = Permission.objects.filter(Q(user=user_obj) | Q(group__user=user_obj))
            names = granted.values_list("content_type__app_label", "codename").order_by()
            user_obj._perm_cache = {f"{app}.{codename}" for app, codename in names}
        return user_obj._perm_cache
