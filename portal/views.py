from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from .caching import cache_for_anonymous_visitors


@method_decorator(cache_for_anonymous_visitors, name="dispatch")
class HomeView(TemplateView):
    template_name = "portal/home.html"


@require_safe
@never_cache
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


class RobotsView(TemplateView):
    template_name = "portal/robots.txt"
    content_type = "text/plain; charset=utf-8"
