from .models import Question, Topic

TOPICS = [
    ("getting-around", "Getting around"),
    ("living-in-the-city", "Living in the city"),
    ("working-in-the-city", "Working in the city"),
    ("using-the-portal", "Using this portal"),
    ("contacting-the-government", "Contacting the government"),
]

# (topic slug, question slug, question, answer HTML, featured)
QUESTIONS = [
    (
        "getting-around",
        "english-city-map",
        "Where can I get an English map of the city?",
        "<p>Free bilingual maps of the city centre and the metro network are handed out at the "
        "tourist information centres in the main railway stations, at both airports and at every "
        "Citizen Service Centre. A printable version is also available from the district offices "
        "on request.</p><p>Most metro stations display a large English network map next to the "
        "ticket machines.</p>",
        True,
    ),
    (
        "getting-around",
        "metro-tickets",
        "How do I pay for the metro and buses?",
        "<p>You can pay with a transport card, a contactless bank card or the official transport "
        "app on your phone. Transport cards are sold and topped up at staffed ticket offices and "
        "at many convenience stores.</p><p>Single-journey tickets for the metro are sold by the "
        "machines in every station; the machines have an English menu.</p>",
        True,
    ),
    (
        "getting-around",
        "airport-to-city-centre",
        "What is the best way to get from the airports to the city centre?",
        "<p>Both airports are on the metro network, and airport buses run to several districts "
        "from early morning until the last flight lands. Taxis wait at the signed ranks outside "
        "arrivals; use only the official rank and ask for a printed receipt.</p>",
        False,
    ),
    (
        "getting-around",
        "bicycles",
        "Can I hire a bicycle, and where may I ride it?",
        "<p>Shared bicycles can be unlocked with the operators' phone apps. Ride in the marked "
        "bicycle lanes, park only in the painted parking areas, and never ride on elevated roads "
        "or in tunnels for motor vehicles.</p>",
        False,
    ),
    (
        "getting-around",
        "lost-property-transport",
        "I left something on a bus or train. Who do I call?",
        "<p>Call the public transport service line and give the line, the direction and the time "
        "of your journey. Items found in metro stations are kept at the line's lost property "
        "office for up to a month before they are passed to the police.</p>",
        False,
    ),
    (
        "living-in-the-city",
        "register-address",
        "Do I need to register my address when I move?",
        "<p>Yes. Foreign residents must register their address with the local police station "
        "within 24 hours of arriving, and again after every move. Hotels do this for their "
        "guests; if you rent a flat, go to the police station with your passport and the rental "
        "contract.</p>",
        True,
    ),
    (
        "living-in-the-city",
        "rubbish-sorting",
        "How do I sort household rubbish?",
        "<p>Household rubbish is sorted into four kinds:</p><ul><li><strong>Recyclable</strong>: "
        "paper, plastic bottles, glass and metal</li><li><strong>Hazardous</strong>: batteries, "
        "light bulbs and medicines</li><li><strong>Wet</strong>: food waste</li><li><strong>Dry"
        "</strong>: everything else</li></ul><p>Your residential compound posts the times when "
        "the collection points are open.</p>",
        True,
    ),
    (
        "living-in-the-city",
        "see-a-doctor",
        "How can I see a doctor who speaks English?",
        "<p>Several public hospitals run international clinics with English-speaking staff. "
        "Book an appointment by phone or through the hospital's own website, and bring your "
        "passport and your insurance card. In an emergency, call 120 for an ambulance.</p>",
        False,
    ),
    (
        "living-in-the-city",
        "school-places",
        "How do I find a school place for my child?",
        "<p>Contact the education bureau of the district where you live. It tells you which "
        "public schools serve your address and which documents to bring. International schools "
        "take applications directly.</p>",
        False,
    ),
    (
        "living-in-the-city",
        "weather-warnings",
        "Where do I find typhoon and weather warnings?",
        "<p>The city's meteorological service publishes warnings in English on its website and "
        "sends them by text message to phones in the affected districts. Warnings are also read "
        "on the radio and shown on screens in metro stations.</p>",
        False,
    ),
    (
        "working-in-the-city",
        "work-permit",
        "How do I apply for a work permit?",
        "<p>Your employer starts the application online and you provide your passport, your "
        "degree certificate, a criminal record check and a health certificate. When the permit "
        "is approved, you apply for a residence permit for work within 30 days.</p>",
        True,
    ),
    (
        "working-in-the-city",
        "social-insurance",
        "Do foreign employees pay into social insurance?",
        "<p>Yes. Employers register their foreign staff for social insurance, and contributions "
        "are deducted from the monthly salary. Ask your employer's personnel office for your "
        "insurance number and for the statement of your contributions.</p>",
        False,
    ),
    (
        "working-in-the-city",
        "start-a-business",
        "Where do I start if I want to open a small business?",
        "<p>Begin at the business registration window of your district's administrative service "
        "centre. Staff there explain which licences your kind of business needs and can register "
        "most companies in a single visit.</p>",
        False,
    ),
    (
        "working-in-the-city",
        "labour-disputes",
        "What can I do if my employer does not pay my wages?",
        "<p>First raise the matter in writing with your employer. If it is not solved, contact "
        "the labour inspection office of your district; the service is free and the office can "
        "order the employer to pay. Keep your contract, pay slips and any messages as "
        "evidence.</p>",
        False,
    ),
    (
        "working-in-the-city",
        "tax-return",
        "Do I have to file an income tax return?",
        "<p>Your employer withholds income tax every month. If you had income from more than one "
        "source, or want to claim deductions for housing, children's education or training, you "
        "file an annual reconciliation between March and June of the following year.</p>",
        False,
    ),
    (
        "using-the-portal",
        "create-an-account",
        "Do I need an account to use this portal?",
        "<p>No. News, answers to common questions and search are open to everyone. You need a "
        "free account only to apply for services, send an inquiry and follow their status.</p>",
        False,
    ),
    (
        "using-the-portal",
        "track-an-application",
        "How do I follow the progress of my application?",
        "<p>Sign in and open <em>My applications</em>. Each application shows its eight-digit "
        "reference number, its current status and every change so far, with the note from the "
        "caseworker. We also send you an email whenever the status changes.</p>",
        True,
    ),
    (
        "using-the-portal",
        "forgot-password",
        "I forgot my password. What should I do?",
        "<p>Choose <em>Sign in</em> and then <em>Forgot password</em>, and enter the email "
        "address of your account. We send you a link to choose a new password; the link works "
        "for a limited time only.</p>",
        False,
    ),
    (
        "using-the-portal",
        "personal-data",
        "What happens to the personal data I give you?",
        "<p>We use your details only to handle your applications and inquiries and to tell you "
        "about their progress. Our privacy notice explains what we keep, for how long and how "
        "to ask for a copy.</p>",
        False,
    ),
    (
        "using-the-portal",
        "accessibility-help",
        "The portal is hard to use with my screen reader. Who can help?",
        "<p>Please tell us which page and which step caused the problem. Our accessibility "
        "statement lists the ways to reach us, and we can help you complete a service by "
        "phone in the meantime.</p>",
        False,
    ),
    (
        "contacting-the-government",
        "citizen-hotline",
        "Is there one phone number for questions to the city government?",
        "<p>Yes: the citizen service hotline <strong>12345</strong> answers questions about every "
        "department, around the clock. Say <em>English</em> after the greeting to be put "
        "through to an English-speaking operator.</p>",
        False,
    ),
    (
        "contacting-the-government",
        "ask-a-question-online",
        "Can I ask a question online instead of calling?",
        "<p>Yes. Sign in and send an inquiry from <em>My inquiries</em>. You get a reference "
        "number straight away, and most inquiries are answered within five working days.</p>",
        False,
    ),
    (
        "contacting-the-government",
        "make-a-complaint",
        "How do I make a complaint about a public service?",
        "<p>Send an inquiry with the subject <em>Complaint</em>, saying what happened, where and "
        "when. Your complaint is passed to the department concerned, which must reply to you; "
        "you can follow its progress in your account.</p>",
        False,
    ),
    (
        "contacting-the-government",
        "service-centre-opening-hours",
        "When are the Citizen Service Centres open?",
        "<p>The centres are open Monday to Friday from 9:00 to 17:00, and the main centre in "
        "Huangpu District is also open on Saturday mornings. Bring your passport or residence "
        "permit for any service in person.</p>",
        False,
    ),
]


def seed(*, stdout, style):
    topics = {}
    for position, (slug, name) in enumerate(TOPICS, start=1):
        topics[slug], _ = Topic.objects.get_or_create(
            slug=slug, defaults={"name": name, "position": position}
        )

    added = 0
    for position, (topic_slug, slug, question, answer, featured) in enumerate(QUESTIONS, start=1):
        _, created = Question.objects.get_or_create(
            slug=slug,
            defaults={
                "topic": topics[topic_slug],
                "question": question,
                "answer": answer,
                "position": position,
                "featured": featured,
                "published": True,
            },
        )
        added += created

    if stdout:
        stdout.write(f"FAQ: {len(TOPICS)} topics; {added} questions added.")
