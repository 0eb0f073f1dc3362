import copy
import os

import pytest
import torch

from codejudge_train.tiny_model import TinyCausalLM, TinyConfig
from codejudge_train.tinylora import TinyLoRA, TinyLoRAConfig, build_projections, merge_and_unload


def tiny(seed=0):
    torch.manual_seed(seed)
    return TinyCausalLM(TinyConfig())


IDS = torch.tensor([[256, 72, 101, 108, 108, 111, 33, 10]])


def set_v(adapter, seed=1, scale=0.5):
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for v in adapter.vectors:
            v.copy_(torch.randn(v.shape, generator=g) * scale)


def test_a_zero_vector_leaves_the_outputs_identical_to_the_base_model():
    model = tiny()
    base = model(input_ids=IDS).logits.clone()
    adapter = TinyLoRA(model, TinyLoRAConfig(u=8))
    assert all(float(v.abs().sum()) == 0.0 for v in adapter.vectors)
    assert torch.equal(model(input_ids=IDS).logits, base)


def test_the_trainable_count_is_u_times_the_number_of_groups():
    n_modules = 7 * 2  # seven projections in each of two layers
    untied = TinyLoRA(tiny(), TinyLoRAConfig(u=5, weight_tying=0.0))
    assert untied.trainable_count() == 5 * n_modules
    all_tied = TinyLoRA(tiny(), TinyLoRAConfig(u=5, weight_tying=1.0))
    assert all_tied.trainable_count() == 5
    model = tiny()
    halves = TinyLoRA(model, TinyLoRAConfig(u=5, weight_tying=0.5))
    assert halves.n_groups == 2 and halves.trainable_count() == 10
    trainable = [p for p in model.parameters() if p.requires_grad]
    assert sum(p.numel() for p in trainable) == 10


def test_tiled_tying_gives_nearby_modules_the_same_vector():
    adapter = TinyLoRA(tiny(), TinyLoRAConfig(u=3, ntie=7))
    first, second = adapter.modules[:7], adapter.modules[7:]
    assert all(m.v is adapter.vectors[0] for m in first)
    assert all(m.v is adapter.vectors[1] for m in second)
    assert adapter.layer_names[0].startswith("layers.0.") and adapter.layer_names[7].startswith("layers.1.")


def test_rebuilding_from_saved_metadata_reproduces_the_projections_whatever_the_global_rng_state(tmp_path):
    torch.manual_seed(123)
    adapter = TinyLoRA(tiny(), TinyLoRAConfig(u=6, projection_seed=7))
    set_v(adapter)
    path = os.path.join(tmp_path, "adapter.pt")
    adapter.save(path, model_id="tiny", dtype="float32")
    torch.manual_seed(999)
    torch.rand(1000)
    rebuilt = TinyLoRA.load(tiny(), path)
    for a, b in zip(adapter.modules, rebuilt.modules):
        assert torch.equal(a.P, b.P)
        assert torch.equal(a.delta_weight(), b.delta_weight())
    saved = torch.load(path)
    assert saved["meta"]["layer_names"] == adapter.layer_names
    assert {k: saved["meta"][k] for k in ("u", "r", "projection_seed", "model_id", "dtype")} == \
        {"u": 6, "r": 2, "projection_seed": 7, "model_id": "tiny", "dtype": "float32"}


def test_projections_are_scaled_by_one_over_root_r_and_seeded_by_their_own_generator():
    gen = torch.Generator().manual_seed(3)
    expected = torch.randn(4, 2, 2, generator=gen) / (2 ** 0.5)
    torch.manual_seed(0)
    assert torch.equal(build_projections(3, 1, 4, 2)[0], expected)


def test_the_update_is_u_sigma_mix_of_projections_v_transposed():
    model = tiny()
    adapter = TinyLoRA(model, TinyLoRAConfig(u=4, r=2))
    set_v(adapter)
    m = adapter.modules[0]
    W = m.base.weight.detach().float()
    U, S, Vh = torch.linalg.svd(W, full_matrices=False)
    mix = sum(m.v[i].detach() * m.P[i] for i in range(4))
    expected = U[:, :2] @ torch.diag(S[:2]) @ mix @ Vh[:2]
    assert torch.allclose(m.delta_weight().detach(), expected, atol=1e-6)


def test_the_merged_forward_equals_the_unmerged_forward_within_fp32_tolerance():
    model = tiny()
    adapter = TinyLoRA(model, TinyLoRAConfig(u=8))
    set_v(adapter)
    with torch.no_grad():
        unmerged = model(input_ids=IDS).logits.clone()
        adapter.merge()
        merged = model(input_ids=IDS).logits.clone()
    assert not torch.allclose(unmerged, tiny()(input_ids=IDS).logits, atol=1e-3)
    assert torch.allclose(merged, unmerged, atol=1e-5, rtol=1e-5)


@pytest.mark.parametrize("dtype", [torch.float32, torch.bfloat16])
def test_merge_then_unmerge_restores_the_weights_exactly(dtype):
    model = tiny().to(dtype)
    before = copy.deepcopy(model.state_dict())
    adapter = TinyLoRA(model, TinyLoRAConfig(u=8))
    set_v(adapter, scale=0.01)
    adapter.merge()
    changed = any(not torch.equal(m.base.weight, before[n + ".weight"]) for n, m in zip(adapter.layer_names, adapter.modules))
    assert changed
    adapter.unmerge()
    for name, m in zip(adapter.layer_names, adapter.modules):
        assert torch.equal(m.base.weight, before[name + ".weight"])


def test_merge_and_unload_gives_the_base_parameter_names_with_the_update_inside():
    model = tiny()
    adapter = TinyLoRA(model, TinyLoRAConfig(u=8))
    set_v(adapter)
    with torch.no_grad():
        expected = model(input_ids=IDS).logits.clone()
    plain = merge_and_unload(adapter)
    assert set(plain.state_dict()) == set(tiny().state_dict())
    with torch.no_grad():
        assert torch.allclose(plain(input_ids=IDS).logits, expected, atol=1e-5)


def test_gradients_reach_only_the_shared_vectors():
    model = tiny()
    adapter = TinyLoRA(model, TinyLoRAConfig(u=4, weight_tying=1.0))
    model(input_ids=IDS).logits.sum().backward()
    assert adapter.vectors[0].grad is not None and float(adapter.vectors[0].grad.abs().sum()) > 0
    assert all(p.grad is None for n, p in model.named_parameters() if not n.endswith(".v"))


def _peft_tinylora():
    try:
        import peft
    except ImportError:
        return None
    return getattr(peft, "TinyLoraConfig", None)


@pytest.mark.skipif(_peft_tinylora() is None,
                    reason="PEFT with TinyLoraConfig is not installed here (Debian ships no peft; no PyPI in CI)")
def test_peft_tinylora_gives_the_same_update_for_the_same_projections_and_vector():
    import peft

    model = tiny()
    reference = copy.deepcopy(model)
    cfg = peft.TinyLoraConfig(r=2, u=4, ntie=1, projection_seed=42, target_modules=["q_proj"], init_weights=False)
    peft_model = peft.get_peft_model(reference, cfg)
    ours = TinyLoRA(model, TinyLoRAConfig(r=2, u=4, projection_seed=42, target_modules=["q_proj"]))
    layers = [m for m in peft_model.modules() if hasattr(m, "merge") and hasattr(m, "base_layer")]
    assert len(layers) == len(ours.modules)
    g = torch.Generator().manual_seed(5)
    for peft_layer, mine in zip(layers, ours.modules):
        vec = torch.randn(4, generator=g) * 0.1
        projections = [b for b in peft_layer.buffers() if tuple(b.shape) == (4, 2, 2)]
        projections += [p for p in peft_layer.parameters() if tuple(p.shape) == (4, 2, 2)]
        vectors = [p for p in peft_layer.parameters() if tuple(p.shape) == (4,)]
        assert projections and vectors, "PEFT's layer keeps P (u x r x r) and v (u)"
        with torch.no_grad():
            vectors[0].copy_(vec)
            mine.v.copy_(vec)
            mine.P.copy_(projections[0].float())
        before = peft_layer.base_layer.weight.detach().clone()
        peft_layer.merge()
        peft_delta = peft_layer.base_layer.weight.detach().float() - before.float()
        peft_layer.unmerge()
        assert torch.allclose(peft_delta, mine.delta_weight().detach(), atol=1e-5)


class Conv1D(torch.nn.Module):
    """transformers' Conv1D as GPT-2 uses it: y = x W + b with W stored (in x out)."""

    def __init__(self, nf, nx):
        super().__init__()
        self.weight = torch.nn.Parameter(torch.randn(nx, nf) * 0.2)
        self.bias = torch.nn.Parameter(torch.zeros(nf))

    def forward(self, x):
        return x @ self.weight + self.bias


class Gpt2ShapedBlock(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.c_attn = Conv1D(24, 8)
        self.c_proj = Conv1D(8, 24)

    def forward(self, x):
        return self.c_proj(torch.tanh(self.c_attn(x)))


def test_conv1d_layers_are_adapted_with_their_transposed_layout_and_merge_exactly():
    torch.manual_seed(0)
    block = Gpt2ShapedBlock()
    x = torch.randn(3, 8)
    with torch.no_grad():
        base = block(x)
    original = {k: v.clone() for k, v in block.state_dict().items()}
    adapter = TinyLoRA(block, TinyLoRAConfig(u=4, target_modules=["c_attn", "c_proj"]))
    assert adapter.layer_names == ["c_attn", "c_proj"]
    # The SVD is of the (out x in) matrix, as for nn.Linear.
    assert adapter.modules[0].U.shape == (24, 2) and adapter.modules[0].Vh.shape == (2, 8)
    with torch.no_grad():
        assert torch.equal(block(x), base)
        for v in adapter.vectors:
            v.normal_()
        unmerged = block(x)
        adapter.merge()
        merged = block(x)
        adapter.unmerge()
    assert not torch.allclose(unmerged, base, atol=1e-3)
    assert torch.allclose(merged, unmerged, atol=1e-5)
    assert torch.equal(block.c_attn.base.weight, original["c_attn.weight"])
    assert torch.equal(block.c_proj.base.weight, original["c_proj.weight"])
