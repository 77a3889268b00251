"""The name lists: common given names, surnames and whom greetings address."""

from wordpad_ai.text.names import GIVEN, GREETED, SURNAME, addressed_form, greeted_form, names_starting


def test_names_complete_what_is_typed():
    given = dict(names_starting("lu", GIVEN))
    assert {"lucy", "luke"} <= set(given) and given["lucy"] == "Lucy"
    assert "lu" not in given and all(w.startswith("lu") for w in given)
    assert "patel" in dict(names_starting("pa", SURNAME)) and "patel" not in dict(names_starting("pa", GIVEN))
    # a greeting addresses names, family and groups, each in its usual written form
    greeted = dict(names_starting("gr", GREETED))
    assert greeted["grandma"] == "Grandma" and greeted["grace"] == "Grace"
    assert names_starting("zzz", GREETED) == []


def test_salutations_capitalise_all_but_function_and_group_words():
    assert addressed_form("manager", "manager", ("dear", "hiring")) == "Manager"
    assert addressed_form("madam", "madam", ("dear", "sir", "or")) == "Madam"
    assert addressed_form("or", "or", ("dear", "sir")) == "or"
    assert addressed_form("all", "all", ("dear",)) == "all" and greeted_form("everyone") == "everyone"
    # once the writer has gone on past whom the line greets, words are as they are
    assert addressed_form("want", "want", ("dear", "all", "i")) == "want"
    assert addressed_form("know", "know", ("dear", "john", "i", "hope", "you")) == "know"
    assert greeted_form("dad") == "Dad" and greeted_form("table") is None
