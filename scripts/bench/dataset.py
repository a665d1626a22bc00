"""What the benchmark data set holds, and the people in it the benchmark signs in as."""

from . import text

# Change it whenever a change to the builder should rebuild existing benchmark databases.
DATASET_VERSION = "6"

SIZES = {
    "channels": len(text.CHANNELS),
    "articles": 200_000,
    # One article in this many has a Chinese version (scripts/bench/chinese_text.py).
    "chinese_articles_every": 5,
    "faq_topics": len(text.FAQ_TOPICS),
    "faq_questions": 2_000,
    "users": 200_000,
    "caseworkers": 50,
    "services": len(text.SERVICES),
    "applications": 2_000_000,
    "inquiries": 500_000,
    # Citizens whose pages the benchmark reads, each in a session of their own, and their cases.
    "citizens": 200,
    "applications_per_citizen": 1_000,
    "inquiries_per_citizen": 40,
}

PASSWORD = "Bench-Huangpu-2026"
CITIZEN_EMAIL = "citizen{}@bench.cityportal.example"  # 1 to SIZES["citizens"]
CASEWORKER_EMAIL = "caseworker{}@bench.cityportal.example"  # 1 to SIZES["caseworkers"]
FIRST_CITIZEN_ID = SIZES["users"] + 1
FIRST_CASEWORKER_ID = FIRST_CITIZEN_ID + SIZES["citizens"]
FIRST_APPLICATION_REFERENCE = 20_000_000  # the sequences' start values (applications/migrations)
FIRST_INQUIRY_REFERENCE = 2_000_000
# Cases submitted this recently may still be open; older ones are all decided.
RECENT_DAYS = 60
