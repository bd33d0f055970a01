"""The network, per chunk of <= 64 tokens (contract inputs ids [B,T,16] int32 and mask [B,T] float32):

  embedding table BUCKETS x D (int8 in the export, one scale per dimension), summed over the 16 hashed slots
  of each token; id 0 = padding = zero row
  -> Conv1d(k=3) + ReLU, masked -> more Conv1d(k=3) + ReLU with growing dilation (default 1, 2, 4: a receptive
  field of 15 tokens), masked, residual
  -> masked max + mean pooling, plus `heads` attention poolings (1x1 conv scores, masked softmax over positions)
  -> Linear + ReLU -> Linear(6) -> sigmoid.

Padded positions are zeroed after every layer, so a chunk's score does not depend on how much padding its
batch has (needed for parity: the runtime pads to the longest chunk of each batch). After `quantise`, the
forward pass uses the int8 table exactly as the exported graph does (export.py). score_rows scores whole rows
the way the runtime does (the max over their chunks)."""
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from .data import NL


class Net(nn.Module):
    # Parameter-name prefixes of the hashed tables: trained with sparse Adam, frozen after quantisation.
    TABLES = ("emb.",)

    def __init__(self, buckets, dim, channels, hidden, dilations=(1, 2), heads=0, extra_width=0):
        """extra_width: width of features a subclass appends to the pooled ones before the MLP (0 here; the
        variants of training/lab/variants.py use it)."""
        super().__init__()
        # Sparse gradients: each step touches only the rows in the batch (dense Adam over 4M params is slow).
        self.emb = nn.Embedding(buckets, dim, padding_idx=0, sparse=True)
        nn.init.normal_(self.emb.weight, 0.0, 0.1)
        with torch.no_grad():
            self.emb.weight[0].zero_()
        self.dilations = list(dilations)
        # conv[0]: dim -> channels (no residual); conv[i>0]: channels -> channels with a residual connection.
        self.convs = nn.ModuleList(
            [nn.Conv1d(dim if i == 0 else channels, channels, 3, padding=d, dilation=d) for i, d in enumerate(self.dilations)]
        )
        # Attention pooling: `heads` masked softmaxes over token positions (scores from a 1x1 conv on the conv
        # features), each giving a weighted mean of the features, next to max and mean pooling.
        self.heads = heads
        self.att = nn.Conv1d(channels, heads, 1) if heads > 0 else None
        self.fc1 = nn.Linear((2 + heads) * channels + extra_width, hidden)
        self.fc2 = nn.Linear(hidden, NL)
        # Set after quantisation: int8 table + per-dimension scale, used instead of self.emb.
        self.register_buffer("qemb", None, persistent=False)
        self.register_buffer("qscale", None, persistent=False)
        self.drop = nn.Dropout(0.2)

    def embed(self, ids):
        if self.qemb is not None:
            # Exactly the exported computation: Gather int8 -> to float -> ReduceSum slots -> Mul scale.
            return self.qemb[ids.long()].float().sum(dim=2) * self.qscale
        return self.emb(ids.long()).sum(dim=2)

    def encode(self, ids, mask):
        """Token embeddings x [B,D,T] and conv features h [B,C,T], both zero at padded positions."""
        m = mask.unsqueeze(1)  # [B,1,T]
        x = self.embed(ids).transpose(1, 2) * m  # [B,D,T]
        h = F.relu(self.convs[0](x)) * m
        for conv in self.convs[1:]:
            h = F.relu(conv(self.drop(h))) * m + h
        return x, h

    def pool(self, h, mask):
        """Masked max, mean and attention poolings of the conv features: a list of [B, *] tensors."""
        m = mask.unsqueeze(1)
        mx = h.max(dim=2).values  # values >= 0 and padding is 0, so padding never wins
        mean = h.sum(dim=2) / mask.sum(dim=1, keepdim=True).clamp(min=1.0)
        feats = [mx, mean]
        if self.heads > 0:
            a = self.att(h) + (m - 1.0) * 1e4  # [B,H,T], padding -> -1e4 (exp underflows to exactly 0)
            a = torch.softmax(a, dim=2)
            feats.append(torch.bmm(a, h.transpose(1, 2)).reshape(h.shape[0], -1))  # [B,H*C]
        return feats

    def head(self, feats):
        z = F.relu(self.fc1(self.drop(torch.cat(feats, dim=1))))
        return self.fc2(self.drop(z))

    def logits(self, ids, mask):
        _, h = self.encode(ids, mask)
        return self.head(self.pool(h, mask))

    def forward(self, ids, mask):
        return torch.sigmoid(self.logits(ids, mask))

    def table_parameters(self):
        return [self.emb.weight]

    def dense_parameters(self):
        return [p for n, p in self.named_parameters() if not n.startswith(self.TABLES)]

    def quantise(self):
        """Symmetric int8 quantisation with one scale per embedding dimension (row 0 stays exactly zero).
        The scale is a high percentile of |w| rather than the max, so a few outlier rows do not flatten the
        rest; outliers are clipped."""
        with torch.no_grad():
            w = self.emb.weight.detach().clone()
            used = w[w.abs().sum(dim=1) > 0]
            amax = torch.quantile(used.abs(), 0.9995, dim=0) if len(used) > 0 else torch.ones(w.shape[1])
            scale = (amax / 127.0).clamp(min=1e-12)
            q = torch.round(w / scale).clamp(-127, 127).to(torch.int8)
            q[0] = 0
            self.qemb = q
            self.qscale = scale.float()


def score_rows(model, data, idx, batch=512, first_chunk_only=False):
    """Probabilities [len(idx), NL] of rows, by the max over all their chunks (as the runtime does), or by
    their first chunk only (what training sees, for distillation targets). Chunks are batched by length."""
    model.eval()
    chunks, owner = [], []
    for i in idx:
        end = data.row_start[i] + 1 if first_chunk_only else data.row_start[i + 1]
        for c in range(data.row_start[i], end):
            chunks.append(data.chunk(c))
            owner.append(i)
    owner = np.array(owner)
    order = np.argsort([len(c) for c in chunks], kind="mergesort")
    out = np.zeros((len(chunks), NL), np.float32)
    with torch.no_grad():
        for s in range(0, len(order), batch):
            b = order[s : s + batch]
            ids, mask = data.pack([chunks[k] for k in b])
            out[b] = model(ids, mask).numpy()
    res = {}
    for k, i in enumerate(owner):
        res[i] = np.maximum(res[i], out[k]) if i in res else out[k]
    return np.stack([res[i] for i in idx]) if len(idx) else np.zeros((0, NL), np.float32)
