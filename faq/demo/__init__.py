"""Demo FAQ for seed_demo: the topics in topics.yaml, each with its questions, in the order
they are listed. Answers are HTML, as the admin's editor saves them.

Simplified Chinese, when it comes, goes next to the English: a "zh-hans:" key in a topic's
entry (its name) and in a question's entry (its question and answer).
"""

from itertools import count
from pathlib import Path

from portal.demo_data import read_yaml

from ..models import Question, Topic

DATA = Path(__file__).parent


def topics():
    return read_yaml(DATA / "topics.yaml")


def seed(*, stdout, style):
    entries = topics()
    question_positions = count(1)
    added = 0
    for position, entry in enumerate(entries, start=1):
        topic, _ = Topic.objects.get_or_create(
            slug=entry["slug"], defaults={"name": entry["name"], "position": position}
        )
        for question in entry["questions"]:
            _, created = Question.objects.get_or_create(
                slug=question["slug"],
                defaults={
                    "topic": topic,
                    "question": question["question"],
                    "answer": question["answer"],
                    "position": next(question_positions),
                    "featured": question.get("featured", False),
                    "published": True,
                },
            )
            added += created

    if stdout:
        stdout.write(f"FAQ: {len(entries)} topics; {added} questions added.")
