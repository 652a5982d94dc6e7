"""Adjust Material's search index so that questions, not topic pages, rank first.

Material indexes each page twice over: the page itself (title, summary) and
each section. A topic title such as "Training Dynamics and Normalization"
then outranks every question on that page for "normalization", and Material
folds the page's questions under "N more". The page entries of topic pages are
kept (they head each group of results) with a small boost, which Material's
worker applies per document.
"""
PAGE_BOOST = 0.05


def demote_page(entries: list[dict], url: str) -> None:
    """Demote the page entry of the page at `url`, which Material has just indexed
    (its entries are the last ones of the list)."""
    for entry in reversed(entries):
        if not entry["location"].startswith(url):
            return
        if entry["location"] == url:
            entry["boost"] = PAGE_BOOST
