"""The portal's addresses plus a reference page: the fastest any Django view can answer here.

The reference view returns a fixed 30 KB page from a string, through the same middleware as
every other page. The benchmark compares each page with it, and nginx serves the same bytes as
a static file.
"""

from django.http import HttpResponse
from django.urls import path

from portal.urls import urlpatterns as portal_urlpatterns

PAGE_BYTES = 30 * 1024
REFERENCE_PATH = "bench/reference/"


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


urlpatterns = [path(REFERENCE_PATH, reference, name="bench_reference"), *portal_urlpatterns]
