"""British and American spellings: the writer's own, once their text shows which they use.

The shipped models learned from American documentation, British and American e-mails, American
speeches and a British-printed novel, so they offer either spelling ("favorite", "apologise").
A writer who has typed "colour" or "organise" writes British English, one who has typed "color"
or "organize" American English: the suggestions follow (:func:`variety`, :func:`respelt`). Until
the text shows either, the model's own spelling stays.

The pairs are built from the spelling rules that tell the two apart (-ise/-ize, -our/-or,
-re/-er, -ogue/-og, -ence/-ense, a doubled l before an ending) applied to listed stems, and a
few words of their own; written by the team from common knowledge, part of WordPad AI under its
licence. Only unambiguous pairs are listed: "meter" (a gas meter), "program" (a computer
program), "check", "tire" and "dialog" are British words too.
"""

from __future__ import annotations

from functools import cache

US, UK = "us", "uk"

# -ize (American) / -ise (British): the stem before "iz"
_IZE = (
    "apolog organ real recogn critic emphas priorit summar special final custom minim maxim "
    "memor sympath author character civil standard util visual normal optim categor capital "
    "legal modern social stabil subsid hospital ideal mobil jeopard harmon familiar agon energ "
    "fertil global hypothes item local material monopol neutral patron penal public scrutin "
    "symbol synchron theor tranquil fantas general colon central commercial computer dramat "
    "econom equal fossil human immun legitim liberal magnet mechan miniatur moral natural "
    "personal polar popular pressur rational regular revital romantic sanit sensit serial "
    "steril stigmat vandal victim western motor").split()
_IZE_ENDINGS = ("ize", "izes", "ized", "izing", "ization", "izations", "izer", "izers")
# -yze / -yse
_YZE = "anal paral catal".split()
_YZE_ENDINGS = ("yze", "yzes", "yzed", "yzing")
# -or (American) / -our (British): the whole American word
_OUR = ("color flavor favor humor honor labor neighbor behavior harbor rumor vapor valor "
        "vigor savior splendor odor parlor endeavor armor clamor glamor candor fervor").split()
_OUR_ENDINGS = ("", "s", "ed", "ing", "ings", "ful", "fully", "less", "able", "ably", "ite", "ites",
                "er", "ers", "hood", "hoods")  # (not -ous, -ist: "humorous" is British too)
# -er (American) / -re (British)
_RE = "cent theat lit fib calib somb spect lust meag sab".split()
_RE_ENDINGS = (("er", "re"), ("ers", "res"), ("ered", "red"), ("ering", "ring"))
# a doubled l before an ending (British): traveled / travelled
_LL = "travel cancel label model fuel jewel counsel marvel level signal tunnel quarrel dial".split()
_LL_ENDINGS = ("ed", "ing", "er", "ers")
# words of their own
_OWN = {
    "catalog": "catalogue", "catalogs": "catalogues", "analog": "analogue",
    "defense": "defence", "offense": "offence", "pretense": "pretence",
    "gray": "grey", "grays": "greys", "mom": "mum", "moms": "mums", "aluminum": "aluminium",
    "pajamas": "pyjamas", "plow": "plough", "mold": "mould", "moldy": "mouldy",
    "skeptical": "sceptical", "skeptic": "sceptic", "skepticism": "scepticism",
    "maneuver": "manoeuvre", "maneuvers": "manoeuvres", "jewelry": "jewellery",
    "counselor": "counsellor", "counselors": "counsellors", "enrollment": "enrolment",
    "fulfill": "fulfil", "fulfillment": "fulfilment", "installment": "instalment",
    "traveler": "traveller", "travelers": "travellers", "cozy": "cosy", "donut": "doughnut",
    "donuts": "doughnuts", "math": "maths", "airplane": "aeroplane", "airplanes": "aeroplanes",
    "mustache": "moustache", "anesthetic": "anaesthetic", "pediatric": "paediatric",
    "encyclopedia": "encyclopaedia", "estrogen": "oestrogen", "fetus": "foetus", "ax": "axe",
    "practicing": "practising", "practiced": "practised", "judgment": "judgement",
    "acknowledgment": "acknowledgement", "artifact": "artefact", "artifacts": "artefacts",
    "sulfur": "sulphur", "tumor": "tumour", "tumors": "tumours", "kilometer": "kilometre",
    "kilometers": "kilometres", "centimeter": "centimetre", "centimeters": "centimetres",
    "millimeter": "millimetre", "millimeters": "millimetres", "liter": "litre", "liters": "litres",
}


@cache
def _pairs() -> dict[str, str]:
    """American → British spelling of each listed word."""
    pairs = dict(_OWN)
    for stem in _IZE:
        for ending in _IZE_ENDINGS:
            pairs[stem + ending] = stem + ending.replace("z", "s", 1)
    for stem in _YZE:
        for ending in _YZE_ENDINGS:
            pairs[stem + ending] = stem + ending.replace("z", "s", 1)
    for word in _OUR:
        for ending in _OUR_ENDINGS:
            pairs[word + ending] = word[:-2] + "our" + ending
    for stem in _RE:
        for us, uk in _RE_ENDINGS:
            pairs[stem + us] = stem + uk
    for word in _LL:
        for ending in _LL_ENDINGS:
            pairs[word + ending] = word + "l" + ending
    return pairs


@cache
def _british() -> dict[str, str]:
    """British → American spelling."""
    return {uk: us for us, uk in _pairs().items()}


# words and signs that only one variety writes, though no spelling pair has them: a pound sign
# (a "£486" token) or "whilst" says British, a dollar sign or "gotten" American
_UK_MARKS = frozenset("whilst amongst fortnight fortnights postcode postcodes learnt spelt".split())
_US_MARKS = frozenset({"$", "gotten"})


def variety(tokens) -> str | None:
    """:data:`UK` or :data:`US` when the lower-case ``tokens`` (what the writer wrote) use more
    British or more American spellings of the listed words (or words and signs of one variety
    only: "£", "whilst"; "$", "gotten"), else None."""
    us, uk = _pairs(), _british()
    score = 0
    for token in tokens:
        if token in us or token in _US_MARKS:
            score -= 1
        elif token in uk or token in _UK_MARKS or token[:1] == "£":
            score += 1
    return UK if score > 0 else US if score < 0 else None


def respelt(word: str, spelling: str | None) -> str:
    """Lower-case ``word`` in the ``spelling`` variety (:data:`UK`, :data:`US`), or as it is."""
    if spelling == UK:
        return _pairs().get(word, word)
    if spelling == US:
        return _british().get(word, word)
    return word


@cache
def listed_words() -> frozenset[str]:
    """Every listed word, in either spelling."""
    return frozenset(_pairs()) | frozenset(_british())


def other_spelling(word: str) -> str | None:
    """Lower-case ``word``'s spelling in the other variety ("mum" → mom, "color" → colour), if
    it is a listed word."""
    return _pairs().get(word) or _british().get(word)


__all__ = ["UK", "US", "listed_words", "other_spelling", "respelt", "variety"]
