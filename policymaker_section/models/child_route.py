"""``ChildRouteMixin``: an index page that finds its child of one known type in one query."""

from django.http import Http404


class ChildRouteMixin:
    """Find a child page and its specific type in one query instead of two.

    Wagtail looks a child up by slug, then loads its specific class; an index knows its
    children's one type, so it asks for it directly. Sub-routes of the index come first.
    """

    child_model = None

    def route(self, request, path_components):
        if path_components and self.live:
            try:
                self.resolve_subpage("/" + "/".join(path_components) + "/")
            except Http404:
                child = (
                    self.child_model.objects.filter(
                        path__startswith=self.path, depth=self.depth + 1, slug=path_components[0]
                    )
                    .defer_streamfields()
                    .first()
                )
                if child is not None:
                    return child.route(request, path_components[1:])
        return super().route(request, path_components)
