"""Content in Chinese for tests of Chinese pages: with it, any Latin word left on a page is an
interface string that was not translated (tests.languages.english_words)."""

from portal.models import SiteProfile

SITE_PROFILE = {
    "name": "城市门户",
    "tagline": "市民办事与信息服务",
    "contact_email": "service@city.example",
    "contact_phone": "+86 10 1234 5678",
    "postal_address": "人民大道1号\n市民服务中心",
    "office_hours": "周一至周五 9:00–17:00",
}


def site_profile_in_chinese():
    SiteProfile.objects.filter(pk=1).update(**SITE_PROFILE)
