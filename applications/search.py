"""What site search finds in this app (portal.search): the services open for applications,
ranked by a weighted vector (the name first), linking to their start pages; the answered
questions caseworkers published (applications.public_search); and a typed reference leads to
the status check."""

from django.db.models import TextField, Value
from django.db.models.functions import Concat
from django.utils.translation import gettext_lazy as _

from portal.fulltext import SearchResult, highlight, ranked_hits, similar_titles, snippet
from portal.search import SearchSource

from .models import Service
from .public_search import ANSWER_SEARCH_SOURCE, reference_shortcut

KIND = "services"
# Services are what most people come to do, and there are few of them: a service whose name
# matches ranks above news and answers that merely mention it.
SERVICE_BOOST = 2


def service_hits(query, limit):
    # Every match is ranked: a city has a few hundred services at most.
    matches = Service.objects.open().search(query, boost=SERVICE_BOOST)
    return ranked_hits(matches, kind=KIND, date="updated_at")


def service_results(ids, query):
    text = Concat("summary", Value(" "), "description", output_field=TextField())
    services = (
        Service.objects.filter(pk__in=ids)
        .only("name", "slug", "updated_at")
        .annotate(search_snippet=snippet(text, query))
    )
    return {
        service.pk: SearchResult(
            kind=KIND,
            title=service.name,
            url=service.get_absolute_url(),
            date=None,
            snippet=highlight(service.search_snippet),
        )
        for service in services
    }


def service_titles(query):
    return similar_titles(Service.objects.open(), title="name", query=query)


SERVICE_SEARCH_SOURCE = SearchSource(
    kind=KIND,
    label=_("Services"),
    hits=service_hits,
    results=service_results,
    titles=service_titles,
)
SEARCH_SOURCES = [SERVICE_SEARCH_SOURCE, ANSWER_SEARCH_SOURCE]
SEARCH_SHORTCUT = reference_shortcut
