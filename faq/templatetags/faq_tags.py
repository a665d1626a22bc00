from django import template

from ..models import Question

register = template.Library()

WIDGET_SIZE = 6


@register.inclusion_tag("faq/widgets/faq.html")
def faq_widget():
    questions = (
        Question.objects.featured()
        .in_reading_order()
        .only("question", "question_zh_hans", "slug", "answer_text", "answer_text_zh_hans")[
            :WIDGET_SIZE
        ]
    )
    return {"questions": questions}
