"""``models/<id>/MODEL_CARD.md`` from the build's figures (``build/defaults/figures.json``).

Used by ``build_defaults.py --stages card``; the figures come from its ``evaluate`` stage.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
KS = (1, 3, 6)

CARD = """# {title} — shipped default model (`{model_id}`)

The model WordPad AI suggests with on first launch, before you train it on your own documents.
{cell_text} Its next-word distribution is the network's, with two tables of the same directory
mixed in: exact 2–4-gram statistics of the training text (`ngram.npz`, recalls fixed phrases such
as "Thank you for your help") and modern English word frequencies (`frequencies.npz`, so that
after "I would like to inv" *invite* comes before *invoke*).

## Data and licences
- `shared/corpora/general/` (2.98 M words, built by `shared/corpora/build_general.py` from Debian
  packages): the Debian Administrator's Handbook (GPL-2.0+ or CC-BY-SA-3.0), the Python 3.11
  documentation (PSF licence), the King James Bible (public domain), the `fortunes` cookie
  collections (BSD), GCIDE dictionary definitions (GPL-2+), the GNU coding standards (GFDL-1.3+).
- `shared/corpora/everyday/` (2.3 M words, `build_everyday.py`): real e-mail from the SpamAssassin
  public corpus `easy-ham-1` (Apache SpamAssassin project, packaged Apache-2.0 by stdlib-js; its
  `easy-ham-2` and `hard-ham-1` are never used), the State of the Union addresses 1790–2016
  (public domain, US government works) and Herman Melville's *Moby-Dick* (public domain).
- `models/everyday_letters.txt` and `models/everyday_writing/` ({writing_words:,} words): everyday
  English written for this purpose by the WordPad AI team (letters, personal and work e-mail,
  idioms, proverbs and sayings in conversation, home, travel, food and recipes, health, money,
  school, social posts, stories and nursery rhymes, work, town and notices; a sixth round of
  120k words on food, family and care, customers and complaints, local news, conversation, house
  and garden, leisure, cards and occasions, formal letters, pets and hobbies, and set phrases in
  use, written before outside list F was scored and without seeing it), under the project's
  licence; counted {letters_repeats} times in the n-gram table and
  for Presage, not used to train the network.
- `wordfreq` 3.1 (https://github.com/rspeer/wordfreq; data CC-BY-SA 4.0, code Apache-2.0), read
  at build time only: it chose the {new_words:,} everyday words added to the vocabulary and the
  everyday words the training text lacked added to the lexicon, the words completed from their
  letters ("allergy", "groom"), and gives the modern frequencies in `frequencies.npz` (derived
  tables, CC-BY-SA 4.0).

The e-mails are real: before training, e-mail addresses, URLs and phone numbers are deleted from
them and mostly-non-letter paragraphs (logs, code, tables) dropped
(`models/training_mix.py`, `wordpad_ai/text/personal_data.py`); address and URL pieces and
offensive words never enter the n-gram table, and the model never suggests an address, a URL, a
phone number or two capitalised words in a row (a whole name) as a phrase. The e-mails' typos
and offensive words are read but never suggested: `frequencies.npz` lists {never:,} of them
(misspellings are a slip away from a far more common word: "recieve", "occured", "definately";
`wordpad_ai.neural.frequency.misspellings`, `models/training_mix.py`'s offensive words).

## Training text and held-out samples
Both corpora are split by `models/split_corpus.py`: every file is cut into blocks of 40 paragraphs
and one block in 50 is held out (the State of the Union addresses are first cut into pieces of
about 200 words at sentence ends). Training text: {train_general:,} general and
{train_everyday:,} everyday words ({train_everyday_clean:,} after cleaning); Presage counts all of it,
the n-gram table all but the King James Bible (its phrases came back word for word in everyday
writing: "with her " → suburbs, "Speak " → unto; without it the everyday check lists gain 0.6–1.7
points, the general tuning sample loses 0.6, mostly on its held-out Bible). The network's last
phase trains on a capped mix (`training_mix.MIX`): {mix_text}.

Figures are measured on two held-out samples: **general** — the first ~1,000 words of the
held-out part of each general file ({general_words:,} words: {general_files}); **everyday** — the
first ~2,000 words of each everyday file ({everyday_words:,} words: {everyday_files}).

## Size and shape
| | |
|---|---|
| directory size | {size_mb:.1f} MB (weights float16; n-gram table {ngram_mb:.1f} MB) |
| vocabulary | {vocab_size:,} words (lower-cased; a case table restores "Linux", "I", sentence starts), plus a {lexicon_size:,}-word completion lexicon |
| embedding | {embed_dim} (tied with the output layer{proj}) |
| recurrent state | {hidden_dim} |
| parameters | {params:,} |
| n-gram table | {ngram_entries:,} 2–4-grams seen at least twice (absolute discounting D = {discount}; mixed in with weight α = {mix} when the longest context found has 1 / 2 / 3 words; a rare word alone, seen fewer than {rare_context} times, {rare_mix:g}) |
| frequency table | {freq_words:,} words (vocabulary and lexicon; {unused:,} hardly used today, completed after the others), unigram rescaling β = {beta} |

## Training
The first release's three phases on the general corpus (from scratch, continued at a lower rate,
then with the Bible capped; 5,598 s in all, see this card's history) made the previous default.
This release appends {new_words:,} words to its vocabulary — the most common words of modern
English (`wordfreq`) that the training text has at least 5 times and the vocabulary lacked, e.g.
{new_examples} — and fine-tunes it on the mix:
`wordpad-ai train --model {model_id} --from BASE --time-budget {minutes:g} {hp}`
({phase}). Adam (warm-up then cosine decay), gradient clipping at {clip}, dropout {dropout},
sampled softmax with {num_sampled} negatives, truncated back-propagation over {seq_len} tokens,
batches of {batch_size}, on {machine}, shared with other work, no GPU.

## Figures on the held-out samples
Keystroke savings follow Presage's `presage_simulator` protocol (`wordpad_ai/evaluation/`). Presage
is the 3-gram `SmoothedNgramPredictor` trained with `text2ngram -n 1/2/3 -l -f sqlite` on the same
training text (all of it, `packaging/presage_baseline.py`), scored with `presage_simulator -q` on the
same files.

| | {title}, general | Presage, general | {title}, everyday | Presage, everyday |
|---|---:|---:|---:|---:|
| keystroke savings, 1 suggestion | {g1} | {pg1} | {e1} | {pe1} |
| keystroke savings, 3 suggestions | {g3} | {pg3} | {e3} | {pe3} |
| keystroke savings, 6 suggestions | {g6} | {pg6} | {e6} | {pe6} |
| top-1 next-word accuracy | {gtop1} | | {etop1} | |
| top-3 next-word accuracy | {gtop3} | | {etop3} | |
| perplexity (per token) | {gppl} | | {eppl} | |
| `predict` latency p50 / p99 (typing 1,500 keystrokes, one thread; median of 3 runs) | {glat} | | {elat} | |

{comparison}

Phrases (`wordpad-ai evaluate --phrases`, everyday sample): {phrases}

Everyday phrase check lists (an expected next word among the 3 suggestions): {check_lists}

What each part buys (KSR with 3 suggestions, same samples; every row keeps the context's own words and holds back the words offered at a word's earlier keystrokes, as Presage does, unless it says otherwise): {ablation}

Reproduce: `python models/build_defaults.py --stages evaluate card`.

## Intended use and limits
Next-word, word-completion and phrase suggestions while typing English. The training text is
technical documentation, scripture, dictionary definitions, humour, 2002 mailing-list e-mail,
presidential addresses and a 19th-century novel: expect dated, technical or political words in
some contexts until you train the model on your own documents (Tools → Train on my documents).
It reproduces the statistics of its training text, including its biases.
"""


# Prompt lists with the next words a writer expects (prompt TAB word|word). The first is the
# team's own (tuned on: the n-gram table's letters were written by the same author); the outside
# lists were written by people who saw neither the model nor the training text nor each other's
# lists. The misses of "outside A" chose the topics of the first round of
# models/everyday_writing/, those of "outside B" the third round's and those of "outside C" the
# fifth round's (topics only: the writers never saw a list); "outside D" was written after C's
# misses were read, and its misses were never looked at (only its score, before and after the
# fifth round). "outside F" was written before the sixth round (round 15), by a reviewer who saw
# no other list and no model; only its score was read, before and after.
CHECK_LISTS = (("team list, tuned on", HERE / "everyday_prompts.tsv"),
               ("outside list A, informed the writing", HERE / "check_lists" / "outside-a.tsv"),
               ("outside list B, informed the writing", HERE / "check_lists" / "outside-b.tsv"),
               ("outside list C, informed the writing", HERE / "check_lists" / "outside-c.tsv"),
               ("outside list D, misses never looked at", HERE / "check_lists" / "outside-d.tsv"),
               ("outside list E, misses looked at, nothing tuned on them", HERE / "check_lists" / "outside-e.tsv"),
               ("outside list F, misses never looked at", HERE / "check_lists" / "outside-f.tsv"))


def read_check_list(path: Path) -> list[tuple[str, set[str]]]:
    """(prompt, expected lower-case words) of a check list file."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            prompt, words = line.rstrip("\n").split("\t")
            out.append((prompt, set(words.lower().split("|"))))
    return out


def check_list_hits(model, path: Path, k: int = 3) -> tuple[int, int]:
    """(prompts with an expected word among ``model``'s ``k`` suggestions, prompts)."""
    items = read_check_list(path)
    hits = sum(bool(words & {s.word.lower() for s in model.predict(p, k)}) for p, words in items)
    return hits, len(items)


def check_list_text(model_dir: Path, model_id: str) -> str:
    import wordpad_ai

    model = wordpad_ai.load_model(model_id, model_dir)
    parts = []
    for name, path in CHECK_LISTS:
        if path.exists():
            hits, n = check_list_hits(model, path)
            parts.append(f"{name} (`{path.relative_to(HERE.parent)}`, {n} prompts): {100 * hits / n:.1f} %")
    return "; ".join(parts) + "."


def pct(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.1f} %"


def _k(d: dict, k: int) -> dict:
    return d.get(str(k)) or d.get(k) or {}


def write_card(model_id: str, figures: dict, build: Path, hp: dict, minutes: float) -> str:
    from wordpad_ai.neural.ngram import RARE_CONTEXT, RARE_MIX

    g, e = figures["general"], figures["everyday"]
    for name, sample in (("general", g), ("everyday", e)):  # Presage may have finished after `evaluate`
        cached = build / f"presage_{name}.json"
        if "presage" not in sample and cached.exists() and cached.stat().st_size:
            sample["presage"] = json.loads(cached.read_text())
    fg, fe = g[model_id], e[model_id]
    cfg = fg["config"]["config"]
    training = fg["config"].get("training", {})
    d = HERE / model_id
    with np.load(d / "weights.npz", allow_pickle=False) as w:
        params = int(sum(w[k].size for k in w.files))
    ngram_entries, discount, mix = 0, "n/a", "n/a"
    if (d / "ngram.npz").exists():
        with np.load(d / "ngram.npz", allow_pickle=False) as t:
            ngram_entries = sum(int(t[f"k{k}_next"].size) for k in (1, 2, 3) if f"k{k}_next" in t.files)
            discount = f"{float(t['params'][0]):g}"
            mix = " / ".join(f"{float(x):g}" for x in t["params"][1:])
    freq_words, beta, never, unused = 0, "n/a", 0, 0
    if (d / "frequencies.npz").exists():
        from wordpad_ai.neural.frequency import FrequencyTable

        t = FrequencyTable.load(d / "frequencies.npz")
        freq_words, beta, never = len(t.words), f"{t.beta:g}", len(t.never_suggested)
        unused = len(t.unused_today())
    new_words = json.loads((build / f"new_words_{model_id}.json").read_text())
    split = json.loads((build / "split.json").read_text())
    split_e = json.loads((build / "split_everyday.json").read_text())
    mix_words = json.loads((build / "mix.json").read_text())
    clean = sum(len(f.read_text(encoding="utf-8").split()) for f in (build / "full").glob("everyday-*.txt"))

    def ksr(f, k):
        return (_k(f["by_k"], k) or {}).get("ksr")

    def pres(sample, k):
        return _k(sample.get("presage", {}).get("by_k", {}), k).get("ksr")

    lines = []
    for name, sample, f in (("general", g, fg), ("everyday", e, fe)):
        if pres(sample, 3) is not None:
            lines.append(f"On the {name} sample, with 3 suggestions this model saves "
                         f"{100 * (ksr(f, 3) - pres(sample, 3)):+.1f} points of keystrokes against "
                         f"Presage trained on the same text.")
    other = "rnn" if model_id == "lstm" else "lstm"
    if other in g and other in e:
        lines.append(f"The {other.upper()} default saves {pct(ksr(g[other], 3))} (general) and "
                     f"{pct(ksr(e[other], 3))} (everyday) with 3 suggestions.")
    ph = fe.get("phrases")
    phrases = "not measured" if not ph else (
        f"a phrase is shown {ph['shown']:,} times over {ph['words']:,} words "
        f"({100 * ph['shown_per_word']:.1f} per 100 words); {pct(ph['right_full_share'])} of the "
        f"phrases shown are entirely right, {pct(ph['right_first_share'])} have the right first word; "
        f"keystroke savings with 3 suggestions {pct(ph['ksr_without'])} without phrases, "
        f"{pct(ph['ksr_with'])} with them."
        + ("" if "typist" not in ph else
           f" Typing every letter (what the ghost text shows a writer who does not pick from the bar): "
           f"a phrase appears at some keystroke of {pct(ph['typist']['words_share'])} of the words, "
           f"{ph['typist']['shown']:,} phrases in all, {pct(ph['typist']['right_full_share'])} of them "
           f"entirely right."))
    abl = figures.get("ablation", {}).get(model_id)
    ablation = "not measured" if not abl else "; ".join(
        [f"{name}: general {pct(v['general'])}, everyday {pct(v['everyday'])}" for name, v in abl.items()]
        + [f"network + both tables (as shipped): general {pct(ksr(fg, 3))}, everyday {pct(ksr(fe, 3))}"])
    note = figures.get("ablation_note", {}).get(model_id, "")
    ablation += ("." + note) if note else "."
    by3g, by3e = _k(fg["by_k"], 3), _k(fe["by_k"], 3)
    mix_text = ", ".join(f"{n} {w:,} words" for n, w in mix_words.items())
    text = CARD.format(
        title=model_id.upper(), model_id=model_id,
        cell_text=("An LSTM language model: forget, input and output gates and a cell state, "
                   "h(t) = o(t)·tanh(c(t))." if model_id == "lstm" else
                   "A vanilla (Elman) RNN language model: h(t) = tanh(b + W h(t-1) + U x(t)), "
                   "o(t) = c + V h(t)."),
        new_words=len(new_words), new_examples=", ".join(f'"{w}"' for w in new_words[:12]),
        train_general=sum(v[0] for v in split.values()),
        train_everyday=sum(v[0] for v in split_e.values()), train_everyday_clean=clean,
        mix_text=mix_text,
        general_words=g["eval_words"], general_files=", ".join(g["eval_files"]),
        everyday_words=e["eval_words"], everyday_files=", ".join(e["eval_files"]),
        size_mb=fg["size_bytes"] / 1e6,
        ngram_mb=(d / "ngram.npz").stat().st_size / 1e6 if (d / "ngram.npz").exists() else 0.0,
        vocab_size=len(json.loads((d / "vocab.json").read_text(encoding="utf-8"))),
        lexicon_size=cfg["lexicon_size"], embed_dim=cfg["embed_dim"],
        proj=", through a learned projection from the state" if cfg["hidden_dim"] != cfg["embed_dim"] else "",
        hidden_dim=cfg["hidden_dim"], params=params, ngram_entries=ngram_entries,
        discount=discount, mix=mix, rare_context=RARE_CONTEXT, rare_mix=RARE_MIX, freq_words=freq_words, unused=unused, beta=beta,
        minutes=minutes, hp=" ".join(f"--hp {k}={v}" for k, v in hp.items()),
        phase=(f"{training.get('seconds', 0):,.0f} s, {training.get('steps', 0):,} steps, "
               f"{training.get('epochs', 0):.2f} epochs over {training.get('train_tokens', 0):,} tokens, "
               f"validation perplexity {training.get('val_perplexity') or float('nan'):.1f} on 10 % of the mix"),
        clip=cfg["clip_norm"], dropout=cfg["dropout"], num_sampled=cfg["num_sampled"],
        seq_len=cfg["seq_len"], batch_size=cfg["batch_size"], machine=figures["machine"],
        g1=pct(ksr(fg, 1)), g3=pct(ksr(fg, 3)), g6=pct(ksr(fg, 6)),
        e1=pct(ksr(fe, 1)), e3=pct(ksr(fe, 3)), e6=pct(ksr(fe, 6)),
        pg1=pct(pres(g, 1)), pg3=pct(pres(g, 3)), pg6=pct(pres(g, 6)),
        pe1=pct(pres(e, 1)), pe3=pct(pres(e, 3)), pe6=pct(pres(e, 6)),
        gtop1=pct(by3g.get("top1")), gtop3=pct(by3g.get("topk")),
        etop1=pct(by3e.get("top1")), etop3=pct(by3e.get("topk")),
        gppl=f"{fg.get('perplexity') or float('nan'):.1f}", eppl=f"{fe.get('perplexity') or float('nan'):.1f}",
        glat=f"{fg['latency']['p50_ms']:.2f} / {fg['latency']['p99_ms']:.2f} ms",
        elat=f"{fe['latency']['p50_ms']:.2f} / {fe['latency']['p99_ms']:.2f} ms",
        comparison=" ".join(lines), phrases=phrases, ablation=ablation,
        check_lists=check_list_text(d, model_id), never=never,
        writing_words=sum(len(f.read_text(encoding="utf-8").split())
                          for f in [HERE / "everyday_letters.txt", *sorted((HERE / "everyday_writing").glob("*.txt"))]),
        letters_repeats=len(list((build / "full").glob("letters-*.txt"))),
    )
    (d / "MODEL_CARD.md").write_text(text, encoding="utf-8")
    return text
