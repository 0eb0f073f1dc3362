"""Packing for SFT (`sft.packing`, TRL's `packing` with its default best-fit-decreasing strategy):
several tokenized examples share one row of at most `max_length` tokens so a batch carries little
padding. Each example keeps its own position ids (0, 1, ... from its first token), and attention is
block-diagonal causal: a token sees only the earlier tokens of its own example, so the packed logits,
and with them the weighted loss, are those of the examples run one by one."""
from __future__ import annotations

import bisect

import torch

Example = tuple[list[int], list[float]]


def pack_bfd(lengths: list[int], max_length: int) -> list[list[int]]:
    """Best-fit decreasing: examples longest first (ties in data order) each go into the open row
    whose free space is smallest but still fits, or open a new row. Returns rows of example indices,
    in the order the rows were opened. Lengths must already be truncated to max_length."""
    if any(n > max_length or n <= 0 for n in lengths):
        raise ValueError(f"pack_bfd: every length must be in 1..{max_length}, got {lengths}")
    order = sorted(range(len(lengths)), key=lambda i: -lengths[i])
    rows: list[list[int]] = []
    free: list[tuple[int, int]] = []  # (free space, row index), sorted: bisect finds the best fit
    for i in order:
        at = bisect.bisect_left(free, (lengths[i], -1))
        if at == len(free):
            rows.append([i])
            space, row = max_length - lengths[i], len(rows) - 1
        else:
            space, row = free.pop(at)
            rows[row].append(i)
            space -= lengths[i]
        if space > 0:
            bisect.insort(free, (space, row))
    return rows


def pack_examples(examples: list[Example], max_length: int) -> list[list[Example]]:
    """The examples grouped into packed rows (each row a list of examples, at most max_length tokens)."""
    return [[examples[i] for i in row] for row in pack_bfd([len(ids) for ids, _ in examples], max_length)]


def collate_packed(rows: list[list[Example]], pad_id: int, device):
    """Tensors for a batch of packed rows: ids, weights, position ids (reset to 0 at each example)
    and segment ids (the example's index in its row; -1 for padding). The weight at each example's
    first token is zeroed: in a pack that token's target would be predicted from the previous
    example's last token, a prediction the unpacked loss never makes (it uses weights[1:])."""
    width = max(sum(len(ids) for ids, _ in row) for row in rows)
    ids = torch.full((len(rows), width), pad_id, dtype=torch.long)
    w = torch.zeros(len(rows), width)
    pos = torch.zeros(len(rows), width, dtype=torch.long)
    seg = torch.full((len(rows), width), -1, dtype=torch.long)
    for r, row in enumerate(rows):
        at = 0
        for s, (t, ws) in enumerate(row):
            n = len(t)
            ids[r, at: at + n] = torch.tensor(t)
            w[r, at: at + n] = torch.tensor(ws, dtype=torch.float)
            w[r, at] = 0.0
            pos[r, at: at + n] = torch.arange(n)
            seg[r, at: at + n] = s
            at += n
        # Padding gets positions of its own so position-id-driven kernels see it as one more sequence.
        pos[r, at:] = torch.arange(width - at)
    return ids.to(device), w.to(device), pos.to(device), seg.to(device)


def block_causal_mask(seg: torch.Tensor, dtype: torch.dtype) -> torch.Tensor:
    """(batch, 1, t, t) additive mask, transformers' custom 4D form (0 where a query may attend, the
    dtype's minimum elsewhere): same example and not in the future. Padding queries see themselves so
    no softmax row is empty."""
    t = seg.shape[1]
    causal = torch.ones(t, t, dtype=torch.bool, device=seg.device).tril()
    same = (seg[:, :, None] == seg[:, None, :]) & (seg[:, :, None] >= 0)
    allowed = (same & causal) | torch.eye(t, dtype=torch.bool, device=seg.device)
    mask = torch.zeros(allowed.shape, dtype=dtype, device=seg.device)
    return mask.masked_fill(~allowed, torch.finfo(dtype).min)[:, None]


def forward_packed(model, ids: torch.Tensor, pos: torch.Tensor, seg: torch.Tensor):
    """The model's logits on packed rows. With flash attention, transformers finds the example
    boundaries from the position ids (the padding-free path TRL relies on) and takes no 4D mask;
    every other implementation (eager, sdpa, the tiny model) gets the block-diagonal mask."""
    attn = getattr(getattr(model, "config", None), "_attn_implementation", None) or ""
    if attn.startswith("flash"):
        return model(input_ids=ids, position_ids=pos).logits
    dtype = next(model.parameters()).dtype
    return model(input_ids=ids, attention_mask=block_causal_mask(seg, dtype), position_ids=pos).logits
