"""Concept search on the real bank, in Chromium: the question that explains a
concept is among the first results, for inflected forms and for words that
appear only in answers."""
import re

import pytest
from playwright.sync_api import expect

CONCEPTS = [
    ("vanishing gradient", "vanishing-exploding-gradients"),
    ("exploding gradients", "vanishing-exploding-gradients"),  # plural
    ("dropout", "dropout"),
    ("Adam", "adam-optimizer"),
    ("receptive field", "receptive-field"),
    ("dying ReLU", "dying-relu"),
    ("batch normalization", "batch-normalization"),
    ("normalizing batches", "batch-normalization"),  # inflected
    ("scaled dot-product attention", "scaled-dot-product-attention"),
    ("Xavier Glorot", "xavier-initialization"),
    ("Kaiming", "he-initialization"),  # only in the answer
    ("triplet loss", "triplet-loss"),
    ("TF-IDF", "tf-idf"),
    ("overfitting", "overfitting-underfitting"),
    ("knowledge distillation", "knowledge-distillation"),
]


@pytest.mark.parametrize("query, qid", CONCEPTS)
def test_concept_search_finds_its_question(page, server, query, qid):
    page.goto(server)
    page.keyboard.press("/")
    page.locator("input.md-search__input").press_sequentially(query)
    expect(page.locator(".md-search-result__meta")).not_to_have_text(re.compile("Type to start|No matching"))
    hrefs = page.locator(".md-search-result__list a[href*='#']").evaluate_all("els => els.map(e => e.href)")
    found = [href.rsplit("#", 1)[1] for href in hrefs][:5]
    assert qid in found, f"{query!r}: first results {found}"


def test_search_result_opens_the_answer(page, server):
    page.goto(server)
    page.keyboard.press("/")
    page.locator("input.md-search__input").press_sequentially("dying relu")
    page.locator(".md-search-result__list a[href$='#dying-relu']").first.click()
    expect(page).to_have_url(re.compile(r"/activation-functions/(\?h=[^#]*)?#dying-relu$"))
    expect(page.locator("h2#dying-relu ~ details.answer").first).to_have_attribute("open", "")
