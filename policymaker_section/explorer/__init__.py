"""The filtered lists: agreements, provisions across agreements, Trade Policy Reviews.

Filters and facet counts are computed from the section's cached catalogue (see
``catalogue``), so a list costs one query for the page of results, plus one for a text
search, whatever the data size. Facets are "disjunctive": each option's count says how
many results there would be with that option added, every other filter kept. Choices
within a facet are alternatives ("or"), except parties, where every chosen country must
be a party ("agreements between Chile and Japan")."""

from .agreements import (
    agreement_context,
    agreement_text_ids,
    matching_agreements,
    parse_agreement_filters,
    parse_provision_filters,
)
from .common import (
    AGREEMENT_FILTERS,
    AGREEMENT_SORTS,
    AGREEMENT_TEXT_FIELDS,
    AGREEMENTS_PER_PAGE,
    FACET_LIMIT,
    MAX_COMPARED,
    PROVISION_OWN_TEXT_FIELDS,
    PROVISION_SORTS,
    PROVISION_TEXT_FIELDS,
    PROVISIONS_PER_PAGE,
    TPR_FILTERS,
    TPR_SORTS,
    TPRS_PER_PAGE,
    Facet,
    Option,
    ReviewItem,
)
from .compare import compare_context
from .provisions import (
    PROVISION_ORDERING,
    ProvisionResults,
    export_provision_ids,
    matching_provisions,
    provision_context,
    provision_matches,
    provision_text_counts,
    provision_text_q,
)
from .reviews import TPR_TEXT_FIELDS, matching_reviews, parse_tpr_filters, tpr_context, tpr_text_ids

__all__ = [
    "AGREEMENT_SORTS",
    "PROVISION_SORTS",
    "TPR_SORTS",
    "AGREEMENT_FILTERS",
    "TPR_FILTERS",
    "AGREEMENTS_PER_PAGE",
    "PROVISIONS_PER_PAGE",
    "TPRS_PER_PAGE",
    "MAX_COMPARED",
    "FACET_LIMIT",
    "ReviewItem",
    "Option",
    "Facet",
    "PROVISION_OWN_TEXT_FIELDS",
    "PROVISION_TEXT_FIELDS",
    "AGREEMENT_TEXT_FIELDS",
    "parse_agreement_filters",
    "parse_provision_filters",
    "agreement_text_ids",
    "matching_agreements",
    "agreement_context",
    "provision_text_q",
    "provision_text_counts",
    "ProvisionResults",
    "PROVISION_ORDERING",
    "matching_provisions",
    "provision_matches",
    "provision_context",
    "export_provision_ids",
    "compare_context",
    "TPR_TEXT_FIELDS",
    "parse_tpr_filters",
    "tpr_text_ids",
    "matching_reviews",
    "tpr_context",
]
