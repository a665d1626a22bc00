from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .models import SiteProfile


def site_profile(request):
    # Lazy, so that pages which never show it (JSON, feeds) run no query for it.
    return {"site_profile": SimpleLazyObject(lambda: SiteProfile.load().in_page_language())}


def shared_fragments(request):
    # How long {% cache %} keeps the parts of a page that are the same for everyone.
    return {"shared_fragment_seconds": settings.PAGE_CACHE_SECONDS}
