from functools import wraps
from urllib.parse import urlencode

from allauth.mfa.utils import is_mfa_enabled
from django.contrib import admin, messages
from django.contrib.auth import get_permission_codename
from django.contrib.auth.models import Group
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import BadRequest, PermissionDenied
from django.db.models import Q
from django.http import HttpResponseForbidden
from django.shortcuts import redirect
from django.template import loader
from django.urls import reverse
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import SiteProfile
from .purge import seconds_until_changes_show
from .staff import is_staff_session, passed_two_factors
from .translation import in_its_language


def say_how_long_withdrawn_pages_stay(request, pages):
    """After staff take pages off the portal (unpublished or deleted): visitors may be shown
    them from kept copies for a little longer, which is worth knowing when they had to go."""
    seconds = seconds_until_changes_show()
    if len(pages) == 1:
        message = _(
            "“%(page)s” is no longer public. Visitors who open it may still be shown it for up "
            "to %(seconds)d seconds, from copies kept to serve the portal quickly."
        ) % {"page": pages[0], "seconds": seconds}
    else:
        message = ngettext(
            "%(count)d page is no longer public. Visitors who open it may still be shown it for "
            "up to %(seconds)d seconds, from copies kept to serve the portal quickly.",
            "%(count)d pages are no longer public. Visitors who open them may still be shown them "
            "for up to %(seconds)d seconds, from copies kept to serve the portal quickly.",
            len(pages),
        ) % {"count": len(pages), "seconds": seconds}
    messages.warning(request, message)


class PublicPagesAdmin:
    """The admin of pages visitors read: saving a public one unpublished, or deleting public
    ones (one or with "Delete selected"), says how long visitors may still be shown them.
    `is_public(obj)` says which are public; `save_page` saves one, as save_model would."""

    def is_public(self, obj):
        return True

    def save_page(self, request, obj, form, change):
        super().save_model(request, obj, form, change)

    def save_model(self, request, obj, form, change):
        was_public = change and self.is_public(self.model._default_manager.get(pk=obj.pk))
        self.save_page(request, obj, form, change)
        if was_public and not self.is_public(obj):
            say_how_long_withdrawn_pages_stay(request, [obj])

    def delete_model(self, request, obj):
        public = self.is_public(obj)
        super().delete_model(request, obj)
        if public:
            say_how_long_withdrawn_pages_stay(request, [obj])

    def delete_queryset(self, request, queryset):
        public = [obj for obj in queryset if self.is_public(obj)]
        super().delete_queryset(request, queryset)
        if public:
            say_how_long_withdrawn_pages_stay(request, public)


class PermissionNeeded(PermissionDenied):
    """Refused for want of one permission ("app_label.codename"), whose groups the admin's 403
    page names: for a page of a model's admin that needs another model's permission."""

    def __init__(self, permission):
        super().__init__(permission)
        self.permission = permission


# What each page of a model's admin needs, beyond the list and the change page's view or change.
PERMISSIONS_BY_ACTION = {"add": ("add",), "delete": ("delete",), "status": ("change",)}


class PortalAdminSite(admin.AdminSite):
    """Staff sign in through allauth (rate limits, email verification, MFA), never the admin's
    own form, and use the admin only in a session that passed two-factor authentication."""

    # The case lists take the whole width, and every page is lighter to build and to read
    # through: the sidebar repeated the index's list of every app on each page.
    enable_nav_sidebar = False

    def each_context(self, request):
        context = super().each_context(request)
        name = SiteProfile.load().localised.name
        context["site_title"] = name
        # An English name standing in for a Chinese one is marked as English.
        site = conditional_escape(in_its_language(name))
        context["site_header"] = mark_safe(
            conditional_escape(_("%(site)s administration")) % {"site": site}
        )
        context["site_url"] = reverse("home")
        return context

    def get_app_list(self, request, app_label=None):
        # Built only where a page shows it (the index pages): every page's context asks for it,
        # for the sidebar, which is off.
        return SimpleLazyObject(
            lambda: super(PortalAdminSite, self).get_app_list(request, app_label)
        )

    def permission_denied(self, request, exception):
        """The admin's own 403 page: staff stay in the admin, told which groups open the page,
        or that no group does, as the administration does that work on another page."""
        groups = self.groups_that_open(request, exception)
        context = {
            **self.each_context(request),
            "title": _("You do not have access to this page"),
            "groups": groups,
            "closed_to_all": groups is None,
        }
        return HttpResponseForbidden(loader.render_to_string("admin/403.html", context, request))

    def groups_that_open(self, request, exception):
        """The names of the groups given what the page needs, or None when the person has it
        already: the page itself is closed to everyone."""
        needed = self.permissions_needed(request, exception)
        if not needed:
            return []
        if any(request.user.has_perm(permission) for permission in needed):
            return None
        giving = Q()
        for permission in needed:
            app_label, codename = permission.split(".")
            giving |= Q(
                permissions__content_type__app_label=app_label, permissions__codename=codename
            )
        groups = Group.objects.filter(giving).distinct().order_by("name")
        return list(groups.values_list("name", flat=True))

    def permissions_needed(self, request, exception):
        """What a page needs: what its view said it lacked (PermissionNeeded), or what an admin
        address (named app_model_action) needs."""
        if isinstance(exception, PermissionNeeded):
            return [exception.permission]
        model, action = self.model_and_action(request.resolver_match.url_name)
        if model is None:
            return []
        names = PERMISSIONS_BY_ACTION.get(action, ("view", "change"))
        codenames = [get_permission_codename(name, model._meta) for name in names]
        return [f"{model._meta.app_label}.{codename}" for codename in codenames]

    def model_and_action(self, url_name):
        for model in self._registry:
            prefix = f"{model._meta.app_label}_{model._meta.model_name}_"
            if url_name.startswith(prefix):
                return model, url_name.removeprefix(prefix)
        return None, None

    def admin_view(self, view, cacheable=False):
        checked_view = super().admin_view(view, cacheable)

        @wraps(checked_view)
        def view_without_nul_characters(request, *args, **kwargs):
            # PostgreSQL refuses text holding NUL: a list filter's value would end in a 500.
            if "%00" in request.META.get("QUERY_STRING", ""):
                raise BadRequest("A NUL character in the address.")
            return checked_view(request, *args, **kwargs)

        return view_without_nul_characters

    def has_permission(self, request):
        return is_staff_session(request)

    def login(self, request, extra_context=None):
        user = request.user
        if not user.is_authenticated:
            next_url = request.GET.get("next") or reverse("admin:index", current_app=self.name)
            return redirect_to_login(next_url, login_url=reverse("account_login"))
        if not (user.is_active and user.is_staff):
            raise PermissionDenied
        if not is_mfa_enabled(user):
            messages.warning(
                request,
                _(
                    "Staff must turn on two-factor authentication before using the "
                    "administration. Set up an authenticator app below."
                ),
            )
            return redirect("mfa_activate_totp")
        index = reverse("admin:index", current_app=self.name)
        if not passed_two_factors(request):
            messages.info(
                request, _("Enter a code from your authenticator app to open the administration.")
            )
            return redirect(f"{reverse('mfa_reauthenticate')}?{urlencode({'next': index})}")
        return redirect(index)

    def password_change(self, request, extra_context=None):
        return redirect("account_change_password")


class AdminInStaffLanguage:
    """The administration in each member of staff's contact language (My account). Its addresses
    have no language prefix, which LocaleMiddleware takes for English."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        if request.resolver_match.app_name == "admin" and request.user.is_staff:
            translation.activate(request.user.contact_language)
            request.LANGUAGE_CODE = translation.get_language()
