from django.contrib import admin
from django.db.models import Count, Q

from portal.admin_editor import RichTextEditorAdminMixin

from .models import Question, Topic


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position", "question_count"]
    list_editable = ["position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(question_count=Count("questions"))

    @admin.display(description="Questions", ordering="question_count")
    def question_count(self, topic):
        return topic.question_count


@admin.register(Question)
class QuestionAdmin(RichTextEditorAdminMixin, admin.ModelAdmin):
    list_display = [
        "question",
        "topic",
        "position",
        "featured",
        "published",
        "helpful_yes",
        "helpful_no",
        "updated_at",
    ]
    list_editable = ["position", "featured", "published"]
    list_filter = ["published", "featured", "topic"]
    list_select_related = ["topic"]
    search_fields = ["question", "answer_text"]
    ordering = ["topic__position", "topic__name", "position", "question"]
    prepopulated_fields = {"slug": ["question"]}
    readonly_fields = ["helpful_yes", "helpful_no", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["topic", "question", "slug", "answer", "position"]}),
        ("Visibility", {"fields": ["published", "featured"]}),
        ("Was this answer helpful?", {"fields": ["helpful_yes", "helpful_no"]}),
        ("History", {"fields": ["created_at", "updated_at"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                helpful_yes_count=Count("votes", filter=Q(votes__helpful=True)),
                helpful_no_count=Count("votes", filter=Q(votes__helpful=False)),
            )
        )

    @admin.display(description="Helpful: yes", ordering="helpful_yes_count")
    def helpful_yes(self, question):
        return question.helpful_yes_count

    @admin.display(description="Helpful: no", ordering="helpful_no_count")
    def helpful_no(self, question):
        return question.helpful_no_count
