"""Personal data in text: e-mail addresses, URLs, phone numbers, and personal names in phrases.

Used twice. At *build* time, :func:`scrub` deletes e-mail addresses, URLs and phone-number-like
digit runs from training text (the shipped models learn from real e-mails), and
:func:`looks_personal_token` keeps address and URL fragments out of the vocabulary, frequency
table and n-gram statistics. At *predict* time, :func:`is_personal_suggestion` is the last guard:
a suggestion or phrase that looks like an address, a URL, a phone number or a whole personal name
("John Smith") is never offered.
"""

from __future__ import annotations

import re

# user@host.tld, also the truncated "forteana@y..." forms mailing-list archives leave behind
EMAIL_RE = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*(?:\.\.\.)?")
# scheme://..., www.host..., and bare host names with a common top-level domain
URL_RE = re.compile(
    r"(?:\b[a-z][a-z0-9+.\-]*://|\bwww\.)\S+"
    r"|\b[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.(?:com|org|net|edu|gov|uk|de|fr|au|ca|io|info|biz)\b(?:/\S*)?",
    re.I)
# phone numbers: 7+ digits in groups joined by spaces, dots, dashes or brackets, optional +country
PHONE_RE = re.compile(r"(?<![\w.])\+?\(?\d{1,4}\)?(?:[ .\-]?\(?\d{2,4}\)?){2,5}(?![\w])")
# tokens that are pieces of addresses and URLs (the tokenizer splits "www.x.com" at the dots)
URL_TOKENS = frozenset({"http", "https", "ftp", "www", "mailto", "html", "htm", "php", "asp"})


def scrub(text: str) -> str:
    """``text`` without e-mail addresses, URLs and phone numbers (each replaced by nothing, with
    the surrounding spaces kept)."""
    text = EMAIL_RE.sub("", text)
    text = URL_RE.sub("", text)
    return PHONE_RE.sub(lambda m: m.group() if _digits(m.group()) < 7 else "", text)


def _digits(s: str) -> int:
    return sum(ch.isdigit() for ch in s)


def looks_personal_token(token: str) -> bool:
    """Whether a (lower-case) model token is a piece of an address or URL, or holds '@'."""
    return token in URL_TOKENS or "@" in token or "://" in token


def is_personal_suggestion(words: tuple[str, ...] | list[str]) -> bool:
    """Whether a suggestion (one word) or phrase (several, in their usual written form away from a
    sentence start) would hand the writer personal data: an e-mail address, a URL, a phone number,
    or a whole personal name — two capitalised words in a row (other than "I")."""
    text = " ".join(words)
    if EMAIL_RE.search(text) or URL_RE.search(text) or "@" in text:
        return True
    if _digits(text) >= 7 and PHONE_RE.search(text):
        return True
    if any(looks_personal_token(w.lower()) for w in words):
        return True
    if len(words) >= 2:
        capital = [w[:1].isupper() and w != "I" for w in words]
        if any(a and b for a, b in zip(capital, capital[1:])):
            return True
    return False
