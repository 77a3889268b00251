"""Words the bundled models never offer unasked (as a next word or in a phrase): they hurt or jar."""

from __future__ import annotations

# Words that hurt or jar when offered unasked: an insult, a threat, sex, terror ("would
# make me a good " → loser, "I had a really " → nasty, "He's q" → queer, "the bin " → laden: the
# fortunes, the novel and the speeches in the n-gram table; "soft d" → drugs, "were agreed as a
# cor" → corpse, "any time from abo" → abortion, "for your und" → underwear; round 12: "a red
# that went p" → pregnant, "He han" → handcuffed, "a tom" → tombstone, "the train hom" →
# homicide, "On the nig" → niger).
HURTFUL_WORDS = frozenset(
    "loser losers nasty nastier nastiest ugly uglier ugliest stupid stupidest idiot idiots idiotic "
    "dumb fat fatter fattest hate hates hated hateful kill kills killed killing killer murder "
    "murders murdered murderer pathetic worthless disgusting useless moron morons creep creepy "
    "freak freaks liar liars coward cowards scum sex sexy sexual queer naked nude terror "
    "terrorist terrorists terrorism laden qaeda osama saddam playboy orgy orgies sperm semen "
    "orgasm erotic rape raped rapist prostitute prostitutes aroused arousing arousal adulterer "
    "adulterers adultery homo homos homosexual homosexuals booty undressed undressing satan "
    "satanic lucifer suck sucks sucked sucker slut sluts whore whores escort escorts arouse "
    "arouses bestial bestiality promiscuity promiscuous voluptuous areola areolas underwear "
    "lingerie saliva drug drugs drugged cocaine heroin marijuana lsd stoned addict addicts addicted "
    "addiction abortion abortions corpse corpses coffin coffins slain slaughter slaughtered "
    "vegetative prostitution genital genitals genitalia mistress mistresses bomb bombs bombing "
    "bombings bomber bombers bombed drunk drunken endowed assassin assassins insane insanity "
    "murderous afterbirth lover lovers harem slave slaves handcuffed handcuffs backside "
    "pregnant pregnancy tomb tombs tombstone tombstones homicide homicides mutilated mutilation "
    "damn damned dammit niger".split())
# Faith, origin, orientation and party: no suggestion may guess them ("I'm J" → not Jewish, "Hello,
# ga" → not gay); completed like the hurtful words, once the writer has typed most of the word
IDENTITY_WORDS = frozenset(
    "jewish jews muslim muslims islamic christian christians catholic catholics protestant hindu "
    "sikh buddhist atheist gay gays lesbian lesbians bisexual transgender scientology republican "
    "republicans democrat democrats".split())
# Death and illness, which the novel and the scripture put everywhere: "Mum and Dad d" → died,
# "Salt and bl" → blood, "training new s" → suicide, "Sun cream and h" → hell, "a lovely vi" →
# victim, "the garlic p" → poison. A writer who means them types their first letters.
GRIM_WORDS = frozenset(
    "die died dies dying dead deadly death deaths blood bloody bleeding disease diseases cancer "
    "tumour tumor hell suicide suicidal victim victims drown drowned drowning poison poisoned "
    "poisoning poisonous mortality".split())
# The training e-mails are from mailing lists about filtering spam: their topic and their
# footers ("list of " → spam, "Thank y" → yahoo) are no one else's.
MAILING_LIST_WORDS = frozenset(
    "spam spams spammer spammers spamming spammy spamassassin yahoo sourceforge listinfo mailman "
    "exmh unsubscribe freshrpms".split())
# Never offered as a next word nor in a phrase; completed once :data:`SENSITIVE_TYPED` letters
# are typed ("dea" → death; a hurtful word, a faith or the mailing lists' words from
# :data:`HURTFUL_TYPED` and half the word, "lose" → loser, as "que" is more often "question" than
# "queer"), when at least :data:`SENSITIVE_MIN_SHARE` as likely as
# the best completion ("coff" → coffee, not coffin).
SENSITIVE_WORDS = HURTFUL_WORDS | IDENTITY_WORDS | GRIM_WORDS | MAILING_LIST_WORDS
SENSITIVE_TYPED = 3
HURTFUL_TYPED = 4
SENSITIVE_MIN_SHARE = 0.01


def typed_enough(word: str, typed: int) -> bool:
    """Whether ``typed`` letters are enough to complete the sensitive ``word`` (lower case)."""
    if word in HURTFUL_WORDS or word in IDENTITY_WORDS or word in MAILING_LIST_WORDS:
        # half a long word at least ("our mist" → mistake, not mistress; "p" → please, never
        # prostitution; "well-behaved spa" → spaniel, not spam)
        return typed >= max(HURTFUL_TYPED, len(word) // 2 + 1)
    return typed >= SENSITIVE_TYPED
