"""A gazetteer of the countries, capitals and organisations diplomatic reports name most, with
their Urdu forms and English names, so that a new report is tagged with them and a search for
"China" or "Pakistan" finds the Urdu text. Data like 0004: editors change it in the admin; this
migration adds what is missing (by slug) and removes nothing an editor made.

Words that are also ordinary Urdu words carry exclusions, as شام does in 0004: چین is also
"peace, rest" (بے چین, چین سے بیٹھنا), چینی also "sugar" (چینی کی قیمت), مصر also "insistent"
(اس پر مصر ہیں). Left out: ترک ("to give up") for Turkey, پاک ("pure", as in قرآن پاک) for
Pakistan, and Riyadh (ریاض is also a given name).
"""

from django.db import migrations

# (slug, Urdu name, English name, kind, ISO country, Wikidata id, aliases)
COUNTRIES = [
    ("china", "چین", "China", "CN", "Q148",
     [("ur", "چین", "بے, سکون و, آرام و", "و سکون, و آرام, سے بیٹھے, سے بیٹھنے, سے بیٹھا, سے بیٹھیں, سے رہنے, سے رہے, سے رہیں, "
                   "سے رہا, آیا, آنا"),
      ("ur", "چینی", "", "کی قیمت, کی قیمتیں, کی قیمتوں"), ("ur", "عوامی جمہوریہ چین"), ("en", "China"), ("en", "Chinese"),
      ("ur-Latn", "Cheen")]),
    ("pakistan", "پاکستان", "Pakistan", "PK", "Q843",
     [("ur", "پاکستان"), ("ur", "پاکستانی"), ("en", "Pakistan"),
      ("en", "Pakistani")]),
    ("afghanistan", "افغانستان", "Afghanistan", "AF", "Q889",
     [("ur", "افغانستان"), ("ur", "افغان"), ("en", "Afghanistan"), ("en", "Afghan")]),
    ("india", "بھارت", "India", "IN", "Q668",
     [("ur", "بھارت"), ("ur", "بھارتی"), ("ur", "ہندوستان"), ("ur", "ہندوستانی"),
      ("en", "India"), ("en", "Indian"), ("ur-Latn", "Bharat")]),
    ("saudi-arabia", "سعودی عرب", "Saudi Arabia", "SA", "Q851",
     [("ur", "سعودی عرب"), ("ur", "سعودی"), ("en", "Saudi Arabia"), ("en", "Saudi")]),
    ("turkey", "ترکی", "Turkey", "TR", "Q43",
     [("ur", "ترکی"), ("ur", "ترکیہ"), ("en", "Turkey"), ("en", "Türkiye"), ("en", "Turkish")]),
    ("iraq", "عراق", "Iraq", "IQ", "Q796",
     [("ur", "عراق"), ("ur", "عراقی"), ("en", "Iraq"), ("en", "Iraqi")]),
    ("israel", "اسرائیل", "Israel", "IL", "Q801",
     [("ur", "اسرائیل"), ("ur", "اسرائیلی"), ("en", "Israel"), ("en", "Israeli")]),
    ("palestine", "فلسطین", "Palestine", "PS", "Q219060",
     [("ur", "فلسطین"), ("ur", "فلسطینی"), ("en", "Palestine"), ("en", "Palestinian")]),
    ("united-kingdom", "برطانیہ", "United Kingdom", "GB", "Q145",
     [("ur", "برطانیہ"), ("ur", "برطانوی"), ("en", "United Kingdom"), ("en", "Britain"),
      ("en", "UK"), ("en", "British")]),
    ("france", "فرانس", "France", "FR", "Q142",
     [("ur", "فرانس"), ("ur", "فرانسیسی"), ("en", "France"), ("en", "French")]),
    ("germany", "جرمنی", "Germany", "DE", "Q183",
     [("ur", "جرمنی"), ("ur", "جرمن"), ("en", "Germany"), ("en", "German")]),
    ("qatar", "قطر", "Qatar", "QA", "Q846",
     [("ur", "قطر"), ("ur", "قطری"), ("en", "Qatar"), ("en", "Qatari")]),
    ("egypt", "مصر", "Egypt", "EG", "Q79",
     [("ur", "مصر", "پر, بات پر", "ہیں, ہے, ہوں, تھے, تھا, رہے, رہا, رہی"), ("ur", "مصری"),
      ("en", "Egypt"), ("en", "Egyptian")]),
    ("yemen", "یمن", "Yemen", "YE", "Q805",
     [("ur", "یمن"), ("ur", "یمنی"), ("en", "Yemen"), ("en", "Yemeni")]),
    ("lebanon", "لبنان", "Lebanon", "LB", "Q822",
     [("ur", "لبنان"), ("ur", "لبنانی"), ("en", "Lebanon"), ("en", "Lebanese")]),
    ("japan", "جاپان", "Japan", "JP", "Q17",
     [("ur", "جاپان"), ("ur", "جاپانی"), ("en", "Japan"), ("en", "Japanese")]),
    ("ukraine", "یوکرین", "Ukraine", "UA", "Q212",
     [("ur", "یوکرین"), ("ur", "یوکرائن"), ("ur", "یوکرینی"), ("en", "Ukraine"),
      ("en", "Ukrainian")]),
]  # fmt: skip

# (slug, Urdu name, English name, country, Wikidata id, aliases)
CAPITALS = [
    ("beijing", "بیجنگ", "Beijing", "CN", "Q956", [("ur", "بیجنگ"), ("en", "Beijing")]),
    ("islamabad", "اسلام آباد", "Islamabad", "PK", "Q1362",
     [("ur", "اسلام آباد"), ("en", "Islamabad")]),
    ("kabul", "کابل", "Kabul", "AF", "Q5838", [("ur", "کابل"), ("en", "Kabul")]),
    ("new-delhi", "نئی دہلی", "New Delhi", "IN", "Q987",
     [("ur", "نئی دہلی"), ("ur", "دہلی"), ("en", "New Delhi"), ("en", "Delhi")]),
    ("ankara", "انقرہ", "Ankara", "TR", "Q3640", [("ur", "انقرہ"), ("en", "Ankara")]),
    ("baghdad", "بغداد", "Baghdad", "IQ", "Q1530", [("ur", "بغداد"), ("en", "Baghdad")]),
    ("london", "لندن", "London", "GB", "Q84", [("ur", "لندن"), ("en", "London")]),
    ("paris", "پیرس", "Paris", "FR", "Q90", [("ur", "پیرس"), ("en", "Paris")]),
    ("berlin", "برلن", "Berlin", "DE", "Q64", [("ur", "برلن"), ("en", "Berlin")]),
    ("cairo", "قاہرہ", "Cairo", "EG", "Q85", [("ur", "قاہرہ"), ("en", "Cairo")]),
    ("doha", "دوحہ", "Doha", "QA", "Q3861", [("ur", "دوحہ"), ("en", "Doha")]),
    ("beirut", "بیروت", "Beirut", "LB", "Q3820", [("ur", "بیروت"), ("en", "Beirut")]),
    ("tokyo", "ٹوکیو", "Tokyo", "JP", "Q1490", [("ur", "ٹوکیو"), ("en", "Tokyo")]),
    ("kyiv", "کیف", "Kyiv", "UA", "Q1899", [("ur", "کیف"), ("en", "Kyiv"), ("en", "Kiev")]),
]  # fmt: skip

# (slug, Urdu name, English name, Wikidata id, aliases)
ORGANISATIONS = [
    ("united-nations", "اقوام متحدہ", "United Nations", "Q1065",
     [("ur", "اقوام متحدہ"), ("en", "United Nations"), ("en", "UN")]),
    ("un-security-council", "سلامتی کونسل", "UN Security Council", "Q37470",
     [("ur", "سلامتی کونسل"), ("en", "Security Council"), ("en", "UNSC")]),
    ("european-union", "یورپی یونین", "European Union", "Q458",
     [("ur", "یورپی یونین"), ("en", "European Union"), ("en", "EU")]),
    ("nato", "نیٹو", "NATO", "Q7184", [("ur", "نیٹو"), ("en", "NATO")]),
    ("shanghai-cooperation-organisation", "شنگھائی تعاون تنظیم",
     "Shanghai Cooperation Organisation", "Q485207",
     [("ur", "شنگھائی تعاون تنظیم"), ("en", "Shanghai Cooperation Organisation"), ("en", "SCO")]),
    ("hezbollah", "حزب اللہ", "Hezbollah", "Q41053",
     [("ur", "حزب اللہ"), ("en", "Hezbollah"), ("en", "Hizbullah")]),
    ("taliban", "طالبان", "Taliban", "Q42418", [("ur", "طالبان"), ("en", "Taliban")]),
]  # fmt: skip


def add_gazetteer(apps, schema_editor):
    Topic = apps.get_model("statements", "Topic")
    Alias = apps.get_model("statements", "Alias")

    def add(slug, name, name_en, kind, country, wikidata_id, aliases):
        topic, _ = Topic.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "name_en": name_en, "kind": kind, "country": country,
                      "wikidata_id": wikidata_id},
        )  # fmt: skip
        for language, text, *exclusions in aliases:
            before, after = ([*exclusions, "", ""])[:2]
            if not Alias.objects.filter(topic=topic, text=text).exists():
                Alias.objects.create(
                    topic=topic, text=text, language=language,
                    exclude_before=before, exclude_after=after,
                )  # fmt: skip

    for slug, name, name_en, country, wikidata_id, aliases in COUNTRIES:
        add(slug, name, name_en, "country", country, wikidata_id, aliases)
    for slug, name, name_en, country, wikidata_id, aliases in CAPITALS:
        add(slug, name, name_en, "place", country, wikidata_id, aliases)
    for slug, name, name_en, wikidata_id, aliases in ORGANISATIONS:
        add(slug, name, name_en, "organisation", "", wikidata_id, aliases)


class Migration(migrations.Migration):
    dependencies = [("statements", "0007_archive_version")]

    operations = [migrations.RunPython(add_gazetteer, migrations.RunPython.noop)]
