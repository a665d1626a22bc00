"""Demo news for seed_demo: the channels in channels.yaml and a year of articles, one Markdown
file each under articles/<channel slug>/<article slug>.md, with photos drawn by photos.py.

An article file starts with its fields as YAML between two "---" lines; its body is a small part
of Markdown: "## " starts a sub-heading, "- " a list item, a blank line a paragraph.

Simplified Chinese goes next to the English: the channels' names and descriptions in
channels.zh-hans.yaml, an article's title, summary, caption and body in
<article slug>.zh-hans.md beside its English file. Articles without one are English only, as
some are on purpose: Chinese pages show them with a notice. Chinese fills only empty fields, so
what editors wrote stays and a second run changes nothing.
"""

import secrets
from datetime import timedelta
from operator import itemgetter
from pathlib import Path

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.html import escape

from portal.demo_data import fill_in, read_markdown, read_yaml

from ..models import Article, Channel
from ..services import article_save
from .photos import PHOTO_DESCRIPTIONS, PHOTO_DESCRIPTIONS_ZH_HANS, draw_photo

DATA = Path(__file__).parent


CHINESE_SUFFIX = ".zh-hans"
# The offices that issue the demo news, by their Chinese names.
SOURCES_ZH_HANS = {
    "Jing'an District Government": "静安区人民政府",
    "Municipal Administration for Market Regulation": "市市场监督管理局",
    "Municipal Administration of Culture and Tourism": "市文化和旅游局",
    "Municipal Bureau of Ecology and Environment": "市生态环境局",
    "Municipal Civil Affairs Bureau": "市民政局",
    "Municipal Commission of Economy and Informatization": "市经济和信息化委员会",
    "Municipal Development and Reform Commission": "市发展和改革委员会",
    "Municipal Emergency Management Bureau": "市应急管理局",
    "Municipal Health Commission": "市卫生健康委员会",
    "Municipal Human Resources and Social Security Bureau": "市人力资源和社会保障局",
    "Municipal Landscaping and City Appearance Administrative Bureau": "市绿化和市容管理局",
    "Municipal Planning and Natural Resources Bureau": "市规划和自然资源局",
    "Municipal Public Security Bureau, Exit and Entry Administration": "市公安局出入境管理局",
    "Municipal Public Security Bureau, Traffic Police": "市公安局交通警察总队",
    "Municipal Transport Commission": "市交通委员会",
    "Putuo District Government": "普陀区人民政府",
    "Shanghai International Port Group": "上海国际港务集团",
    "Shanghai Library": "上海图书馆",
    "Xuhui District Government": "徐汇区人民政府",
    "Yangpu District Government": "杨浦区人民政府",
}


def channels():
    return read_yaml(DATA / "channels.yaml")


def chinese_channels():
    return read_yaml(DATA / "channels.zh-hans.yaml")


def articles():
    """Channel by channel, newest first; the position in this list seeds each photo's drawing."""
    entries = []
    for channel in channels():
        folder = DATA / "articles" / channel["slug"]
        found = [
            {
                **read_markdown(path),
                "channel": channel["slug"],
                "slug": path.stem,
                "zh-hans": chinese_article(path),
            }
            for path in folder.glob("*.md")
            if not path.stem.endswith(CHINESE_SUFFIX)
        ]
        entries += sorted(found, key=itemgetter("days_ago"))
    return entries


def chinese_article(path):
    translated = path.with_name(f"{path.stem}{CHINESE_SUFFIX}.md")
    return read_markdown(translated) if translated.exists() else None


def chinese_fields(entry):
    """An article's Chinese fields, from its .zh-hans.md file; none for an English-only one."""
    translated = entry["zh-hans"]
    if not translated:
        return {}
    fields = {
        "title_zh_hans": translated["title"],
        "summary_zh_hans": translated["summary"],
        "body_zh_hans": body_html(translated["body"]),
        "source_zh_hans": SOURCES_ZH_HANS.get(entry.get("source", ""), ""),
    }
    if entry.get("photo"):
        fields["image_caption_zh_hans"] = translated.get("caption", "")
        fields["image_alt_zh_hans"] = PHOTO_DESCRIPTIONS_ZH_HANS[entry["photo"]]
    return fields


def seed(*, stdout, style):
    channel_by_slug = {}
    for position, channel in enumerate(channels(), start=1):
        channel_by_slug[channel["slug"]], _ = Channel.objects.get_or_create(
            slug=channel["slug"],
            defaults={
                "name": channel["name"],
                "description": channel["description"],
                "position": position,
            },
        )
    for slug, texts in chinese_channels().items():
        fill_in(
            channel_by_slug[slug],
            {"name_zh_hans": texts["name"], "description_zh_hans": texts["description"]},
        )
    # Each article there already, and whether it has its Chinese title.
    existing = {
        (channel_slug, slug): (pk, bool(title_zh_hans))
        for pk, channel_slug, slug, title_zh_hans in Article.objects.values_list(
            "pk", "channel__slug", "slug", "title_zh_hans"
        )
    }
    created = 0
    for number, entry in enumerate(articles()):
        if (entry["channel"], entry["slug"]) in existing:
            pk, translated = existing[entry["channel"], entry["slug"]]
            if not translated and (texts := chinese_fields(entry)):
                fill_in(Article.objects.get(pk=pk), texts)
            continue
        channel = channel_by_slug[entry["channel"]]
        article_save(article=demo_article(entry, channel, number), by=None)
        created += 1
    if stdout:
        stdout.write(
            style.SUCCESS(f"News: {created} articles added")
            if created
            else "News: the demo articles are already in place."
        )


def demo_article(entry, channel, number):
    # A fixed time of day keeps the dates readable; the spread comes from days_ago.
    publish_at = timezone.now().replace(hour=2, minute=0, second=0, microsecond=0) - timedelta(
        days=entry["days_ago"]
    )
    article = Article(
        channel=channel,
        slug=entry["slug"],
        title=entry["title"],
        summary=entry["summary"],
        body=body_html(entry["body"]),
        source=entry.get("source", ""),
        status=Article.Status.PUBLISHED,
        publish_at=publish_at,
        featured=entry.get("featured", False),
        **chinese_fields(entry),
    )
    if drawing := entry.get("photo"):
        article.image = ContentFile(
            draw_photo(drawing, seed=number), name=secrets.token_hex(16) + ".jpg"
        )
        article.image_alt = PHOTO_DESCRIPTIONS[drawing]
        article.image_caption = entry.get("caption", "")
    return article


def body_html(text):
    """Turn the plain demo text into the HTML the editor would produce."""
    html = []
    for block in text.strip().split("\n\n"):
        lines = [line.strip() for line in block.strip().splitlines()]
        if lines[0].startswith("## "):
            html.append(f"<h2>{escape(lines[0][3:])}</h2>")
            lines = lines[1:]
        if not lines:
            continue
        if lines[0].startswith("- "):
            items = "".join(f"<li>{escape(line[2:])}</li>" for line in lines)
            html.append(f"<ul>{items}</ul>")
        else:
            html.append(f"<p>{escape(' '.join(lines))}</p>")
    return "".join(html)
