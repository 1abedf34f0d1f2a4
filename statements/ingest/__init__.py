"""Turning source documents into meetings, passages and attributed claims.

parse.py (document -> title, date, headline lines, paragraphs, datelines), tokens.py (words,
marks and sentences as copy writes them), reports.py (reporting constructions and the content
each reports), nps.py (subject noun phrases), mentions.py (who the document names, and whom a
subject means), meetings.py (who met), extract.py (all of it -> attributed claims), lexicon.py
(the Urdu words they rely on), service.py (saving one document in one transaction),
evaluation.py (scores on the development corpus).
"""
