"""Middleware: a form sent by someone whose session has ended (signed out in another browser,
or by a change of password) leads to the sign-in page, which then says why: what they sent was
not saved, and their browser may still hold it."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import resolve_url
from django.utils.translation import gettext_lazy as _

SIGNED_OUT = _(
    "You were signed out, so what you sent was not saved. Sign in, then send it again: your "
    "browser's Back button may still show what you wrote."
)


def say_why_a_form_was_not_saved(get_response):
    def middleware(request):
        response = get_response(request)
        if request.method == "POST" and sent_to_sign_in(request, response):
            messages.warning(request, SIGNED_OUT)
        return response

    return middleware


def sent_to_sign_in(request, response):
    # login_required and allauth's verified_email_required send the way back along (?next=).
    location = response.get("Location", "") if response.status_code == 302 else ""
    return location.startswith(f"{resolve_url(settings.LOGIN_URL)}?next=") and not (
        request.user.is_authenticated
    )
