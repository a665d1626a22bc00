"""The portal's addresses plus two reference pages: the fastest any Django view can answer here,
and the least any page in the portal's layout costs.

The reference view returns a fixed 30 KB page from a string, through the same middleware as
every other page. The benchmark compares each page with it, and nginx serves the same bytes as
a static file. The layout view shows the portal's layout with nothing in it, never kept: every
page costs that before anything of its own.
"""

from django.http import HttpResponse
from django.template import engines
from django.urls import path

from portal.urls import urlpatterns as portal_urlpatterns

PAGE_BYTES = 30 * 1024
REFERENCE_PATH = "bench/reference/"
LAYOUT_PATH = "bench/layout/"


def reference_page():
    start = (
        '<!doctype html>\n<html lang="en">\n<head><title>Reference page</title></head>\n<body>\n'
    )
    end = "</body>\n</html>\n"
    paragraph = (
        "<p>A fixed page of thirty kilobytes, about the size of a portal page, returned from a "
        "string so that no template, query or cache is involved.</p>\n"
    )
    body = paragraph * ((PAGE_BYTES - len(start) - len(end)) // len(paragraph))
    padding = " " * (PAGE_BYTES - len(start) - len(body) - len(end))
    return start + body + padding + end


REFERENCE_PAGE = reference_page()


def reference(request):
    return HttpResponse(REFERENCE_PAGE)


EMPTY_PAGE = engines["django"].from_string(
    '{% extends "base.html" %}{% block title %}An empty page{% endblock %}'
)


def layout(request):
    return HttpResponse(EMPTY_PAGE.render({}, request))


urlpatterns = [
    path(REFERENCE_PATH, reference, name="bench_reference"),
    path(LAYOUT_PATH, layout, name="bench_layout"),
    *portal_urlpatterns,
]
