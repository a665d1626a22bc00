"""Demo services and a demo citizen's applications and inquiries, made through the real services."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from .models import Application, Inquiry, Service
from .services import (
    application_change_status,
    application_submit,
    inquiry_answer,
    inquiry_change_status,
    inquiry_submit,
)

CITIZEN_EMAIL = "citizen@demo.cityportal.example"
CASEWORKER_EMAIL = "caseworker@demo.cityportal.example"

SERVICES = [
    {
        "slug": "residence-permit-renewal",
        "name": "Residence permit renewal",
        "summary": "Renew your residence permit for work or family reasons before it expires.",
        "description": (
            "For foreign nationals living in Shanghai whose residence permit expires within the "
            "next 30 days.\n\nApply at least two weeks before the expiry date. You may stay in the "
            "city while your application is being processed."
        ),
        "what_to_provide": (
            "Your passport number, current permit number and expiry date, and your address in "
            "Shanghai. Attach a scan of your passport photo page and a recent photo (PNG or JPEG)."
        ),
        "processing_days": 15,
        "is_open": True,
    },
    {
        "slug": "small-business-licence",
        "name": "Small business licence",
        "summary": "Register a shop, café or small workshop with up to ten employees.",
        "description": (
            "For individuals and partnerships opening a business with premises in the city. "
            "The licence is valid for five years."
        ),
        "what_to_provide": (
            "The business name, the address of the premises, the kind of business and the number "
            "of employees. Attach the lease or ownership certificate for the premises as a PDF."
        ),
        "processing_days": 20,
        "is_open": True,
    },
    {
        "slug": "street-event-permit",
        "name": "Street event permit",
        "summary": "Hold a market, festival or sports event on a public street or square.",
        "description": (
            "Needed for any event that closes a street or square to traffic or puts up stalls or "
            "stages. Apply at least four weeks before the event."
        ),
        "what_to_provide": (
            "The date, times and place, the expected number of visitors, and a contact person "
            "for the day. Attach a site plan showing stalls, stages and emergency routes."
        ),
        "processing_days": 10,
        "is_open": True,
    },
    {
        "slug": "resident-parking-permit",
        "name": "Resident parking permit",
        "summary": "Park in the resident zones of your neighbourhood without time limits.",
        "description": (
            "For people registered at an address inside a resident parking zone. One permit per "
            "household; it is valid for one year."
        ),
        "what_to_provide": "Your registered address and the plate number of your car.",
        "processing_days": 7,
        "is_open": True,
    },
    {
        "slug": "heritage-facade-grant",
        "name": "Heritage facade restoration grant",
        "summary": "A grant towards restoring the street front of a listed historic building.",
        "description": (
            "The grant covers up to half the cost of restoring the facade of a listed building. "
            "Applications open once a year; the next round opens in March."
        ),
        "what_to_provide": "The building's listing number and a contractor's quote.",
        "processing_days": 60,
        "is_open": False,
    },
]

APPLICATIONS = [
    {
        "service": "residence-permit-renewal",
        "details": (
            "My residence permit for work expires on 20 December. I continue to work for the "
            "same employer in Jing'an and live at the same address. Please renew it for two years."
        ),
        "changes": [
            ("received", "Your documents are complete.", "Passport scan checked."),
            ("processing", "Your application is with the permits team.", ""),
        ],
    },
    {
        "service": "street-event-permit",
        "details": (
            "A neighbourhood book swap and children's reading morning on Wukang Road on the first "
            "Saturday of next month, 9:00 to 13:00, about 200 visitors, ten tables."
        ),
        "changes": [
            ("received", "", ""),
            (
                "action_required",
                "Please send a site plan that shows where the tables stand and how emergency "
                "vehicles can pass. Reply to this application through an inquiry quoting its "
                "reference.",
                "Fire service asks for a 3.5 m clear lane.",
            ),
        ],
    },
    {
        "service": "resident-parking-permit",
        "details": "Registered address: Lane 88, Fuxing Road. Car plate: HU A·5D321.",
        "changes": [
            ("received", "", ""),
            ("processing", "", ""),
            (
                "approved",
                "Your permit is approved. It is linked to your plate number, so there is nothing "
                "to display in the car. It is valid for one year from today.",
                "",
            ),
        ],
    },
    {
        "service": "small-business-licence",
        "details": (
            "A small tea shop with two employees at 15 Changle Road, selling loose tea and "
            "serving tea on four tables."
        ),
        "changes": [],
    },
]

INQUIRIES = [
    {
        "subject": "English map of the city",
        "message": (
            "Where can I get a printed English map of the city with the metro lines? I arrive "
            "next week and will not have mobile data at first."
        ),
        "changes": ["processing"],
        "answer": (
            "Free English maps with the metro network are available at the visitor centres at "
            "both airports, at Shanghai Railway Station and at the People's Square visitor centre. "
            "The same map can be downloaded from the visitor section of this portal."
        ),
    },
    {
        "subject": "Recycling collection days",
        "message": (
            "Which days are recyclables collected in the Xuhui district, and where do I take "
            "old batteries?"
        ),
        "changes": ["processing"],
        "answer": "",
    },
    {
        "subject": "Refund of a transport card deposit",
        "message": "How do I get back the deposit of a transport card I no longer use?",
        "changes": [],
        "answer": "",
    },
]


def demo_user(email, **fields):
    User = get_user_model()
    user, created = User.objects.get_or_create(email=email, defaults=fields)
    if created:
        # Sign-in details for demo accounts belong to the accounts app's demo.
        user.set_unusable_password()
        user.save(update_fields=["password"])
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def seed(*, stdout, style):
    services = {}
    for fields in SERVICES:
        slug = fields["slug"]
        services[slug], _ = Service.objects.get_or_create(slug=slug, defaults=fields)

    citizen = demo_user(CITIZEN_EMAIL, full_name="Zhang Wei")
    caseworker = demo_user(CASEWORKER_EMAIL, full_name="Chen Jing", is_staff=True)
    caseworkers, _ = Group.objects.get_or_create(name="Caseworkers")
    if not caseworker.groups.filter(pk=caseworkers.pk).exists():
        caseworker.groups.add(caseworkers)

    added = 0
    for item in APPLICATIONS:
        service = services[item["service"]]
        if Application.objects.filter(
            applicant=citizen, service=service, details=item["details"]
        ).exists():
            continue
        application = application_submit(
            applicant=citizen, service=service, details=item["details"]
        )
        for status, note, internal in item["changes"]:
            application_change_status(
                application=application,
                to_status=status,
                by=caseworker,
                note_to_citizen=note,
                internal_note=internal,
            )
        added += 1

    for item in INQUIRIES:
        if Inquiry.objects.filter(author=citizen, subject=item["subject"]).exists():
            continue
        inquiry = inquiry_submit(author=citizen, subject=item["subject"], message=item["message"])
        for status in item["changes"]:
            inquiry_change_status(inquiry=inquiry, to_status=status, by=caseworker)
        if item["answer"]:
            inquiry_answer(inquiry=inquiry, answer=item["answer"], by=caseworker)
        added += 1

    if stdout:
        stdout.write(
            f"Applications: {len(SERVICES)} services; {added} demo cases added for {CITIZEN_EMAIL}."
        )
