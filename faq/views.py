from collections import defaultdict

from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber
from django.shortcuts import get_object_or_404
from django.utils.decorators import method_decorator
from django.views.generic import DetailView, ListView, TemplateView

from portal.caching import cache_for_anonymous_visitors

from .models import Question, Topic

# /faq/ shows each topic's first questions; a topic's own page shows them all, a page at a time.
QUESTIONS_PER_TOPIC_PREVIEW = 6
QUESTIONS_PER_PAGE = 20


@method_decorator(cache_for_anonymous_visitors, name="dispatch")
class FaqIndexView(TemplateView):
    """Every topic with its first questions and answers, and a link to the rest of each."""

    template_name = "faq/index.html"

    def get_context_data(self, **kwargs):
        topics = list(
            Topic.objects.annotate(
                question_count=Count("questions", filter=Q(questions__published=True))
            )
            .filter(question_count__gt=0)
            .order_by("position", "name")
        )
        previews = defaultdict(list)
        for question in first_questions_of_each_topic():
            previews[question.topic_id].append(question)
        for topic in topics:
            topic.preview = previews[topic.pk]
            topic.has_more = topic.question_count > len(topic.preview)
        return super().get_context_data(topics=topics, **kwargs)


def first_questions_of_each_topic():
    place = Window(RowNumber(), partition_by=F("topic"), order_by=[F("position"), F("question")])
    return (
        Question.objects.published()
        .annotate(place=place)
        .filter(place__lte=QUESTIONS_PER_TOPIC_PREVIEW)
        .in_reading_order()
    )


@method_decorator(cache_for_anonymous_visitors(query=["page"]), name="dispatch")
class TopicDetailView(ListView):
    template_name = "faq/topic_detail.html"
    context_object_name = "questions"
    paginate_by = QUESTIONS_PER_PAGE

    def get_queryset(self):
        self.topic = get_object_or_404(Topic, slug=self.kwargs["slug"])
        return self.topic.questions.published().in_reading_order()

    def get_context_data(self, **kwargs):
        return super().get_context_data(topic=self.topic, **kwargs)


@method_decorator(cache_for_anonymous_visitors, name="dispatch")
class QuestionDetailView(DetailView):
    template_name = "faq/question_detail.html"
    context_object_name = "question"

    def get_queryset(self):
        return Question.objects.published().select_related("topic")
