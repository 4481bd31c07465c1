"""Presidio's pattern recognizers on the benchmark inputs (bench/compare runs this).

Only Presidio's regex recognizers run: the NLP engine is a blank spaCy English pipeline (no
model to download), so named-entity recognizers find nothing and the comparison is pattern
against pattern. tldextract is kept offline (TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS="").

  python bench/presidio_bench.py CORPUS.txt LABELLED.jsonl [PIECE_BYTES]

Prints one JSON object: throughput on the corpus, and the spans found in each labelled text
(byte offsets, Presidio's entity names) for bench/compare to score; bench/compare maps the
entity names to our kinds (its PRESIDIO_KINDS table).

Overlapping results are resolved as Presidio's anonymizer would before replacing text: the
higher score wins, then the longer span (so an e-mail address is not also a URL). The default
score threshold (0) is kept: that is what `AnalyzerEngine.analyze` returns out of the box.
"""
import json
import os
import sys
import time

os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")

import spacy  # noqa: E402
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry  # noqa: E402
from presidio_analyzer.nlp_engine import NlpEngine, NlpArtifacts  # noqa: E402


class BlankNlpEngine(NlpEngine):
    """A spaCy blank('en') tokenizer, no statistical model: tokens, no entities."""

    def __init__(self):
        self.nlp = spacy.blank("en")
        self.nlp.max_length = 10_000_000

    def load(self):
        pass

    def is_loaded(self):
        return True

    def process_text(self, text, language):
        doc = self.nlp(text)
        return NlpArtifacts(entities=[], tokens=doc, tokens_indices=[t.idx for t in doc],
                            lemmas=[t.text.lower() for t in doc], nlp_engine=self, language=language)

    def process_batch(self, texts, language, batch_size=1, n_process=1, **kwargs):
        for t in texts:
            yield t, self.process_text(t, language)

    def is_stopword(self, word, language):
        return False

    def is_punct(self, word, language):
        return not word.isalnum()

    def get_supported_entities(self):
        return []

    def get_supported_languages(self):
        return ["en"]


def engine():
    registry = RecognizerRegistry()
    registry.load_predefined_recognizers(languages=["en"])
    # Drop recognizers that need a statistical NER model (they would find nothing anyway).
    for name in ["SpacyRecognizer"]:
        try:
            registry.remove_recognizer(name)
        except Exception:
            pass
    return AnalyzerEngine(registry=registry, nlp_engine=BlankNlpEngine(), supported_languages=["en"])


def resolve(results):
    """Non-overlapping results: highest score first, then longest, then leftmost."""
    kept = []
    for r in sorted(results, key=lambda r: (-r.score, -(r.end - r.start), r.start)):
        if all(r.end <= k.start or r.start >= k.end for k in kept):
            kept.append(r)
    return sorted(kept, key=lambda r: r.start)


def char_to_byte(text):
    """Maps character offsets to UTF-8 byte offsets (the corpus labels are bytes)."""
    out, b = [0] * (len(text) + 1), 0
    for i, ch in enumerate(text):
        out[i] = b
        b += len(ch.encode("utf-8"))
    out[len(text)] = b
    return out


def main():
    corpus = open(sys.argv[1], encoding="utf-8").read()
    t0 = time.perf_counter()
    analyzer = engine()
    analyzer.analyze(text="warm-up alice@example.com", language="en")
    cold = time.perf_counter() - t0
    # Pieces of whole lines, at most PIECE_BYTES each (default 4096, the size of a report field;
    # redact-pii gets the same pieces). Presidio's cost grows with the piece: 64 KB pieces ran
    # at half the speed of 4 KB ones (2026-11-25).
    piece = int(sys.argv[3]) if len(sys.argv) > 3 else 4096
    chunks, cur, size = [], [], 0
    for line in corpus.split("\n"):
        if cur and size + len(line) + 1 > piece:
            chunks.append("\n".join(cur) + "\n")
            cur, size = [], 0
        cur.append(line)
        size += len(line) + 1
    if cur:
        chunks.append("\n".join(cur))
    t0 = time.perf_counter()
    found = 0
    for c in chunks:
        found += len(resolve(analyzer.analyze(text=c, language="en")))
    secs = time.perf_counter() - t0
    from importlib.metadata import version
    result = {"tool": "presidio", "version": version("presidio-analyzer"), "cold_ms": cold * 1e3,
              "mb_per_s": len(corpus.encode()) / 1e6 / secs, "corpus_findings": found,
              "recognizers": sorted({r.name for r in analyzer.registry.recognizers}), "labelled": []}
    if len(sys.argv) > 2 and os.path.exists(sys.argv[2]):
        for line in open(sys.argv[2], encoding="utf-8"):
            if not line.strip():
                continue
            text = json.loads(line)["text"]
            m = char_to_byte(text)
            spans = [{"start": m[r.start], "end": m[r.end], "type": r.entity_type}
                     for r in resolve(analyzer.analyze(text=text, language="en"))]
            result["labelled"].append(spans)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
