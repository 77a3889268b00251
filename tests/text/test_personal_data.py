"""Personal data in text: what the build deletes from training e-mails and what is never suggested."""

from __future__ import annotations

import pytest

from wordpad_ai.text.personal_data import is_personal_suggestion, looks_personal_token, scrub


def test_scrub_deletes_addresses_urls_and_phone_numbers_and_keeps_the_rest():
    text = ("Mail lejones@ucla.edu or forteana@y... and see http://www.example.com/a?b=1 or "
            "www.foo.org or example.net, or call +1 (555) 123-4567 or 555-123-4567. "
            "In 1999 we had 2,000 users and version 2.4.18.")
    out = scrub(text)
    for gone in ("@", "http", "www", "example", "555", "123-4567", "foo.org"):
        assert gone not in out, (gone, out)
    for kept in ("Mail", "and see", "In 1999 we had 2,000 users", "version 2.4.18"):
        assert kept in out, (kept, out)


@pytest.mark.parametrize("words", [["john@example.com"], ["www.example.com"], ["http://x.org"],
                                   ["555-123-4567"], ["+44", "20", "7946", "0958"],
                                   ["John", "Smith"], ["to", "Mary", "Jones"], ["www"], ["http"]])
def test_personal_suggestions_are_recognised(words):
    assert is_personal_suggestion(words)


@pytest.mark.parametrize("words", [["help"], ["for", "your", "help"], ["I", "Think"],
                                   ["Linux", "is", "great"], ["in", "2024"], ["the", "year", "1999"]])
def test_ordinary_suggestions_pass(words):
    assert not is_personal_suggestion(words)


def test_address_and_url_pieces_are_personal_tokens():
    assert looks_personal_token("www") and looks_personal_token("https") and looks_personal_token("a@b")
    assert not looks_personal_token("thank") and not looks_personal_token("com")
