"""Common given names and surnames, for the places where a letter has a name and the models know
few: the writer's name under a closing formula ("Kind regards,⏎L" → Laura, Lucy, not Linux), a
surname after a title ("Dear Mrs Pa" → Patel, Parker, before Parsee) and whom a greeting
addresses ("Dear G" → Grace, George, Grandma, not God; "Hi Ste" → Steve, not Steelkilt). The
lists (``wordpad_ai/resources/given_names.txt``, ``surnames.txt``, lower case) hold names common
in English-speaking countries, written out by the team from common knowledge: no data set was
copied, and they are part of WordPad AI under its licence. Where a model has a name's written
form ("McDonald"), that form wins over the list's capitalised one."""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from .casing import as_name
from .vocab import prefix_range

GIVEN, SURNAME, GREETED = "given", "surname", "greeted"  # the kinds of name asked for
# fewer letters than this, typed in lower case inside a sentence, start a word, not a name ("I
# am" → not "Amelia", "Tom has k" → not "karen"): the learning cache's and the models' rule
NAME_LOWER_LETTERS = 3

# whom else a greeting addresses ("Dear Grandma", "Hi all"), in their usual written form
_ADDRESSED = tuple(
    "Mum Mom Mother Dad Daddy Father Grandma Grandpa Granny Grandad Grandmother Grandfather Nana "
    "Nan Auntie Aunt Uncle Mr Mrs Ms Miss Dr Prof Sir Sirs Madam Colleagues Customer Hiring "
    "Parents Neighbours Neighbors Members Residents Editor Manager Committee Students Team "
    "all everyone everybody there guys folks friends".split())


# the family words among them, which a writer uses as names ("Mum and Da" → Dad, not David)
FAMILY = frozenset(w.lower() for w in _ADDRESSED[:_ADDRESSED.index("Mr")])
# names a greeting never addresses in a letter, though the training text capitalises them ("Dear
# Margaret and " → not God: the speeches' and the Bible's)
NOT_GREETED = frozenset({"god", "lord", "jesus", "christ", "heaven", "heavens"})
# whom a family word is usually addressed with ("Dear Grandma and " → Grandad, Grandpa)
PARTNERS = {"mum": ("Dad",), "mom": ("Dad",), "mother": ("Father",), "dad": ("Mum", "Mom"),
            "daddy": ("Mummy", "Mommy"), "father": ("Mother",), "grandma": ("Grandad", "Grandpa"),
            "granny": ("Grandad", "Grandpa"), "nana": ("Grandad", "Grandpa"), "nan": ("Grandad",),
            "grandpa": ("Grandma",), "grandad": ("Grandma", "Nan"), "grandmother": ("Grandfather",),
            "grandfather": ("Grandmother",), "auntie": ("Uncle",), "aunt": ("Uncle",),
            "uncle": ("Aunt", "Auntie")}


@cache
def _names(resource: str) -> tuple[str, ...]:
    text = files("wordpad_ai.resources").joinpath(resource).read_text(encoding="utf-8")
    return tuple(sorted({line.strip().lower() for line in text.splitlines()
                         if line.strip() and not line.startswith("#")}))


@cache
def _forms(kind: str) -> dict[str, str]:
    """Lower-case word → written form, of the listed names of one kind."""
    forms = {n: n[:1].upper() + n[1:] for n in _names("surnames.txt" if kind == SURNAME else "given_names.txt")}
    if kind == GREETED:
        forms.update((w.lower(), w) for w in _ADDRESSED)
    return forms


@cache
def _sorted(kind: str) -> tuple[str, ...]:
    return tuple(sorted(_forms(kind)))


def names_starting(prefix: str, kind: str = GIVEN) -> list[tuple[str, str]]:
    """(lower-case word, written form) of the listed names of ``kind`` that start with
    lower-case ``prefix`` and are longer: :data:`GIVEN` names, :data:`SURNAME` s, or whom a
    greeting addresses (:data:`GREETED`: given names, family words, titles, "all")."""
    words, forms = _sorted(kind), _forms(kind)
    lo, hi = prefix_range(words, prefix)
    return [(w, forms[w]) for w in words[lo:hi] if len(w) > len(prefix)]


def greeted_form(word: str) -> str | None:
    """The written form of lower-case ``word`` as whom a greeting addresses ("dad" → Dad, "all"
    → all), or None when it is not listed."""
    return _forms(GREETED).get(word)


def is_common_name(word: str) -> bool:
    """Whether lower-case ``word`` is a listed given name or surname ("karen", "patel")."""
    return word in _forms(GIVEN) or word in _forms(SURNAME)


ADDRESS_MAX_WORDS = 4  # a salutation's words after which the writer has gone on ("Dear all I ")


def addressed_form(word: str, form: str, line: tuple[str, ...]) -> str:
    """``form`` of lower-case ``word`` as a salutation writes it after its words so far,
    ``line`` (model tokens from "dear" on): capitalised ("Dear Hiring " → Manager, "Dear Sir or
    " → Madam), except a function word ("or", "and"), a word greetings keep in lower case ("all",
    "everyone"), or once the line has gone on past whom it greets ("Dear all I " → can, want)."""
    kept = greeted_form(word)
    if as_name(word) is None or (kept is not None and kept[:1].islower()) or len(line) > ADDRESS_MAX_WORDS:
        return form
    if any((greeted_form(w) or "X")[:1].islower() for w in line):  # "Dear all …": greeted
        return form
    return form[:1].upper() + form[1:]

