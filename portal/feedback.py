"""Which pages ask "Is this page useful?", and who counts as one visitor.

Every page a visitor can open without signing in asks, at the bottom of its main content. The
others do not:

- pages that need signing in (a person's applications, inquiries, drafts and account): their
  addresses hold case references, which would tie what someone said to their case;
- addresses that carry a one-time key (an email confirmation or password reset link): a stored
  key could be used by whoever reads the feedback;
- the administration, and the feedback pages themselves (`without_page_feedback`);
- error pages, which leave out the `page_feedback` block of base.html: their address is one that
  failed, and they already say how to get help.

A posted page address is accepted only when it names a page that asks, so the feedback table
holds nothing a page could not have sent.
"""

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.urls import Resolver404, resolve, translate_url
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language

from .languages import without_language

# The id of "Is this page useful?" on a page, and the tag of the messages shown in its place.
PAGE_FEEDBACK_ANCHOR = "page-feedback"


def without_page_feedback(view):
    """Mark a view whose pages do not ask "Is this page useful?"."""
    view.page_feedback = False
    return view


def needs_sign_in(view):
    # Django's login_required (and allauth's verified_email_required, built on it) leaves
    # `login_url` on the view for LoginRequiredMiddleware; on a class-based view it is on
    # dispatch() when the decorator was applied there.
    view_class = getattr(view, "view_class", None)
    return hasattr(view, "login_url") or (
        view_class is not None and hasattr(view_class.dispatch, "login_url")
    )


# allauth's two-factor pages that only ask for the password again (reauthentication_required)
# are a signed-in person's too, but leave no mark on the view for needs_sign_in to read.
SIGNED_IN_ALLAUTH_PAGES = {"mfa_activate_totp", "mfa_generate_recovery_codes"}


def takes_page_feedback(match):
    """Whether the page the URL resolver matched asks for feedback (see the module's notes)."""
    if match is None or "admin" in match.namespaces:
        return False
    view = match.func
    return (
        getattr(view, "page_feedback", True)
        and not needs_sign_in(view)
        and match.url_name not in SIGNED_IN_ALLAUTH_PAGES
        and "key" not in match.kwargs
    )


def page_for_feedback(path):
    """`path` when it is the address of a page that asks for feedback, else None."""
    if (
        not isinstance(path, str)
        or not path.startswith("/")
        or any(character in path for character in "?#\\")
        or not url_has_allowed_host_and_scheme(path, allowed_hosts=None)
    ):
        return None
    try:
        # Resolved as the default language's page: the address may be any language's, and the
        # request asking may be a Chinese page's (its language would take the unprefixed
        # address for another language's).
        with translation.override(settings.LANGUAGE_CODE):
            match = resolve(without_language(path))
    except Resolver404:
        return None
    return path if takes_page_feedback(match) else None


def visitor_of(request):
    """One visitor, as privacy-minded web analytics count one: the client's address and its
    browser's User-Agent. People behind one address (an office, a phone network) with other
    browsers still count apart. Only ever used inside a keyed hash, never stored."""
    address = get_adapter(request).get_client_ip(request)
    return f"{address}|{request.headers.get('User-Agent', '')}"


def in_current_language(path):
    return translate_url(path, get_language())
