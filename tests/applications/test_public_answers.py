"""The city's archive of answered questions: an answered inquiry's question and answer become a
public page only when its author agreed and a caseworker published it, without the name."""

import pytest
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from applications.models import PublishedAnswer
from applications.publication import answer_publish
from applications.services import inquiry_answer, inquiry_follow_up
from tests.factories import make_inquiry, make_published_answer
from tests.html import find, h1, link_targets, links, main, messages, select, text, text_of
from tests.sitemaps import sitemap_entries
from tests.staff import sign_in_with_two_factors

pytestmark = pytest.mark.django_db

ANSWERS = reverse("public:answer_list")


def publish_url(inquiry):
    return reverse("admin:applications_inquiry_publish", args=[inquiry.pk])


def public_places(client):
    """The text of every public page where a published answer may show."""
    return {
        "archive": text(main(client.get(ANSWERS))),
        "inquiry list": text(main(client.get(reverse("public:inquiry_list")))),
        "search": text(main(client.get(reverse("search") + "?q=library"))),
        "sitemap": " ".join(sitemap_entries(client)),
        "feed": client.get(reverse("public:answer_feed")).content.decode(),
    }


def test_an_answer_is_public_only_after_the_authors_yes_and_a_caseworkers_approval(
    client, citizen, caseworker
):
    agreed = make_inquiry(
        author=citizen,
        publication_agreed=True,
        message="My name is Li Na. When is it open?",
        answered_by=caseworker,
    )
    not_agreed = make_inquiry(author=citizen, listed_publicly=True, answered_by=caseworker)

    assert "library open" not in " ".join(public_places(client).values()).lower()
    with pytest.raises(ValidationError):
        make_published_answer(inquiry=not_agreed, by=caseworker)

    published = make_published_answer(
        inquiry=agreed, by=caseworker, question="When is the library open?"
    )
    caches["pages"].clear()  # as when the shared copies run out, within a minute

    places = public_places(client)
    for place in ["archive", "search", "feed"]:
        assert "When is the library open at Spring Festival?" in places[place], place
    assert f"http://testserver{published.get_absolute_url()}" in places["sitemap"]
    detail = main(client.get(published.get_absolute_url()))
    assert h1(detail) == "When is the library open at Spring Festival?"
    assert "It opens at 9:00 from the second day." in text(detail)
    assert "Li Na" not in text(detail)
    assert "li.na@example.com" not in text(detail)
    assert not PublishedAnswer.objects.filter(inquiry=not_agreed).exists()


def test_an_unanswered_question_cannot_be_published(citizen, caseworker):
    with pytest.raises(ValidationError):
        answer_publish(
            inquiry=make_inquiry(author=citizen, publication_agreed=True),
            by=caseworker,
            title="T",
            question="Q",
            answer="A",
        )


def test_the_inquiry_list_links_a_published_answer(client, citizen, caseworker):
    inquiry = make_inquiry(author=citizen, publication_agreed=True, answered_by=caseworker)
    published = make_published_answer(inquiry=inquiry, by=caseworker)

    listed = links(find(client.get(reverse("public:inquiry_list")), "table"))

    assert listed == {
        f"{inquiry.reference}: read the question and answer": published.get_absolute_url()
    }


def test_a_caseworker_publishes_after_leaving_out_personal_details(client, citizen, caseworker):
    inquiry = make_inquiry(
        author=citizen, publication_agreed=True, message="I am Li Na. When?", answered_by=caseworker
    )
    sign_in_with_two_factors(client, caseworker)
    change_page = client.get(reverse("admin:applications_inquiry_change", args=[inquiry.pk]))
    assert links(change_page)["Publish the question and answer"] == publish_url(inquiry)

    form = client.get(publish_url(inquiry))
    assert text_of(form, 'textarea[name="question"]') == "I am Li Na. When?"
    # The author was answered in their language: the form starts from it.
    assert find(form, 'select[name="language"] option[selected]')["value"] == "en"
    texts = {"title": "Library hours", "question": "When?", "answer": inquiry.answer}
    unticked = client.post(publish_url(inquiry), texts)
    assert unticked.status_code == 200
    assert not PublishedAnswer.objects.exists()

    done = client.post(
        publish_url(inquiry), {**texts, "language": "en", "checked": "on"}, follow=True
    )

    published = PublishedAnswer.objects.get()
    assert links(find(done, ".messagelist"))["read them as the public will"] == (
        published.get_absolute_url()
    )
    assert (published.title, published.question, published.language, published.published_by) == (
        "Library hours",
        "When?",
        "en",
        caseworker,
    )
    assert client.get(published.get_absolute_url()).status_code == 200
    # Asked again, the page leads to where the published texts are corrected.
    again = client.get(publish_url(inquiry))
    assert links(again)["Correct them under “Published answers”"] == reverse(
        "admin:applications_publishedanswer_change", args=[published.pk]
    )


def test_the_publish_form_starts_from_the_follow_up_too(client, citizen, caseworker):
    inquiry = make_inquiry(
        author=citizen,
        publication_agreed=True,
        message="When does the library open at Spring Festival?",
        answered_by=caseworker,
        answer="At 9:00 from the second day.",
    )
    inquiry_follow_up(inquiry=inquiry, by=citizen, question="And the children's library?")
    inquiry_answer(inquiry=inquiry, answer="It opens at 10:00.", by=caseworker)
    sign_in_with_two_factors(client, caseworker)

    form = client.get(publish_url(inquiry))

    assert find(form, 'textarea[name="question"]').text.strip() == (
        "When does the library open at Spring Festival?\n\nAnd the children's library?"
    )
    assert find(form, 'textarea[name="answer"]').text.strip() == (
        "At 9:00 from the second day.\n\nIt opens at 10:00."
    )


def test_without_the_authors_yes_the_admin_offers_no_publishing(client, citizen, caseworker):
    inquiry = make_inquiry(author=citizen, listed_publicly=True, answered_by=caseworker)
    sign_in_with_two_factors(client, caseworker)

    change_page = client.get(reverse("admin:applications_inquiry_change", args=[inquiry.pk]))
    refused = client.post(
        publish_url(inquiry), {"title": "T", "question": "Q", "answer": "A", "checked": "on"}
    )

    assert publish_url(inquiry) not in link_targets(change_page)
    assert refused.status_code == 200
    assert not PublishedAnswer.objects.exists()


def test_a_caseworker_takes_a_published_answer_down(client, citizen, caseworker):
    published = make_published_answer(
        inquiry=make_inquiry(author=citizen, publication_agreed=True, answered_by=caseworker),
        by=caseworker,
    )
    url = published.get_absolute_url()
    sign_in_with_two_factors(client, caseworker)

    deleted = client.post(
        reverse("admin:applications_publishedanswer_delete", args=[published.pk]),
        {"post": "yes"},
        follow=True,
    )
    client.logout()

    assert client.get(url).status_code == 404
    # Taken down, perhaps in a hurry: how long a kept copy may still show it.
    assert any(
        message.startswith(f"“{published}” is no longer public.") for message in messages(deleted)
    )


@pytest.mark.parametrize(
    "typed", ["2092 7227", "2092-7227", "".join(chr(ord(d) + 0xFEE0) for d in "20927227")]
)
def test_a_reference_typed_into_site_search_leads_to_the_status_check(client, typed):
    response = client.get(reverse("search"), {"q": typed})

    assert (
        links(main(response))["Check the status of 20927227"]
        == reverse("public:status_check") + "?reference=20927227"
    )


def test_ordinary_words_lead_to_no_status_check(client):
    found = links(main(client.get(reverse("search") + "?q=library")))

    assert not [label for label in found if label.startswith("Check the status")]


def test_the_author_sees_what_they_agreed_to_show(client, citizen, caseworker):
    inquiry = make_inquiry(author=citizen, publication_agreed=True, answered_by=caseworker)
    client.force_login(citizen)
    before = text_of(client.get(inquiry.get_absolute_url()), "dl")
    published = make_published_answer(inquiry=inquiry, by=caseworker)

    after = find(client.get(inquiry.get_absolute_url()), "dl")

    assert "you agreed that we may publish the question and answer" in before
    assert links(after)["published the question and answer"] == published.get_absolute_url()


def test_an_answer_is_marked_in_its_language_on_pages_in_the_other(client, citizen, caseworker):
    citizen.contact_language = "zh-hans"
    citizen.save()
    asked_in_chinese = make_inquiry(
        author=citizen, publication_agreed=True, answered_by=caseworker, answer="上午九点开门。"
    )
    sign_in_with_two_factors(client, caseworker)
    form = client.get(publish_url(asked_in_chinese))
    assert find(form, 'select[name="language"] option[selected]')["value"] == "zh-hans"
    texts = {
        "title": "图书馆几点开门？",
        "question": "图书馆几点开门？",
        "answer": "上午九点开门。",
    }
    client.post(publish_url(asked_in_chinese), {**texts, "language": "zh-hans", "checked": "on"})
    client.logout()
    chinese = PublishedAnswer.objects.get()
    english = make_published_answer(
        inquiry=make_inquiry(author=citizen, publication_agreed=True, answered_by=caseworker),
        by=caseworker,
    )

    with translation.override("en"):
        address = {answer: answer.get_absolute_url() for answer in [chinese, english]}
        search_url = reverse("search")

    for language, other, marked in [("en", chinese, "zh-Hans"), ("zh-hans", english, "en")]:
        prefix = "" if language == "en" else f"/{language}"
        same = english if other is chinese else chinese
        archive = main(client.get(prefix + ANSWERS))
        assert find(archive, f'a[href="{prefix}{address[other]}"]')["lang"] == marked
        assert not find(archive, f'a[href="{prefix}{address[same]}"]').get("lang")

        detail = main(client.get(prefix + address[other]))
        for part in ["h1", ".published-answer__question", ".published-answer__answer"]:
            assert find(detail, part)["lang"] == marked, (language, part)
        assert find(detail, ".breadcrumbs [aria-current] span")["lang"] == marked
        detail = main(client.get(prefix + address[same]))
        assert not find(detail, "h1").get("lang")

    search = main(client.get("/zh-hans" + search_url, {"q": "library"}))
    assert find(search, ".search-result__title a")["lang"] == "en"
    assert find(search, ".search-result__snippet")["lang"] == "en"
    english_search = main(client.get(search_url, {"q": "library"}))
    assert not find(english_search, ".search-result__title a").get("lang")
    assert not select(english_search, ".in-english")


def test_chinese_pages_find_an_answer_written_in_chinese_by_its_words(client, citizen, caseworker):
    asked = make_inquiry(author=citizen, publication_agreed=True, answered_by=caseworker)
    make_published_answer(
        inquiry=asked,
        by=caseworker,
        title="社区食堂的老人优惠怎么办理？",
        question="我母亲今年七十二岁，能享受老人优惠吗？",
        answer="带身份证到社区食堂登记一次，午餐即可享受八折优惠。",
        language="zh-hans",
    )
    make_published_answer(
        inquiry=make_inquiry(author=citizen, publication_agreed=True, answered_by=caseworker),
        by=caseworker,
    )
    with translation.override("en"):
        search_url = reverse("search")

    found = main(client.get("/zh-hans" + search_url, {"q": "老人优惠"}))

    assert [text(title) for title in select(found, ".search-result__title")] == [
        "社区食堂的老人优惠怎么办理？"
    ]
    assert not find(found, ".search-result__title a").get("lang")
    assert text_of(found, ".search-result__snippet mark") == "老人优惠"
    english = main(client.get("/zh-hans" + search_url, {"q": "library"}))
    assert [text(title) for title in select(english, ".search-result__title a")] == [
        "When is the library open at Spring Festival?"
    ]
