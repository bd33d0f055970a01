"""Network variants tried next to the shipped one and not kept (results: the model card's training history):

- wide part (`--wide-slots N`): a fastText-style second hashed table with one weight per label, looked up for
  the first N slots of every token, summed over the slots, averaged over the chunk's tokens and added to the
  logits. Zero-initialised, trained jointly, int8 with one scale per label in the export.
- bag-of-embeddings path (`--emb-pool`): the masked mean of the token embeddings (before any convolution)
  concatenated to the pooled conv features.
- word-order layer (`--gru H`): a forward GRU over the conv features, its outputs at the real positions
  masked max + mean pooled and concatenated; exported as the ONNX GRU op. Forward only: right padding comes
  after the real tokens, so real positions never see it (padding-invariant).

Each exports to ONNX so that the runtime reproduces PyTorch within 1e-5 (tests/unit/training-lab.test.ts).
Parameters are created in the order train.py created them when these options lived there (GRU first), so a
seed gives the model it gave then."""
import os
import sys

import numpy as np
import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from trainer.data import NL  # noqa: E402
from trainer.export import _arr, base_graph, head_nodes, save_graph  # noqa: E402
from trainer.model import Net  # noqa: E402


class VariantNet(Net):
    TABLES = ("emb.", "wemb.")

    def __init__(self, buckets, dim, channels, hidden, dilations=(1, 2), heads=0, wide_slots=0, emb_pool=False, gru=0):
        gru_layer = nn.GRU(channels, gru, batch_first=True) if gru > 0 else None
        wemb = nn.Embedding(buckets, NL, padding_idx=0, sparse=True) if wide_slots > 0 else None
        if wemb is not None:
            nn.init.zeros_(wemb.weight)
        super().__init__(buckets, dim, channels, hidden, dilations, heads, extra_width=(dim if emb_pool else 0) + 2 * gru)
        self.gru_h, self.gru = gru, gru_layer
        self.emb_pool = emb_pool
        self.wide_slots, self.wemb = wide_slots, wemb
        self.register_buffer("qwemb", None, persistent=False)
        self.register_buffer("qwscale", None, persistent=False)

    def logits(self, ids, mask):
        m = mask.unsqueeze(1)
        x, h = self.encode(ids, mask)
        feats = self.pool(h, mask)
        if self.emb_pool:
            feats.append(x.sum(dim=2) / mask.sum(dim=1, keepdim=True).clamp(min=1.0))  # [B,D]
        if self.gru is not None:
            g = self.gru(self.drop(h).transpose(1, 2))[0].transpose(1, 2) * m  # [B,G,T], padding -> 0
            feats.append((g + (m - 1.0) * 1e4).max(dim=2).values)  # masked max (GRU outputs can be < 0)
            feats.append(g.sum(dim=2) / mask.sum(dim=1, keepdim=True).clamp(min=1.0))
        out = self.head(feats)
        if self.wide_slots > 0:
            wid = ids[:, :, : self.wide_slots].long()
            if self.qwemb is not None:
                w = self.qwemb[wid].float().sum(dim=2)  # [B,T,NL], scale applied after the mean (as exported)
            else:
                w = self.wemb(wid).sum(dim=2)
            w = (w * mask.unsqueeze(2)).sum(dim=1) / mask.sum(dim=1, keepdim=True).clamp(min=1.0)
            out = out + (w * self.qwscale if self.qwemb is not None else w)
        return out

    def table_parameters(self):
        return [self.emb.weight] + ([self.wemb.weight] if self.wemb is not None else [])

    def quantise(self):
        super().quantise()
        if self.wemb is not None:
            with torch.no_grad():
                # The wide table: one scale per label, the max of |w| (few dimensions; its large weights are
                # the strong words, clipping them would change the scores).
                w = self.wemb.weight.detach().clone()
                scale = (w.abs().max(dim=0).values / 127.0).clamp(min=1e-12)
                q = torch.round(w / scale).clamp(-127, 127).to(torch.int8)
                q[0] = 0
                self.qwemb = q
                self.qwscale = scale.float()


def export_variant(model, path, opset=17):
    """The shipped graph (trainer/export.py) plus the variant's parts."""
    from onnx import helper, numpy_helper

    N = helper.make_node
    init, nodes, pooled = base_graph(model)
    prev = f"h{len(model.convs) - 1}"
    if model.emb_pool:
        nodes += [
            N("ReduceSum", ["x_bdt", "axis2"], ["x_sum_t"], keepdims=0),  # [B,D]
            N("Div", ["x_sum_t", "cnt"], ["x_mean"]),
        ]
        pooled.append("x_mean")
    if model.gru is not None:
        # PyTorch packs the gates as (r, z, n), ONNX as (z, r, h); linear_before_reset=1 is PyTorch's
        # n = tanh(W_in x + b_in + r * (W_hn h + b_hn)).
        G = model.gru_h
        perm = lambda t: np.concatenate([t[G : 2 * G], t[:G], t[2 * G :]], axis=0)  # noqa: E731
        gw, gr = perm(_arr(model.gru.weight_ih_l0)), perm(_arr(model.gru.weight_hh_l0))
        gb = np.concatenate([perm(_arr(model.gru.bias_ih_l0)), perm(_arr(model.gru.bias_hh_l0))])
        init += [
            numpy_helper.from_array(gw[None], "gru_w"),  # [1,3G,C]
            numpy_helper.from_array(gr[None], "gru_r"),  # [1,3G,G]
            numpy_helper.from_array(gb[None], "gru_b"),  # [1,6G]
            numpy_helper.from_array(np.array([1e4], np.float32), "gbig"),
        ]
        nodes += [
            N("Transpose", [prev], ["g_tbc"], perm=[2, 0, 1]),  # [T,B,C]
            N("GRU", ["g_tbc", "gru_w", "gru_r", "gru_b"], ["g_y"], hidden_size=G, linear_before_reset=1),  # [T,1,B,G]
            N("Squeeze", ["g_y", "axis1"], ["g_tbg"]),
            N("Transpose", ["g_tbg"], ["g_bgt0"], perm=[1, 2, 0]),  # [B,G,T]
            N("Mul", ["g_bgt0", "m_b1t"], ["g_bgt"]),
            N("Sub", ["m_b1t", "one"], ["g_mneg"]),
            N("Mul", ["g_mneg", "gbig"], ["g_mpen"]),
            N("Add", ["g_bgt", "g_mpen"], ["g_pen"]),
            N("ReduceMax", ["g_pen"], ["g_mx"], axes=[2], keepdims=0),
            N("ReduceSum", ["g_bgt", "axis2"], ["g_sm"], keepdims=0),
            N("Div", ["g_sm", "cnt"], ["g_mean"]),
        ]
        pooled += ["g_mx", "g_mean"]
    nodes += head_nodes(pooled, "logits" if model.wide_slots == 0 else "deep_logits")
    if model.wide_slots > 0:
        init += [
            numpy_helper.from_array(model.qwemb.numpy(), "wemb_q"),
            numpy_helper.from_array(model.qwscale.numpy().astype(np.float32), "wemb_scale"),
        ]
        wids = "ids"
        if model.wide_slots < 16:
            init += [
                numpy_helper.from_array(np.array([0], np.int64), "wide_start"),
                numpy_helper.from_array(np.array([model.wide_slots], np.int64), "wide_end"),
            ]
            nodes.append(N("Slice", ["ids", "wide_start", "wide_end", "axis2"], ["ids_wide"]))
            wids = "ids_wide"
        init.append(numpy_helper.from_array(np.array([2], np.int64), "axis2b"))
        nodes += [
            N("Gather", ["wemb_q", wids], ["gw_q"], axis=0),  # [B,T,S,6] int8
            N("DequantizeLinear", ["gw_q", "dq_one", "dq_zp"], ["gw_f"]),
            N("ReduceSum", ["gw_f", "axis2"], ["w_sum"], keepdims=0),  # [B,T,6]
            N("Unsqueeze", ["mask", "axis2b"], ["m_bt1"]),  # [B,T,1]
            N("Mul", ["w_sum", "m_bt1"], ["w_m"]),
            N("ReduceSum", ["w_m", "axis1"], ["w_tot"], keepdims=0),  # [B,6]
            N("Div", ["w_tot", "cnt"], ["w_mean"]),
            N("Mul", ["w_mean", "wemb_scale"], ["w_logits"]),
            N("Add", ["deep_logits", "w_logits"], ["logits"]),
        ]
    nodes.append(N("Sigmoid", ["logits"], ["scores"]))
    return save_graph(init, nodes, path, opset)


def architecture_variant(args, buckets):
    att = f"+{args.heads}-head attention" if args.heads else ""
    emb = " + embedding mean" if args.emb_pool else ""
    gru = f" + forward GRU({args.gru}) max+mean pool" if args.gru else ""
    wide = f" + wide({buckets}x6 int8, slots 0..{args.wide_slots - 1}, token mean)" if args.wide_slots else ""
    return (
        f"hashed-embedding({buckets}x{args.dim}, int8) -> conv3({args.channels}) x dilations {args.dilations} (residual) "
        f"-> max+mean{att} pool{emb}{gru} -> mlp({args.hidden}){wide} -> 6 sigmoids"
    )
