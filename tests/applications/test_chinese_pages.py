"""Every page of applying, following a case and the public record, in Simplified Chinese: for a
visitor and for a signed-in citizen, with errors, and the caseworkers' case pages in the admin.

The content (services, questions, notes, the site's own name) is written in Chinese here, so any
Latin word left on a page is an interface string that was not translated."""

import json
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from applications.models import Answer, Draft
from applications.models import Question as ServiceQuestion
from applications.services import application_change_status, inquiry_follow_up
from applications.uploads import check_upload
from tests.factories import (
    PASSWORD,
    PDF_BYTES,
    ask_the_citizen,
    make_application,
    make_chinese_service,
    make_citizen,
    make_inquiry,
    make_public_service,
    make_published_answer,
    make_service,
    upload,
    use_chinese_site_profile,
)
from tests.html import errors, find, h1, html_of, select, text, texts_of
from tests.languages import assert_chinese_page
from tests.staff import sign_in_with_two_factors

pytestmark = pytest.mark.django_db

ZH = "/zh-hans"
# Words that stay as they are: the language switch's "English", megabytes in the upload hints
# (file kinds are in tests.languages.ALLOWED already), and the extensions of the citizen's own
# file names that pages repeat.
ALLOWED = {"English", "MB", "pdf", "txt"}


@pytest.fixture(autouse=True)
def chinese_site_profile(db):
    return use_chinese_site_profile()


@pytest.fixture
def citizen(db):
    return make_citizen(email="li.na@example.com", full_name="李娜", password=PASSWORD)


@pytest.fixture
def caseworker(caseworker):
    caseworker.full_name = "王芳"
    caseworker.save()
    return caseworker


@pytest.fixture
def service(db):
    return make_chinese_service(lists_applications_publicly=True)


@pytest.fixture
def public_service(db):
    """A service without questions of its own, whose applications are listed publicly."""
    return make_public_service(
        name="政府信息公开申请",
        slug="government-information",
        summary="申请获取政府信息。",
        description="任何人都可以申请获取政府掌握的信息。",
    )


@pytest.fixture
def application(citizen, caseworker, public_service):
    """An application waiting for the citizen: a caseworker asked for something."""
    application = make_application(
        applicant=citizen, service=public_service, details="请提供本市2025年的空气质量报告。"
    )
    return ask_the_citizen(application, by=caseworker, note_to_citizen="请上传护照照片页的扫描件。")


@pytest.fixture
def inquiry(citizen, caseworker):
    """An answered inquiry, listed and published, that takes a follow-up question."""
    inquiry = make_inquiry(
        author=citizen,
        subject="图书馆春节开放时间",
        message="春节期间图书馆几点开门？",
        answered_by=caseworker,
        answer="大年初二起每天9:00开门。",
        publication_agreed=True,
    )
    make_published_answer(
        inquiry=inquiry,
        by=caseworker,
        title="图书馆春节期间何时开放",
        question="春节期间图书馆几点开门",
        answer="大年初二起每天9:00开门。",
    )
    return inquiry


def zh(url):
    """The Chinese page's address (reverse() gives it already while Chinese is active)."""
    return url if url.startswith(f"{ZH}/") else ZH + url


def assert_chinese(response, status=200):
    assert_chinese_page(response, status=status, allowed=ALLOWED)


# --- a visitor ------------------------------------------------------------------------------


def test_the_services_and_a_start_page_in_chinese(client, service):
    assert_chinese(client.get(zh(reverse("applications:service_list"))))
    start = client.get(zh(service.get_absolute_url()))
    assert_chinese(start)
    assert h1(start) == "居住登记"


def test_the_status_check_its_errors_and_its_result_in_chinese(client, citizen, application):
    url = zh(reverse("public:status_check"))
    assert_chinese(client.get(url))

    def check(reference, email):
        return client.post(
            url,
            {"reference": reference, "email": email},
            headers={"Sec-Fetch-Site": "same-origin"},
        )

    blank = check("", "")
    assert_chinese(blank)
    assert errors(blank).fields["reference"] == ["请输入您的申请或咨询编号"]
    assert_chinese(check("12345678", "someone@example.com"))
    result = check(application.reference, citizen.email)
    assert_chinese(result)
    assert "需补充材料" in result.content.decode()
    assert "<dt>提交时间</dt>" in result.content.decode()


def test_the_public_lists_with_their_filters_and_the_published_answers_in_chinese(
    client, application, inquiry
):
    applications = zh(reverse("public:application_list"))
    inquiries = zh(reverse("public:inquiry_list"))
    for url in [
        applications,
        f"{applications}?status=action_required&service=government-information",
        f"{applications}?status=approved",
        inquiries,
        f"{inquiries}?status=answered",
        f"{inquiries}?status=未知",
        zh(reverse("public:answer_list")),
        zh(inquiry.published_answer.get_absolute_url()),
    ]:
        assert_chinese(client.get(url))
    assert '<th scope="col">提交时间</th>' in client.get(applications).content.decode()


# --- a citizen applying ---------------------------------------------------------------------

# For each question page in turn: what is sent wrong, the message in Chinese, and a right answer.
JOURNEY = [
    ({"": ""}, "请填写回答", {"": "E12345678"}),
    ({"": ""}, "请填写回答", {"": "上海市黄浦区人民大道200号"}),
    ({"": "abc"}, "请输入数字，例如12或3.5", {"": "2"}),
    ({"_0": "3", "_1": "", "_2": "2024"}, "日期须包含月", {"_0": "3", "_1": "9", "_2": "2024"}),
    ({"": "not-an-address"}, "请按正确格式输入电子邮箱，例如name@example.com", {"": "a@b.cn"}),
    (
        {"": "call me"},
        "请输入电话号码，例如021 6321 0000或+86 138 0013 8000",
        {"": "021 6321 0000"},
    ),
    ({"": ""}, "请选择一项", {"": "徐汇区"}),
    ({}, "请至少选择一项", {"": ["护照", "结婚证"]}),
    ({"": ""}, "请选择一项", {"": "no"}),
    (
        {"": ("护照.txt", b"plain text")},
        "“护照.txt”不是PDF、JPEG或PNG文件。请检查文件本身，而不只是文件名。",
        {"": ("护照.pdf", PDF_BYTES)},
    ),
]


def form_data(question, values):
    """The question's fields as the browser posts them; a (name, content) pair is a file."""
    return {
        f"q{question.pk}{part}": upload(*value) if isinstance(value, tuple) else value
        for part, value in values.items()
    }


def page_url(service, number):
    return zh(reverse("applications:application_page", args=[service.slug, number]))


def test_a_date_is_asked_year_first_in_chinese_and_day_first_in_english(client, citizen, service):
    client.force_login(citizen)
    questions = list(service.questions.all())
    date_page = next(number for number, q in enumerate(questions, start=1) if q.kind == "date")
    for number in range(1, date_page):  # pages come in order
        good = JOURNEY[number - 1][2]
        client.post(page_url(service, number), form_data(questions[number - 1], good))
    with translation.override("en"):
        english = reverse("applications:application_page", args=[service.slug, date_page])

    for url, labels in [(page_url(service, date_page), ["年", "月", "日"]), (english, LATIN)]:
        page = client.get(url)
        boxes = select(page, ".date-input input")
        assert texts_of(page, ".date-input label") == labels
        assert [box["name"][-2:] for box in boxes] == (
            ["_2", "_1", "_0"] if labels[0] == "年" else ["_0", "_1", "_2"]
        )
        # What is typed comes back in its own box, whichever comes first, and the error's link
        # leads to that first box.
        first = "2024" if labels[0] == "年" else "3"
        typed = client.post(url, {boxes[0]["name"]: first})
        assert select(typed, ".date-input input")[0]["value"] == first
        assert list(errors(typed).summary_links.values()) == [f"#{boxes[0]['id']}"]


LATIN = ["Day", "Month", "Year"]


def test_a_citizen_applies_page_by_page_in_chinese_with_the_errors_in_chinese(
    client, citizen, service, django_capture_on_commit_callbacks
):
    client.force_login(citizen)
    questions = list(service.questions.all())
    with django_capture_on_commit_callbacks(execute=True):
        for number, (question, (bad, message, good)) in enumerate(
            zip(questions, JOURNEY, strict=True), start=1
        ):
            name = f"q{question.pk}"
            assert_chinese(client.get(page_url(service, number)))
            wrong = client.post(page_url(service, number), form_data(question, bad))
            assert_chinese(wrong)
            assert re.match(r"错误：\S", find(wrong, "title").get_text())
            if message:
                assert errors(wrong).fields[name] == [message]
            right = client.post(page_url(service, number), form_data(question, good))
            assert right.status_code == 302, errors(right).summary

    check = client.get(zh(reverse("applications:application_check", args=[service.slug])))
    assert_chinese(check)
    assert "2024年9月3日" in check.content.decode()
    assert_chinese(client.get(zh(reverse("applications:draft_delete", args=[service.slug]))))
    assert_chinese(client.get(zh(reverse("applications:application_list"))))

    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(zh(reverse("applications:application_check", args=[service.slug])))
    assert sent.url.startswith(f"{ZH}/applications/")
    assert_chinese(client.get(sent.url))


def test_check_your_answers_with_an_answer_missing_in_chinese(
    client, citizen, service, django_capture_on_commit_callbacks
):
    client.force_login(citizen)
    with django_capture_on_commit_callbacks(execute=True):
        for number, (question, (_bad, _message, good)) in enumerate(
            zip(service.questions.all(), JOURNEY, strict=True), start=1
        ):
            response = client.post(page_url(service, number), form_data(question, good))
            assert response.status_code == 302
    # A required answer removed from the draft, as when a question becomes required later.
    draft = Draft.objects.get(applicant=citizen)
    draft.answers[str(service.questions.first().key)] = ""
    draft.save()
    # Above the cases sent, under the drafts: the cases sent, not the time they were sent.
    assert (
        "<h2>已提交</h2>"
        in client.get(zh(reverse("applications:application_list"))).content.decode()
    )

    check = client.get(zh(reverse("applications:application_check", args=[service.slug])))
    assert_chinese(check)
    assert "请先回答此问题，再提交申请" in check.content.decode()
    sent = client.post(zh(reverse("applications:application_check", args=[service.slug])))
    assert_chinese(sent)


def test_a_bilingual_services_questions_and_choices_are_shown_in_chinese_and_kept_in_english(
    client, citizen, django_capture_on_commit_callbacks
):
    service = make_service(
        name="Street event permit",
        name_zh_hans="街头活动许可",
        questions=[
            {
                "label": "Which district?",
                "label_zh_hans": "在哪个区？",
                "kind": "choice",
                "options": "Huangpu\nXuhui",
                "options_zh_hans": "黄浦区\n徐汇区",
            },
            {
                "label": "What will you put up?",
                "label_zh_hans": "您将搭建什么？",
                "kind": "choices",
                "options": "Stalls\nA stage\nNothing",
                "options_zh_hans": "摊位\n舞台\n不搭建",
                "last_option_alone": True,
                "page": 2,
            },
        ],
    )
    district, things = service.questions.all()
    client.force_login(citizen)
    client.post(page_url(service, 1), {f"q{district.pk}": "Xuhui"})
    both = client.post(page_url(service, 2), {f"q{things.pk}": ["Stalls", "Nothing"]})
    assert errors(both).fields[f"q{things.pk}"] == ["请单独选择“不搭建”，或只选择其他选项"]
    client.post(page_url(service, 2), {f"q{things.pk}": ["Stalls", "A stage"]})

    check_url = zh(reverse("applications:application_check", args=[service.slug]))
    check = client.get(check_url)
    assert_chinese(check)
    summary = find(check, "dl")
    assert [text(item) for item in summary.select("dt, dd:not(.summary-list__actions)")] == [
        "在哪个区？",
        "徐汇区",
        "您将搭建什么？",
        "摊位 舞台",
    ]
    assert [text(hidden) for hidden in summary.select(".visually-hidden")] == [
        "在哪个区？",
        "您将搭建什么？",
    ]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(check_url)

    application = citizen.applications.get()
    kept = [(answer.question_text, answer.value) for answer in application.answers.all()]
    assert kept == [("Which district?", "Xuhui"), ("What will you put up?", "Stalls\nA stage")]
    chinese = client.get(zh(application.get_absolute_url()))
    assert_chinese(chinese)
    assert "<dt>在哪个区？</dt>" in chinese.content.decode()
    assert "<li>摊位</li><li>舞台</li>" in chinese.content.decode()
    with translation.override("en"):
        english = client.get(application.get_absolute_url()).content.decode()
    assert "<dt>Which district?</dt>" in english
    assert "<li>Stalls</li><li>A stage</li>" in english

    # A question reworded since: the application shows it as it was asked, marked as English.
    ServiceQuestion.objects.filter(pk=district.pk).update(label="Which district is it in?")
    reworded = client.get(zh(application.get_absolute_url())).content.decode()
    assert '<dt><span lang="en">Which district?</span></dt>' in reworded


# --- a citizen following their cases --------------------------------------------------------


def test_my_applications_and_one_waiting_for_a_reply_in_chinese(client, citizen, application):
    client.force_login(citizen)
    listed = zh(reverse("applications:application_list"))
    for url in [listed, f"{listed}?status=action_required", f"{listed}?status=approved"]:
        assert_chinese(client.get(url))
    page = client.get(zh(application.get_absolute_url()))
    assert_chinese(page)
    assert "请上传护照照片页的扫描件。" in page.content.decode()

    reply_url = zh(reverse("applications:application_reply", args=[application.reference]))
    empty = client.post(reply_url, {"message": ""})
    assert_chinese(empty)
    assert errors(empty).fields["message"] == ["请填写留言或选择要提交的文件"]
    replied = client.post(reply_url, {"message": "已上传扫描件。"}, follow=True)
    assert_chinese(replied)
    assert "我们已收到您提交的材料" in replied.content.decode()
    withdraw = zh(reverse("applications:application_withdraw", args=[application.reference]))
    assert_chinese(client.get(withdraw))
    assert_chinese(client.post(withdraw, {"reason": "不需要了。"}, follow=True))


def test_my_inquiries_a_new_one_and_a_follow_up_in_chinese(client, citizen, inquiry):
    client.force_login(citizen)
    assert_chinese(client.get(zh(reverse("applications:inquiry_list"))))
    new = zh(reverse("applications:inquiry_create"))
    assert_chinese(client.get(new))
    blank = client.post(new, {"subject": "", "message": ""})
    assert_chinese(blank)
    assert_chinese(client.get(zh(inquiry.get_absolute_url())))

    follow_up = zh(reverse("applications:inquiry_follow_up", args=[inquiry.reference]))
    empty = client.post(follow_up, {"question": ""})
    assert_chinese(empty)
    assert errors(empty).fields["question"] == ["请填写您的追问"]
    asked = client.post(follow_up, {"question": "元宵节也开放吗？"}, follow=True)
    assert_chinese(asked)
    sent = client.post(
        new, {"subject": "停车问题", "message": "小区附近哪里可以停车？"}, follow=True
    )
    assert_chinese(sent)


def test_withdrawing_an_inquiry_in_chinese(client, citizen):
    waiting = make_inquiry(author=citizen, subject="图书馆开放时间")
    client.force_login(citizen)
    assert_chinese(client.get(zh(waiting.get_absolute_url())))

    withdraw = zh(reverse("applications:inquiry_withdraw", args=[waiting.reference]))
    assert_chinese(client.get(withdraw))
    withdrawn = client.post(withdraw, {"reason": "已在图书馆网站查到。"}, follow=True)
    assert_chinese(withdrawn)
    assert f"您已撤回咨询 {waiting.reference}，我们将不再答复。" in withdrawn.content.decode()


def test_the_home_page_boxes_of_a_citizen_in_chinese(client, citizen, application, inquiry):
    client.force_login(citizen)
    home = client.get(zh(reverse("home")))
    assert_chinese(home)


# --- caseworkers ----------------------------------------------------------------------------


# Some of the labels the project gives the administration, as they read in English.
ENGLISH_ADMIN_LABELS = [
    "Applications and inquiries",
    "Assign the selected cases to me",
    "Citizen replied",
    "assigned caseworker",
    "On time or decided",
    "decision due",
    "citizen's name",
    "preferred contact language",
    "status history (read-only)",
    "files sent with it",
    "Change status",
    "Answer or change status",
    "Save the new status and email the citizen",
    "Note to the citizen",
    "Only staff see this.",
    "An 8-digit reference finds",
    "- Select an option -",
]


@pytest.fixture
def chinese_caseworker(caseworker):
    """A caseworker whose contact language is Chinese: the administration speaks it to them."""
    caseworker.contact_language = "zh-hans"
    caseworker.save()
    return caseworker


def test_the_caseworkers_case_pages_in_chinese(client, chinese_caseworker, application, inquiry):
    inquiry_follow_up(inquiry=inquiry, by=inquiry.author, question="元宵节也开放吗？")
    sign_in_with_two_factors(client, chinese_caseworker)
    pages = {
        reverse("admin:applications_application_changelist"): ["申请", "承办工作人员", "是否逾期"],
        reverse("admin:applications_application_change", args=[application.pk]): [
            "市民姓名",
            "首选联系语言",
            "更改状态",
            "状态记录（只读）",
            ">原状态</th>",
            ">新状态</th>",
        ],
        reverse("admin:applications_application_status", args=[application.pk]): [
            "新状态",
            "给市民的说明",
            "保存新状态并发送邮件通知市民",
        ],
        reverse("admin:applications_inquiry_changelist"): ["咨询"],
        reverse("admin:applications_inquiry_change", args=[inquiry.pk]): ["追问", "答复或更改状态"],
        reverse("admin:applications_inquiry_status", args=[inquiry.pk]): ["答复", "内部备注"],
    }
    for url, labels in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert 'lang="zh-hans"' in html.lower(), url
        for label in labels:
            assert label in html, (url, label)
        for label in ENGLISH_ADMIN_LABELS:
            assert label not in html, (url, label)


def test_the_admins_note_on_another_time_zone_is_in_chinese(client, chinese_caseworker):
    sign_in_with_two_factors(client, chinese_caseworker)

    script = client.get(reverse("admin:jsi18n")).content.decode()

    catalogue = json.loads(re.search(r"const newcatalog = (\{.*?\n  \});", script, re.S)[1])
    ahead = "Note: Enter times in the %(timezone)s timezone. (You are %(offset)s hour ahead.)"
    [chinese] = catalogue[ahead]  # a message with plural forms: Chinese has one
    assert chinese == "注意：请按%(timezone)s时区输入时间。（您所在地的时间比它快%(offset)s小时。）"


def test_a_caseworker_moving_a_case_is_told_in_chinese(client, chinese_caseworker, application):
    sign_in_with_two_factors(client, chinese_caseworker)
    url = reverse("admin:applications_application_status", args=[application.pk])
    moved = client.post(
        url,
        {"to_status": "processing", "note_to_citizen": "", "internal_note": ""},
        follow=True,
    )
    assert "的状态已更新为“办理中”。系统将发送电子邮件通知市民。" in moved.content.decode()


def test_dates_on_chinese_pages_are_written_the_chinese_way(client, citizen, application):
    client.force_login(citizen)
    page = client.get(zh(application.get_absolute_url())).content.decode()
    sent = timezone.localtime(application.submitted_at)
    assert f"{sent.year}年{sent.month}月{sent.day}日" in page
    assert (timezone.now() + timedelta(days=400)).strftime("%B") not in page


def test_the_questions_every_service_asks_are_kept_in_english_and_shown_in_chinese(
    client, citizen, public_service, django_capture_on_commit_callbacks
):
    client.force_login(citizen)
    apply = zh(reverse("applications:application_page", args=[public_service.slug, 1]))
    client.post(apply, {"qdetails": "请提供空气质量报告。"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(zh(reverse("applications:application_check", args=[public_service.slug])))

    [details, documents] = Answer.objects.filter(application__applicant=citizen)
    assert details.question_text == "What are you asking for, and why?"
    assert documents.question_text == "Supporting documents (optional)"
    page = client.get(zh(details.application.get_absolute_url()))
    assert_chinese(page)
    assert "您申请什么，原因是什么？" in page.content.decode()


@pytest.mark.parametrize(
    ("prefix", "shown"),
    [("", "护照.pdf (PDF document, 1.2\xa0MB)"), (ZH, "护照.pdf（PDF文件，1.2\xa0MB）")],
)
def test_a_files_kind_and_size_are_written_the_way_of_the_pages_language(
    client, citizen, prefix, shown
):
    pdf = PDF_BYTES.replace(b"trailer", b" " * (1_258_291 - len(PDF_BYTES)) + b"trailer")
    inquiry = make_inquiry(
        author=citizen, subject="停车问题", attachments=[check_upload(upload("护照.pdf", pdf))]
    )  # 1.2 MB
    client.force_login(citizen)

    page = client.get(prefix + inquiry.get_absolute_url())

    assert [item.get_text() for item in select(page, ".attachment-list li")] == [shown]


def test_no_space_follows_a_chinese_colon_between_a_label_and_its_text(
    client,
    citizen,
    caseworker,
    application,
    delivered_mail,
    django_capture_on_commit_callbacks,
):
    reader = make_citizen(email="zhang.wei@example.com", contact_language="zh-hans")
    received = make_application(applicant=reader, service=application.service)
    application_change_status(application=received, to_status="received", by=caseworker)
    [update] = [email for email in delivered_mail() if email.to == [reader.email]][-1:]
    status = client.post(
        zh(reverse("public:status_check")),
        {"reference": application.reference, "email": citizen.email},
        headers={"Sec-Fetch-Site": "same-origin"},
    )
    client.force_login(citizen)
    service = make_service(
        name="护照换发", slug="passport", questions=[{"label": "护照照片页", "kind": "file"}]
    )
    question = service.questions.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(page_url(service, 1), form_data(question, {"": ("护照.pdf", PDF_BYTES)}))

    for shown in [client.get(zh(application.get_absolute_url())), status, html_of(update)]:
        assert "下一步：" in text(shown)
        assert "下一步： " not in text(shown)
    footer = text(find(status, "footer address"))
    assert "电话：12345" in footer
    assert "电子邮箱：help@cityportal.example" in footer
    assert text(find(client.get(page_url(service, 1)), ".files-given")) == (
        "您已添加：护照.pdf。如需替换，请重新选择文件。"
    )


def test_the_page_number_beside_a_services_name_takes_no_space_before_its_bracket(
    client, citizen, service
):
    client.force_login(citizen)

    caption = text(find(client.get(page_url(service, 1)), ".caption"))

    assert re.fullmatch(r"\S+（第1页，共\d+页）", caption), caption


def test_what_people_wrote_in_the_other_language_is_marked_with_it(
    client, citizen, caseworker, public_service
):
    application = make_application(applicant=citizen, service=public_service)
    ask_the_citizen(
        application, by=caseworker, note_to_citizen="Please upload the photo page of your passport."
    )
    inquiry = make_inquiry(
        author=citizen,
        subject="Library",
        message="图书馆几点开门？",
        answered_by=caseworker,
        answer="It opens at 9:00 (上午九点).",
    )
    client.force_login(citizen)

    english_page = client.get(inquiry.get_absolute_url())
    chinese_page = client.get(zh(application.get_absolute_url()))

    assert find(chinese_page, ".inset-text .caseworker-note")["lang"] == "en"
    assert find(chinese_page, ".timeline__note")["lang"] == "en"
    assert find(english_page, ".inquiry-message")["lang"] == "zh-Hans"
    # Both languages in one text: nothing to mark.
    assert not find(english_page, ".answer__text").has_attr("lang")
