"""What site search finds in the public record of cases: the published answers to questions,
and a case reference typed into the search box, which leads to the status check."""

import re

from django.db.models import TextField, Value
from django.db.models.functions import Concat
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.fulltext import SearchResult, highlight, ranked_hits, similar_titles, snippet
from portal.search import SearchShortcut, SearchSource

from .models import REFERENCE_FORMAT, PublishedAnswer

KIND = "answers"


def answer_hits(query, limit):
    # Every match is ranked: answers are published one by one, by hand.
    matches = PublishedAnswer.objects.search(query)
    return ranked_hits(matches, kind=KIND, date="published_at")


def answer_results(ids, query):
    text = Concat("question", Value(" "), "answer", output_field=TextField())
    answers = (
        PublishedAnswer.objects.filter(pk__in=ids)
        .select_related("inquiry")
        .only("title", "answered_at", "inquiry__reference")
        .annotate(search_snippet=snippet(text, query))
    )
    return {
        answer.pk: SearchResult(
            kind=KIND,
            title=answer.title,
            url=answer.get_absolute_url(),
            date=answer.answered_at.replace(microsecond=0),
            snippet=highlight(answer.search_snippet),
            date_prefix=_("Answered"),
        )
        for answer in answers
    }


def answer_titles(query):
    return similar_titles(PublishedAnswer.objects.all(), title="title", query=query)


ANSWER_SEARCH_SOURCE = SearchSource(
    kind=KIND,
    label=gettext_lazy("Answered questions"),
    hits=answer_hits,
    results=answer_results,
    titles=answer_titles,
)


def reference_shortcut(query):
    """An application or inquiry reference (8 digits, spaces allowed) leads to its status check."""
    reference = re.sub(r"\s", "", query)
    if not re.fullmatch(REFERENCE_FORMAT, reference):
        return None
    url = f"{reverse('public:status_check')}?{urlencode({'reference': reference})}"
    return SearchShortcut(
        text=_("Check the status of %(reference)s") % {"reference": reference}, url=url
    )
