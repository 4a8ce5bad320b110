"""Conferences and workshops: calendar, livestreams and recordings.

The Group's events become pages here (one per event) so delegates edit them with review
before publishing; the app holds no models yet.
"""
