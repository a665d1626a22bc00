import logging
import sys
from urllib.parse import urlencode

from allauth.core import ratelimit
from django.conf import settings
from django.contrib import admin, messages
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import Http404, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.generic import TemplateView

from .caching import cache_for_anonymous_visitors
from .csrf import same_origin_form_target
from .feedback import (
    PAGE_FEEDBACK_ANCHOR,
    in_current_language,
    page_for_feedback,
    visitor_of,
    without_page_feedback,
)
from .forms import MissingForm, ProblemReportForm, UsefulForm
from .languages import in_language
from .services import (
    missing_token,
    not_useful_feedback,
    page_feedback_add_missing,
    page_feedback_report_problem,
    page_feedback_vote,
)
from .staff import is_staff_session

logger = logging.getLogger(__name__)

# How long a client (or nginx, serving a stale copy meanwhile) should wait before asking again.
RETRY_AFTER_SECONDS = 30


@method_decorator(cache_for_anonymous_visitors, name="dispatch")
class HomeView(TemplateView):
    template_name = "portal/home.html"


@require_safe
@never_cache
def healthz(request):
    if not database_answers():
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def database_answers():
    # A connection kept from before a database restart fails once: a new one tells the truth.
    for _attempt in range(2):
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
        except DatabaseError:
            connection.close()
        else:
            return True
    return False


class RobotsView(TemplateView):
    template_name = "portal/robots.txt"
    content_type = "text/plain; charset=utf-8"
    # A person's own pages, searches and feedback forms, in every language.
    not_for_crawlers = ("/accounts/", "/applications/", "/inquiries/", "/search/", "/feedback/")

    def get_context_data(self, **kwargs):
        disallowed = [
            in_language(path, code)
            for code, _name in settings.LANGUAGES
            for path in self.not_for_crawlers
        ]
        return super().get_context_data(disallowed=disallowed, **kwargs)


def administration_without_language(request, rest=""):
    """The administration's addresses have no language (it speaks each member of staff's own):
    one given under /zh-hans/ leads to the same page there."""
    url = reverse("admin:index") + rest
    query = request.META.get("QUERY_STRING", "")
    return redirect(f"{url}?{query}" if query else url)


def permission_denied(request, exception):
    """Staff refused a page of the admin stay in the admin; anyone else gets the portal's page
    (people who are not staff meet it at the admin's door)."""
    match = request.resolver_match
    if match is not None and match.namespace == admin.site.name and is_staff_session(request):
        return admin.site.permission_denied(request, exception)
    return defaults.permission_denied(request, exception)


def server_error(request):
    """The 500 page, or a 503 with Retry-After when the database cannot be reached: the error
    passes, and a proxy in front may serve stale copies meanwhile. Neither page touches the
    database."""
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        logger.error("The database is unavailable: %s", error)
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = RETRY_AFTER_SECONDS
        return response
    return HttpResponseServerError(loader.render_to_string("500.html"))


ALREADY_TOLD_US = _("Thank you, you have already told us.")
THANK_YOU = _("Thank you for your feedback.")
CHOOSE_YES_OR_NO = _("Choose Yes or No to tell us whether this page is useful.")
TOO_MUCH_FEEDBACK = _(
    "You have sent us a lot of feedback in a short time. Thank you: please try again later."
)


def within_feedback_limit(request):
    # Every answer, addition and report from one address counts (ACCOUNT_RATE_LIMITS).
    return ratelimit.consume(request, action="page_feedback")


def with_query(url_name, **query):
    return f"{reverse(url_name)}?{urlencode(query)}"


# "Is this page useful?" is on pages anonymous visitors share from the cache, so its form has no
# CSRF token: the view checks where the post came from instead (portal.csrf).
@without_page_feedback
@same_origin_form_target
@require_POST
def feedback_useful(request):
    form = UsefulForm(request.POST)
    if not form.is_valid():
        path = page_for_feedback(request.POST.get("page"))
        if path is None:
            raise Http404("No such page to give feedback about.")
        return back_to_the_question(request, path, messages.ERROR, CHOOSE_YES_OR_NO)
    path = form.cleaned_data["page"]
    if not within_feedback_limit(request):
        return back_to_the_question(request, path, messages.WARNING, TOO_MUCH_FEEDBACK)
    feedback = page_feedback_vote(
        path=path, useful=form.cleaned_data["useful"], visitor=visitor_of(request)
    )
    if feedback is None:
        return back_to_the_question(request, path, messages.INFO, ALREADY_TOLD_US)
    if form.cleaned_data["useful"]:
        return back_to_the_question(request, path, messages.SUCCESS, THANK_YOU)
    messages.success(request, THANK_YOU)
    return redirect(with_query("feedback_missing", answer=missing_token(feedback)))


def back_to_the_question(request, path, level, message):
    """The page again, scrolled to "Is this page useful?", which says `message` in its place."""
    messages.add_message(request, level, message, extra_tags=PAGE_FEEDBACK_ANCHOR)
    return redirect(f"{path}#{PAGE_FEEDBACK_ANCHOR}")


@without_page_feedback
@require_http_methods(["GET", "HEAD", "POST"])
def feedback_missing(request):
    """After "No": what was missing, and where to ask a question instead."""
    feedback = not_useful_feedback(request.GET.get("answer", ""))
    if feedback is None:
        raise Http404("No such answer, or too long ago.")
    form = MissingForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        if not within_feedback_limit(request):
            form.add_error(None, TOO_MUCH_FEEDBACK)
        elif page_feedback_add_missing(
            feedback=feedback, what_missing=form.cleaned_data["what_missing"]
        ):
            return redirect(with_query("feedback_sent", page=in_current_language(feedback.path)))
        else:
            page = in_current_language(feedback.path)
            return back_to_the_question(request, page, messages.INFO, ALREADY_TOLD_US)
    page = in_current_language(feedback.path)
    return render(request, "portal/feedback/missing.html", {"form": form, "page": page})


@without_page_feedback
@require_http_methods(["GET", "HEAD", "POST"])
def feedback_report(request):
    if request.method == "POST":
        form = ProblemReportForm(request.POST)
    elif page := page_for_feedback(request.GET.get("page")):
        form = ProblemReportForm(initial={"page": page})
    else:
        raise Http404("No such page to report a problem with.")
    if form.is_valid():
        if not within_feedback_limit(request):
            form.add_error(None, TOO_MUCH_FEEDBACK)
        else:
            page_feedback_report_problem(
                path=form.cleaned_data["page"],
                what_doing=form.cleaned_data["what_doing"],
                what_wrong=form.cleaned_data["what_wrong"],
            )
            return redirect(with_query("feedback_sent", page=form.cleaned_data["page"]))
    elif "page" in form.errors:
        raise Http404("No such page to report a problem with.")
    return render(
        request, "portal/feedback/report.html", {"form": form, "page": form["page"].value()}
    )


@without_page_feedback
@require_safe
def feedback_sent(request):
    page = page_for_feedback(request.GET.get("page"))
    return render(request, "portal/feedback/sent.html", {"page": page})
