"""Choice labels without rebuilding the choices on every call."""

from django.utils.encoding import force_str
from django.utils.hashable import make_hashable

# field -> {value: label}
_LABELS = {}


class ChoiceLabelsMixin:
    """A model whose ``get_<field>_display()`` looks its label up in a dict made once.

    Django makes that dict from the field's choices on each call: a list of 25 records
    paid a millisecond for it. The labels stay lazy, so each is still translated into the
    visitor's language when shown.
    """

    def _get_FIELD_display(self, field):
        labels = _LABELS.get(field)
        if labels is None:
            labels = _LABELS[field] = dict(make_hashable(field.flatchoices))
        value = getattr(self, field.attname)
        return force_str(labels.get(make_hashable(value), value), strings_only=True)
