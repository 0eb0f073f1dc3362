"""SFT with per-token loss weights: tokens inside fenced code blocks weigh `w_code`, the other
assistant tokens `w_noncode` (0 with `mask_noncode`), prompt tokens 0. The loss is
sum(w * nll) / sum(w) over the whole optimizer step, so its scale does not move with the mix of
code and prose. With `packing` (off by default) the examples share rows, attending only within
themselves (packing.py), and the loss is the same as unpacked."""
from __future__ import annotations

import random
import re
import time

import torch
import torch.nn.functional as F

from .job import Job, read_jsonl
from .packing import collate_packed, forward_packed, pack_examples

SFT_DEFAULTS = {"w_code": 1.0, "w_noncode": 1.0, "mask_noncode": False, "batch_size": 8,
                "gradient_accumulation_steps": 1, "max_length": 1024, "add_eos": True, "packing": False}

FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})[^\n]*$", re.MULTILINE)


def code_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of code inside fenced blocks (the fence lines themselves are prose). An
    unclosed fence runs to the end of the text, as Markdown renders it."""
    spans, open_at, marker = [], None, None
    for m in FENCE.finditer(text):
        fence = m.group(1)
        if open_at is None:
            open_at, marker = m.end() + 1, fence
        elif fence[0] == marker[0] and len(fence) >= len(marker) and m.group(0).strip() == fence:
            spans.append((min(open_at, m.start()), m.start()))
            open_at = None
    if open_at is not None and open_at < len(text):
        spans.append((open_at, len(text)))
    return [(a, b) for a, b in spans if b > a]


def segments(text: str) -> list[tuple[str, bool]]:
    """The text cut into (piece, is_code) runs."""
    out, at = [], 0
    for a, b in code_spans(text):
        if a > at:
            out.append((text[at:a], False))
        out.append((text[a:b], True))
        at = b
    if at < len(text):
        out.append((text[at:], False))
    return out


def tokenize_example(tok, prompt: str, completion: str, w_code: float, w_noncode: float,
                     mask_noncode: bool = False, add_eos: bool = True) -> tuple[list[int], list[float]]:
    """Token ids and per-token weights. Each run is tokenized on its own so a token never straddles
    code and prose (exact for the byte tokenizer; with BPE the boundaries may split differently
    from tokenizing the whole text)."""
    ids = tok.encode(prompt, add_bos=True)
    weights = [0.0] * len(ids)
    prose_w = 0.0 if mask_noncode else w_noncode
    for piece, is_code in segments(completion):
        piece_ids = tok.encode(piece)
        ids += piece_ids
        weights += [w_code if is_code else prose_w] * len(piece_ids)
    if add_eos:
        ids.append(tok.eos_token_id)
        weights.append(prose_w)
    return ids, weights


def record_texts(rec: dict, where: str) -> tuple[str, str]:
    if "prompt" in rec and "completion" in rec:
        return rec["prompt"], rec["completion"]
    if "messages" in rec:
        msgs = rec["messages"]
        if not msgs or msgs[-1].get("role") != "assistant":
            raise ValueError(f"{where}: messages must end with an assistant message")
        prompt = "".join(f"<|{m['role']}|>\n{m['content']}\n" for m in msgs[:-1]) + "<|assistant|>\n"
        return prompt, msgs[-1]["content"]
    raise ValueError(f"{where}: expected prompt+completion or messages")


def weighted_loss_sum(logits: torch.Tensor, ids: torch.Tensor, weights: torch.Tensor) -> torch.Tensor:
    """sum over tokens of w_t * nll(x_t | x_<t); the caller divides by the step's total weight."""
    nll = F.cross_entropy(logits[:, :-1].float().reshape(-1, logits.shape[-1]), ids[:, 1:].reshape(-1), reduction="none")
    return (nll.view(ids.shape[0], -1) * weights[:, 1:]).sum()


def pad_batch(examples, pad_id, device):
    width = max(len(ids) for ids, _ in examples)
    ids = torch.full((len(examples), width), pad_id, dtype=torch.long)
    w = torch.zeros(len(examples), width)
    attn = torch.zeros(len(examples), width, dtype=torch.long)
    for i, (t, ws) in enumerate(examples):
        ids[i, : len(t)] = torch.tensor(t)
        w[i, : len(t)] = torch.tensor(ws)
        attn[i, : len(t)] = 1
    return ids.to(device), attn.to(device), w.to(device)


def micro_batch_loss(model, part, packing: bool, pad_id: int, device) -> tuple[torch.Tensor, int]:
    """(sum of w * nll, real tokens) for one micro-batch: examples padded to the longest, or packed
    rows (lists of examples) under the block-diagonal mask."""
    if packing:
        ids, w, pos, seg = collate_packed(part, pad_id, device)
        return weighted_loss_sum(forward_packed(model, ids, pos, seg), ids, w), int((seg >= 0).sum())
    ids, attn, w = pad_batch(part, pad_id, device)
    return weighted_loss_sum(model(input_ids=ids, attention_mask=attn).logits, ids, w), int(attn.sum())


def run_sft(job: Job) -> dict:
    c = {**SFT_DEFAULTS, **job.config.get("sft", {})}
    path = job.config.get("data", {}).get("train")
    if not path:
        raise ValueError("data.train: the SFT records (JSONL) are required")
    examples = []
    for n, rec in enumerate(read_jsonl(path), 1):
        prompt, completion = record_texts(rec, f"{path}:{n}")
        ids, w = tokenize_example(job.tokenizer, prompt, completion, float(c["w_code"]), float(c["w_noncode"]),
                                  bool(c["mask_noncode"]), bool(c["add_eos"]))
        examples.append((ids[: c["max_length"]], w[: c["max_length"]]))
    examples = examples[job.rank:: job.world]
    packing = bool(c["packing"])
    # Packed once up front, as TRL packs its dataset; a batch is then `batch_size` packed rows.
    items = pack_examples(examples, c["max_length"]) if packing else examples
    job.make_optimizer()
    step, _ = job.resume_if_any()
    # The data order is a pure function of the step so a resumed job sees the same batches.
    batches_per_epoch = max(1, len(items) // c["batch_size"])
    accum = int(c["gradient_accumulation_steps"])
    last = {}
    while step < job.max_steps:
        epoch, k = divmod(step, batches_per_epoch)
        perm = list(range(len(items)))
        random.Random(job.seed * 1000003 + epoch).shuffle(perm)
        chosen = [items[i] for i in perm[k * c["batch_size"]: (k + 1) * c["batch_size"]]] or [items[perm[0]]]
        t0 = time.time()
        in_step = [ex for row in chosen for ex in row] if packing else chosen
        total_w = sum(sum(w[1:]) for _, w in in_step) or 1.0
        job.model.train()
        loss_total, tokens = 0.0, 0
        micro = max(1, len(chosen) // accum)
        for a in range(0, len(chosen), micro):
            loss_sum, n = micro_batch_loss(job.model, chosen[a: a + micro], packing, job.tokenizer.pad_token_id, job.device)
            loss = loss_sum / total_w
            loss.backward()
            loss_total += loss.item()
            tokens += n
        grad_norm = job.step_optimizer()
        step += 1
        last = {"loss": loss_total, "grad_norm": grad_norm, "lr": job.lr(), "tokens_per_s": tokens / max(1e-9, time.time() - t0),
                "weight_sum": total_w, "examples": len(in_step)}
        job.metrics.write(step, last)
        job.maybe_save(step)
    job.maybe_save(step, force=True)
    return last
