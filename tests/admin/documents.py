"""A second meeting, written for the admin tests: Khamenei and Xi Jinping, 23 January 2016.

Two leaders, reported statements with `نے ... کہا کہ` (and فرمایا کہ), one narrative sentence.
Xi Jinping is not in the reference data: the extractor gives him a provisional speaker.
"""

XI_REPORT = """2016 /Jan/ 23 - رہبر انقلاب اسلامی سے چین کے صدر شی جن پنگ کی ملاقات

رہبر انقلاب اسلامی حضرت آیت اللہ خامنہ ای نے آج تہران میں چین کے صدر شی جن پنگ سے ملاقات میں
فرمایا کہ ایران اور چین کے تعلقات دیرینہ اور دوستانہ ہیں اور دونوں ممالک کو اقتصادی تعاون میں
توسیع دینی چاہیے۔
یہ ملاقات تقریبا ڈیڑھ گھنٹے جاری رہی اور اس میں دونوں ممالک کے اعلیٰ حکام بھی موجود تھے۔
شی جن پنگ نے کہا کہ چین ایران کے ساتھ ریشم کی سڑک کے منصوبے میں طویل المدت شراکت داری چاہتا ہے۔
رہبر انقلاب اسلامی نے فرمایا کہ مغربی ممالک پر اعتماد نہیں کیا جاسکتا اور آزاد ممالک کو باہمی
تعاون بڑھانا چاہیے۔
"""

# What the add-meeting form asks of the report besides its text (publisher and publication date
# are required; the URL is given when there is one).
XI_SOURCE = {
    "publisher": "دفتر رہبر انقلاب اسلامی (اردو سروس)",
    "publisher_en": "Office of the Leader of the Islamic Revolution (Urdu service)",
    "published_on": "2016-01-23",
    "language": "ur",
}
