# The portal's dates in Chinese: "2026年11月30日", "2026年11月30日 19:46".
DATE_FORMAT = "Y年n月j日"
DATETIME_FORMAT = "Y年n月j日 H:i"
TIME_FORMAT = "H:i"
SHORT_DATE_FORMAT = "Y年n月j日"
SHORT_DATETIME_FORMAT = "Y年n月j日 H:i"
MONTH_DAY_FORMAT = "n月j日"
YEAR_MONTH_FORMAT = "Y年n月"
FIRST_DAY_OF_WEEK = 1  # Monday
# Thousands grouped by commas, as the city's other Chinese pages write them ("100,000"); Django's
# own zh_Hans formats group by nothing.
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
