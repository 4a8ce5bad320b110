from django import template

from policymaker_section.provision_pages import provision_path

register = template.Library()


@register.simple_tag
def provision_url(agreement_url, pk):
    """``{% provision_url agreement_url provision.pk %}``: the provision's own page."""
    return provision_path(agreement_url, pk)
