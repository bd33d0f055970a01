"""What the extension loads: the ONNX graph (built by hand, not by torch.onnx tracing, so its ops are exactly
the documented ones that onnxruntime-web runs fast), model.json (labels, thresholds, metrics, architecture)
and parity.json (scores of fixed texts that the runtime must reproduce within 1e-5).

The hot path in WASM is the [B,T,16,D] tensor: Gather int8 -> DequantizeLinear (scale 1, zero point 0: exactly
a cast, but vectorised in onnxruntime-web) -> ReduceSum over the 16 hashed slots -> Mul by the per-dimension
scale (applied after the sum, so the big tensor sees only those three ops)."""
import json
import os

import numpy as np
import torch

from .data import LABELS, NL, pack, read_features


def _arr(t):
    return t.detach().numpy().astype(np.float32)


def base_graph(model):
    """Initialisers and nodes from the inputs (ids, mask) to the pooled features; returns (init, nodes,
    pooled names). The head's weights are among the initialisers; head_nodes adds its nodes."""
    from onnx import helper, numpy_helper

    init = [
        numpy_helper.from_array(model.qemb.numpy(), "emb_q"),
        numpy_helper.from_array(model.qscale.numpy().astype(np.float32), "emb_scale"),  # [D]
        numpy_helper.from_array(_arr(model.fc1.weight).T.copy(), "fc1_w"),
        numpy_helper.from_array(_arr(model.fc1.bias), "fc1_b"),
        numpy_helper.from_array(_arr(model.fc2.weight).T.copy(), "fc2_w"),
        numpy_helper.from_array(_arr(model.fc2.bias), "fc2_b"),
        numpy_helper.from_array(np.array([2], np.int64), "axis2"),
        numpy_helper.from_array(np.array([1], np.int64), "axis1"),
        numpy_helper.from_array(np.array([1.0], np.float32), "one"),
        numpy_helper.from_array(np.array(1.0, np.float32), "dq_one"),
        numpy_helper.from_array(np.array(0, np.int8), "dq_zp"),
    ]
    N = helper.make_node
    nodes = [
        N("Gather", ["emb_q", "ids"], ["g_q"], axis=0),  # [B,T,16,D] int8
        # int8 -> float with DequantizeLinear (scale 1, zero point 0: the exact same values as Cast); ORT-web's
        # DequantizeLinear kernel is vectorised, its Cast is not (the Cast alone was ~40 % of a batch's time).
        N("DequantizeLinear", ["g_q", "dq_one", "dq_zp"], ["g_f"]),
        N("ReduceSum", ["g_f", "axis2"], ["x_sum"], keepdims=0),  # [B,T,D]
        N("Mul", ["x_sum", "emb_scale"], ["x_btd"]),
        N("Unsqueeze", ["mask", "axis1"], ["m_b1t"]),  # [B,1,T]
        N("Transpose", ["x_btd"], ["x_bdt0"], perm=[0, 2, 1]),
        N("Mul", ["x_bdt0", "m_b1t"], ["x_bdt"]),
    ]
    prev = "x_bdt"
    for i, (conv, d) in enumerate(zip(model.convs, model.dilations)):
        init += [numpy_helper.from_array(_arr(conv.weight), f"conv{i}_w"), numpy_helper.from_array(_arr(conv.bias), f"conv{i}_b")]
        nodes += [
            N("Conv", [prev, f"conv{i}_w", f"conv{i}_b"], [f"c{i}"], kernel_shape=[3], pads=[d, d], dilations=[d]),
            N("Relu", [f"c{i}"], [f"r{i}"]),
            N("Mul", [f"r{i}", "m_b1t"], [f"hm{i}"]),
        ]
        if i > 0:
            nodes.append(N("Add", [f"hm{i}", prev], [f"h{i}"]))
        else:
            nodes.append(N("Identity", [f"hm{i}"], [f"h{i}"]))
        prev = f"h{i}"
    pooled = ["mx", "mean"]
    nodes += [
        N("ReduceMax", [prev], ["mx"], axes=[2], keepdims=0),  # opset <18: axes attribute
        N("ReduceSum", [prev, "axis2"], ["sm"], keepdims=0),
        N("ReduceSum", ["mask", "axis1"], ["cnt0"], keepdims=1),  # [B,1]
        N("Max", ["cnt0", "one"], ["cnt"]),
        N("Div", ["sm", "cnt"], ["mean"]),
    ]
    if model.heads > 0:
        init += [
            numpy_helper.from_array(_arr(model.att.weight), "att_w"),
            numpy_helper.from_array(_arr(model.att.bias), "att_b"),
            numpy_helper.from_array(np.array([1e4], np.float32), "big"),
            numpy_helper.from_array(np.array([0, -1], np.int64), "flat_shape"),
        ]
        nodes += [
            N("Conv", [prev, "att_w", "att_b"], ["a0"], kernel_shape=[1]),  # [B,H,T]
            N("Sub", ["m_b1t", "one"], ["mneg"]),
            N("Mul", ["mneg", "big"], ["mpen"]),
            N("Add", ["a0", "mpen"], ["a1"]),
            N("Softmax", ["a1"], ["a"], axis=2),
            N("Transpose", [prev], ["h_btc"], perm=[0, 2, 1]),
            N("MatMul", ["a", "h_btc"], ["att_bhc"]),  # [B,H,C]
            N("Reshape", ["att_bhc", "flat_shape"], ["att"]),
        ]
        pooled.append("att")
    return init, nodes, pooled


def head_nodes(pooled, out="logits"):
    """Concat of the pooled features -> Linear + ReLU -> Linear(6), into `out`."""
    from onnx import helper

    N = helper.make_node
    return [
        N("Concat", pooled, ["pooled"], axis=1),
        N("MatMul", ["pooled", "fc1_w"], ["z0"]),
        N("Add", ["z0", "fc1_b"], ["z1"]),
        N("Relu", ["z1"], ["z"]),
        N("MatMul", ["z", "fc2_w"], ["l0"]),
        N("Add", ["l0", "fc2_b"], [out]),
    ]


def save_graph(init, nodes, path, opset=17):
    """Checks and writes the graph (inputs ids [B,T,16] int32 and mask [B,T] float32, output scores [B,6]);
    returns the file size."""
    import onnx
    from onnx import TensorProto, helper

    graph = helper.make_graph(
        nodes,
        "bouclier",
        [
            helper.make_tensor_value_info("ids", TensorProto.INT32, ["B", "T", 16]),
            helper.make_tensor_value_info("mask", TensorProto.FLOAT, ["B", "T"]),
        ],
        [helper.make_tensor_value_info("scores", TensorProto.FLOAT, ["B", NL])],
        init,
    )
    m = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)], producer_name="bouclier-train")
    m.ir_version = 8
    onnx.checker.check_model(m, full_check=True)
    onnx.save(m, path)
    return os.path.getsize(path)


def export_onnx(model, path, opset=17):
    """The quantised model as plain ONNX opset 17 ops; returns the file size."""
    from onnx import helper

    init, nodes, pooled = base_graph(model)
    nodes += head_nodes(pooled)
    nodes.append(helper.make_node("Sigmoid", ["logits"], ["scores"]))
    return save_graph(init, nodes, path, opset)


def architecture(args, buckets):
    """The one-line description of the network in model.json."""
    att = f"+{args.heads}-head attention" if args.heads else ""
    return (
        f"hashed-embedding({buckets}x{args.dim}, int8) -> conv3({args.channels}) x dilations {args.dilations} (residual) "
        f"-> max+mean{att} pool -> mlp({args.hidden}) -> 6 sigmoids"
    )


def write_model_json(models_dir, featurizer_version, thresholds, summary, arch):
    model_json = {
        "featurizerVersion": featurizer_version,
        "labels": LABELS,
        "thresholds": thresholds,
        "defaultLevel": "balanced",
        "metrics": summary,
        "architecture": arch,
    }
    json.dump(model_json, open(os.path.join(models_dir, "model.json"), "w"), indent=2, allow_nan=False)


def write_parity(model, work, models_dir, featurizer_version):
    """Scores the parity texts (featurized by TypeScript into parity-features.bin) with exactly the exported
    computation (int8 table), max over chunks; zero-chunk texts score 0."""
    ptexts = json.load(open(os.path.join(work, "parity-texts.json"), encoding="utf8"))
    hdr, row_start, chunk_start, ids = read_features(os.path.join(work, "parity-features.bin"))
    model.eval()
    scores = []
    with torch.no_grad():
        for r in range(hdr["rows"]):
            chunks = [ids[chunk_start[c] : chunk_start[c + 1]] for c in range(row_start[r], row_start[r + 1])]
            if not chunks:
                scores.append([0.0] * NL)
                continue
            s = model(*pack(chunks, hdr["K"])).numpy().max(axis=0)
            scores.append([float(x) for x in s])
    out = {
        "featurizerVersion": featurizer_version,
        "texts": ptexts["texts"],
        "featureChecksums": ptexts["featureChecksums"],
        "scores": scores,
    }
    json.dump(out, open(os.path.join(models_dir, "parity.json"), "w", encoding="utf8"), ensure_ascii=False, indent=1)
