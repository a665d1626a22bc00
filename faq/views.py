from allauth.account.adapter import get_adapter
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, ListView

from portal.caching import cache_for_anonymous_visitors
from portal.csrf import same_origin_form_target

from .forms import HelpfulVoteForm
from .models import Question
from .services import helpful_vote_record


@method_decorator(cache_for_anonymous_visitors, name="dispatch")
class FaqIndexView(ListView):
    template_name = "faq/index.html"
    context_object_name = "questions"

    def get_queryset(self):
        return Question.objects.published().in_reading_order().select_related("topic")


@method_decorator(cache_for_anonymous_visitors, name="dispatch")
class QuestionDetailView(DetailView):
    template_name = "faq/question_detail.html"
    context_object_name = "question"

    def get_queryset(self):
        return Question.objects.published().select_related("topic")


@same_origin_form_target
@require_POST
def helpful_vote(request, slug):
    question = get_object_or_404(Question.objects.published(), slug=slug)
    form = HelpfulVoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose Yes or No to tell us whether the answer helped.")
    elif helpful_vote_record(
        question=question,
        helpful=form.cleaned_data["helpful"],
        client_ip=get_adapter(request).get_client_ip(request),
    ):
        messages.success(request, "Thank you for your feedback on this answer.")
    else:
        messages.warning(
            request,
            "We have already received several answers from you about this question. "
            "Thank you: please try again later.",
        )
    return redirect(question)
