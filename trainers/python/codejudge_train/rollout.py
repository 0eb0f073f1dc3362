"""Sampling completions and scoring token log-probabilities, for any causal LM whose forward takes
(input_ids, attention_mask, position_ids) and returns .logits."""
from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn.functional as F


@dataclass
class Batch:
    """Prompt + completion sequences, right-padded: tokens at completion_mask positions are scored."""
    input_ids: torch.Tensor  # (B, T)
    attention_mask: torch.Tensor  # (B, T)
    completion_mask: torch.Tensor  # (B, T) float, 1 on completion tokens (EOS included)
    truncated: torch.Tensor  # (B,) bool: hit max_new_tokens without EOS
    completions: list[list[int]]


@torch.no_grad()
def sample(model, prompts: list[list[int]], max_new_tokens: int, eos_id: int, pad_id: int,
           temperature: float = 1.0, generator: torch.Generator | None = None) -> list[list[int]]:
    """Samples one completion per prompt (left-padded batch, full recompute each step: simple and
    exact for the tiny model; real models go through transformers' generate instead)."""
    if hasattr(model, "generate") and hasattr(model, "config") and hasattr(model.config, "model_type"):
        return _hf_generate(model, prompts, max_new_tokens, eos_id, pad_id, temperature)
    dev = next(model.parameters()).device
    width = max(len(p) for p in prompts)
    ids = torch.tensor([[pad_id] * (width - len(p)) + p for p in prompts], device=dev)
    mask = torch.tensor([[0] * (width - len(p)) + [1] * len(p) for p in prompts], device=dev)
    done = torch.zeros(len(prompts), dtype=torch.bool, device=dev)
    out: list[list[int]] = [[] for _ in prompts]
    for _ in range(max_new_tokens):
        pos = (mask.cumsum(-1) - 1).clamp(min=0)
        logits = model(input_ids=ids, attention_mask=mask, position_ids=pos).logits[:, -1].float()
        nxt = _draw(logits, temperature, generator)
        for i in range(len(prompts)):
            if not done[i]:
                out[i].append(int(nxt[i]))
        done |= nxt == eos_id
        ids = torch.cat([ids, nxt[:, None]], dim=1)
        mask = torch.cat([mask, (~done | (nxt == eos_id)).long()[:, None]], dim=1)
        if bool(done.all()):
            break
    return out


def _draw(logits, temperature, generator):
    if temperature <= 0:
        return logits.argmax(-1)
    probs = F.softmax(logits / temperature, dim=-1)
    return torch.multinomial(probs.cpu(), 1, generator=generator).squeeze(-1).to(logits.device)


def _hf_generate(model, prompts, max_new_tokens, eos_id, pad_id, temperature):
    dev = next(model.parameters()).device
    width = max(len(p) for p in prompts)
    ids = torch.tensor([[pad_id] * (width - len(p)) + p for p in prompts], device=dev)
    mask = (torch.arange(width, device=dev)[None] >= torch.tensor([width - len(p) for p in prompts], device=dev)[:, None]).long()
    gen = model.generate(input_ids=ids, attention_mask=mask, max_new_tokens=max_new_tokens, do_sample=temperature > 0,
                         temperature=max(temperature, 1e-5), top_k=0, top_p=1.0, eos_token_id=eos_id, pad_token_id=pad_id)
    out = []
    for row in gen[:, width:].tolist():
        seq = []
        for t in row:
            seq.append(t)
            if t == eos_id:
                break
        out.append(seq)
    return out


def make_batch(prompts: list[list[int]], completions: list[list[int]], eos_id: int, pad_id: int,
               max_new_tokens: int, device) -> Batch:
    seqs = [p + c for p, c in zip(prompts, completions)]
    width = max(len(s) for s in seqs)
    ids = torch.full((len(seqs), width), pad_id, dtype=torch.long)
    attn = torch.zeros(len(seqs), width, dtype=torch.long)
    cmask = torch.zeros(len(seqs), width)
    for i, (p, c) in enumerate(zip(prompts, completions)):
        ids[i, : len(p) + len(c)] = torch.tensor(p + c)
        attn[i, : len(p) + len(c)] = 1
        cmask[i, len(p): len(p) + len(c)] = 1
    truncated = torch.tensor([len(c) >= max_new_tokens and (not c or c[-1] != eos_id) for c in completions])
    return Batch(ids.to(device), attn.to(device), cmask.to(device), truncated.to(device), completions)


def token_logprobs(model, batch: Batch, with_entropy: bool = False, with_hidden: bool = False):
    """Per-token log-probabilities of each sequence's own tokens, aligned with batch.input_ids
    (position t holds log p(x_t | x_<t); position 0 is 0)."""
    out = model(input_ids=batch.input_ids, attention_mask=batch.attention_mask, output_hidden_states=with_hidden)
    logits = out.logits[:, :-1].float()
    logp_all = F.log_softmax(logits, dim=-1)
    logp = logp_all.gather(-1, batch.input_ids[:, 1:, None]).squeeze(-1)
    logp = F.pad(logp, (1, 0))
    entropy = None
    if with_entropy:
        entropy = F.pad(-(logp_all.exp() * logp_all).sum(-1), (1, 0))
    hidden = out.hidden_states[-1] if with_hidden else None
    return logp, entropy, hidden
