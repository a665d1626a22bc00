import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from news.models import Article

pytestmark = pytest.mark.django_db


def h1_count(response):
    return len(re.findall(r"<h1[\s>]", response.content.decode()))


def test_news_list_shows_published_articles_newest_first_with_date_channel_and_summary(
    client, make_article
):
    make_article(title="Older news", days_ago=5)
    make_article(title="Newer news", days_ago=1, summary="What is new this week.")
    make_article(title="Secret draft", status=Article.Status.DRAFT)
    make_article(title="Tomorrow's news", days_ago=-1)

    response = client.get(reverse("news:article_list"))

    html = response.content.decode()
    assert response.status_code == 200
    assert h1_count(response) == 1
    assert html.index("Newer news") < html.index("Older news")
    assert "Secret draft" not in html
    assert "Tomorrow&#x27;s news" not in html
    newer = Article.objects.get(title="Newer news")
    assert timezone.localtime(newer.publish_at).strftime("%Y-%m-%d") in html
    assert "What is new this week." in html
    assert f'href="{newer.get_absolute_url()}"' in html
    assert 'href="/news/government-news/">Government News</a>' in html


def test_news_list_links_each_channel(client, channel, other_channel):
    response = client.get(reverse("news:article_list"))

    html = response.content.decode()
    assert '<a href="/news/" aria-current="page">All news</a>' in html
    assert '<a href="/news/city-news-digest/">City News Digest</a>' in html


def test_channel_page_lists_only_its_own_articles(client, make_article, other_channel):
    make_article(title="Government decision")
    make_article(title="Digest item", channel=other_channel)

    response = client.get(reverse("news:channel_detail", args=["city-news-digest"]))

    html = response.content.decode()
    assert "<h1>City News Digest</h1>" in html
    assert "Digest item" in html
    assert "Government decision" not in html
    assert '<a href="/news/city-news-digest/" aria-current="page">' in html


def test_unknown_channel_is_a_404(client, channel):
    assert client.get("/news/no-such-channel/").status_code == 404


def test_pagination_keeps_other_query_parameters(client, make_article):
    for _ in range(12):
        make_article()

    response = client.get(reverse("news:article_list"), {"utm_source": "mail", "page": 2})

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('class="news-item"') == 2
    assert 'href="?utm_source=mail&amp;page=1"' in html


@pytest.mark.parametrize("page_number", ["99", "abc"])
def test_a_page_that_does_not_exist_is_a_404_not_an_error(client, make_article, page_number):
    make_article()

    assert client.get(reverse("news:article_list"), {"page": page_number}).status_code == 404


def test_article_page_shows_the_whole_article(client, make_article):
    article = make_article(
        title="Metro line opens",
        source="Municipal Transport Commission",
        body="<h2>Journey times</h2><p>Trains every four minutes.</p>",
        photo=True,
        image_caption="The new station hall.",
    )

    response = client.get(article.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert h1_count(response) == 1
    assert "<h1>Metro line opens</h1>" in html
    assert "<h2>Journey times</h2>" in html
    assert "Source: Municipal Transport Commission" in html
    assert timezone.localtime(article.publish_at).strftime("%Y-%m-%d") in html
    assert "<figcaption>The new station hall.</figcaption>" in html
    assert 'alt="Blue rectangle"' in html
    assert 'width="1200" height="675"' in html
    assert re.search(r'srcset="/news/images/[0-9a-f]{32}-400\.webp 400w, .*-800\.webp 800w', html)
    assert '<a href="/news/government-news/">« Back to Government News</a>' in html
    assert 'aria-label="Breadcrumb"' in html


def test_article_page_has_description_and_open_graph_tags(client, make_article):
    article = make_article(title="Metro line opens", summary="Six new stations.", photo=True)

    html = client.get(article.get_absolute_url()).content.decode()

    assert '<meta name="description" content="Six new stations.">' in html
    assert '<meta property="og:title" content="Metro line opens">' in html
    url = f"http://testserver{article.get_absolute_url()}"
    assert f'<meta property="og:url" content="{url}">' in html
    assert re.search(
        r'<meta property="og:image" content="http://testserver/news/images/[0-9a-f]{32}-1200\.jpg">',
        html,
    )


def test_article_page_links_the_older_and_newer_article_in_its_channel(
    client, make_article, other_channel
):
    older = make_article(title="Older", days_ago=9)
    make_article(title="Other channel", days_ago=5, channel=other_channel)
    middle = make_article(title="Middle", days_ago=5)
    make_article(title="Draft in between", days_ago=3, status=Article.Status.DRAFT)
    newer = make_article(title="Newer", days_ago=1)

    html = client.get(middle.get_absolute_url()).content.decode()

    assert f'<a rel="prev" href="{older.get_absolute_url()}">Older</a>' in html
    assert f'<a rel="next" href="{newer.get_absolute_url()}">Newer</a>' in html


@pytest.mark.parametrize(
    "fields",
    [{"status": Article.Status.DRAFT}, {"publish_at": timezone.now() + timedelta(hours=1)}],
    ids=["draft", "scheduled"],
)
def test_a_draft_or_scheduled_article_is_a_404_for_the_public(client, make_article, fields):
    article = make_article(**fields)

    assert client.get(article.get_absolute_url()).status_code == 404


def test_an_article_is_a_404_under_another_channels_address(client, make_article, other_channel):
    article = make_article(slug="budget")

    assert client.get(f"/news/{other_channel.slug}/{article.slug}/").status_code == 404


def test_article_body_never_carries_script(client, make_article):
    article = make_article(
        body='<p>Hello</p><script>alert(1)</script><a href="javascript:alert(1)">x</a>'
        '<img src="x" onerror="alert(1)">'
    )

    html = client.get(article.get_absolute_url()).content.decode()

    assert "alert(1)" not in html


def test_renditions_are_served_and_cached(client, make_article):
    article = make_article(photo=True)
    url = article.photo_renditions()[0].webp_url

    response = client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert "immutable" in response["Cache-Control"]
    assert b"".join(response.streaming_content)[:4] == b"RIFF"


@pytest.mark.parametrize(
    "path",
    [
        "/news/images/0123456789abcdef0123456789abcdef-400.webp",
        "/news/images/..%2F..%2Fsecret_key",
        "/news/images/originals.jpg",
    ],
)
def test_nothing_else_is_served_as_an_image(client, channel, path):
    assert client.get(path).status_code == 404
