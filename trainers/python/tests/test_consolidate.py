import json
import os

import pytest
import torch

from codejudge_train.consolidate import consolidate, read_hf_weights, save_shards
from codejudge_train.tiny_model import TinyCausalLM, TinyConfig
from codejudge_train.tinylora import TinyLoRA, TinyLoRAConfig


def build(seed=0):
    torch.manual_seed(seed)
    return TinyCausalLM(TinyConfig())


def has_safetensors():
    try:
        import safetensors  # noqa: F401
        return True
    except ImportError:
        return False


def test_shards_from_several_ranks_consolidate_into_one_verified_folder(tmp_path):
    model = build(1)
    shards = str(tmp_path / "shards")
    for rank in range(3):
        save_shards(model.state_dict(), shards, rank, 3)
    assert len([n for n in os.listdir(shards) if n.startswith("shard-")]) == 3
    out = str(tmp_path / "hf")
    info = consolidate(shards, out, {"model_type": "codejudge-tiny", **TinyConfig().to_dict()}, build, source_model=model)
    assert info["source_kind"] == "shards" and info["verify_max_abs_diff"] == 0.0
    weights = read_hf_weights(out)
    assert set(weights) == set(model.state_dict())
    files = set(os.listdir(out))
    assert "config.json" in files
    if has_safetensors():
        assert "model.safetensors" in files
    else:
        assert info["weights"] == "pytorch_model.bin" and "safetensors is not installed" in info["reason"]


def test_a_missing_shard_file_is_an_error(tmp_path):
    shards = str(tmp_path / "shards")
    save_shards(build().state_dict(), shards, 0, 2)
    with pytest.raises(FileNotFoundError):
        consolidate(shards, str(tmp_path / "hf"), {}, build)


def test_a_tinylora_checkpoint_consolidates_into_base_weights_with_v_merged(tmp_path):
    model = build()
    adapter = TinyLoRA(model, TinyLoRAConfig(u=4))
    with torch.no_grad():
        for v in adapter.vectors:
            v.fill_(0.3)
    ids = torch.tensor([[256, 1, 2, 3]])
    with torch.no_grad():
        expected = model(input_ids=ids).logits
    ckpt = tmp_path / "step-000001"
    ckpt.mkdir()
    adapter.save(str(ckpt / "adapter.pt"))
    out = str(tmp_path / "hf")
    info = consolidate(str(ckpt), out, TinyConfig().to_dict(), build)
    assert info["source_kind"] == "tinylora-merged" and info["verify_max_abs_diff"] == 0.0
    fresh = build()
    fresh.load_state_dict(read_hf_weights(out))
    with torch.no_grad():
        assert torch.allclose(fresh(input_ids=ids).logits, expected, atol=1e-5)
    assert json.load(open(os.path.join(out, "consolidation.json")))["tensors"] == len(fresh.state_dict())
