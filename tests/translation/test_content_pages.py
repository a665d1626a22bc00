"""Content shown in the language of the page: the Chinese version where editors wrote one, else
the English with a notice in Chinese and lang="en" on the English."""

import pytest
from django.urls import reverse
from django.utils import translation

from portal.models import SiteProfile
from tests.factories import make_public_service
from tests.html import breadcrumbs, find, h1, select, text, text_of, texts_of, title

pytestmark = pytest.mark.django_db

NOTICE = "本文暂无中文版本，以下为英文原文。"
IN_ENGLISH = "（英文）"


def chinese(url):
    return f"/zh-hans{url}"


def get_chinese(client, url):
    """The Chinese page at the English `url`. The request's language is put back afterwards:
    LocaleMiddleware leaves it active in the test's thread, where reverse() would use it."""
    with translation.override("en"):
        return client.get(chinese(url))


def notice(response):
    found = select(response, ".english-only-notice")
    return text(found[0]) if found else None


def lang_of(response, selector):
    return find(response, selector).get("lang")


@pytest.fixture
def translated_article(make_article, channel):
    channel.name_zh_hans = "政务要闻"
    channel.save()
    return make_article(
        title="Metro line 20 opens",
        title_zh_hans="地铁20号线开通",
        summary="The new line links the east and the airport.",
        summary_zh_hans="新线路连接东部城区与机场。",
        body="<p>Trains run every five minutes.</p>",
        body_zh_hans="<p>列车每五分钟一班。</p>",
    )


@pytest.fixture
def english_only_article(make_article):
    return make_article(
        title="Library opening hours",
        summary="The central library opens later on Sundays.",
        body="<p>From 10:00.</p>",
    )


def test_an_article_is_shown_in_the_language_of_the_page(client, translated_article):
    english = client.get(translated_article.get_absolute_url())
    chinese_page = get_chinese(client, translated_article.get_absolute_url())

    assert h1(english) == "Metro line 20 opens"
    assert text_of(english, ".news-article__body") == "Trains run every five minutes."
    assert "地铁" not in text(english)
    assert h1(chinese_page) == "地铁20号线开通"
    assert text_of(chinese_page, ".lead") == "新线路连接东部城区与机场。"
    assert text_of(chinese_page, ".news-article__body") == "列车每五分钟一班。"
    assert title(chinese_page).startswith("地铁20号线开通")
    assert [crumb.label for crumb in breadcrumbs(chinese_page)][-2:] == [
        "政务要闻",
        "地铁20号线开通",
    ]
    assert not notice(chinese_page)
    assert lang_of(chinese_page, "h1") is None


def test_without_a_chinese_version_the_english_is_shown_with_a_notice(client, english_only_article):
    response = get_chinese(client, english_only_article.get_absolute_url())

    assert notice(response) == NOTICE
    assert h1(response) == "Library opening hours"
    assert lang_of(response, "h1") == "en"
    assert lang_of(response, ".lead") == "en"
    assert lang_of(response, ".news-article__body") == "en"
    assert find(response, "title").get_text().startswith("Library opening hours")


def test_english_pages_have_no_notice_and_no_lang_marks(client, english_only_article):
    response = client.get(english_only_article.get_absolute_url())

    assert not notice(response)
    assert lang_of(response, "h1") is None


def test_lists_mark_each_english_title_on_chinese_pages(
    client, translated_article, english_only_article
):
    response = get_chinese(client, reverse("news:article_list"))

    items = select(response, ".news-item__title a")
    shown = {link.get_text(): link.get("lang") for link in items}
    assert shown == {"地铁20号线开通": None, "Library opening hours": "en"}
    titles = texts_of(response, ".news-item__title")
    assert titles == ["Library opening hours" + IN_ENGLISH, "地铁20号线开通"]


def test_links_to_pages_in_english_say_so_on_chinese_pages(
    client, translated_article, english_only_article, make_question, service
):
    make_question(question="When is the ferry free?", answer="<p>On Sundays.</p>")
    pages = {
        "home": get_chinese(client, reverse("home")),
        "faq": get_chinese(client, reverse("faq:index")),
        "services": get_chinese(client, reverse("applications:service_list")),
        "search": get_chinese(client, reverse("search") + "?q=library"),
        "article": get_chinese(client, translated_article.get_absolute_url()),
    }
    notes = {name: texts_of(page, ".in-english") for name, page in pages.items()}

    assert all(notes.values()), notes
    assert {note for found in notes.values() for note in found} == {IN_ENGLISH}
    assert "Library opening hours" + IN_ENGLISH in text(pages["article"])
    for english in [client.get(reverse("home")), client.get(reverse("news:article_list"))]:
        assert not select(english, ".in-english")


def test_the_english_list_never_shows_chinese(client, translated_article):
    response = client.get(reverse("news:article_list"))

    assert texts_of(response, ".news-item__title") == ["Metro line 20 opens"]
    assert "政务要闻" not in text(response)


def test_a_faq_answer_in_both_languages(client, make_question):
    question = make_question(
        question="How do I renew my residence permit?",
        question_zh_hans="如何续办居住证？",
        answer="<p>Apply online.</p>",
        answer_zh_hans="<p>请在网上申请。</p>",
    )
    english_only = make_question(question="Can I bring a dog on the ferry?")

    assert h1(client.get(question.get_absolute_url())) == "How do I renew my residence permit?"
    response = get_chinese(client, question.get_absolute_url())
    assert h1(response) == "如何续办居住证？"
    assert text_of(response, ".faq-item__answer") == "请在网上申请。"
    assert not notice(response)
    fallback = get_chinese(client, english_only.get_absolute_url())
    assert notice(fallback) == NOTICE
    assert lang_of(fallback, "h1") == "en"


def test_the_chinese_answer_is_sanitised_like_the_english(make_question):
    question = make_question(answer_zh_hans='<p onclick="x()">答复</p><script>alert(1)</script>')

    assert question.answer_zh_hans == "<p>答复</p>"
    assert question.answer_text_zh_hans == "答复"


def test_the_chinese_article_body_is_sanitised_like_the_english(make_article):
    article = make_article(body_zh_hans='<h2>变化</h2><p onclick="x()">内容</p><script>1</script>')

    assert article.body_zh_hans == "<h2>变化</h2><p>内容</p>"


def test_a_service_start_page_in_both_languages(client, service):
    service.name_zh_hans = "居住证续办"
    service.summary_zh_hans = "在网上续办居住证。"
    service.description_zh_hans = "持证人可在证件到期前续办。"
    service.who_can_apply = "People who live in the city."
    service.who_can_apply_zh_hans = "在本市居住的人员。"
    service.save()

    english = client.get(service.get_absolute_url())
    response = get_chinese(client, service.get_absolute_url())

    assert h1(english) == "Residence permit renewal"
    assert h1(response) == "居住证续办"
    assert "在本市居住的人员。" in text(response)
    assert "People who live in the city." not in text(response)
    assert not notice(response)
    listed = get_chinese(client, reverse("applications:service_list"))
    assert texts_of(listed, ".service-card__title") == ["居住证续办"]


def test_a_service_without_chinese_shows_its_english_marked(client, service):
    response = get_chinese(client, service.get_absolute_url())

    assert notice(response) == NOTICE
    assert lang_of(response, "h1") == "en"


def test_the_site_profile_follows_the_language(client):
    profile = SiteProfile.load()
    profile.name = "City Portal"
    profile.name_zh_hans = "城市门户网站"
    profile.tagline = "Services and news of the city government"
    profile.tagline_zh_hans = "市政府服务与新闻"
    profile.save()

    english = client.get(reverse("home"))
    response = get_chinese(client, reverse("home"))

    assert text_of(english, ".site-header__name") == "City Portal"
    assert text_of(response, ".site-header__name") == "城市门户网站"
    assert text_of(response, ".site-header__tagline") == "市政府服务与新闻"


@pytest.fixture
def english_only_site_profile():
    profile = SiteProfile.load()
    profile.name = "City Portal"
    profile.tagline = "Services and news of the city government"
    profile.postal_address = "200 People's Avenue"
    profile.office_hours = "Monday to Friday, 9:00 to 17:00"
    profile.name_zh_hans = profile.tagline_zh_hans = ""
    profile.postal_address_zh_hans = profile.office_hours_zh_hans = ""
    profile.save()
    return profile


@pytest.mark.parametrize("url_name", ["home", "contact", "accessibility", "privacy"])
def test_the_site_profiles_english_is_marked_on_chinese_pages(
    client, english_only_site_profile, url_name
):
    response = get_chinese(client, reverse(url_name))

    marked = {
        element.get_text(" ", strip=True)
        for element in select(response, '[lang="en"]')
        if element.name != "html"
    }
    assert {"City Portal", "Services and news of the city government"} <= marked
    assert {"200 People's Avenue", "Monday to Friday, 9:00 to 17:00"} <= marked
    unmarked = [
        node.strip()
        for node in find(response, "body").find_all(string=lambda string: "City Portal" in string)
        if not any(parent.get("lang") == "en" for parent in node.parents)
    ]
    assert unmarked == []


def test_the_site_profile_carries_no_lang_marks_in_its_own_language(
    client, english_only_site_profile
):
    english = client.get(reverse("home"))
    profile = english_only_site_profile
    profile.name_zh_hans, profile.tagline_zh_hans = "城市门户网站", "市政府服务与新闻"
    profile.postal_address_zh_hans, profile.office_hours_zh_hans = "人民大道200号", "周一至周五"
    profile.save()
    chinese_home = get_chinese(client, reverse("home"))

    for response in (english, chinese_home):
        # The language switch names the other language in its own.
        marked = [
            element
            for element in select(response, "body [lang]")
            if "hreflang" not in element.attrs
        ]
        assert marked == []


def test_an_application_question_is_asked_in_the_language_of_the_page(service):
    from applications.questions import question_field

    question = service.questions.create(
        page=1,
        label="Which district do you live in?",
        label_zh_hans="您居住在哪个区？",
        kind="choice",
        options="North\nSouth",
        options_zh_hans="北区\n南区",
    )

    with translation.override("zh-hans"):
        field = question_field(question)
    with translation.override("en"):
        english = question_field(question)

    assert str(field.label) == "您居住在哪个区？"
    assert list(field.choices) == [("North", "北区"), ("South", "南区")]
    assert list(english.choices) == [("North", "North"), ("South", "South")]


def test_a_citizen_sees_the_service_in_the_language_of_the_page(client, citizen, service):
    from tests.factories import make_application

    service.name_zh_hans = "居住证续办"
    service.save()
    application = make_application(applicant=citizen, service=service)
    client.force_login(citizen)

    with translation.override("en"):
        detail = application.get_absolute_url()
        listing = reverse("applications:application_list")
    assert text_of(get_chinese(client, detail), ".lead") == "居住证续办"
    assert "居住证续办" in text(get_chinese(client, listing))
    assert "居住证续办" not in text(client.get(listing))


def test_every_page_of_a_citizens_application_names_the_service_in_chinese(
    client, citizen, service
):
    from datetime import timedelta

    from django.utils import timezone

    from applications.models import Draft
    from tests.factories import make_application

    service.name_zh_hans = "居住证续办"
    service.save()
    application = make_application(applicant=citizen, service=service)
    Draft.objects.create(
        applicant=citizen, service=service, expires_at=timezone.now() + timedelta(days=30)
    )
    client.force_login(citizen)

    with translation.override("en"):
        pages = [
            application.get_absolute_url(),
            reverse("applications:application_submitted", args=[application.reference]),
            reverse("applications:application_withdraw", args=[application.reference]),
            reverse("applications:draft_delete", args=[service.slug]),
        ]
    for url in pages:
        shown = text(get_chinese(client, url))
        assert "居住证续办" in shown, url
        assert "Residence permit renewal" not in shown, url


def english_left_unmarked(response, english):
    """The texts of the main content that hold `english` outside any element marked lang="en":
    a screen reader would read them with the page's Chinese voice."""
    return [
        node.strip()
        for node in find(response, "main").find_all(string=lambda string: english in string)
        if not any(parent.get("lang") == "en" for parent in node.parents)
    ]


def test_an_english_service_name_in_a_chinese_sentence_is_marked(client, citizen, service):
    from datetime import timedelta

    from django.utils import timezone

    from applications.models import Draft
    from tests.factories import make_application

    application = make_application(applicant=citizen, service=service)
    Draft.objects.create(
        applicant=citizen, service=service, expires_at=timezone.now() + timedelta(days=30)
    )
    client.force_login(citizen)
    with translation.override("en"):
        first_page = reverse("applications:application_page", args=[service.slug, 1])
    answer = find(get_chinese(client, first_page), "textarea")["name"]
    client.post(chinese(first_page), {answer: "I moved house and need the permit renewed."})

    with translation.override("en"):
        pages = [
            reverse("applications:application_list"),
            reverse("applications:application_submitted", args=[application.reference]),
            reverse("applications:application_withdraw", args=[application.reference]),
            reverse("applications:draft_delete", args=[service.slug]),
            first_page,
            reverse("applications:application_check", args=[service.slug]),
        ]
    for url in pages:
        page = get_chinese(client, url)
        assert service.name in text(page), url
        assert english_left_unmarked(page, service.name) == [], url


def test_english_channel_and_topic_names_in_chinese_sentences_are_marked(
    client, make_article, make_question, topic
):
    article = make_article(title="Library opening hours")
    questions = [make_question(question=f"Question {number}?") for number in range(7)]

    with translation.override("en"):
        pages = {
            article.get_absolute_url(): article.channel.name,
            article.channel.get_absolute_url(): article.channel.name,
            questions[0].get_absolute_url(): topic.name,
            reverse("faq:index"): topic.name,
        }
    for url, name in pages.items():
        page = get_chinese(client, url)
        assert name in text(page), url
        assert english_left_unmarked(page, name) == [], url


def test_the_public_lists_service_filter_names_each_service_in_the_pages_language(client):
    make_public_service(name_zh_hans="政府信息公开申请")
    url = reverse("public:application_list")

    english = texts_of(client.get(url), "#id_service option")
    chinese = texts_of(get_chinese(client, url), "#id_service option")

    assert english == ["All services", "Request for government information"]
    assert chinese == ["全部服务事项", "政府信息公开申请"]


def test_an_articles_source_is_shown_in_the_pages_language(client, make_article):
    translated = make_article(
        title="Metro line 20 opens",
        title_zh_hans="地铁20号线开通",
        source="Municipal Transport Commission",
        source_zh_hans="市交通委员会",
    )
    english_only = make_article(title="Library hours", source="Shanghai Library")

    assert text_of(get_chinese(client, translated.get_absolute_url()), ".news-article__source") == (
        "来源：市交通委员会"
    )
    untranslated = get_chinese(client, english_only.get_absolute_url())
    assert lang_of(untranslated, ".news-article__source span") == "en"
