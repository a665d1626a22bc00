"""Applications and inquiries, each with a status history that the status maps allow."""

import itertools
from datetime import timedelta

from django.db import connection

from applications.statuses import (
    APPLICATION_TRANSITIONS,
    INQUIRY_TRANSITIONS,
    Actor,
    ApplicationStatus,
    InquiryStatus,
)

from .dataset import (
    FIRST_APPLICATION_REFERENCE,
    FIRST_CASEWORKER_ID,
    FIRST_CITIZEN_ID,
    FIRST_INQUIRY_REFERENCE,
    RECENT_DAYS,
    SIZES,
)
from .steps import execute, in_chunks, indexes_built_afterwards, pool_sizes, step

S, R, P, A = "submitted", "received", "processing", "action_required"
APPROVED, REJECTED, WITHDRAWN = "approved", "rejected", "withdrawn"
# (statuses in order, weight among older cases, weight among recent ones): 2 to 6 history rows.
APPLICATION_PATHS = [
    ((S, R), 0, 15),
    ((S, R, P), 0, 30),
    ((S, R, A), 0, 8),
    ((S, R, P, A), 0, 10),
    ((S, R, A, P), 0, 10),
    ((S, R, P, A, P), 0, 5),
    ((S, R, A, P, A, P), 0, 2),
    ((S, R, P, APPROVED), 45, 20),
    ((S, R, P, REJECTED), 10, 5),
    ((S, R, A, P, APPROVED), 15, 4),
    ((S, R, P, A, P, APPROVED), 8, 1),
    ((S, R, WITHDRAWN), 5, 3),
    ((S, R, P, WITHDRAWN), 3, 1),
    ((S, R, A, REJECTED), 4, 1),
    ((S, R, A, P, REJECTED), 4, 0),
    ((S, R, P, A, REJECTED), 3, 0),
    ((S, R, A, WITHDRAWN), 2, 0),
    ((S, R, P, A, P, REJECTED), 1, 0),
]
IR, IP, IA, IC = "received", "processing", "answered", "closed"
INQUIRY_PATHS = [
    ((IR,), 0, 30),
    ((IR, IP), 0, 25),
    ((IR, IA), 15, 20),
    ((IR, IP, IA), 10, 15),
    ((IR, IA, IC), 25, 10),
    ((IR, IP, IA, IC), 40, 0),
    ((IR, IC), 5, 0),
    ((IR, IP, IC), 5, 0),
]
NOTES = {
    A: "Please send a copy of the missing document with the form on this page.",
    APPROVED: "Your application is approved. The decision letter is on its way.",
    REJECTED: "Your application does not meet the conditions of this service.",
    WITHDRAWN: "I no longer need this.",
}
PATH_SLOTS = 1000


def path_rows(paths, transitions, first_status):
    """bench_path rows: PATH_SLOTS slots per age, each path taking slots by its weight."""
    rows = []
    for recent in (False, True):
        weights = [
            (statuses, recent_weight if recent else old_weight)
            for statuses, old_weight, recent_weight in paths
        ]
        total = sum(weight for _, weight in weights)
        slot = 0
        for n, (statuses, weight) in enumerate(weights):
            actors = path_actors(statuses, transitions, first_status)
            share = (
                round(PATH_SLOTS * weight / total) if n < len(weights) - 1 else PATH_SLOTS - slot
            )
            notes = [NOTES.get(status, "") for status in statuses]
            rows += [(recent, slot + k, list(statuses), actors, notes) for k in range(share)]
            slot += share
    return rows


def path_actors(statuses, transitions, first_status):
    """Who makes each change (staff where either may); refuses a path that the status map
    does not allow."""
    if statuses[0] != first_status:
        raise ValueError(f"{statuses} does not start with {first_status}")
    actors = [Actor.CITIZEN.value]
    for before, after in itertools.pairwise(statuses):
        who = transitions[before].get(after)
        if who is None:
            raise ValueError(f"{before} -> {after} is not an allowed transition")
        actors.append((Actor.STAFF if Actor.STAFF in who else Actor.CITIZEN).value)
    return actors


def fill_paths(paths, transitions, first_status):
    execute("DROP TABLE IF EXISTS bench_path")
    execute(
        "CREATE UNLOGGED TABLE bench_path (recent boolean, slot int, statuses text[], "
        "actors text[], notes text[], PRIMARY KEY (recent, slot))"
    )
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO bench_path VALUES (%s, %s, %s, %s, %s)",
            path_rows(paths, transitions, first_status),
        )


# Each case follows a path from bench_path, picked by its id; the changes are spread evenly
# between submission and the last change (status_changed_at), so the history can be derived
# from the case row alone.
APPLICATIONS_SQL = """
INSERT INTO applications_application (id, reference, applicant_id, service_id,
                                      submitted_at, due_at, status, status_changed_at,
                                      assigned_to_id, listed_publicly)
SELECT a.i, (%(first_reference)s + a.i)::text, a.applicant, service.id,
       a.submitted_at, a.submitted_at + service.processing_days * interval '1 day',
       path.statuses[cardinality(path.statuses)],
       a.submitted_at + least(interval '1 day' * (1 + a.i %% 5),
                              (%(now)s - a.submitted_at) / 6) * (cardinality(path.statuses) - 1),
       -- One case in ten is not assigned; the others go to every caseworker in turn.
       CASE WHEN a.i %% 10 = 0 THEN NULL ELSE %(first_caseworker)s + a.i / 10 %% %(caseworkers)s
       END,
       service.lists_applications_publicly
FROM (
    SELECT i, {person} AS applicant,
           1 + floor(random() * %(services)s)::int AS service,
           %(now)s - interval '5 years' * (%(offset)s + %(last_id)s - i + random()) / %(count)s
               AS submitted_at
    FROM generate_series(%(offset)s::bigint + %(first)s, %(offset)s + %(last)s) AS i
) AS a
JOIN applications_service service ON service.id = a.service
JOIN bench_path path ON path.recent = (a.submitted_at > %(recent_since)s)
                    AND path.slot = a.i * 7919 %% %(slots)s
"""

# The bench services ask no questions of their own, so each application answers the question a
# service without questions asks (applications.questions.default_questions).
APPLICATION_ANSWERS_SQL = """
INSERT INTO applications_answer (application_id, position, question_text, kind, value)
SELECT a.id, 1, 'What are you asking for, and why?', 'long_text', details.body
FROM applications_application a
JOIN bench_text details ON (details.pool, details.channel, details.n)
                         = ('details', 0, a.id * 7919 %% %(details_count)s)
WHERE a.id BETWEEN %(offset)s + %(first)s AND %(offset)s + %(last)s
"""

APPLICATION_HISTORY_SQL = """
INSERT INTO applications_applicationstatuschange (application_id, from_status, to_status,
                                                  note_to_citizen, internal_note, changed_by_id,
                                                  changed_at)
SELECT a.id, coalesce(path.statuses[step - 1], ''), path.statuses[step], path.notes[step], '',
       CASE WHEN path.actors[step] = 'citizen' THEN a.applicant_id
            ELSE coalesce(a.assigned_to_id, %(first_caseworker)s) END,
       a.submitted_at
           + (a.status_changed_at - a.submitted_at) * (step - 1) / (cardinality(path.statuses) - 1)
FROM applications_application a
JOIN bench_path path ON path.recent = (a.submitted_at > %(recent_since)s)
                    AND path.slot = a.id * 7919 %% %(slots)s
CROSS JOIN LATERAL generate_subscripts(path.statuses, 1) AS step
WHERE a.id BETWEEN %(offset)s + %(first)s AND %(offset)s + %(last)s
"""


# Whose case it is: anyone's, or (for the benchmark's citizens) each citizen's in turn, so that each
# citizen's cases are spread over the years like everyone else's.
ANYONE = "1 + floor(random() * %(users)s)::int"
CITIZENS_IN_TURN = "%(first_citizen)s + (i - %(offset)s - 1) %% %(citizens)s"


def case_params(now, *, offset, count):
    return {
        "now": now,
        "recent_since": now - timedelta(days=RECENT_DAYS),
        "offset": offset,
        "count": count,
        "last_id": count,
        "first_citizen": FIRST_CITIZEN_ID,
        "citizens": SIZES["citizens"],
        "users": SIZES["users"],
        "services": SIZES["services"],
        "first_caseworker": FIRST_CASEWORKER_ID,
        "caseworkers": SIZES["caseworkers"],
        "slots": PATH_SLOTS,
        **pool_sizes(),
    }


def add_applications(now, timings):
    fill_paths(APPLICATION_PATHS, APPLICATION_TRANSITIONS, ApplicationStatus.SUBMITTED.value)
    total = SIZES["applications"]
    citizens = SIZES["citizens"] * SIZES["applications_per_citizen"]
    everyone = case_params(now, offset=0, count=total)
    everyone["first_reference"] = FIRST_APPLICATION_REFERENCE
    citizen_params = case_params(now, offset=total, count=citizens)
    citizen_params.update(first_reference=FIRST_APPLICATION_REFERENCE, first=1, last=citizens)
    with indexes_built_afterwards("applications_application", "application indexes", timings):
        everyone_sql = APPLICATIONS_SQL.format(person=ANYONE)
        in_chunks("applications", total, 100_000, everyone_sql, everyone, timings)
        with step("citizens' applications", timings):
            execute(APPLICATIONS_SQL.format(person=CITIZENS_IN_TURN), citizen_params)
    with indexes_built_afterwards("applications_answer", "answer indexes", timings):
        in_chunks("answers", total, 100_000, APPLICATION_ANSWERS_SQL, everyone, timings)
        with step("citizens' answers", timings):
            execute(APPLICATION_ANSWERS_SQL, citizen_params)
    with indexes_built_afterwards(
        "applications_applicationstatuschange", "application history indexes", timings
    ):
        in_chunks("application history", total, 100_000, APPLICATION_HISTORY_SQL, everyone, timings)
        with step("citizens' application history", timings):
            execute(APPLICATION_HISTORY_SQL, citizen_params)


INQUIRIES_SQL = """
INSERT INTO applications_inquiry (id, reference, author_id, subject, message, submitted_at,
                                  status, status_changed_at, answer, answered_by_id, answered_at,
                                  assigned_to_id, listed_publicly, publication_agreed, follow_up,
                                  follow_up_answer)
SELECT a.i, lpad((%(first_reference)s + a.i)::text, 8, '0'), a.author, subject.body,
       message.body, a.submitted_at, path.statuses[cardinality(path.statuses)],
       a.submitted_at + a.gap * (cardinality(path.statuses) - 1),
       CASE WHEN answered > 0 THEN answer.body ELSE '' END,
       CASE WHEN answered > 0 THEN a.caseworker END,
       CASE WHEN answered > 0 THEN a.submitted_at + a.gap * (answered - 1) END,
       CASE WHEN cardinality(path.statuses) > 1 THEN a.caseworker END,
       -- One author in twenty lets the reference and status be listed publicly.
       a.i %% 20 = 0, false, '', ''
FROM (
    SELECT i, {person} AS author,
           floor(random() * %(subjects_count)s) AS subject,
           floor(random() * %(general_count)s) AS message,
           floor(random() * %(general_count)s) AS answer,
           %(first_caseworker)s + i %% %(caseworkers)s AS caseworker,
           submitted_at,
           least(interval '1 day' * (1 + i %% 3), (%(now)s - submitted_at) / 5) AS gap
    FROM (
        SELECT i, %(now)s - interval '5 years' * (%(offset)s + %(last_id)s - i + random())
                                                 / %(count)s AS submitted_at
        FROM generate_series(%(offset)s::bigint + %(first)s, %(offset)s + %(last)s) AS i
    ) AS dates
) AS a
JOIN bench_text subject ON (subject.pool, subject.channel, subject.n) = ('subjects', 0, a.subject)
JOIN bench_text message ON (message.pool, message.channel, message.n) = ('general', 0, a.message)
JOIN bench_text answer ON (answer.pool, answer.channel, answer.n) = ('general', 0, a.answer)
JOIN bench_path path ON path.recent = (a.submitted_at > %(recent_since)s)
                    AND path.slot = a.i * 7919 %% %(slots)s
CROSS JOIN LATERAL (SELECT coalesce(array_position(path.statuses, 'answered'), 0))
    AS found(answered)
"""

INQUIRY_HISTORY_SQL = """
INSERT INTO applications_inquirystatuschange (inquiry_id, from_status, to_status,
                                              note_to_citizen, internal_note, changed_by_id,
                                              changed_at)
SELECT q.id, coalesce(path.statuses[step - 1], ''), path.statuses[step], '', '',
       CASE WHEN step = 1 THEN q.author_id ELSE coalesce(q.assigned_to_id, %(first_caseworker)s)
       END,
       q.submitted_at + CASE WHEN cardinality(path.statuses) = 1 THEN interval '0'
           ELSE (q.status_changed_at - q.submitted_at) * (step - 1)
                / (cardinality(path.statuses) - 1) END
FROM applications_inquiry q
JOIN bench_path path ON path.recent = (q.submitted_at > %(recent_since)s)
                    AND path.slot = q.id * 7919 %% %(slots)s
CROSS JOIN LATERAL generate_subscripts(path.statuses, 1) AS step
WHERE q.id BETWEEN %(offset)s + %(first)s AND %(offset)s + %(last)s
"""


def add_inquiries(now, timings):
    fill_paths(INQUIRY_PATHS, INQUIRY_TRANSITIONS, InquiryStatus.RECEIVED.value)
    total = SIZES["inquiries"]
    citizens = SIZES["citizens"] * SIZES["inquiries_per_citizen"]
    everyone = case_params(now, offset=0, count=total)
    everyone["first_reference"] = FIRST_INQUIRY_REFERENCE
    citizen_params = case_params(now, offset=total, count=citizens)
    citizen_params.update(first_reference=FIRST_INQUIRY_REFERENCE, first=1, last=citizens)
    with indexes_built_afterwards("applications_inquiry", "inquiry indexes", timings):
        everyone_sql = INQUIRIES_SQL.format(person=ANYONE)
        in_chunks("inquiries", total, 100_000, everyone_sql, everyone, timings)
        with step("citizens' inquiries", timings):
            execute(INQUIRIES_SQL.format(person=CITIZENS_IN_TURN), citizen_params)
    with indexes_built_afterwards(
        "applications_inquirystatuschange", "inquiry history indexes", timings
    ):
        in_chunks("inquiry history", total, 100_000, INQUIRY_HISTORY_SQL, everyone, timings)
        with step("citizens' inquiry history", timings):
            execute(INQUIRY_HISTORY_SQL, citizen_params)
