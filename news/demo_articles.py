"""The demo news, written for this project: a fictional year of the Shanghai city government.

Each body is plain text: "## " starts a sub-heading, "- " a list item, a blank line a paragraph.
"""

GOVERNMENT_NEWS = "government-news"
CITY_DIGEST = "city-news-digest"

CHANNELS = [
    {
        "slug": GOVERNMENT_NEWS,
        "name": "Government News",
        "position": 1,
        "description": "Decisions, plans and announcements of the municipal government and its "
        "commissions.",
    },
    {
        "slug": CITY_DIGEST,
        "name": "City News Digest",
        "position": 2,
        "description": "Short news from the districts: transport, culture, services and daily "
        "life in the city.",
    },
]

ARTICLES = [
    {
        "channel": GOVERNMENT_NEWS,
        "slug": "metro-line-extension-opens-in-the-south-west",
        "title": "Metro line extension opens in the south-west of the city",
        "days_ago": 6,
        "source": "Municipal Transport Commission",
        "photo": "metro",
        "caption": "The extended line adds six stations between Xuhui and Minhang.",
        "featured": True,
        "summary": "Six new stations connect southern Xuhui with Minhang from this Saturday, "
        "cutting the journey to the city centre by up to 25 minutes.",
        "body": """
The extension of the south-western metro line opens to passengers at 06:00 on Saturday. Six new
stations serve about 400,000 residents who until now relied on buses and shuttle services.

## Journey times

A trip from the new terminus to People's Square now takes 38 minutes, against more than an hour
by bus at rush hour. Trains run every four minutes at peak times and every eight minutes in the
evening.

## Tickets and accessibility

- Every new station has step-free access from the street to the platform.
- Transport cards, mobile payment and single tickets are accepted at all gates.
- Station signs and announcements are in Chinese and English.

## Bus changes

Three bus routes that ran parallel to the new line will be shortened from next month. The
commission will publish the new timetables two weeks before the change.
""",
    },
    {
        "channel": GOVERNMENT_NEWS,
        "slug": "priorities-for-industrial-upgrading-next-year",
        "title": "City sets out its priorities for industrial upgrading next year",
        "days_ago": 19,
        "source": "Municipal Commission of Economy and Informatization",
        "photo": "chart",
        "caption": "Investment in advanced manufacturing, by quarter (illustration).",
        "summary": "Integrated circuits, biomedicine and green manufacturing lead the plan, "
        "with new support for small suppliers that modernise their factories.",
        "body": """
The municipal government has approved its industrial plan for the coming year. It focuses on
three sectors in which the city already employs more than a million people.

## Three sectors first

Integrated circuits, biomedicine and artificial intelligence remain the leading sectors. The plan
adds green manufacturing as a fourth priority, with targets for energy use per unit of output.

## Help for small suppliers

Small and medium-sized manufacturers can apply for grants that cover up to 30 percent of the cost
of new equipment that saves energy or automates dangerous work. Applications open in the spring
through the portal's services section.

## Skills

Vocational colleges will offer 20,000 more training places in maintenance, robotics and quality
control, designed together with employers in the industrial parks.
""",
    },
    {
        "channel": GOVERNMENT_NEWS,
        "slug": "online-business-registration-in-every-district",
        "title": "Online business registration now available in every district",
        "days_ago": 33,
        "source": "Municipal Administration for Market Regulation",
        "summary": "Founders can register a company, open its tax account and order its seal in "
        "one online application, with a decision in two working days.",
        "body": """
Registering a new business no longer requires a visit to a service hall. The online service that
started in Pudong last year is now open to founders in all sixteen districts.

## One application

A single form covers the company registration, the tax account, social insurance for employees
and the official seal. Documents are signed electronically.

## How long it takes

Most applications are decided within two working days. Applicants can follow each step on the
status page and receive an email when anything changes.

## Help in English

Foreign investors can ask questions in English through the inquiry form or at the international
service desks in Pudong and Hongqiao.
""",
    },
    {
        "channel": GOVERNMENT_NEWS,
        "slug": "heritage-buildings-open-for-free-weekend-tours",
        "title": "Heritage buildings on the Bund open for a weekend of free tours",
        "days_ago": 47,
        "source": "Municipal Administration of Culture and Tourism",
        "photo": "skyline",
        "caption": "The waterfront at dusk (illustration).",
        "summary": "Twelve historic buildings that are usually closed to the public welcome "
        "visitors on the last weekend of the month. Places are free but must be booked.",
        "body": """
For one weekend, twelve buildings along the Bund and in the streets behind it open their doors to
visitors. Several have not been open to the public for decades.

## What you can see

Guided tours show banking halls, a restored rooftop garden and the archive of a former shipping
company. Tours last 45 minutes and are offered in Chinese and English.

## Booking

Places are free. Booking opens ten days before the weekend, with up to four places per person.
Bring the identity document you used to book.

## Getting there

Roads near the waterfront will be busy. Visitors are asked to come by metro or on foot; there is
no extra parking.
""",
    },
    {
        "channel": GOVERNMENT_NEWS,
        "slug": "consultation-on-riverside-parks-plan",
        "title": "Have your say on the plan for new riverside parks",
        "days_ago": 61,
        "source": "Municipal Planning and Natural Resources Bureau",
        "summary": "A public consultation on eight kilometres of new parks along the Huangpu "
        "river runs for six weeks. Residents can comment online or at three exhibitions.",
        "body": """
The city has published a draft plan for new parks and walkways along the Huangpu river, on sites
once used by warehouses and shipyards.

## What the plan proposes

- A continuous walking and cycling route along both banks.
- Four new parks, including a wetland garden and sports fields.
- Cafés, toilets and shaded seating every 500 metres.

## How to comment

Comments can be sent through the inquiry form on this portal, or written down at the exhibitions
in Yangpu, Huangpu and Xuhui. Every comment receives a reference number.

## What happens next

A summary of the comments and the changes made because of them will be published before the plan
is approved.
""",
    },
    {
        "channel": GOVERNMENT_NEWS,
        "slug": "energy-savings-support-for-small-manufacturers",
        "title": "Support for small manufacturers that cut their energy use",
        "days_ago": 82,
        "source": "Municipal Development and Reform Commission",
        "summary": "Free energy audits and low-interest loans help small factories replace "
        "old motors, compressors and boilers.",
        "body": """
Small manufacturers can now ask for a free energy audit of their site. Engineers visit the
factory, measure its consumption and recommend changes with a clear payback time.

## Loans with lower interest

Companies that carry out the recommendations can borrow at a reduced rate through partner banks.
The city pays part of the interest for three years.

## Who can apply

Manufacturers with fewer than 300 employees and an annual energy bill above 200,000 yuan. The
application asks for the last twelve months of bills.
""",
    },
    {
        "channel": GOVERNMENT_NEWS,
        "slug": "bus-network-redesign-in-minhang",
        "title": "Minhang bus network redesign: what changes on 1 March",
        "days_ago": 104,
        "source": "Municipal Transport Commission",
        "summary": "Eleven routes are renumbered and four new express routes link housing areas "
        "with metro stations. Old route numbers remain on signs for three months.",
        "body": """
The bus network in Minhang district changes on 1 March, after a year of passenger counts and two
rounds of consultation with residents.

## New express routes

Four express routes run every ten minutes between large housing areas and the nearest metro
stations, with fewer stops on the way.

## Renumbered routes

Eleven routes get new numbers so that routes serving the same corridor share the same first
digit. Stops show both the old and the new numbers until the end of May.

## Planning your journey

Journey planners and the city's transport app will show the new network from 20 February.
""",
    },
    {
        "channel": GOVERNMENT_NEWS,
        "slug": "residence-permit-renewals-by-online-appointment",
        "title": "Foreign residents can book residence permit renewals online",
        "days_ago": 128,
        "source": "Municipal Public Security Bureau, Exit and Entry Administration",
        "summary": "Appointments for renewing a residence permit can now be booked up to 30 days "
        "ahead, and the documents uploaded before the visit.",
        "body": """
Foreign residents who need to renew a residence permit can now choose a date and time for their
visit online, instead of queuing on the day.

## Before your appointment

Upload your passport, your current permit and the supporting documents for your type of stay.
Staff check them in advance and tell you if anything is missing.

## On the day

Bring the originals of the documents you uploaded. Most visits now take less than twenty minutes.

## Languages

The booking pages are available in English, Japanese and Korean as well as Chinese.
""",
    },
    {
        "channel": GOVERNMENT_NEWS,
        "slug": "annual-air-quality-report",
        "title": "Annual air quality report: fine particle levels fall again",
        "days_ago": 151,
        "source": "Municipal Bureau of Ecology and Environment",
        "photo": "chart",
        "caption": "Average fine particle concentration by year (illustration).",
        "summary": "The yearly average of fine particles fell for the sixth year in a row, and "
        "the city recorded more days of good air than ever before.",
        "body": """
The municipal environment bureau has published its annual report on air quality. The average
concentration of fine particles fell again, to its lowest level since measurements began.

## Why the air is cleaner

The report credits cleaner ships in the port, electric buses and taxis, and stricter rules for
dust on building sites.

## Where problems remain

Ozone levels on hot summer afternoons remain too high. The bureau will tighten controls on
solvents used in industry and on vehicle refuelling.

## Check the air today

Hourly readings from 57 monitoring stations are published online and in the city's weather app.
""",
    },
    {
        "channel": GOVERNMENT_NEWS,
        "slug": "winter-support-for-older-residents",
        "title": "Winter support for older residents living alone",
        "days_ago": 212,
        "source": "Municipal Civil Affairs Bureau",
        "summary": "Neighbourhood committees will visit residents over 80 who live alone, and "
        "low-income households can apply for help with heating costs.",
        "body": """
As temperatures drop, neighbourhood committees across the city will visit residents over 80 who
live alone, to check that their homes are warm and safe.

## Help with heating costs

Households that receive minimum living support can apply for a heating allowance for December to
February. The allowance is paid monthly with the regular support.

## Safe heaters

Volunteers will check electric heaters and blankets during visits and replace unsafe ones free of
charge.

## If you are worried about a neighbour

Call the city's public service line, 12345, at any time. The call is passed to the right
neighbourhood committee.
""",
    },
    {
        "channel": GOVERNMENT_NEWS,
        "slug": "international-arts-festival-programme",
        "title": "International arts festival announces its autumn programme",
        "days_ago": 263,
        "source": "Municipal Administration of Culture and Tourism",
        "summary": "More than 300 performances from 40 countries, with a third of the "
        "programme free in parks and public squares.",
        "body": """
The city's international arts festival returns in October with theatre, dance, music and
exhibitions in venues across all districts.

## Free events

About a third of the performances are free, in parks, public squares and community centres.
Outdoor stages in Xuhui and Jing'an will host evening concerts every weekend.

## Tickets

Tickets for the main venues go on sale on 1 September. Students and residents over 65 pay half
price for every performance.

## Accessible performances

Twenty performances will have audio description or sign language interpretation. They are marked
in the programme.
""",
    },
    {
        "channel": GOVERNMENT_NEWS,
        "slug": "advanced-manufacturing-training-centre-in-lingang",
        "title": "New training centre for advanced manufacturing opens in Lingang",
        "days_ago": 301,
        "source": "Municipal Human Resources and Social Security Bureau",
        "photo": "shapes",
        "caption": "Training workshops are laid out like production lines (illustration).",
        "summary": "The centre will train 5,000 technicians a year in robotics, new energy "
        "vehicles and precision engineering.",
        "body": """
A public training centre for advanced manufacturing has opened in the Lingang new area, next to
the factories that will employ many of its graduates.

## Courses

Courses last from two weeks to six months and cover robotics, battery production, industrial
software and precision machining. Most are free for residents who are unemployed.

## Working with employers

Twenty companies helped design the courses and will offer placements. Trainees who complete a
placement are guaranteed a job interview.

## How to apply

Applications are made through the employment section of the portal. The next intake starts in
two months.
""",
    },
    {
        "channel": GOVERNMENT_NEWS,
        "slug": "typhoon-season-what-residents-should-do",
        "title": "Typhoon season: what residents should do",
        "days_ago": 340,
        "source": "Municipal Emergency Management Bureau",
        "summary": "The typhoon season runs from June to October. Know your warning colours, "
        "keep a small emergency kit and follow official instructions.",
        "body": """
Typhoons bring strong winds and heavy rain to the city most years. Preparing early makes a real
difference.

## Warning colours

- Blue: strong winds are expected within 24 hours.
- Yellow and orange: secure objects on balconies and avoid the waterfront.
- Red: stay indoors; schools and most workplaces close.

## An emergency kit

Keep drinking water, a torch, a charged power bank, medicines and copies of important documents in
one bag that is easy to reach.

## Official information

Warnings are published on this portal, on television and radio, and by text message to every
phone in the city.
""",
    },
    {
        "channel": CITY_DIGEST,
        "slug": "riverside-cycle-path-links-yangpu-and-hongkou",
        "title": "Riverside cycle path now links Yangpu and Hongkou",
        "days_ago": 3,
        "source": "Yangpu District Government",
        "photo": "skyline",
        "caption": "The new path runs along the river for 4.5 kilometres (illustration).",
        "summary": "A new 4.5-kilometre stretch of cycle path along the river closes the last "
        "gap between the two districts.",
        "body": """
Cyclists and walkers can now follow the river from Yangpu to Hongkou without leaving the
waterfront. The final stretch of path opened this week.

## Separate lanes

Cyclists and pedestrians have separate lanes for the whole length, with lighting after dark and
benches every few hundred metres.

## Shared bicycles

Parking areas for shared bicycles have been marked at each entrance, to keep the path clear.
""",
    },
    {
        "channel": CITY_DIGEST,
        "slug": "night-markets-return-to-jingan",
        "title": "Night markets return to Jing'an side streets",
        "days_ago": 12,
        "source": "Jing'an District Government",
        "summary": "Three streets close to traffic on Friday and Saturday evenings for food "
        "stalls, crafts and live music until 23:00.",
        "body": """
Night markets are back in Jing'an. Three side streets close to cars on Friday and Saturday
evenings from 18:00 to 23:00.

## What to expect

More than 120 stalls sell snacks, handmade goods and second-hand books. Small stages host local
bands and traditional opera singers.

## Clean and quiet

Stallholders must sort their waste and finish packing up by 23:30, so that residents can sleep.
""",
    },
    {
        "channel": CITY_DIGEST,
        "slug": "libraries-extend-weekend-opening-hours",
        "title": "District libraries extend their weekend opening hours",
        "days_ago": 25,
        "source": "Shanghai Library",
        "summary": "Twenty district libraries now stay open until 21:00 on Saturdays and "
        "Sundays, and self-service lockers let readers collect books at any time.",
        "body": """
From this month, twenty district libraries stay open until 21:00 at weekends, two hours later
than before.

## Collect books at any time

Readers can reserve books online and collect them from lockers outside each library, day or
night, with their library card.

## Study rooms

Quiet study rooms can be booked in two-hour slots. They are popular before exams, so book early.
""",
    },
    {
        "channel": CITY_DIGEST,
        "slug": "port-container-throughput-record",
        "title": "Port handles a record number of containers",
        "days_ago": 40,
        "source": "Shanghai International Port Group",
        "photo": "chart",
        "caption": "Containers handled each month, in thousands (illustration).",
        "summary": "The port handled more containers last month than in any month before, "
        "helped by the automated terminal at Yangshan.",
        "body": """
The city's port handled a record number of containers last month, confirming its place among
the busiest in the world.

## Automation

The automated terminal at Yangshan handled more than a third of the total. Its cranes and
vehicles run on electricity and are directed by software.

## Cleaner ships

More ships now use shore power while they are docked, switching off their engines. This cuts
noise and pollution for people living near the terminals.
""",
    },
    {
        "channel": CITY_DIGEST,
        "slug": "community-canteens-open-in-putuo",
        "title": "Community canteens for older residents open in Putuo",
        "days_ago": 58,
        "source": "Putuo District Government",
        "summary": "Eight canteens serve hot lunches at low prices, and volunteers deliver meals "
        "to residents who cannot leave home.",
        "body": """
Eight community canteens have opened in Putuo district, serving hot lunches every day except
Sunday.

## Prices

A lunch with rice, two dishes and soup costs 12 yuan for residents over 60, with further
discounts for those over 80.

## Meals at home

Residents who cannot leave their homes can ask for meals to be delivered by volunteers. Ask your
neighbourhood committee to register.
""",
    },
    {
        "channel": CITY_DIGEST,
        "slug": "industrial-history-museum-reopens",
        "title": "Museum of industrial history reopens after renovation",
        "days_ago": 77,
        "source": "Yangpu District Government",
        "photo": "shapes",
        "caption": "The museum's new main hall (illustration).",
        "summary": "The museum in a former power station tells the story of the city's factories, "
        "docks and workers over 150 years.",
        "body": """
After two years of renovation, the museum of industrial history in a former power station has
reopened to visitors.

## The collection

Visitors can see steam engines, textile looms and a restored tram, along with photographs and
recorded memories of former workers.

## Visiting

Entry is free on Wednesdays. The museum is closed on Mondays. Guided tours in English start at
14:00 on Saturdays.
""",
    },
    {
        "channel": CITY_DIGEST,
        "slug": "electric-bus-fleet-milestone",
        "title": "Nine in ten city buses are now electric",
        "days_ago": 95,
        "source": "Municipal Transport Commission",
        "summary": "The last diesel buses on central routes have been retired. Quieter buses and "
        "charging depots are changing the city's streets.",
        "body": """
Nine out of ten buses in the city now run on electricity. The last diesel buses on central
routes were retired this month.

## Charging

Buses charge overnight at depots and briefly at some terminal stops. Depots have been fitted
with solar panels on their roofs.

## Quieter streets

Residents on busy routes report less noise at night. Drivers have been trained to drive smoothly
to make the batteries last longer.
""",
    },
    {
        "channel": CITY_DIGEST,
        "slug": "hospital-appointments-in-english",
        "title": "Hospital appointment system adds an English interface",
        "days_ago": 139,
        "source": "Municipal Health Commission",
        "summary": "Patients can book appointments at 38 public hospitals in English, choose a "
        "doctor and pay the registration fee online.",
        "body": """
The city's online appointment system for public hospitals is now available in English.

## What you can do

- Choose a hospital, a department and a doctor.
- See available times for the next two weeks.
- Pay the registration fee and receive a reminder the day before.

## At the hospital

Show the booking code at the self-service machines to print your registration slip. Some
hospitals also have international clinics with English-speaking staff.
""",
    },
    {
        "channel": CITY_DIGEST,
        "slug": "tree-planting-weekend",
        "title": "Thousands join the autumn tree-planting weekend",
        "days_ago": 176,
        "source": "Municipal Landscaping and City Appearance Administrative Bureau",
        "summary": "Residents planted more than 20,000 trees and shrubs in parks, schools and "
        "along new greenways.",
        "body": """
More than 15,000 residents took part in the autumn tree-planting weekend, planting trees and
shrubs in 60 locations.

## Where the trees went

Most were planted along new greenways in the outer districts and in school grounds. Species were
chosen to suit the local climate and to feed birds and insects.

## Looking after them

Schools and neighbourhood groups have adopted many of the new trees and will water them through
their first summer.
""",
    },
    {
        "channel": CITY_DIGEST,
        "slug": "start-up-incubator-welcomes-first-intake",
        "title": "Start-up incubator in Yangpu welcomes its first companies",
        "days_ago": 227,
        "source": "Yangpu District Government",
        "summary": "Thirty young companies moved into the new incubator near the universities, "
        "with free desks for a year and mentoring from experienced founders.",
        "body": """
Thirty start-ups have moved into a new incubator in Yangpu, close to the district's universities.

## What they get

Free desks for a year, shared laboratories, and regular meetings with mentors who have built
companies themselves.

## Who they are

The first companies work on medical devices, software for small shops, recycling and teaching
tools. A third were founded by recent graduates.
""",
    },
    {
        "channel": CITY_DIGEST,
        "slug": "marathon-road-closures",
        "title": "Marathon day: road closures and public transport",
        "days_ago": 286,
        "source": "Municipal Public Security Bureau, Traffic Police",
        "summary": "Roads on the route close from 06:00 to 14:00 on Sunday. Metro services start "
        "earlier, and some bus routes are diverted.",
        "body": """
The city marathon takes place on Sunday. Roads along the route close to traffic between 06:00
and 14:00.

## Getting around

Metro lines start running at 05:00 on the day. Bus routes that cross the course are diverted;
stops show the changes.

## Watching the race

The best places to watch are the waterfront and the parks along the route. Please stay behind
the barriers.
""",
    },
    {
        "channel": CITY_DIGEST,
        "slug": "new-waste-collection-times-in-xuhui",
        "title": "New waste collection times in Xuhui",
        "days_ago": 318,
        "source": "Xuhui District Government",
        "summary": "Household waste is now collected twice a day, in the morning and evening, "
        "with a new point for bulky items in every neighbourhood.",
        "body": """
Waste collection times in Xuhui have changed. Sorted household waste is collected twice a day,
from 07:00 to 09:00 and from 18:00 to 20:00.

## Sorting stays the same

Keep food waste, recyclables, hazardous waste and residual waste apart. Volunteers at the
collection points can help if you are unsure.

## Bulky items

Furniture and large appliances can be left at the new bulky item point in each neighbourhood on
Saturdays, or collected by appointment.
""",
    },
    {
        "channel": CITY_DIGEST,
        "slug": "summer-concerts-in-the-parks",
        "title": "Summer concerts return to the city's parks",
        "days_ago": 355,
        "source": "Municipal Administration of Culture and Tourism",
        "photo": "shapes",
        "caption": "An evening stage in a city park (illustration).",
        "summary": "Free open-air concerts take place every Friday evening in July and August, "
        "from classical music to jazz and folk.",
        "body": """
Free concerts return to the city's parks this summer, every Friday evening in July and August.

## The programme

Orchestras, jazz groups and folk musicians take turns in six parks. Concerts start at 19:30 and
last about ninety minutes.

## If it rains

Concerts cancelled because of rain are announced on this portal by 17:00 on the day.
""",
    },
]
