"""Consolidation of real DeepSpeed 0.14.5 ZeRO-2 and ZeRO-3 checkpoints (two ranks, CPU, gloo), made
by test/trainers/fixtures/deepspeed-zero/make-checkpoints.py; expected.pt holds the logits the
DeepSpeed engine itself computed after training, so the check does not trust our own reader."""
import os
import shutil
import sys

import pytest
import torch

from codejudge_train.consolidate import consolidate, read_hf_weights
from codejudge_train.deepspeed_zero import read_zero_checkpoint
from codejudge_train.tiny_model import TinyCausalLM, TinyConfig

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "test", "trainers",
                        "fixtures", "deepspeed-zero")


def expected(stage):
    return torch.load(os.path.join(FIXTURES, f"zero{stage}", "expected.pt"), weights_only=False)


@pytest.mark.parametrize("stage", [2, 3])
def test_a_real_zero_checkpoint_consolidates_into_one_folder_whose_reload_gives_deepspeeds_logits(tmp_path, stage):
    e = expected(stage)
    assert e["zero_stage"] == stage and e["deepspeed"] == "0.14.5"
    build = lambda: TinyCausalLM(TinyConfig(**e["config"]))
    out = str(tmp_path / "hf")
    info = consolidate(os.path.join(FIXTURES, f"zero{stage}"), out, {"model_type": "codejudge-tiny", **e["config"]}, build)
    assert info["source_kind"].startswith("deepspeed-zero") and info["verify_max_abs_diff"] == 0.0
    weights = [n for n in os.listdir(out) if n in ("model.safetensors", "pytorch_model.bin")]
    assert len(weights) == 1
    fresh = build()
    fresh.load_state_dict(read_hf_weights(out))
    with torch.no_grad():
        logits = fresh(input_ids=e["input_ids"]).logits
    assert torch.allclose(logits, e["logits"], atol=1e-6, rtol=0)


def test_the_trained_weights_come_from_the_optimizer_partitions_not_the_initialisation():
    torch.manual_seed(0)
    init = TinyCausalLM(TinyConfig(**expected(3)["config"])).state_dict()
    state = read_zero_checkpoint(os.path.join(FIXTURES, "zero3"))
    assert set(state) == set(init)
    assert all(state[k].shape == init[k].shape for k in init)
    assert max(float((state[k] - init[k]).abs().max()) for k in init) > 0.01


def test_reading_without_deepspeed_leaves_no_stand_in_modules_behind():
    read_zero_checkpoint(os.path.join(FIXTURES, "zero2"))
    assert not [n for n in sys.modules if n == "deepspeed" or n.startswith("deepspeed.")]


def test_a_checkpoint_missing_one_ranks_partition_is_refused_naming_the_folder(tmp_path):
    copy = tmp_path / "zero3"
    shutil.copytree(os.path.join(FIXTURES, "zero3"), copy)
    os.remove(copy / "global_step2" / "zero_pp_rank_1_mp_rank_00_optim_states.pt")
    with pytest.raises(ValueError, match=r"global_step2: 1 optimizer partition files, but the checkpoint was saved by 2 ranks"):
        read_zero_checkpoint(str(copy))


def test_a_folder_without_latest_needs_the_tag(tmp_path):
    (tmp_path / "global_step9").mkdir()
    with pytest.raises(ValueError, match="no `latest` file"):
        read_zero_checkpoint(str(tmp_path))
