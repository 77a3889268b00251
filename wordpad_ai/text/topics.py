"""Words of a topic that the training text over-represents, held back where the text is not on it.

The everyday corpus is two fifths State of the Union speeches and a tenth a whaling novel, and
the general one a quarter King James Bible; a model trained on them offers their words in a
birthday invitation ("the children adored " → Iraq, "Tom suggested asking the " → Congress, "a
fall in the " → fiscal, "at " → thy, "For the white " → whale).
A word of a topic here is weighed down as a next word (and put after the others among a typed
word's completions) unless the text before the cursor already uses a word of the same topic:
a letter to a senator still gets "Senate" and "Congress", and anyone gets them by typing their
first letters (Predictor._in_register; suggesting.TOPIC_SHARE).
"""

from __future__ import annotations

# Public affairs: government, legislation, diplomacy and war, the speeches' vocabulary. Words an
# everyday text uses in its own sense are left out ("national", "secretary" of a club, "state",
# "union", "economy", "budget", "fellow", "American").
PUBLIC_AFFAIRS = frozenset(
    "congress congressional congressman congressmen senate senator senators government governments "
    "governmental administration administrations legislation legislative legislature legislatures "
    "legislators lawmakers constitution constitutional federal fiscal treasury treaty treaties "
    "appropriation appropriations tariff tariffs deficit deficits taxpayers taxpayer republic "
    "republics nations americans allied allies soviet soviets communism communist communists iraq "
    "iraqi iraqis iran afghanistan cuba cuban troops militia navy naval military president "
    "presidents presidency presidential chiefs commander commanders citizens citizenship "
    "countrymen patriotism patriotic democracy democratic bipartisan partisan veto medicare "
    "medicaid aggression hemisphere sovereignty sovereign diplomatic diplomacy ambassador "
    "ambassadors envoy annexation territories territorial expenditures expenditure revenues "
    "statesmen statesman united corps insurgents alliance alliances korea korean vietnam yemen "
    "syria libya kuwait nicaragua iranian colombia colombian venezuela panama honduras haiti "
    "philippine philippines liberia army armies nation freedom elected election elections electoral "
    "voters bush clinton obama reagan nixon roosevelt truman eisenhower kennedy cheney gore "
    "gorbachev kissinger stalin hitler lenin oath fbi cia pentagon kremlin".split())
# Scripture's forms, which no one writes today ("at " → thy, "Speak " → unto)
SCRIPTURE = frozenset("thy thee thou thine hath doth unto ye shalt thyself hast didst wherefore "
                      "whence hither thither lo behold begat".split())
# Whaling, the novel's (Moby-Dick is a tenth of the everyday corpus): "For the white " → sauce,
# not whale; "the sperm " is no suggestion for a letter
WHALING = frozenset("whale whales whaling whaleman whalemen whaleboat whaleboats whaler whalers harpoon "
                    "harpoons harpooned harpooneer harpooneers ahab pequod queequeg starbuck stubb "
                    "leviathan leviathans cetacean cetaceans sperm spermaceti blubber ambergris "
                    "nantucket ishmael tashtego daggoo fedallah moby".split())
# Software's names, the documentation's (a quarter of the general corpus): "hang it on the wall in
# the " → not Perl, "Thanks.⏎⏎On " → not Windows (the operating system: the case table writes
# "windows" so), "U" at a paragraph's start → Under before URL. A text that names one gets them.
COMPUTING_NAMES = frozenset("windows perl python linux debian ubuntu unix emacs vim url urls html http "
                            "https gnome kde java javascript microsoft gnu gcc bash sudo sql php xml "
                            "json api apis".split())
# Scripture's persons and words, not its archaic forms (those are SCRIPTURE): "Hey everyone, so Je"
# → Jeremy before Jesus, "Om" → not Omnipotent. "God" stays: "Oh my God", "Thank God".
RELIGION = frozenset("jesus christ lord lords almighty omnipotent righteous righteousness apostle "
                     "apostles disciple disciples prophet prophets israelites pharaoh salvation "
                     "sinners sinner heavenly".split())
TOPICS = (PUBLIC_AFFAIRS, SCRIPTURE, WHALING, COMPUTING_NAMES, RELIGION)
