import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from news.models import Article
from tests.html import find, h1, links, meta, select, text, text_of, texts_of

pytestmark = pytest.mark.django_db


def listed(response):
    """The title of each article in the list, in order."""
    return texts_of(response, ".news-list .news-item__title")


def current_channel(response):
    """The channel link the channel list marks as this page."""
    return text_of(response, '.news-channels [aria-current="page"]')


def test_news_list_shows_published_articles_newest_first_with_date_channel_and_summary(
    client, make_article
):
    make_article(title="Older news", days_ago=5)
    make_article(title="Newer news", days_ago=1, summary="What is new this week.")
    make_article(title="Secret draft", status=Article.Status.DRAFT)
    make_article(title="Tomorrow's news", days_ago=-1)

    response = client.get(reverse("news:article_list"))

    assert response.status_code == 200
    assert h1(response) == "News"
    assert listed(response) == ["Newer news", "Older news"]
    newer = Article.objects.get(title="Newer news")
    item = select(response, ".news-item")[0]
    date = timezone.localtime(newer.publish_at).strftime("%-d %B %Y")
    assert text_of(item, ".news-item__meta") == f"{date} · Government News"
    assert text_of(item, ".news-item__summary") == "What is new this week."
    assert links(item) == {
        "Newer news": newer.get_absolute_url(),
        "Government News": "/news/government-news/",
    }


def test_news_list_links_each_channel(client, channel, other_channel):
    response = client.get(reverse("news:article_list"))

    assert links(find(response, ".news-channels")) == {
        "All news": "/news/",
        "Government News": "/news/government-news/",
        "City News Digest": "/news/city-news-digest/",
    }
    assert current_channel(response) == "All news"


def test_channel_page_lists_only_its_own_articles(client, make_article, other_channel):
    make_article(title="Government decision")
    make_article(title="Digest item", channel=other_channel)

    response = client.get(reverse("news:channel_detail", args=["city-news-digest"]))

    assert h1(response) == "City News Digest"
    assert listed(response) == ["Digest item"]
    assert current_channel(response) == "City News Digest"


def test_unknown_channel_is_a_404(client, channel):
    assert client.get("/news/no-such-channel/").status_code == 404


def test_pagination_keeps_other_query_parameters(client, make_article):
    for _ in range(12):
        make_article()

    response = client.get(reverse("news:article_list"), {"utm_source": "mail", "page": 2})

    assert response.status_code == 200
    assert len(listed(response)) == 2
    assert links(find(response, ".pagination"))["« Previous page"] == "?utm_source=mail&page=1"


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

    assert response.status_code == 200
    assert h1(response) == "Metro line opens"
    assert texts_of(response, ".news-article h2") == ["Journey times"]
    date = timezone.localtime(article.publish_at).strftime("%-d %B %Y")
    assert text_of(response, ".news-article__meta") == (
        f"{date} · Government News Source: Municipal Transport Commission"
    )
    assert text_of(response, ".news-article figcaption") == "The new station hall."
    photo = find(response, ".news-article figure img")
    assert (photo["alt"], photo["width"], photo["height"]) == ("Blue rectangle", "1200", "675")
    webp = find(response, '.news-article figure source[type="image/webp"]')["srcset"]
    assert re.fullmatch(r"/news/images/[0-9a-f]{32}-400\.webp 400w, .*-800\.webp 800w, .*", webp)
    assert links(response)["« Back to Government News"] == "/news/government-news/"
    assert texts_of(response, 'nav[aria-label="Breadcrumb"] li') == [
        "Home",
        "News",
        "Government News",
        "Metro line opens",
    ]


def test_article_page_has_description_and_open_graph_tags(client, make_article):
    article = make_article(title="Metro line opens", summary="Six new stations.", photo=True)

    page = client.get(article.get_absolute_url())

    assert meta(page, "description") == "Six new stations."
    assert meta(page, "og:title") == "Metro line opens"
    assert meta(page, "og:url") == f"http://testserver{article.get_absolute_url()}"
    assert re.fullmatch(
        r"http://testserver/news/images/[0-9a-f]{32}-1200\.jpg", meta(page, "og:image")
    )


def test_article_page_links_the_older_and_newer_article_in_its_channel(
    client, make_article, other_channel
):
    older = make_article(title="Older", days_ago=9)
    make_article(title="Other channel", days_ago=5, channel=other_channel)
    middle = make_article(title="Middle", days_ago=5)
    make_article(title="Draft in between", days_ago=3, status=Article.Status.DRAFT)
    newer = make_article(title="Newer", days_ago=1)

    page = client.get(middle.get_absolute_url())

    assert texts_of(page, ".news-article__neighbours li") == ["Older Older", "Newer Newer"]
    assert find(page, 'a[rel="prev"]')["href"] == older.get_absolute_url()
    assert find(page, 'a[rel="next"]')["href"] == newer.get_absolute_url()


def test_an_article_page_reads_the_article_its_channel_and_neighbours_in_one_query(
    client, make_article, django_assert_num_queries
):
    make_article(title="Older", days_ago=9)
    middle = make_article(title="Middle", days_ago=5)
    make_article(title="Newer", days_ago=1)
    client.get("/")  # the site profile, kept for every page after it

    with django_assert_num_queries(1):
        page = client.get(middle.get_absolute_url())

    assert texts_of(page, ".news-article__neighbours li") == ["Older Older", "Newer Newer"]


def test_the_first_and_the_last_article_of_a_channel_have_one_neighbour(client, make_article):
    first = make_article(title="First", days_ago=9)
    last = make_article(title="Last", days_ago=1)

    assert texts_of(client.get(first.get_absolute_url()), ".news-article__neighbours li") == [
        "Newer Last"
    ]
    assert texts_of(client.get(last.get_absolute_url()), ".news-article__neighbours li") == [
        "Older First"
    ]


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

    body = find(client.get(article.get_absolute_url()), ".news-article__body")

    assert text(body) == "Hello x"
    assert not select(body, "script")
    assert [link.attrs for link in select(body, "a")] == [{"rel": ["noopener", "noreferrer"]}]
    assert [image.attrs for image in select(body, "img")] == [{}]


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
