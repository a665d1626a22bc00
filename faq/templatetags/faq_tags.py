from django import template

from ..models import Question

register = template.Library()

WIDGET_SIZE = 6


@register.inclusion_tag("faq/widgets/faq.html")
def faq_widget():
    questions = (
        Question.objects.featured()
        .in_reading_order()
        .only("question", "slug", "answer_text")[:WIDGET_SIZE]
    )
    return {"questions": questions}
