"""Middleware: a request body over the limit is refused with 413 before anything reads it.

Without nginx in front (`make run`), nothing else stops a client from sending gigabytes: Django
writes an uploaded file of more than FILE_UPLOAD_MAX_MEMORY_SIZE to a temporary file while it
parses the form, before any view can look at it. The check reads only the Content-Length header
(a body sent without one, in chunks, is not read by Django at all).

Signed-in people may send up to MAX_REQUEST_BYTES: the largest legitimate request is an
application with its attachments (5 files of 5 MB) and a news photo (10 MB). Nobody uploads
files without signing in, so anonymous requests are held to MAX_ANONYMOUS_REQUEST_BYTES; the
session is only looked up for a body above that. Such a form sent by someone whose session has
ended leads to signing in, as any form of theirs would.
"""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.template import loader
from django.urls import reverse


def content_length(request):
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def limit_request_size(get_response):
    def middleware(request):
        length = content_length(request)
        if length > settings.PORTAL_MAX_REQUEST_BYTES:
            return request_too_large(request)
        if (
            length > settings.PORTAL_MAX_ANONYMOUS_REQUEST_BYTES
            and not request.user.is_authenticated
        ):
            if request.method == "POST" and session_ended(request):
                # Signed out while filling in a form with files: what they need is to sign in
                # again (portal.signed_out says why), not smaller files.
                return redirect_to_login(request.get_full_path())
            return request_too_large(request)
        return get_response(request)

    return middleware


def session_ended(request):
    # The browser still sends the cookie of a session that no longer signs anyone in.
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def request_too_large(request):
    # The page needs no database: like the 503 page, it may be shown at any time. gunicorn's
    # sync workers close the connection after it, with the rest of the body unread.
    in_the_administration = request.path.startswith(reverse("admin:index"))
    page = loader.render_to_string("413.html", {"in_the_administration": in_the_administration})
    return HttpResponse(page, status=413)
