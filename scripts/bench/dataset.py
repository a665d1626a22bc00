"""What the benchmark data set holds, and the people in it the benchmark signs in as."""

from . import text

# Change it whenever a change to the builder should rebuild existing benchmark databases.
DATASET_VERSION = "2"

SIZES = {
    "channels": len(text.CHANNELS),
    "articles": 200_000,
    "faq_topics": len(text.FAQ_TOPICS),
    "faq_questions": 2_000,
    "users": 200_000,
    "caseworkers": 50,
    "services": len(text.SERVICES),
    "applications": 2_000_000,
    "inquiries": 500_000,
    "citizen_applications": 1_000,
    "citizen_inquiries": 40,
}

PASSWORD = "Bench-Huangpu-2026"
CITIZEN_EMAIL = "citizen@bench.cityportal.example"
CASEWORKER_EMAIL = "caseworker1@bench.cityportal.example"
CITIZEN_ID = SIZES["users"] + 1
FIRST_CASEWORKER_ID = CITIZEN_ID + 1
FIRST_APPLICATION_REFERENCE = 20_000_000  # the sequences' start values (applications/migrations)
FIRST_INQUIRY_REFERENCE = 2_000_000
# Cases submitted this recently may still be open; older ones are all decided.
RECENT_DAYS = 60
