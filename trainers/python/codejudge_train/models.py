"""Loads the policy model and its tokenizer: the package's tiny model (name "tiny"), or a
transformers causal LM from a local path when transformers is installed."""
from __future__ import annotations

import contextlib

import torch

from .files import load_file
from .tiny_model import TinyCausalLM, TinyConfig
from .tokenizer import ByteTokenizer, HFTokenizer

DTYPES = {"float32": torch.float32, "bfloat16": torch.bfloat16, "float16": torch.float16}


def load_model(cfg: dict, platform: dict):
    """cfg: {name, tiny?, init_checkpoint?, dtype?}. Returns (model, tokenizer, dtype name)."""
    name = cfg.get("name", "tiny")
    dtype_name = cfg.get("dtype", "auto")
    if dtype_name == "auto":
        dtype_name = platform["dtype"]
    if dtype_name not in DTYPES:
        raise ValueError(f"model.dtype: expected auto, {', '.join(DTYPES)}; got {dtype_name!r}")
    device = platform["device"]
    if name == "tiny":
        with seeded(cfg.get("init_seed", 0)):
            model = TinyCausalLM(TinyConfig(**cfg.get("tiny", {})))
        tok = ByteTokenizer()
    elif name == "random-llama":
        # A randomly initialised transformers Llama (no weights to download), with the byte tokenizer.
        try:
            from transformers import LlamaConfig, LlamaForCausalLM
        except ImportError as e:
            raise RuntimeError("model.name random-llama needs transformers, which is not installed") from e
        with seeded(cfg.get("init_seed", 0)):
            model = LlamaForCausalLM(LlamaConfig(**{"vocab_size": ByteTokenizer.vocab_size, **cfg.get("llama", {}),
                                                    "attn_implementation": _config_attention(platform)}))
        tok = ByteTokenizer()
    else:
        try:
            from transformers import AutoModelForCausalLM, AutoTokenizer
        except ImportError as e:
            raise RuntimeError(f"model.name {name!r} needs transformers, which is not installed") from e
        model = AutoModelForCausalLM.from_pretrained(name, torch_dtype=DTYPES[dtype_name],
                                                     attn_implementation=platform.get("attn_implementation", "eager"))
        tok = HFTokenizer(AutoTokenizer.from_pretrained(name))
    if cfg.get("init_checkpoint"):
        state = load_file(cfg["init_checkpoint"])
        model.load_state_dict(state)
    return model.to(device=device, dtype=DTYPES[dtype_name]), tok, dtype_name


@contextlib.contextmanager
def seeded(seed: int):
    """Random initial weights from model.init_seed without touching the job's RNG stream (the job's
    `seed` must still decide sampling). Models are built on the CPU, so only the CPU stream is forked."""
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        yield


def _config_attention(platform: dict) -> str:
    # Flash attention refuses a model built in fp32 (it is cast afterwards), so a built model uses sdpa.
    attn = platform.get("attn_implementation", "eager")
    return "sdpa" if attn == "flash_attention_2" else attn


def disable_dropout(model) -> int:
    """RL compares log-probabilities of the same tokens across passes (old vs new policy, policy vs
    reference, sampling vs training); dropout would turn those ratios into noise, so the RL trainers
    switch it off. nn.Dropout modules get p = 0, and so do the float `attention_dropout`/`dropout`
    attributes that transformers' attention classes pass to functional dropout. Returns how many
    were changed."""
    changed = 0
    for m in model.modules():
        if isinstance(m, torch.nn.Dropout) and m.p != 0:
            m.p = 0.0
            changed += 1
        for attr in ("attention_dropout", "dropout"):
            if isinstance(getattr(m, attr, None), float) and getattr(m, attr) != 0:
                setattr(m, attr, 0.0)
                changed += 1
    return changed


def build_adapter(model, cfg: dict):
    """cfg['adapter']: "tinylora" (default for grpo-tinylora) or "full". Returns (adapter | None, params)."""
    kind = cfg.get("adapter", "full")
    if kind == "full":
        for p in model.parameters():
            p.requires_grad_(True)
        return None, [p for p in model.parameters()]
    if kind == "tinylora":
        from .tinylora import TinyLoRA, TinyLoRAConfig

        adapter = TinyLoRA(model, TinyLoRAConfig(**cfg.get("tinylora", {})))
        return adapter, adapter.parameters()
    raise ValueError(f"adapter: expected tinylora or full, got {kind!r}")
