"""The portal's own demo content for seed_demo: the site profile's Simplified Chinese
(site_profile.zh-hans.yaml), filled in where the Chinese fields are still empty."""

from pathlib import Path

from ..demo_data import fill_in, read_yaml
from ..models import SiteProfile

DATA = Path(__file__).parent


def seed(*, stdout, style):
    profile = SiteProfile.objects.filter(pk=1).first()
    if profile is None:
        return
    texts = read_yaml(DATA / "site_profile.zh-hans.yaml")
    fill_in(profile, {f"{name}_zh_hans": value for name, value in texts.items()})
    if stdout:
        stdout.write("Site profile: its Chinese version is in place.")
