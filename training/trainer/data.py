"""What the trainer reads: the rows and features that training/build-dataset.ts wrote into the work folder
(rows.jsonl, features.bin in the BFT1 format of src/classifier/feature-file.ts), each row's weight in the loss,
and the batches an epoch walks through. Features are never computed here: TypeScript computes them with the
extension's own featurizer, so training and runtime see the same ids."""
import json
import os
import struct

import numpy as np
import torch

LABELS = ["misogyny", "insult", "threat", "sexual", "identity_attack", "toxic"]
NL = len(LABELS)
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# Our own rows: generated counterfactuals and hand-written contrast sentences (training/contrast/).
GEN, CONTRAST = "bouclier-gen", "bouclier-contrast"
# Plain sentences from the unlabelled corpora (training/datasets/ordinary.ts): weak negatives, not curated.
ORDINARY = "corpus-ordinary"

# Row weights: our counterfactual rows carry the behaviours the public data lacks (negation, counter-speech,
# identity swaps), French is the minority language, Davidson is noisy and lexically biased.
SOURCE_WEIGHT = {
    GEN: 4.0,
    CONTRAST: 4.0,
    "davidson2017": 0.35,
    "hateval2019": 0.7,
    "cmsb/scales": 0.5,
    ORDINARY: 0.5,
}
FRENCH_WEIGHT = 1.6


def is_ours(row):
    return row["source"] in (GEN, CONTRAST)


def is_harmless_ours(row):
    """A row of ours that is not hostile: a generated non-hostile kind, or a contrast row with no label set."""
    if row["source"] == GEN:
        return not row.get("kind", "").startswith("hostile")
    return row["source"] == CONTRAST and not any(v == 1 for v in row["labels"].values())


def read_features(path):
    """A BFT1 file: (header, row -> first chunk, chunk -> first token, token ids [tokens, K])."""
    buf = open(path, "rb").read()
    if buf[:4] != b"BFT1":
        raise SystemExit(f"{path}: not a BFT1 feature file")
    h = struct.unpack("<I", buf[4:8])[0]
    hdr = json.loads(buf[8 : 8 + h])
    off = 8 + h
    R, C, T = hdr["rows"], hdr["chunks"], hdr["tokens"]
    row_start = np.frombuffer(buf, "<u4", R + 1, off).astype(np.int64)
    off += 4 * (R + 1)
    chunk_start = np.frombuffer(buf, "<u4", C + 1, off).astype(np.int64)
    off += 4 * (C + 1)
    ids = np.frombuffer(buf, "<i4", T * hdr["K"], off).reshape(T, hdr["K"])
    return hdr, row_start, chunk_start, ids


def pack(chunk_list, K):
    """Chunks (token id arrays [t, K]) as one right-padded batch: ids [B,T,K] int32 and mask [B,T] float32,
    the model's contract inputs."""
    T = max(1, max(len(x) for x in chunk_list))
    ids = np.zeros((len(chunk_list), T, K), np.int32)
    mask = np.zeros((len(chunk_list), T), np.float32)
    for i, x in enumerate(chunk_list):
        ids[i, : len(x)] = x
        mask[i, : len(x)] = 1.0
    return torch.from_numpy(ids), torch.from_numpy(mask)


class Data:
    """Rows as chunks. Training uses each row's first chunk; evaluation takes the max over all chunks,
    like the runtime. y/m: labels and their mask (1 = annotated) [rows, NL]; w: row weights."""

    def __init__(self, work, source_weight=None, french_weight=FRENCH_WEIGHT):
        source_weight = SOURCE_WEIGHT if source_weight is None else source_weight
        self.rows = [json.loads(l) for l in open(os.path.join(work, "rows.jsonl"), encoding="utf8") if l.strip()]
        self.hdr, self.row_start, self.chunk_start, self.ids = read_features(os.path.join(work, "features.bin"))
        assert self.hdr["rows"] == len(self.rows), "rows.jsonl and features.bin disagree"
        self.K = self.hdr["K"]
        self.tmax = self.hdr["tMax"]
        n = len(self.rows)
        self.y = np.zeros((n, NL), np.float32)
        self.m = np.zeros((n, NL), np.float32)
        for i, r in enumerate(self.rows):
            for j, l in enumerate(LABELS):
                v = r["labels"].get(l)
                if v is not None:
                    self.y[i, j] = v
                    self.m[i, j] = 1.0
        self.w = np.array(
            [source_weight.get(r["source"], 1.0) * (french_weight if r["lang"] == "fr" else 1.0) for r in self.rows],
            np.float32,
        )
        self.split = np.array([r["split"] for r in self.rows])

    def chunk(self, c):
        a, b = self.chunk_start[c], self.chunk_start[c + 1]
        return self.ids[a:b]

    def pack(self, chunk_list):
        return pack(chunk_list, self.K)

    def first_chunks(self, idx):
        return [self.chunk(self.row_start[i]) for i in idx]

    def splits(self):
        """Row indices of the train, dev and test splits."""
        return tuple(np.where(self.split == s)[0] for s in ("train", "dev", "test"))


def batches(data, idx, batch, rng):
    """Length-bucketed shuffled batches (less padding, same randomness every run)."""
    idx = np.array(idx)
    rng.shuffle(idx)
    lens = np.array([data.chunk_start[data.row_start[i] + 1] - data.chunk_start[data.row_start[i]] for i in idx])
    out = []
    for s in range(0, len(idx), batch * 50):
        block = idx[s : s + batch * 50]
        bl = lens[s : s + batch * 50]
        block = block[np.argsort(bl, kind="mergesort")]
        out.extend(block[k : k + batch] for k in range(0, len(block), batch))
    rng.shuffle(out)
    return out
