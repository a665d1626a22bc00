"""Made-up city news English for the benchmark data set.

Paragraphs, titles and questions are put together here from templates and word lists with a
fixed random seed, so every build writes the same text. data.py stores these pools in a table of
their own (dropped at the end) and lets PostgreSQL combine them into hundreds of thousands of rows.

Words are spread like in real news: each channel has its own subjects, so a two-word search such
as "bus timetable" finds a few thousand of the 200,000 articles, not none and not all.
"""

import random

from django.utils.html import escape
from django.utils.text import slugify

SEED = 2026

DISTRICTS = [
    "Huangpu", "Xuhui", "Changning", "Jing'an", "Putuo", "Hongkou", "Yangpu", "Minhang",
    "Baoshan", "Jiading", "Pudong", "Jinshan", "Songjiang", "Qingpu", "Fengxian", "Chongming",
]  # fmt: skip
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
PLACES = [
    "People's Square", "the Bund", "Century Park", "Xujiahui", "Lujiazui", "Hongqiao station",
    "Wujiaochang", "Zhongshan Park", "the Expo site", "Dishui Lake", "Jing'an Temple",
    "the North Bund", "Qiantan", "the West Bund", "Songjiang University Town",
]  # fmt: skip
GENERAL_ORGS = [
    "municipal government", "district government", "city service hotline", "general office",
    "Municipal Development and Reform Commission", "municipal people's congress",
]  # fmt: skip
GENERAL_TOPICS = [
    "public services", "the city budget", "community centres", "street cleaning",
    "the citizen hotline", "online services", "district offices", "public consultations",
    "the annual work report", "opening hours of service centres", "services for older people",
    "neighbourhood committees", "the government's open data", "public notices",
    "volunteer programmes", "the city's five-year plan", "help for new residents",
    "accessibility in public buildings", "the rules for street markets", "local elections",
]  # fmt: skip
HEADINGS = [
    "What changes for residents", "Background", "Next steps", "How to take part",
    "Dates and times", "Who is affected", "Where to find out more", "Costs and funding",
    "What residents said", "How to apply", "The plan in numbers", "Questions and answers",
]  # fmt: skip
CHANGES = [
    "change", "be extended", "be improved", "be reviewed", "be simplified", "be expanded",
    "start", "be replaced", "be made free of charge", "be brought forward",
]  # fmt: skip

# name, slug, organisations that issue its news, subjects it writes about
CHANNELS = [
    ("Government News", "government-news",
     ["municipal government", "general office of the municipal government"],
     ["the government work report", "administrative reform", ("the new regulations on "
      "public services"), "the city's budget for next year", "cuts to red tape",
      "the review of local rules", "the government's targets", "public appointments"]),
    ("City News Digest", "city-news-digest",
     ["municipal information office", "district governments"],
     ["neighbourhood life", "the weekend markets", "the new community canteens",
      "repairs to old lane houses", "the city's riverside walks", "local festivals",
      "the night bus routes", "street food stalls", "the new shopping streets"]),
    ("Transport", "transport",
     ["Municipal Transport Commission", "metro operator", "municipal road administration"],
     ["the new metro line", "night bus routes", "bus lanes", "cycle lanes", "electric buses",
      "metro station entrances", "shared bicycles", "park-and-ride car parks", "taxi ranks",
      "the inner ring road", "traffic lights at busy junctions", "the airport express",
      "pedestrian crossings", "parking fees", "the tram extension", "accessible bus stops",
      "late-night metro services", "school bus services", "road works",
      "the bus interchange at the railway station", "the bus timetable",
      "the ferry timetable"]),
    ("Housing", "housing",
     ["Municipal Housing Administration", "housing provident fund centre"],
     ["affordable rental homes", "the renovation of old estates", ("lifts in old apartment "
      "blocks"), "the housing provident fund", "rent subsidies", "the rules for landlords",
      "new homes for young workers", "property management fees", "building safety checks"]),
    ("Health", "health",
     ["Municipal Health Commission", "centre for disease control"],
     ["family doctors", "community health centres", "the vaccination programme",
      "hospital appointments", "emergency care", "health checks for older people",
      "the medical insurance card", "mental health services", "children's hospitals"]),
    ("Education", "education",
     ["Municipal Education Commission", "district education bureaus"],
     ["primary school places", "kindergarten enrolment", "after-school care", "school meals",
      "vocational training", "adult education classes", "university admissions",
      "school bus services", "international schools", "the exam timetable"]),
    ("Environment", "environment",
     ["Municipal Ecology and Environment Bureau", "greening and city appearance bureau"],
     ["waste sorting", "air quality", "the recycling stations", "river water quality",
      "noise from building sites", "the collection timetable for bulky waste", "tree planting",
      "energy saving in public buildings", "electric vehicle charging points"]),
    ("Culture and Events", "culture-events",
     ["Municipal Culture and Tourism Administration", "city library"],
     ["the summer concert series", "museum opening hours", "the international film festival",
      "library services", "the lantern festival", "theatre tickets", "public art",
      "the heritage open days", "community dance classes"]),
    ("Business and Economy", "business-economy",
     ["Municipal Commission of Commerce", "market regulation administration"],
     ["small business loans", "business registration", "the free trade zone",
      "tax relief for small firms", "the consumer protection rules", "start-up grants",
      "the trade fair", "foreign investment", "online shopping complaints"]),
    ("Public Safety", "public-safety",
     ["municipal public security bureau", "fire and rescue service"],
     ["fire safety checks", "flood warnings", "typhoon preparations", "road safety",
      "the emergency hotline", "safety on building sites", "scams aimed at older people",
      "lost property", "the neighbourhood watch"]),
    ("Urban Planning", "urban-planning",
     ["Municipal Planning and Natural Resources Bureau", "urban renewal office"],
     ["the master plan", "the riverside redevelopment", "new parks in the outer districts",
      "the renewal of historic streets", "height limits for new buildings",
      "the new town centres", "public squares", "the planning hearings"]),
    ("Social Services", "social-services",
     ["Municipal Civil Affairs Bureau", "human resources and social security bureau"],
     ["pensions", "care homes", "help for disabled residents", "unemployment benefits",
      "the minimum living allowance", "childcare support", "meals for older people",
      "the job fair", "support for carers"]),
    ("Sports", "sports",
     ["Municipal Sports Bureau", "city marathon organisers"],
     ["the city marathon", "public swimming pools", "fitness trails", "the football league",
      "sports halls in schools", "the table tennis championship", "free fitness classes",
      "the cycling race", "opening hours of sports centres"]),
    ("Tourism", "tourism",
     ["Municipal Culture and Tourism Administration", "tourist information centres"],
     ["the sightseeing bus", "the river cruises", "hotel standards", "tourist information",
      "the old town", "visa-free transit", "the water towns", "the holiday travel rush",
      "the bus tours for visitors"]),
    ("Technology", "technology",
     ["Municipal Commission of Economy and Informatization", "big data centre"],
     ["the one-stop online service", "5G coverage", "the government app", "open data",
      "artificial intelligence", "digital identity cards", "smart street lights",
      "online appointments", "cyber security"]),
    ("Water and Utilities", "water-utilities",
     ["municipal water authority", "city gas company", "power supply company"],
     ["drinking water quality", "water pipes", "the gas supply", "electricity bills",
      "planned power cuts", "flood defences", "the sewage works", "water prices",
      "heating in winter"]),
    ("Parks and Green Spaces", "parks",
     ["greening and city appearance bureau", "parks department"],
     ["park opening hours", "the flower show", "new pocket parks", "the country parks",
      "the riverside greenway", "tree care", "dog walking areas", "playgrounds",
      "the botanical garden"]),
    ("Districts", "districts",
     ["district governments", "sub-district offices"],
     ["street repairs", "the community service centre", "local markets",
      "the neighbourhood committees", "the district library", "the local bus services",
      "old residential areas", "the district hospital", "community gardens"]),
    ("International Exchange", "international",
     ["municipal foreign affairs office", "international exchange centre"],
     ["sister cities", "work permits for foreign experts", "the international schools",
      "the expat service centres", "visa rules", "the import expo", "foreign consulates",
      "language classes", "the international student exchange"]),
    ("Announcements", "announcements",
     ["general office of the municipal government", "municipal information office"],
     ["public holiday arrangements", "office opening hours", "the public notices",
      "changes to telephone numbers", "the tender notices", "road closures",
      "job openings in the civil service", "the results of public consultations",
      "the holiday timetable of public transport"]),
]  # fmt: skip

SENTENCES = [
    "The {org} announced on {weekday} that {topic} in {district} will {change} from {month}.",
    "Residents of {district} can comment on the plans for {topic} until the end of {month}.",
    "The plans for {topic} were discussed at a public hearing attended by {number} residents.",
    "According to the {org}, complaints about {topic} fell by {percent} percent last year.",
    "Work on {topic} near {place} is expected to be finished by {month}.",
    "The city will spend {money} million yuan on {topic} over the next {small} years.",
    "Officials said that {topic} had been a priority since the last review in {month}.",
    "A survey of {number} households found that most people were satisfied with {topic}.",
    "Details of {topic} are published on the district website and at every service centre.",
    "The {org} thanked residents for their patience while {topic} was being improved.",
    "From {month}, questions about {topic} can also be sent through the portal.",
    "Volunteers in {district} will help older residents find out more about {topic}.",
    "The pilot scheme for {topic} in {district} will be extended to {small} more districts.",
    "People with questions about {topic} can call the city service line 12345 at any time.",
    "Meetings with residents will be held in {district} every {weekday} in {month}.",
    "The measures take effect after a public notice period of thirty days.",
    "Residents are asked to check the latest information before they travel.",
    "The {org} said the changes follow suggestions made by members of the public.",
    "More than {number} people took part in the consultation, most of them online.",
    "A spokesperson for the {org} said the results would be reviewed every {small} months.",
    "The service centre near {place} is open from nine in the morning until five.",
    "Staff will be on hand at {place} on {weekday} to answer questions in person.",
]
TITLES = [
    "{Topic} to {change} in {district}",
    "{District} asks residents about {topic}",
    "New rules for {topic} from {month}",
    "{Org} publishes report on {topic}",
    "What next year's budget means for {topic}",
    "{District} residents give their views on {topic}",
    "{Number} comments received on {topic}",
]

APPLYING_FOR = [
    "for myself", "for my family", "for my parents", "on behalf of my company",
    "for our neighbourhood committee", "for the second time",
]  # fmt: skip
SUBJECTS = [
    "Question about {topic}",
    "{Topic} in {district}",
    "When will {topic} {change}?",
    "Complaint about {topic} near {place}",
    "Suggestion for {topic}",
    "Information on {topic} in English",
]

# name, slug, the channel whose subjects its answers use, questions (with {district} sometimes)
FAQ_TOPICS = [
    ("Getting around", "getting-around", "transport",
     ["How do I pay for the metro and buses?", ("Where can I find the bus timetable for "
      "{district}?"), "Can I take a bicycle on the metro?", ("How do I get a parking permit in "
      "{district}?"), "What do I do if I leave something on a bus in {district}?"]),
    ("Housing", "housing", "housing",
     ["How do I apply for an affordable rental home in {district}?", ("Who pays for lifts in "
      "old apartment blocks in {district}?"), "How do I register a rental contract?",
      "What can I do about a noisy neighbour in {district}?"]),
    ("Health care", "health-care", "health",
     ["How do I register with a family doctor in {district}?", ("Where can I get vaccinated "
      "in {district}?"), "How do I book a hospital appointment online?"]),
    ("Schools and childcare", "schools-childcare", "education",
     ["How do I enrol my child in a primary school in {district}?", ("When is the exam "
      "timetable published?"), "Is there after-school care in {district}?"]),
    ("Work and business", "work-business", "business-economy",
     ["How do I register a small business in {district}?", ("Which grants can a start-up in "
      "{district} apply for?"), "How do I complain about an online shop?"]),
    ("Residence and visas", "residence-visas", "international",
     ["How do I renew my residence permit in {district}?", ("Where is the expat service "
      "centre in {district}?"), "Can I get a work permit as a foreign expert?"]),
    ("Rubbish and recycling", "rubbish-recycling", "environment",
     ["When is bulky waste collected in {district}?", "How do I sort my rubbish?",
      "Where is the nearest recycling station in {district}?"]),
    ("Culture and leisure", "culture-leisure", "culture-events",
     ["When are the museums in {district} open?", ("How do I get a library card in "
      "{district}?"), "Where can I buy theatre tickets?"]),
    ("Using this portal", "using-the-portal", "technology",
     ["How do I follow my application from {district}?", ("I forgot my password. What do I "
      "do?"), "How do I turn on two-factor authentication?", ("Which services of {district} can "
      "I use online?")]),
    ("Contacting the government", "contacting-the-government", "government-news",
     ["How do I contact the district office in {district}?", "How do I send an inquiry?",
      "How long does an answer to an inquiry take?", ("Where is the service centre in "
      "{district}?")]),
]  # fmt: skip

# Who asks: every question comes in these variants.
ASKERS = [
    "", " as a new resident", " as a student", " for an older relative",
    " if I do not speak Chinese", " on behalf of a company", " with a disability",
    " for the first time",
]  # fmt: skip

SERVICES = [
    ("Residence permit renewal", 15), ("Small business licence", 20),
    ("Street event permit", 10), ("Resident parking permit", 7),
    ("Heritage facade restoration grant", 60), ("Affordable rental home", 45),
    ("Rent subsidy", 30), ("Lift installation subsidy", 40), ("Primary school place", 30),
    ("Kindergarten place", 30), ("Start-up grant", 45), ("Market stall licence", 14),
    ("Outdoor dining permit", 14), ("Building work noise exemption", 5),
    ("Tree felling permit", 21), ("Bulky waste collection", 3), ("Disabled parking badge", 14),
    ("Care home place", 30), ("Meals at home for older people", 10),
    ("Sports hall booking", 3), ("Film shooting permit", 10), ("Advertising sign permit", 20),
    ("Work permit for foreign experts", 20), ("Housing provident fund withdrawal", 7),
]  # fmt: skip
CLOSED_SERVICES = {"Heritage facade restoration grant", "Film shooting permit"}

GIVEN_NAMES = [
    "Wei", "Fang", "Na", "Min", "Jing", "Li", "Qiang", "Lei", "Yang", "Jun", "Yan", "Chao",
    "Xiu", "Tao", "Ming", "Hui", "Ping", "Gang", "Hong", "Xin", "Emma", "Lucas", "Sofia",
    "Daniel", "Anna", "David", "Maria", "James", "Yuki", "Ravi",
]  # fmt: skip
FAMILY_NAMES = [
    "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun",
    "Ma", "Zhu", "Hu", "Guo", "He", "Lin", "Gao", "Luo", "Smith", "Müller", "Rossi", "Kim",
    "Tanaka", "Silva", "Novak", "Dubois", "Patel", "Garcia",
]  # fmt: skip


def pick(rng, items):
    return items[rng.randrange(len(items))]


def pick_topic(rng, topics):
    # Like words in real text, a channel's first subjects come up often and its last ones rarely.
    return rng.choices(topics, weights=[1 / rank for rank in range(1, len(topics) + 1)])[0]


def fill(rng, template, *, topics, orgs):
    values = {
        "org": pick(rng, orgs),
        "topic": pick_topic(rng, topics),
        "district": pick(rng, DISTRICTS),
        "month": pick(rng, MONTHS),
        "weekday": pick(rng, WEEKDAYS),
        "place": pick(rng, PLACES),
        "change": pick(rng, CHANGES),
        "number": f"{rng.randrange(2, 90) * 50:,}",
        "percent": rng.randrange(3, 40),
        "money": rng.randrange(5, 900),
        "small": rng.randrange(2, 6),
    }
    values |= {
        key.capitalize(): str(value)[:1].upper() + str(value)[1:] for key, value in values.items()
    }
    return template.format(**values)


def paragraphs(rng, count, *, topics, orgs):
    result = []
    for _ in range(count):
        sentences = [
            fill(rng, pick(rng, SENTENCES), topics=topics, orgs=orgs)
            for _ in range(rng.randrange(3, 6))
        ]
        result.append(" ".join(sentences))
    return result


def channel_pools(paragraphs_each=300, titles_each=1000):
    """For each channel: its paragraphs, titles and one-sentence summaries."""
    rng = random.Random(SEED)
    pools = []
    for name, slug, orgs, topics in CHANNELS:
        # Every channel gets the same number of different titles.
        titles = set()
        while len(titles) < titles_each:
            titles.add(fill(rng, pick(rng, TITLES), topics=topics, orgs=orgs))
        pools.append(
            {
                "name": name,
                "slug": slug,
                "orgs": orgs,
                "paragraphs": paragraphs(rng, paragraphs_each, topics=topics, orgs=orgs),
                "summaries": [
                    fill(rng, pick(rng, SENTENCES), topics=topics, orgs=orgs)
                    + " "
                    + fill(rng, pick(rng, SENTENCES), topics=topics, orgs=orgs)
                    for _ in range(paragraphs_each)
                ],
                "titles": sorted(titles),
            }
        )
    return pools


def general_paragraphs(count=1500):
    return paragraphs(random.Random(SEED + 1), count, topics=GENERAL_TOPICS, orgs=GENERAL_ORGS)


def faq_questions(per_topic=200):
    """(topic slug, question, slug, answer HTML, answer text) for every FAQ, 2,000 by default."""
    rng = random.Random(SEED + 2)
    channels = {slug: (orgs, topics) for _, slug, orgs, topics in CHANNELS}
    questions = []
    for _, topic_slug, channel, templates in FAQ_TOPICS:
        orgs, topics = channels[channel]
        variants = [
            template.format(district=district)[:-1] + asker + "?"
            for template in templates
            for district in (DISTRICTS if "{district}" in template else [""])
            for asker in ASKERS
        ]
        rng.shuffle(variants)
        for question in variants[:per_topic]:
            answer = paragraphs(rng, rng.randrange(1, 4), topics=topics, orgs=orgs)
            html = "".join(f"<p>{escape(text)}</p>" for text in answer)
            slug = f"{slugify(question)[:80]}-{len(questions) + 1}"
            questions.append((topic_slug, question, slug, html, " ".join(answer)))
    return questions


def application_details(count=500):
    rng = random.Random(SEED + 3)
    return [
        f"I live in {pick(rng, DISTRICTS)} and apply {pick(rng, APPLYING_FOR)}. "
        + fill(rng, pick(rng, SENTENCES), topics=GENERAL_TOPICS, orgs=GENERAL_ORGS)
        for _ in range(count)
    ]


def inquiry_subjects(count=500):
    rng = random.Random(SEED + 4)
    subjects = []
    for _ in range(count):
        _, _, orgs, topics = pick(rng, CHANNELS)
        subject = fill(rng, pick(rng, SUBJECTS), topics=topics, orgs=orgs)
        subjects.append(subject[:150])
    return subjects


def slug_for(title):
    return slugify(title)[:150]
