"""What learning as you type never learns, and which typed text it is offered.

Text is NFKC-normalised (full-width "＠", odd spaces and digits become plain ones) and stripped of
invisible format characters before anything is checked; then e-mail and other ``@`` addresses,
host names, URLs and paths, secret-looking tokens (:func:`looks_sensitive`), IBAN- and card-like
digit groups, and everything after a password/PIN/secret-like label up to the end of its line
(:func:`private_text`) are cut out. Documents under the user's excluded paths are not learned
from at all (:func:`is_excluded`). :func:`finished_sentence` is what the editor sends to learn.
No Qt, no numpy: the editor imports this module too.
"""

from __future__ import annotations

import os
import re
import unicodedata
from typing import Iterable

SENTENCE_ENDS = ".!?\n"  # a typed character that finishes a sentence
SENTENCE_CHARS = 600  # the most text learned as one finished sentence
_NUMBER_POINT = re.compile(r"\d\.\Z")  # a full stop or a decimal point: the next key tells
_AFTER_NUMBER_POINT = re.compile(r"\d\.\s\Z")  # it was a full stop
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")


def finished_sentence(text_before_cursor: str) -> str | None:
    """The sentence the writer has just finished, when the last character typed ends one (the
    editor then sends it to the engine to learn from), else None."""
    before = text_before_cursor[-SENTENCE_CHARS:]
    if _NUMBER_POINT.search(before):  # "at 4." may go on ("4.15pm"): finished at the space
        return None
    if _AFTER_NUMBER_POINT.search(before):
        before = before[:-1]
    elif not before or before[-1] not in SENTENCE_ENDS:
        return None
    if before[-1] == "\n" and before[:-1].rstrip(" \t")[-1:] in (*".!?\n", ""):
        return None  # the line break after a finished sentence or line: learnt once, already
    body = before.rstrip(SENTENCE_ENDS)  # "Really?!" ends once, not twice
    # the sentence before ended at a line break or a . ! ? before a space (not "4.15pm", "e.g")
    cut = max((m.end() for m in _SENTENCE_END.finditer(body)), default=0)
    sentence = before[cut:]
    return sentence.strip() if sentence.strip(SENTENCE_ENDS + " \t") else None


# -- what is never learned ----------------------------------------------------------------------
_AT_ADDRESS = re.compile(r"[^\s@]@[^\s@]")  # user@host, root@localhost, user@[10.0.0.1]
_HOST = re.compile(r"[^\W\d_][\w-]*\.[\w-]*[^\W\d_]")  # intranet.corp.example.com, example.org
_URL = re.compile(r"(?i)^(?:[a-z][a-z0-9+.-]*://|www\.)|^[\w-]+(?:\.[\w-]+)+/")
_PATH = re.compile(r"^(?:~|[A-Za-z]:)?[\\/]+\w")  # /home/john, ~/secret, C:\\Users
_EDGE = "\"'()[]{}<>.,;:!?"
# IBANs ("DE89 3704 0044 0532 0130 00") and card, account or phone numbers in groups of digits
_DIGIT_GROUPS = re.compile(
    r"(?i)(?<!\w)[a-z]{2}\d{2}(?:[ \-]?[a-z0-9]{4}){2,8}(?:[ \-]?[a-z0-9]{1,3})?(?!\w)"
    r"|(?<!\w)\d{2,8}(?:[ \-./]+\d{2,8}){2,}(?!\w)")
# labels after which the rest of the line is a secret: any case, or followed by ":"/"="/"is"
_STRONG_LABELS = (
    "passwords?", "passwd", "pwd", "passcodes?", "passphrases?", "pass ?words?", "passw[oö]rt",
    "kennwort", "geheimzahl", "zugangscode", "mots? de passe", "mdp", "code secret",
    "contrase[ñn]as?", "clave", "senhas?", "wachtwoord", "l[öo]senord", "passord", "adgangskode",
    "salasana", "has[łl]o", "heslo", "jelsz[óo]", "parola d'ordine", "пароль", "パスワード", "暗証番号",
    "密码", "密碼", "비밀번호", "pin[ -]?(?:code|number|nummer)", "code pin", "one[ -]time code")
_WEAK_LABELS = (
    "pin", "tan", "otp", "secret", "token", "api[ _-]?key", "access[ _-]?key", "private[ _-]?key",
    "secret[ _-]?key", "auth(?:entication)? code", "security code", "code", "key", "cvv", "cvc",
    "parola", "login")
_SEP = r"(?:\s*(?:[:=：]|\bis\b|\bwas\b|\bist\b|\best\b|\bes\b))"
_SECRET_LABEL = re.compile(
    r"(?<![^\W_])(?:(?i:" + "|".join(_STRONG_LABELS) + r")|PIN|TAN)(?![^\W_])" + _SEP + r"?"
    r"|(?<![^\W_])(?i:" + "|".join(_WEAK_LABELS) + r")(?![^\W_])" + _SEP)
# invisible format characters (Unicode category Cf) except ZWNJ/ZWJ, which shape real words
_INVISIBLE = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b\u200e\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U00013438\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f]")


def looks_sensitive(chunk: str) -> bool:
    """Whether a whitespace-separated piece of text looks like a secret or an address.

    True for e-mail and other ``@`` addresses (``root@localhost``), host names
    (``intranet.corp.example.com``), URLs and file paths, anything mixing letters and digits
    with other symbols ("p@ss-w0rd"), letter-digit mixes of 6+ characters ("hunter2",
    "a8f3k29dkq"), and long random-looking words (16+ characters with digits, or with upper case
    inside). The chunk is NFKC-normalised first, so "john＠example.com" counts too.
    """
    core = _normalised(chunk).strip(_EDGE)
    if not core:
        return False
    if _AT_ADDRESS.search(core) or _HOST.search(core) or _URL.search(core) or _PATH.search(core):
        return True
    letters = any(c.isalpha() for c in core)
    digits = any(c.isdigit() for c in core)
    symbols = any(not c.isalnum() for c in core)
    if letters and digits and (symbols or len(core) >= 6):
        return True
    if len(core) >= 16 and (digits or any(c.isupper() for c in core[1:]) and not core.isupper()):
        return True
    return False


def _normalised(text: str) -> str:
    """NFKC, without invisible format characters (zero-width spaces, soft hyphens, BOMs)."""
    return _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))


def private_text(text: str, after_label: bool = False) -> tuple[str, bool]:
    """``text`` (normalised) with everything that must not be learned replaced by paragraph
    breaks (no word pair bridges them): the rest of each line after a secret label, IBAN- and
    card-like digit groups, and :func:`looks_sensitive` pieces.

    ``after_label``: the previous text ended with a label ("Password:"), so this text's first
    line is the secret. Returns the cleaned text and whether *it* ends with such a label.
    """
    text = _normalised(text)
    if after_label:
        first = re.match(r"\s*[^\n]*", text)
        text = "\n\n" + text[first.end():]
    ends_with_label = False
    out, pos = [], 0
    for m in _SECRET_LABEL.finditer(text):
        if m.start() < pos:
            continue
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        out.append(text[pos:m.end()] + "\n\n")
        pos = end
        ends_with_label = end == len(text) and not text[m.end():].strip(" \t:=-")
    text = "".join(out) + text[pos:]
    text = _DIGIT_GROUPS.sub("\n\n", text)
    return re.sub(r"\S+", lambda m: "\n\n" if looks_sensitive(m.group()) else m.group(), text), ends_with_label


def is_excluded(path: str | None, excluded: Iterable[str]) -> bool:
    """Whether the document ``path`` is one of, or inside one of, the ``excluded`` paths."""
    if not path:
        return False
    doc = os.path.normcase(os.path.abspath(os.path.expanduser(path)))
    for item in excluded:
        ex = os.path.normcase(os.path.abspath(os.path.expanduser(item)))
        if doc == ex or doc.startswith(ex.rstrip(os.sep) + os.sep):
            return True
    return False
