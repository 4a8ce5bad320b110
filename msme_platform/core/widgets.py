"""Form widgets for the public filter forms.

Django renders every ``<option>`` of a ``<select>`` through a template of its own: a
country list of two hundred options costs more than the rest of a listing page. The
widgets here write the same HTML in Python (escaped the same way), and nothing else
about the form changes: validation, ``required``, ``aria-describedby`` and the chosen
value behave as Django's.
"""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe


def _attrs(attrs):
    """Django's ``attrs.html``: ``False`` leaves an attribute out, ``True`` writes its name."""
    return flatatt({name: value for name, value in attrs.items() if value is not False})


class Select(forms.Select):
    """``forms.Select`` (and its multiple-choice sibling below), rendered without templates."""

    def render(self, name, value, attrs=None, renderer=None):
        final_attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            final_attrs["multiple"] = True
        chosen = self.format_value(value)
        has_selected = False
        parts = [format_html('<select name="{}"{}>', name, _attrs(final_attrs))]
        for option_value, option_label in self.choices:
            if option_value is None:
                option_value = ""
            if isinstance(option_label, (list, tuple)):
                group, options = option_value, option_label
                parts.append(format_html('<optgroup label="{}">', group))
            else:
                group, options = None, [(option_value, option_label)]
            for sub_value, sub_label in options:
                selected = (not has_selected or self.allow_multiple_selected) and str(
                    sub_value
                ) in chosen
                has_selected |= selected
                parts.append(
                    '<option value="{}"{}>{}</option>'.format(
                        conditional_escape(sub_value),
                        " selected" if selected else "",
                        conditional_escape(sub_label),
                    )
                )
            if group is not None:
                parts.append("</optgroup>")
        parts.append("</select>")
        return mark_safe("\n".join(parts))


class SelectMultiple(Select, forms.SelectMultiple):
    pass


class FastWidgetsMixin:
    """A form whose plain ``Select`` widgets render as ``Select`` above."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            kind = type(field.widget)
            if kind in (forms.Select, forms.SelectMultiple):
                fast = SelectMultiple if kind is forms.SelectMultiple else Select
                widget = fast(attrs=field.widget.attrs, choices=field.widget.choices)
                widget.is_required = field.widget.is_required
                field.widget = widget
