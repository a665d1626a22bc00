import pytest

from faq.models import Question, Topic


@pytest.fixture
def topic(db):
    return Topic.objects.create(name="Getting around", slug="getting-around", position=1)


@pytest.fixture
def other_topic(db):
    return Topic.objects.create(name="Working in the city", slug="working-in-the-city", position=2)


@pytest.fixture
def make_question(db, topic):
    counter = iter(range(1, 100_000))

    def make(**fields):
        number = next(counter)
        fields = {
            "topic": topic,
            "question": f"Question number {number}?",
            "slug": f"question-{number}",
            "answer": f"<p>The answer to question {number}.</p>",
            "position": number,
            "published": True,
            **fields,
        }
        return Question.objects.create(**fields)

    return make


@pytest.fixture
def faq_editor(make_staff):
    return make_staff("faq.editor@city.example", "Lin Hua", group="Editors")
