"""Reference data the seed needs: its speakers and the people, countries, places, organisations
and subjects it mentions, with every form the source uses for them. Editors change it in the
admin afterwards; this migration only adds rows that are missing (by slug) and removes nothing
an editor made.
"""

from django.db import migrations

SPEAKERS = [
    {
        "slug": "ali-khamenei",
        "name": "سید علی خامنہ ای",
        "name_en": "Ali Khamenei",
        "role": "رہبر انقلاب اسلامی",
        "role_en": "Leader of the Islamic Revolution of Iran",
        "country": "IR",
        "wikidata_id": "Q57336",
        "aliases": [
            ("ur", "رہبر انقلاب اسلامی"),
            ("ur", "حضرت آیت اللہ خامنہ ای"),
            ("ur", "آیت اللہ خامنہ ای"),
            ("ur", "رہبر انقلاب اسلامی حضرت آیت اللہ خامنہ ای"),
            ("ur", "خامنہ ای"),
            ("ur", "ایران کے رہبر"),
            ("en", "Khamenei"),
            ("en", "Ali Khamenei"),
            ("en", "Ayatollah Khamenei"),
            ("en", "Leader of the Islamic Revolution"),
            ("ur-Latn", "Khamenai"),
            ("ur-Latn", "Rahbar"),
        ],
        "topic": {"slug": "ali-khamenei", "kind": "person", "country": "IR"},
    },
    {
        "slug": "vladimir-putin",
        "name": "ولادیمیر پیوٹن",
        "name_en": "Vladimir Putin",
        "role": "روس کے صدر",
        "role_en": "President of Russia",
        "country": "RU",
        "wikidata_id": "Q7747",
        "aliases": [
            ("ur", "ولادیمیر پیوٹن"),
            ("ur", "صدر پیوٹن"),
            ("ur", "پیوٹن"),
            ("ur", "پوتن"),
            ("ur", "روس کے صدر"),
            ("ur", "روس کے صدر ولادیمیر پیوٹن"),
            ("ur", "روسی صدر"),
            ("en", "Putin"),
            ("en", "Vladimir Putin"),
            ("en", "President Putin"),
            ("ur-Latn", "Pyootan"),
            ("ur-Latn", "Pootin"),
        ],
        "topic": {"slug": "vladimir-putin", "kind": "person", "country": "RU"},
    },
    {
        "slug": "bashar-al-assad",
        "name": "بشار اسد",
        "name_en": "Bashar al-Assad",
        "role": "شام کے صدر",
        "role_en": "President of Syria",
        "country": "SY",
        "wikidata_id": "Q44329",
        "aliases": [
            ("ur", "بشار اسد"),
            ("ur", "بشار الاسد"),
            ("ur", "شام کے صدر"),
            ("ur", "شام کے صدر بشار اسد"),
            ("ur", "صدر بشار اسد"),
            ("en", "Assad"),
            ("en", "Bashar al-Assad"),
            ("en", "Bashar Assad"),
            ("ur-Latn", "Asad"),
        ],
        "topic": {"slug": "bashar-al-assad", "kind": "person", "country": "SY"},
    },
]

# Evening senses of شام ("this evening", "Sunday evening", "in the evening"): not Syria.
EVENING_BEFORE = (
    "آج, کل, پرسوں, ہر, اسی, صبح, پیر کی, منگل کی, بدھ کی, جمعرات کی, جمعہ کی, ہفتہ کی, "
    "ہفتے کی, اتوار کی, گزشتہ, گذشتہ"
)
EVENING_AFTER = "کے وقت, ہوتے, ڈھلے, سویرے, بجے"

TOPICS = [
    {"slug": "syria", "name": "شام", "name_en": "Syria", "kind": "country", "country": "SY",
     "wikidata_id": "Q858",
     "aliases": [("ur", "شام", EVENING_BEFORE, EVENING_AFTER), ("ur", "شامی"), ("ur", "دمشق"),
                 ("en", "Syria"), ("en", "Syrian"), ("en", "Damascus")]},
    {"slug": "iran", "name": "ایران", "name_en": "Iran", "kind": "country", "country": "IR",
     "wikidata_id": "Q794",
     "aliases": [("ur", "ایران"), ("ur", "اسلامی جمہوریہ ایران"), ("ur", "اسلامی جمہوریہ"),
                 ("ur", "ایرانی"), ("en", "Iran"), ("en", "Islamic Republic of Iran"),
                 ("en", "Iranian")]},
    {"slug": "russia", "name": "روس", "name_en": "Russia", "kind": "country", "country": "RU",
     "wikidata_id": "Q159",
     "aliases": [("ur", "روس"), ("ur", "روسی"), ("en", "Russia"), ("en", "Russian"),
                 ("ur-Latn", "Roos")]},
    {"slug": "united-states", "name": "امریکہ", "name_en": "United States", "kind": "country",
     "country": "US", "wikidata_id": "Q30",
     "aliases": [("ur", "امریکہ"), ("ur", "امریکا"), ("ur", "امریکی"), ("ur", "امریکیوں"),
                 ("en", "America"), ("en", "United States"), ("en", "USA"), ("en", "US"),
                 ("en", "American"), ("ur-Latn", "Amreeka")]},
    {"slug": "moscow", "name": "ماسکو", "name_en": "Moscow", "kind": "place", "country": "RU",
     "wikidata_id": "Q649", "aliases": [("ur", "ماسکو"), ("en", "Moscow")]},
    {"slug": "tehran", "name": "تہران", "name_en": "Tehran", "kind": "place", "country": "IR",
     "wikidata_id": "Q3616", "aliases": [("ur", "تہران"), ("en", "Tehran")]},
    {"slug": "washington", "name": "واشنگٹن", "name_en": "Washington", "kind": "place",
     "country": "US", "wikidata_id": "Q61", "aliases": [("ur", "واشنگٹن"), ("en", "Washington")]},
    {"slug": "isis", "name": "داعش", "name_en": "ISIS (Islamic State)", "kind": "organisation",
     "country": "", "wikidata_id": "Q2429253",
     "aliases": [("ur", "داعش"), ("en", "ISIS"), ("en", "ISIL"), ("en", "Daesh"),
                 ("en", "Islamic State")]},
    {"slug": "west-asia", "name": "مغربی ایشیا", "name_en": "West Asia", "kind": "place",
     "country": "", "wikidata_id": "Q27527",
     "aliases": [("ur", "مغربی ایشیا"), ("ur", "مشرق وسطی"), ("en", "West Asia"),
                 ("en", "Middle East")]},
    {"slug": "central-asia", "name": "وسطی ایشیا", "name_en": "Central Asia", "kind": "place",
     "country": "", "wikidata_id": "Q27275",
     "aliases": [("ur", "وسطی ایشیا"), ("en", "Central Asia")]},
    {"slug": "nuclear-issue", "name": "ایٹمی مسئلہ", "name_en": "Nuclear issue", "kind": "subject",
     "country": "", "wikidata_id": "",
     "aliases": [("ur", "ایٹمی معاملے"), ("ur", "ایٹمی مسئلے"), ("ur", "ایٹمی مسئلہ"),
                 ("ur", "ایٹمی معاملہ"), ("ur", "جوہری"), ("en", "nuclear")]},
    {"slug": "terrorism", "name": "دہشت گردی", "name_en": "Terrorism", "kind": "subject",
     "country": "", "wikidata_id": "Q7283",
     "aliases": [("ur", "دہشتگرد"), ("ur", "دہشت گرد"), ("ur", "دہشتگردوں"), ("ur", "دہشت گردوں"),
                 ("ur", "دہشتگردی"), ("ur", "دہشت گردی"), ("ur", "تکفیری"), ("en", "terrorism"),
                 ("en", "terrorist"), ("en", "terrorists")]},
    {"slug": "elections", "name": "انتخابات", "name_en": "Elections", "kind": "subject",
     "country": "", "wikidata_id": "Q40231",
     "aliases": [("ur", "انتخابات"), ("ur", "انتخاب"), ("ur", "ووٹ"), ("ur", "ووٹوں"),
                 ("en", "election"), ("en", "elections"), ("en", "vote")]},
    {"slug": "aerospace", "name": "ایرواسپیس", "name_en": "Aerospace", "kind": "subject",
     "country": "", "wikidata_id": "",
     "aliases": [("ur", "ایرواسپیس"), ("en", "aerospace")]},
]  # fmt: skip


def add_reference_data(apps, schema_editor):
    Speaker = apps.get_model("statements", "Speaker")
    Topic = apps.get_model("statements", "Topic")
    Alias = apps.get_model("statements", "Alias")

    def add_aliases(owner_field, owner, aliases):
        for alias in aliases:
            language, text, *exclusions = alias
            before, after = ([*exclusions, "", ""])[:2]
            if not Alias.objects.filter(**{owner_field: owner}, text=text).exists():
                Alias.objects.create(
                    **{owner_field: owner}, text=text, language=language,
                    exclude_before=before, exclude_after=after,
                )  # fmt: skip

    for data in SPEAKERS:
        data = dict(data)
        aliases, topic = data.pop("aliases"), data.pop("topic")
        speaker, _ = Speaker.objects.get_or_create(slug=data["slug"], defaults=data)
        add_aliases("speaker", speaker, aliases)
        Topic.objects.get_or_create(
            slug=topic["slug"],
            defaults={**topic, "name": speaker.name, "name_en": speaker.name_en,
                      "wikidata_id": speaker.wikidata_id, "speaker": speaker},
        )  # fmt: skip
    for data in TOPICS:
        data = dict(data)
        aliases = data.pop("aliases")
        topic, _ = Topic.objects.get_or_create(slug=data["slug"], defaults=data)
        add_aliases("topic", topic, aliases)


class Migration(migrations.Migration):
    dependencies = [("statements", "0003_span_invariant")]

    operations = [migrations.RunPython(add_reference_data, migrations.RunPython.noop)]
