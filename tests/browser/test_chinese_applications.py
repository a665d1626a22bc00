"""Applying and checking a status in Chinese in Chromium: the Chinese pages pass axe-core (a page
of another language must say so, and its error messages must be announced like the English ones).
"""

import pytest
from django.test import Client
from playwright.sync_api import expect

from tests.browser.rules import assert_meets_the_page_rules
from tests.browser.sessions import context_with_session_of
from tests.factories import (
    make_application,
    make_chinese_service,
    make_service,
    use_chinese_site_profile,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def service(db):
    use_chinese_site_profile()
    return make_chinese_service()


@pytest.fixture
def citizen_page(browser, live_server, citizen):
    client = Client()
    client.force_login(citizen)
    return context_with_session_of(client, browser, live_server).new_page()


def test_applying_in_chinese_passes_axe(citizen_page, live_server, service, axe_violations):
    page = citizen_page
    page.goto(f"{live_server.url}/zh-hans/services/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    assert_meets_the_page_rules(page, axe_violations)

    page.get_by_role("link", name="居住登记").click()
    page.get_by_role("link", name="开始办理").click()
    page.get_by_role("button", name="保存并继续").click()
    expect(page.locator(".error-summary")).to_contain_text("请填写回答")
    assert_meets_the_page_rules(page, axe_violations)

    # The rest of the form filled in, as far as "Check your answers".
    answers = ["E12345678", "上海市黄浦区人民大道200号", "2"]
    for answer in answers:
        page.locator("input[type=text], textarea").first.fill(answer)
        page.get_by_role("button", name="保存并继续").click()
    page.get_by_label("日").fill("3")
    page.get_by_label("月").fill("9")
    page.get_by_label("年").fill("2024")
    page.get_by_role("button", name="保存并继续").click()
    page.locator("input[type=email]").fill("li.na@example.com")
    page.get_by_role("button", name="保存并继续").click()
    page.locator("input[type=tel]").fill("021 6321 0000")
    page.get_by_role("button", name="保存并继续").click()
    page.get_by_label("徐汇区").check()
    page.get_by_role("button", name="保存并继续").click()
    page.get_by_label("护照").check()
    page.get_by_role("button", name="保存并继续").click()
    page.get_by_label("否").check()
    page.get_by_role("button", name="保存并继续").click()
    page.locator("input[type=file]").set_input_files(
        files=[{"name": "护照.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%%EOF\n"}]
    )
    page.get_by_role("button", name="保存并继续").click()

    expect(page.locator("h1")).to_have_text("提交申请前请核对您的回答")
    assert_meets_the_page_rules(page, axe_violations)


def test_my_applications_in_chinese_pass_axe(
    citizen_page, live_server, citizen, service, axe_violations
):
    information = make_service(name="政府信息公开申请", slug="government-information")
    make_application(applicant=citizen, service=information, details="请提供空气质量报告。")
    page = citizen_page
    page.goto(f"{live_server.url}/zh-hans/applications/")
    expect(page.locator("h1")).to_have_text("我的申请")
    assert_meets_the_page_rules(page, axe_violations)

    # On a phone the service's name keeps a few characters a line.
    page.set_viewport_size({"width": 390, "height": 800})
    service_cell = page.locator(".case-list__subject").first
    assert service_cell.evaluate("cell => cell.getBoundingClientRect().width") >= 90


def test_the_status_check_in_chinese_passes_axe(page, live_server, service, axe_violations):
    page.goto(f"{live_server.url}/zh-hans/status/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    assert_meets_the_page_rules(page, axe_violations)
    page.get_by_role("button", name="查询").click()
    expect(page.locator(".error-summary")).to_contain_text("请输入您的申请或咨询编号")
    assert_meets_the_page_rules(page, axe_violations)
