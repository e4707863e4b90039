"""The actorgraph job with pyahocorasick: one automaton over the lower-cased aliases,
whole-word check by hand, sentences split at [.!?] + space, pairs counted per sentence.

usage: .venv/bin/python benches/peers/pyahocorasick_peer.py CORPUS.jsonl
"""

import re
import sys
from collections import Counter

import ahocorasick

from common import aliases, count_pairs, documents, run

SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def job(corpus):
    automaton = ahocorasick.Automaton()
    for text, actor in aliases():
        automaton.add_word(text.lower(), (len(text), actor))
    automaton.make_automaton()
    pairs, docs, mentions = Counter(), 0, 0
    for text in documents(corpus):
        docs += 1
        for sentence in SENTENCE_END.split(text):
            low = sentence.lower()
            found, covered = [], -1
            # Longest match per end position; keep whole words, leftmost-longest.
            for end, (n, actor) in automaton.iter_long(low):
                start = end - n + 1
                if start <= covered:
                    continue
                if (start > 0 and low[start - 1].isalnum()) or (end + 1 < len(low) and low[end + 1].isalnum()):
                    continue
                found.append(actor)
                covered = end
            mentions += len(found)
            count_pairs(pairs, found)
    return docs, mentions, pairs


if __name__ == "__main__":
    run("pyahocorasick", sys.argv[1], job)
