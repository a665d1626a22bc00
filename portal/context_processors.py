from django.utils.functional import SimpleLazyObject

from .models import SiteProfile


def site_profile(request):
    # Lazy, so that pages which never show it (JSON, feeds) run no query for it.
    return {"site_profile": SimpleLazyObject(SiteProfile.load)}
