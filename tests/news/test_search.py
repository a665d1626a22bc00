"""Search at city scale: each article has a small search entry that the database keeps in step,
and a search ranks only the newest matches, found through the index (news.models)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

import news.models
from news.models import Article, ArticleSearchEntry
from news.search import article_hits

pytestmark = pytest.mark.django_db

LIMIT = 3


def search(query, limit=LIMIT):
    """Site search's hits in the news, best first: (item_id, item_date, rank)."""
    sql, params = article_hits(query, limit)
    with connection.cursor() as cursor:
        cursor.execute(f"{sql} ORDER BY rank DESC, item_date DESC", params)
        return cursor.fetchall()


def titles(hits):
    articles = Article.objects.in_bulk([item_id for item_id, *_ in hits])
    return [articles[item_id].title for item_id, *_ in hits]


def test_the_entry_follows_its_article_however_it_is_written(channel, make_article):
    article = make_article(title="Ferry timetable", body="<p>Boats leave hourly.</p>")
    assert titles(search("boats")) == ["Ferry timetable"]

    Article.objects.filter(pk=article.pk).update(body="<p>Buses leave hourly.</p>")
    assert titles(search("boats")) == []
    assert titles(search("buses")) == ["Ferry timetable"]

    Article.objects.filter(pk=article.pk).update(status=Article.Status.DRAFT)
    assert titles(search("buses")) == []

    [imported] = Article.objects.bulk_create(
        [
            Article(
                title="Imported notice",
                slug="imported",
                channel=channel,
                summary="Typhoon warning.",
                body="",
                status=Article.Status.PUBLISHED,
                publish_at=timezone.now(),
            )
        ]
    )
    assert titles(search("typhoon")) == ["Imported notice"]

    imported.delete()
    assert not ArticleSearchEntry.objects.filter(pk=imported.pk).exists()


def test_the_entry_holds_the_text_without_markup(make_article):
    article = make_article(body="<h2>Fares</h2><p>Ferries &amp; buses: &lt;3 yuan.</p>")

    assert " ".join(article.search_entry.text.split()) == "Fares Ferries & buses: <3 yuan."


def test_a_title_match_outranks_a_summary_match_and_that_a_body_match(make_article):
    make_article(title="Road works", body="<p>The metro line opens in May.</p>", days_ago=1)
    make_article(title="Library", summary="A metro stop nearby.", days_ago=2)
    make_article(title="Metro line 21 opens", body="<p>Trains every five minutes.</p>", days_ago=3)
    make_article(title="Library hours", body="<p>Open on Sundays.</p>")

    found = search("metro")

    assert titles(found) == ["Metro line 21 opens", "Library", "Road works"]
    ranks = [rank for *_, rank in found]
    assert ranks[0] > ranks[1] > ranks[2]


def test_markup_is_not_searched_and_drafts_and_scheduled_articles_are_not_found(make_article):
    make_article(title="Parks", body='<p class="note">Cherry blossom</p>')
    make_article(title="Blossom draft", status=Article.Status.DRAFT)
    make_article(title="Blossom tomorrow", days_ago=-1)

    assert titles(search("blossom")) == ["Parks"]
    assert titles(search("note")) == []
    assert {article.title for article in Article.objects.newest_matches("blossom")} == {
        "Parks",
        "Blossom draft",
        "Blossom tomorrow",
    }


@pytest.fixture
def small_window(monkeypatch):
    monkeypatch.setattr(news.models, "WINDOWS", (timedelta(days=3, hours=12),))


def test_common_words_rank_only_the_newest_matches_best_first(make_article, small_window):
    make_article(title="Timetables", body="<p>The ferry runs late.</p>", days_ago=1)
    make_article(title="Ferry to the islands", days_ago=2)
    make_article(title="Ferry prices", body="<p>Ferry tickets cost less.</p>", days_ago=3)
    for days_ago in range(4, 10):
        make_article(title=f"Ferry news {days_ago}", days_ago=days_ago)

    assert titles(search("ferry")) == ["Ferry prices", "Ferry to the islands", "Timetables"]


def test_rare_words_are_found_in_old_articles(make_article, small_window):
    for days_ago in range(1, 6):
        make_article(title=f"Bus news {days_ago}", days_ago=days_ago)
    for days_ago in [30, 40, 50, 60]:
        make_article(title=f"Typhoon warning {days_ago}", days_ago=days_ago)
    make_article(title="Typhoon warning tomorrow", days_ago=-1)

    found = titles(search("typhoon"))

    assert sorted(found) == ["Typhoon warning 30", "Typhoon warning 40", "Typhoon warning 50"]


def test_matches_are_found_in_every_window(make_article, small_window):
    for days_ago in [1, 2, 800, 5000]:
        make_article(title=f"Typhoon warning {days_ago}", days_ago=days_ago)

    assert len(titles(search("typhoon", limit=10))) == 4


# What PostgreSQL does with the query, with many more articles than the window holds.


@pytest.fixture
def many_articles(channel, monkeypatch):
    """600 articles, one an hour; every third says "ferry"; the oldest 20, from long before the
    others, say "typhoon". The windows hold the newest 100 and 300."""
    monkeypatch.setattr(news.models, "WINDOWS", (timedelta(hours=100), timedelta(hours=300)))
    now = timezone.now()
    Article.objects.bulk_create(
        Article(
            title=f"Notice {number}",
            slug=f"notice-{number}",
            channel=channel,
            summary="Road works in the districts.",
            body="<p>Take the ferry.</p>" if number % 3 == 0 else "<p>Take the bus.</p>",
            status=Article.Status.PUBLISHED,
            publish_at=now - timedelta(hours=number + (0 if number < 580 else 1000)),
        )
        for number in range(600)
    )
    Article.objects.filter(publish_at__lt=now - timedelta(hours=1000)).update(title="Typhoon")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE news_article")
        cursor.execute("ANALYZE news_articlesearchentry")
        # As site search plans it (portal.search.within_time_limit).
        cursor.execute("SET LOCAL enable_seqscan = off")


def plan_nodes(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, VERBOSE, FORMAT JSON) {sql}", params)
        [[explained]] = cursor.fetchone()
    nodes, pending = [], [explained["Plan"]]
    while pending:
        node = pending.pop()
        nodes.append(node)
        pending += node.get("Plans", [])
    return nodes


def entry_scans(nodes):
    return [node for node in nodes if node.get("Relation Name") == "news_articlesearchentry"]


def runs(nodes, name):
    [node] = [node for node in nodes if node.get("Subplan Name") == name]
    return node["Actual Loops"]


def ranked_rows(nodes):
    # The search vectors read for ranking: those of the rows that the rank is computed for.
    return sum(
        node["Actual Rows"] * node["Actual Loops"]
        for node in nodes
        if any(column.startswith("ts_rank(") for column in node.get("Output", []))
    )


def looked_up_again(nodes):
    # The windows keep what ranking needs: no entry is read a second time by its key.
    return [
        node
        for node in entry_scans(nodes)
        if node.get("Index Name") == "news_articlesearchentry_pkey"
    ]


def test_common_words_are_found_among_the_newest_articles_through_the_index(many_articles):
    nodes = plan_nodes(*article_hits("ferry", 10))

    matched = [node for node in entry_scans(nodes) if node.get("Actual Loops")]
    assert all(node["Node Type"] != "Seq Scan" for node in entry_scans(nodes))
    windowed = [node for node in nodes if node.get("Index Name") == "news_search_entry_idx"]
    assert any("publish_day >=" in node["Index Cond"] for node in windowed if node["Actual Loops"])
    # The index returns the matches among the 100 newest only, and the other windows are not read.
    assert max(node["Actual Rows"] for node in matched) <= 100
    assert runs(nodes, "CTE window_0") == 1
    assert runs(nodes, "CTE window_1") == runs(nodes, "CTE everything") == 0
    assert ranked_rows(nodes) == 10
    assert not looked_up_again(nodes)


def test_rare_words_are_found_through_the_index_and_only_the_newest_are_ranked(many_articles):
    found = search("typhoon", limit=10)
    nodes = plan_nodes(*article_hits("typhoon", 10))

    assert len(found) == 10
    assert all(node["Node Type"] != "Seq Scan" for node in entry_scans(nodes))
    assert runs(nodes, "CTE window_0") == runs(nodes, "CTE window_1") == 1
    assert runs(nodes, "CTE everything") == 1
    assert ranked_rows(nodes) == 10
    assert not looked_up_again(nodes)
