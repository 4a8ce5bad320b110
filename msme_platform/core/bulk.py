"""Writing many records at once: the indexes are brought up to date once, at the end.

Every page or snippet save normally re-indexes the record for search and updates Wagtail's
reference index ("Usage" in the admin). Loading the starter content saves each record
several times (import, revision, publish, translations), so it does both once at the end,
and only if something was written.
"""

from contextlib import contextmanager

from django.core.management import call_command
from django.db.models.signals import post_save
from modelsearch import index
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.signal_handlers import disable_reference_index_auto_update


@contextmanager
def deferred_indexes():
    models = [
        model for model in index.get_indexed_models() if getattr(model, "search_auto_update", True)
    ]
    written = []

    def note(sender, **kwargs):
        written.append(sender)

    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
    post_save.connect(note, weak=False, dispatch_uid="msme-bulk-written")
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        post_save.disconnect(dispatch_uid="msme-bulk-written")
        for model in models:
            post_save.connect(post_save_signal_handler, sender=model)
    if written:
        call_command("update_index", verbosity=0)
        call_command("rebuild_references_index", verbosity=0)
