"""What site search finds in the FAQ: published questions, ranked, with highlighted snippets."""

from django.db.models import F

from portal.fulltext import SearchResult, highlight, ranked_hits, similar_titles, snippet
from portal.search import SearchSource

from .models import Question

KIND = "faq"


def question_hits(query, limit):
    # Every match is ranked: there are a few thousand questions at most.
    matches = Question.objects.published().search(query)
    return ranked_hits(matches, kind=KIND, date="updated_at")


def question_results(ids, query):
    questions = (
        Question.objects.filter(pk__in=ids)
        .only("question", "slug", "updated_at")
        .annotate(search_snippet=snippet(F("answer_text"), query))
    )
    return {
        question.pk: SearchResult(
            kind=KIND,
            title=question.question,
            url=question.get_absolute_url(),
            date=question.updated_at,
            snippet=highlight(question.search_snippet),
            date_prefix="Updated",
        )
        for question in questions
    }


def question_titles(query):
    return similar_titles(Question.objects.published(), title="question", query=query)


SEARCH_SOURCE = SearchSource(
    kind=KIND, label="FAQ", hits=question_hits, results=question_results, titles=question_titles
)
