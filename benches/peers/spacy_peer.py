"""The actorgraph job with spaCy's PhraseMatcher: a blank English pipeline (tokenizer and
rule-based sentencizer, no model to download), attr="LOWER", pairs counted per sentence.

usage: .venv/bin/python benches/peers/spacy_peer.py CORPUS.jsonl
"""

import sys
from collections import Counter

import spacy
from spacy.matcher import PhraseMatcher

from common import aliases, count_pairs, documents, run


def job(corpus):
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    by_actor = {}
    for text, actor in aliases():
        by_actor.setdefault(actor, []).append(text)
    for actor, texts in by_actor.items():
        matcher.add(actor, list(nlp.tokenizer.pipe(texts)))
    pairs, docs, mentions = Counter(), 0, 0
    for doc in nlp.pipe(documents(corpus), batch_size=256):
        docs += 1
        for sent in doc.sents:
            spans = spacy.util.filter_spans(matcher(sent, as_spans=True))
            mentions += len(spans)
            count_pairs(pairs, [s.label_ for s in spans])
    return docs, mentions, pairs


if __name__ == "__main__":
    run("spaCy PhraseMatcher", sys.argv[1], job)
