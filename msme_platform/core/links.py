"""What a link to a page needs: its URL comes from ``url_path``, the site's root paths and
the page's language. Loaded with ``.only(*LINK_FIELDS)`` wherever pages are only linked to
(menus, breadcrumbs, routing)."""

LINK_FIELDS = ("id", "title", "slug", "path", "depth", "url_path", "locale_id", "live")
