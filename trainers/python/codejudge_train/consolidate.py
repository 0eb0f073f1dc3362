"""Consolidates a checkpoint into one Hugging Face-style folder: config.json and a single
model.safetensors (pytorch_model.bin, with the reason recorded, where safetensors is missing).

Sources: this package's key-partitioned shards (shards.json + shard-K-of-N.pt, as save_shards
writes them under torchrun), a full checkpoint (model.pt), a TinyLoRA checkpoint (adapter.pt:
v is merged into the base weights), or a DeepSpeed ZeRO checkpoint (through DeepSpeed's own
zero_to_fp32 where deepspeed is installed, else deepspeed_zero.py's reader of the same layout).
The result is verified by reloading it into a fresh model and comparing logits with the source."""
from __future__ import annotations

import json
import os

import torch

from .files import load_file


def save_shards(state_dict: dict, out_dir: str, rank: int, world: int):
    """Each rank writes every world-th key (sorted), so no rank holds the whole model on disk."""
    os.makedirs(out_dir, exist_ok=True)
    keys = sorted(state_dict)
    mine = {k: state_dict[k].detach().cpu() for i, k in enumerate(keys) if i % world == rank}
    torch.save(mine, os.path.join(out_dir, f"shard-{rank:05d}-of-{world:05d}.pt"))
    if rank == 0:
        index = {k: f"shard-{i % world:05d}-of-{world:05d}.pt" for i, k in enumerate(keys)}
        with open(os.path.join(out_dir, "shards.json"), "w") as f:
            json.dump({"world_size": world, "weight_map": index}, f, indent=1)


def load_state(src: str, build_base=None) -> tuple[dict, str]:
    """The full state dict a checkpoint folder holds, and what kind of folder it was."""
    if os.path.exists(os.path.join(src, "shards.json")):
        with open(os.path.join(src, "shards.json")) as f:
            index = json.load(f)
        state = {}
        for shard in sorted(set(index["weight_map"].values())):
            state.update(load_file(os.path.join(src, shard)))
        missing = set(index["weight_map"]) - set(state)
        if missing:
            raise ValueError(f"{src}: shards lack {len(missing)} keys, e.g. {sorted(missing)[0]}")
        return state, "shards"
    if os.path.exists(os.path.join(src, "model.pt")):
        return load_file(os.path.join(src, "model.pt")), "full"
    if os.path.exists(os.path.join(src, "adapter.pt")):
        from .tinylora import TinyLoRA, merge_and_unload

        if build_base is None:
            raise ValueError(f"{src}: a TinyLoRA checkpoint needs its base model to merge into")
        model = merge_and_unload(TinyLoRA.load(build_base(), os.path.join(src, "adapter.pt")))
        return {k: v.detach().cpu() for k, v in model.state_dict().items()}, "tinylora-merged"
    from .deepspeed_zero import is_zero_checkpoint, read_zero_checkpoint

    if is_zero_checkpoint(src):
        try:
            from deepspeed.utils.zero_to_fp32 import get_fp32_state_dict_from_zero_checkpoint
        except ImportError:  # the usual case outside DeepSpeed jobs: the package's own reader
            return read_zero_checkpoint(src), "deepspeed-zero"
        return get_fp32_state_dict_from_zero_checkpoint(src), "deepspeed-zero (deepspeed's zero_to_fp32)"
    raise ValueError(f"{src}: no shards.json, model.pt, adapter.pt or DeepSpeed checkpoint found")


def write_hf_folder(state: dict, out_dir: str, config: dict) -> dict:
    os.makedirs(out_dir, exist_ok=True)
    # Clones break shared storage (tied embeddings), which safetensors refuses to write.
    tensors = {k: v.detach().cpu().contiguous().clone() for k, v in state.items()}
    with open(os.path.join(out_dir, "config.json"), "w") as f:
        json.dump(config, f, indent=2)
    try:
        from safetensors.torch import save_file
    except ImportError:
        torch.save(tensors, os.path.join(out_dir, "pytorch_model.bin"))
        return {"weights": "pytorch_model.bin", "reason": "safetensors is not installed; wrote torch.save format"}
    save_file(tensors, os.path.join(out_dir, "model.safetensors"), metadata={"format": "pt"})
    return {"weights": "model.safetensors"}


def read_hf_weights(out_dir: str) -> dict:
    path = os.path.join(out_dir, "model.safetensors")
    if os.path.exists(path):
        from safetensors.torch import load_file as load_safetensors

        return load_safetensors(path)
    return load_file(os.path.join(out_dir, "pytorch_model.bin"))


@torch.no_grad()
def verify(out_dir: str, source_model, build_fresh, vocab_size: int) -> float:
    """Max |logits difference| between the source model and a fresh model loaded from out_dir."""
    fresh = build_fresh()
    fresh.load_state_dict(read_hf_weights(out_dir))
    ids = torch.arange(16)[None] % vocab_size
    dev = next(source_model.parameters()).device
    a = source_model.eval()(input_ids=ids.to(dev)).logits.float().cpu()
    b = fresh.eval().to(dev)(input_ids=ids.to(dev)).logits.float().cpu()
    return float((a - b).abs().max())


def consolidate(src: str, out_dir: str, config: dict, build_base, source_model=None) -> dict:
    """build_base() returns a fresh base model (the architecture of the checkpoint)."""
    state, kind = load_state(src, build_base)
    info = {"source": src, "source_kind": kind, "tensors": len(state), **write_hf_folder(state, out_dir, config)}
    if source_model is None:
        source_model = build_base()
        source_model.load_state_dict(state)
    info["verify_max_abs_diff"] = verify(out_dir, source_model, build_base, int(config.get("vocab_size", 2)))
    with open(os.path.join(out_dir, "consolidation.json"), "w") as f:
        json.dump(info, f, indent=2)
    return info
