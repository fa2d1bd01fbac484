"""Group similar Dutch texts, locally (issue 9 §3): TF-IDF over Dutch word stems, cosine similarity and
average-linkage agglomerative clustering that stops at a similarity threshold.

A small own implementation instead of scikit-learn: the corpus is at most a few hundred recent case
descriptions and signals, the whole method fits on one screen, and it needs one pure-Python package
(snowballstemmer, BSD, the Snowball project's Dutch stemmer). No network, no model files.

- tokens: lower-case words of at least three letters, Dutch stop words and words common in every case
  text left out, each reduced to its Snowball stem ("aanvragen" and "aanvraag" → "aanvraag");
- weights: sublinear term frequency (1 + ln tf) times smoothed idf (ln((1 + n) / (1 + df)) + 1); a stem
  in fewer than `min_df` texts is dropped (names, typos) and so is one in more than `max_df` of them
  (from SMALL_CORPUS texts on);
- similarity: cosine of the L2-normalised vectors;
- clustering: start with one cluster per text; repeatedly merge the two clusters with the highest
  average similarity between their texts, while it is at least `threshold` (Lance–Williams update,
  a heap of candidate pairs: O(n² log n)).
"""

from __future__ import annotations

import functools
import heapq
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import snowballstemmer

# Snowball's Dutch stop word list, plus words that occur in almost every case text and say nothing
# about its theme.
_STOP_WORDS_TEXT = """
    aan aangezien achter af al alle alleen alles als altijd andere ben bij binnen daar daarom dan dat de der
    deze die dit doch doen door dus een eens en er ergens even ge geen geweest haar had heb hebben heeft hem
    het hier hij hoe hun iemand iets ik in is ja je jij kan kon kunnen maar me meer men met mij mijn moet na
    naar niet niets nog nu of om omdat ons onze ook op over reeds te tegen toch toen tot u uit uw van veel voor
    want waren was wat we wel werd wezen wie wil worden wordt zal ze zelf zich zij zijn zo zonder zou zeer
    zoals waar waarom wanneer welke welk hoeveel jullie hen mocht moest konden kunt wilt willen zullen zouden
    werden geworden geven gaat gaan graag heel keer weer week weken dag dagen maand maanden jaar inwoner
    inwoners inwoonster mevrouw meneer heer dhr mevr gemeente zaak zaken dossier vraag vragen klacht klachten
    signaal signalen valt opvalt twee drie vier vijf zes zeven acht negen tien
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())
WORD = re.compile(r"[a-zà-ÿ]+")
SMALL_CORPUS = 20  # below this many texts no word is too common to count

_stemmer = snowballstemmer.stemmer("dutch")


@functools.lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """The Snowball stem of one word (cached: case texts repeat their words a lot)."""
    return _stemmer.stemWord(word)


def tokens(text: str) -> list[str]:
    """The Dutch stems of a text's content words."""
    words = [w for w in WORD.findall(text.lower()) if len(w) >= 3 and w not in STOP_WORDS]
    return [stemmed for stemmed in map(stem, words) if stemmed not in STOP_WORDS]


Vector = dict[str, float]


@dataclass(frozen=True)
class Vectors:
    vectors: list[Vector]
    idf: dict[str, float]


def tfidf(texts: Sequence[str], *, min_df: int = 2, max_df: float = 0.5) -> Vectors:
    """L2-normalised TF-IDF vectors of the texts over the stems kept (see the module docstring)."""
    counted = [Counter(tokens(text)) for text in texts]
    n = len(texts)
    df = Counter(stem for counts in counted for stem in counts)
    limit = max(min_df, max_df * n) if n >= SMALL_CORPUS else n  # in a handful of texts, a shared word is the point
    idf = {stem: math.log((1 + n) / (1 + d)) + 1 for stem, d in df.items() if min_df <= d <= limit}
    vectors = []
    for counts in counted:
        vector = {stem: (1 + math.log(tf)) * idf[stem] for stem, tf in counts.items() if stem in idf}
        norm = math.sqrt(sum(w * w for w in vector.values()))
        vectors.append({stem: w / norm for stem, w in vector.items()} if norm else {})
    return Vectors(vectors=vectors, idf=idf)


def cosine(a: Vector, b: Vector) -> float:
    """Cosine of two L2-normalised sparse vectors: their dot product."""
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(stem, 0.0) for stem, w in a.items())


def _similarities(vectors: list[Vector]) -> dict[tuple[int, int], float]:
    """Non-zero cosine similarities of every pair (i < j), through an inverted index of the stems."""
    postings: dict[str, list[tuple[int, float]]] = {}
    for i, vector in enumerate(vectors):
        for stem, w in vector.items():
            postings.setdefault(stem, []).append((i, w))
    sims: dict[tuple[int, int], float] = {}
    for entries in postings.values():
        for x in range(len(entries)):
            i, wi = entries[x]
            for j, wj in entries[x + 1 :]:
                sims[(i, j)] = sims.get((i, j), 0.0) + wi * wj
    return sims


def cluster(vectors: list[Vector], *, threshold: float = 0.25) -> list[list[int]]:
    """Average-linkage agglomerative clustering; returns every cluster (singletons included) as a sorted
    list of text indexes, largest cluster first."""
    members: dict[int, list[int]] = {i: [i] for i in range(len(vectors))}
    sim: dict[int, dict[int, float]] = {i: {} for i in members}
    for (i, j), value in _similarities(vectors).items():
        sim[i][j] = sim[j][i] = value
    heap = [(-value, i, j) for i in sim for j, value in sim[i].items() if i < j and value >= threshold]
    heapq.heapify(heap)
    next_id = len(vectors)
    while heap:
        negative, a, b = heapq.heappop(heap)
        if a not in members or b not in members or sim[a].get(b) != -negative:
            continue  # a cluster that was merged away, or a stale similarity
        na, nb = len(members[a]), len(members[b])
        merged = next_id
        next_id += 1
        members[merged] = members.pop(a) + members.pop(b)
        neighbours = (set(sim[a]) | set(sim[b])) - {a, b}
        sim[merged] = {}
        for k in neighbours:
            value = (na * sim[a].get(k, 0.0) + nb * sim[b].get(k, 0.0)) / (na + nb)
            sim[k].pop(a, None)
            sim[k].pop(b, None)
            if value > 0:
                sim[merged][k] = sim[k][merged] = value
                if value >= threshold:
                    heapq.heappush(heap, (-value, min(merged, k), max(merged, k)))
        del sim[a], sim[b]
    return sorted((sorted(group) for group in members.values()), key=lambda group: (-len(group), group[0]))


def top_terms(texts: Sequence[str], vectors: list[Vector], group: Sequence[int], *, count: int = 4) -> list[str]:
    """The group's strongest stems (summed weight), each shown as the word it most often stands for."""
    weight: Counter[str] = Counter()
    for i in group:
        weight.update(vectors[i])
    surface: dict[str, Counter[str]] = {}
    for i in group:
        for word in WORD.findall(texts[i].lower()):
            if len(word) >= 3 and word not in STOP_WORDS:
                surface.setdefault(stem(word), Counter())[word] += 1
    strongest = [stemmed for stemmed, _ in weight.most_common(count)]
    return [surface[stemmed].most_common(1)[0][0] if stemmed in surface else stemmed for stemmed in strongest]


def groups(texts: Sequence[str], *, threshold: float = 0.25, min_size: int = 3, min_df: int = 2) -> list[list[int]]:
    """The clusters of at least `min_size` texts, largest first."""
    vectors = tfidf(texts, min_df=min_df).vectors
    return [group for group in cluster(vectors, threshold=threshold) if len(group) >= min_size]
