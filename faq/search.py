"""What site search finds in the FAQ: published questions, ranked, with highlighted snippets."""

from django.db.models.functions import Left
from django.utils.translation import gettext_lazy as _

from portal.fulltext import SearchResult, highlight, ranked_hits, similar_titles, snippet
from portal.search import SearchSource

from .models import Question

KIND = "faq"
# The snippet comes from the beginning of the answer: highlighting reads all of the text it is
# given, and an answer can run to kilobytes.
SNIPPET_FROM_CHARACTERS = 600


def question_hits(query, limit):
    # Every match is ranked: there are a few thousand questions at most.
    matches = Question.objects.published().search(query)
    return ranked_hits(matches, kind=KIND, date="updated_at")


def question_results(ids, query):
    questions = (
        Question.objects.filter(pk__in=ids)
        .order_by()  # in the order of the hits
        .only("question", "slug", "updated_at")
        .annotate(search_snippet=snippet(Left("answer_text", SNIPPET_FROM_CHARACTERS), query))
    )
    return {
        question.pk: SearchResult(
            kind=KIND,
            title=question.question,
            url=question.get_absolute_url(),
            date=question.updated_at,
            snippet=highlight(question.search_snippet),
            date_prefix=_("Updated"),
        )
        for question in questions
    }


def question_titles(query):
    return similar_titles(Question.objects.published(), title="question", query=query)


SEARCH_SOURCE = SearchSource(
    kind=KIND, label=_("FAQ"), hits=question_hits, results=question_results, titles=question_titles
)
