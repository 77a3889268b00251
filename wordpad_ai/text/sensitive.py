"""Words the bundled models never offer unasked (as a next word or in a phrase): they hurt or jar."""

from __future__ import annotations

# Words that hurt or jar when offered unasked: an insult, a threat, sex, terror ("would
# make me a good " → loser, "I had a really " → nasty, "He's q" → queer, "the bin " → laden: the
# fortunes, the novel and the speeches in the n-gram table). Never offered as a next word nor in
# a phrase; completed once :data:`SENSITIVE_TYPED` letters are typed ("los" → loser). (Not the
# words of idioms: "Speak of the devil", "What the hell".)
SENSITIVE_WORDS = frozenset(
    "loser losers nasty nastier nastiest ugly uglier ugliest stupid stupidest idiot idiots idiotic "
    "dumb fat fatter fattest hate hates hated hateful kill kills killed killing killer murder "
    "murders murdered murderer pathetic worthless disgusting useless moron morons creep creepy "
    "freak freaks liar liars coward cowards scum sex sexy sexual queer naked nude terror "
    "terrorist terrorists terrorism laden qaeda osama saddam".split())
SENSITIVE_TYPED = 3
