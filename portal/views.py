import logging
import sys

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from .caching import cache_for_anonymous_visitors

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
    for _ in range(2):
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
