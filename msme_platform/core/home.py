"""What the home page gathers from the apps: its audience sections and its "Next events".

Core never imports a section app; an app registers what it brings, in its
``AppConfig.ready()``, as country profiles do (``core.profiles``)::

    register_section_page(MSMESectionPage)
    register_next_events(next_events_html)  # (request, locale_id) -> HTML
"""

_SECTION_PAGES = []
_NEXT_EVENTS = []


def register_section_page(model):
    """A page type the home page lists among its sections (in the editor's order)."""
    if model not in _SECTION_PAGES:
        _SECTION_PAGES.append(model)
    return model


def section_page_models():
    return tuple(_SECTION_PAGES)


def register_next_events(render):
    """``render(request, locale_id)``: the home page's "Next events" section as HTML."""
    _NEXT_EVENTS[:] = [render]
    return render


def next_events_html(request, locale_id):
    """The registered "Next events" section, or nothing when no app provides one."""
    return _NEXT_EVENTS[0](request, locale_id) if _NEXT_EVENTS else ""
