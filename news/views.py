import mimetypes

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView

from portal.caching import cache_for_anonymous_visitors

from .images import RENDITIONS_DIR
from .models import Article, Channel, published_article

PAGE_SIZE = 10


@method_decorator(cache_for_anonymous_visitors(query=["page"]), name="dispatch")
class ArticleListView(ListView):
    template_name = "news/article_list.html"
    context_object_name = "articles"
    paginate_by = PAGE_SIZE
    channel = None

    def get_queryset(self):
        articles = Article.objects.published().newest_first().select_related("channel")
        return articles.defer("body", "body_zh_hans")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            channels=Channel.objects.all(), channel=self.channel, **kwargs
        )


class ChannelDetailView(ArticleListView):
    def get_queryset(self):
        self.channel = get_object_or_404(Channel, slug=self.kwargs["channel_slug"])
        return super().get_queryset().in_channel(self.channel)


@method_decorator(cache_for_anonymous_visitors, name="dispatch")
class ArticleDetailView(DetailView):
    template_name = "news/article_detail.html"
    context_object_name = "article"

    def get_object(self, queryset=None):
        article = published_article(self.kwargs["channel_slug"], self.kwargs["slug"])
        if article is None:
            raise Http404("No such article.")
        return article

    def get_context_data(self, **kwargs):
        return super().get_context_data(**self.object.neighbours(), **kwargs)


@require_safe
def rendition(request, name):
    path = f"{RENDITIONS_DIR}/{name}"
    if not default_storage.exists(path):
        raise Http404("No such image.")
    content_type, _ = mimetypes.guess_type(name)
    response = FileResponse(default_storage.open(path, "rb"), content_type=content_type)
    # Each name is random and never reused for other content.
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response
