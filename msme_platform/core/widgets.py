"""Form widgets for the public filter forms.

Django renders every ``<option>`` of a ``<select>`` through a template of its own: a
country list of two hundred options costs more than the rest of a listing page. The
widgets here write the same HTML in Python (escaped the same way), and nothing else
about the form changes: validation, ``required``, ``aria-describedby`` and the chosen
value behave as Django's.
"""

from django import forms
from django.forms.utils import flatatt
from django.utils.choices import BaseChoiceIterator
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from .caching import memo


def _attrs(attrs):
    """Django's ``attrs.html``: ``False`` leaves an attribute out, ``True`` writes its name."""
    return flatatt({name: value for name, value in attrs.items() if value is not False})


class KeptChoices(BaseChoiceIterator):
    """A flat choice list built once per content generation (``kept_choices``). Django
    takes it as it is, where it would copy a plain list into every form; a ``Select``
    keeps its escaped options under the same key."""

    def __init__(self, key, choices):
        self.key = key
        self.choices = choices

    def __iter__(self):
        return iter(self.choices)

    def __len__(self):
        return len(self.choices)


def kept_choices(key, build):
    """``build()``'s ``[(value, label)]``, kept in the memo under ``key``, which must name
    everything the list depends on (the language of its labels too)."""
    return memo.remember(("kept-choices", *key), lambda: KeptChoices(key, list(build())))


def _option(value, label, selected):
    return '<option value="{}"{}>{}</option>'.format(
        conditional_escape(value), " selected" if selected else "", conditional_escape(label)
    )


class Select(forms.Select):
    """``forms.Select`` (and its multiple-choice sibling below), rendered without templates.

    Choices from ``kept_choices`` (the countries) are escaped once: their options are kept
    in the memo beside them, and a render only marks the chosen one."""

    def render(self, name, value, attrs=None, renderer=None):
        final_attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            final_attrs["multiple"] = True
        chosen = self.format_value(value)
        if isinstance(self.choices, KeptChoices) and not self.allow_multiple_selected:
            return self._render_kept(name, final_attrs, chosen)
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
                parts.append(_option(sub_value, sub_label, selected))
            if group is not None:
                parts.append("</optgroup>")
        parts.append("</select>")
        return mark_safe("\n".join(parts))

    def _options(self):
        """``[(value, option HTML)]`` of a flat choice list, none of them selected."""
        return [
            (
                str("" if value is None else value),
                _option("" if value is None else value, label, False),
            )
            for value, label in self.choices
        ]

    def _render_kept(self, name, final_attrs, chosen):
        options = memo.remember(("select-options", *self.choices.key), self._options)
        parts = [format_html('<select name="{}"{}>', name, _attrs(final_attrs))]
        has_selected = False
        for value, html in options:
            if not has_selected and value in chosen:
                has_selected = True
                html = html.replace('">', '" selected>', 1)
            parts.append(html)
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
