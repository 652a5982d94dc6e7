"""Adjust Material's search index so that questions, not topic pages, rank first.

Material indexes each page twice over: the page itself (title, summary) and
each section. A topic title such as "Training Dynamics and Normalization"
then outranks every question on that page for "normalization", and Material
folds the page's questions under "N more". The page entries of topic pages are
kept (they head each group of results) with a small boost, which Material's
worker applies per document.
"""
PAGE_BOOST = 0.05


def demote_pages(index: dict, locations: set[str]) -> dict:
    """The index with the entries at exactly these locations demoted."""
    for doc in index["docs"]:
        if doc["location"] in locations:
            doc["boost"] = PAGE_BOOST
    return index
