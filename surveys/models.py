"""Surveys and business dialogue forums, moderated by the Secretariat.

Surveys will be Wagtail form pages so delegates build the questions; the app holds no
models yet.
"""
