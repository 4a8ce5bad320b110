"""How a query is turned into alternatives: stems, joined compounds, synonyms (no database)."""

from msme_platform.core.search_text import (
    MAX_ALTERNATIVES,
    joined_compounds,
    page_search_terms,
    query_variants,
    stems,
)


def test_words_are_stemmed_in_their_own_language():
    assert stems(["exporting", "exports"], "en") == ["export", "export"]
    assert stems(["financiamiento", "financiación"], "es") == ["financi", "financi"]
    assert stems(["financement", "financer"], "fr") == ["financ", "financ"]


def test_a_language_without_a_stemmer_keeps_its_words():
    assert stems(["abc", "défg"], "xx") == ["abc", "défg"]


def test_hyphenated_words_are_also_indexed_joined():
    assert joined_compounds("Chapter on e-commerce and cross-border trade") == [
        "ecommerce",
        "crossborder",
    ]
    terms = page_search_terms(["Selling online", "E-commerce for exporters"], "en").split()
    assert {"sell", "onlin", "ecommerc", "export", "ecommerce"} <= set(terms)
    assert len(terms) == len(set(terms))


def test_every_spelling_of_a_compound_is_tried_joined():
    for query in ("e-commerce", "e commerce", "E-Commerce"):
        assert ["ecommerce"] in query_variants(query, "en")
    assert query_variants("ecommerce", "en")[0] == ["ecommerce"]


def test_the_visitors_own_words_come_first_then_their_stems():
    variants = query_variants("exporting goods", "en")
    assert variants[0] == ["exporting", "goods"]
    assert ["export", "good"] in variants


def test_a_synonym_group_rewrites_the_term_it_contains():
    groups = [("e-commerce", "electronic commerce", "digital trade")]
    variants = query_variants("e-commerce rules", "en", groups)
    assert ["digital", "trade", "rules"] in variants
    assert ["electronic", "commerce", "rules"] in variants
    # A group whose terms the query does not name changes nothing.
    assert query_variants("tariffs", "en", groups) == [["tariffs"], ["tariff"]]


def test_a_term_is_matched_as_whole_words_only():
    groups = [("credit", "finance")]
    assert query_variants("creditors", "en", groups) == [["creditors"], ["creditor"]]


def test_a_query_turns_into_a_bounded_number_of_alternatives():
    groups = [tuple(f"term{i}" for i in range(50))]
    assert len(query_variants("term1", "en", groups)) == MAX_ALTERNATIVES
    assert query_variants("", "en", groups) == []


def test_a_synonym_is_found_however_its_compound_is_written():
    groups = [("e-commerce", "digital trade")]
    for query in ("ecommerce", "e commerce", "E-Commerce"):
        assert ["digital", "trade"] in query_variants(query, "en", groups)
