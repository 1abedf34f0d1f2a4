"""Turning source documents into meetings, passages and attributed claims.

parse.py (document -> title, date, paragraphs), extract.py (sentences -> claims), lexicon.py (the
Urdu words both rely on), service.py (saving one document in one transaction).
"""
