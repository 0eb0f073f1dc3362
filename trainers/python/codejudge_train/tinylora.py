"""TinyLoRA (Morris et al., "Learning to Reason in 13 Parameters", arXiv 2602.04118).

Each target linear W (out x in) gets a frozen truncated SVD W ~ U diag(S) Vh of rank r, computed in
fp32, and fixed random projections P (u x r x r, scaled by 1/sqrt(r)). The only trainable tensor is
a vector v of size u, shared by a group of nearby modules (tiled tying), initialised to zeros:

    dW = U diag(S) (sum_i v_i P_i) Vh

Names follow PEFT's TinyLoraConfig (r, u, ntie, projection_seed, target_modules); `weight_tying`
is the paper's fraction form of ntie. P comes from a generator of its own, seeded right before it
is built, so rebuilding never depends on the global RNG state.
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field

import torch

from .files import load_file
from torch import nn

DEFAULT_TARGETS = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]
FORMAT = "codejudge-tinylora/1"


@dataclass
class TinyLoRAConfig:
    r: int = 2
    u: int = 64
    # Fraction of the target modules that share one v (0: every module its own v; 1: one v for all).
    weight_tying: float = 0.0
    # Modules per group; when set it overrides weight_tying (PEFT's ntie).
    ntie: int | None = None
    projection_seed: int = 42
    target_modules: list[str] = field(default_factory=lambda: list(DEFAULT_TARGETS))

    def __post_init__(self):
        if self.r <= 0 or self.u <= 0:
            raise ValueError(f"tinylora: r and u must be positive (r={self.r}, u={self.u})")
        if not 0.0 <= self.weight_tying <= 1.0:
            raise ValueError(f"tinylora.weight_tying: must be in [0, 1], got {self.weight_tying}")
        if self.ntie is not None and self.ntie <= 0:
            raise ValueError(f"tinylora.ntie: must be positive, got {self.ntie}")

    def modules_per_group(self, n_modules: int) -> int:
        if self.ntie is not None:
            return min(self.ntie, n_modules)
        return max(1, min(n_modules, round(self.weight_tying * n_modules)))


def is_conv1d(layer: nn.Module) -> bool:
    """transformers' Conv1D (GPT-2's c_attn/c_proj/c_fc): y = x W + b with W stored (in x out),
    the transpose of nn.Linear's layout."""
    return type(layer).__name__ == "Conv1D" and getattr(layer, "weight", None) is not None and layer.weight.dim() == 2


def dense_weight(linear: nn.Module) -> torch.Tensor:
    """The layer's weight as a dense fp32 (out x in) tensor; 4-bit (bitsandbytes) weights are
    dequantised, Conv1D weights transposed."""
    w = linear.weight
    quant_state = getattr(w, "quant_state", None)
    if quant_state is not None:
        import bitsandbytes.functional as bnbf  # only present where the model is quantised

        return bnbf.dequantize_4bit(w.data, quant_state).float()
    return w.detach().float().T if is_conv1d(linear) else w.detach().float()


def build_projections(seed: int, n_modules: int, u: int, r: int) -> list[torch.Tensor]:
    gen = torch.Generator(device="cpu")
    gen.manual_seed(seed)
    return [torch.randn(u, r, r, generator=gen) / math.sqrt(r) for _ in range(n_modules)]


class TinyLoRALinear(nn.Module):
    """Wraps a linear layer; adds the TinyLoRA update, computed in fp32, unless merged."""

    def __init__(self, base: nn.Module, v: nn.Parameter, P: torch.Tensor, r: int):
        super().__init__()
        self.base = base
        for p in base.parameters():
            p.requires_grad_(False)
        U, S, Vh = torch.linalg.svd(dense_weight(base), full_matrices=False)
        dev = base.weight.device
        self.register_buffer("U", U[:, :r].contiguous().to(dev), persistent=False)
        self.register_buffer("S", S[:r].contiguous().to(dev), persistent=False)
        self.register_buffer("Vh", Vh[:r].contiguous().to(dev), persistent=False)
        self.register_buffer("P", P.to(dev), persistent=False)
        self.v = v
        self.merged = False
        self.enabled = True
        self._original: torch.Tensor | None = None

    def mix(self) -> torch.Tensor:
        """sum_i v_i P_i, an r x r matrix (fp32)."""
        return torch.einsum("u,uij->ij", self.v.float(), self.P)

    def delta_weight(self) -> torch.Tensor:
        return (self.U * self.S) @ self.mix() @ self.Vh

    def forward(self, x):
        y = self.base(x)
        if self.merged or not self.enabled:
            return y
        h = x.float() @ self.Vh.T
        h = h @ self.mix().T
        return y + (h @ (self.U * self.S).T).to(y.dtype)

    @property
    def weight(self):
        # Some transformers code reads `proj.weight` (its dtype, its device); it gets the base's.
        return self.base.weight

    def merge(self):
        if self.merged or getattr(self.base.weight, "quant_state", None) is not None:
            # A 4-bit weight cannot hold W + dW; the unmerged fp32 path stays in use.
            return
        w = self.base.weight
        # Keep the exact original so unmerge restores it bit for bit (subtracting in bf16 would not).
        self._original = w.data.clone()
        delta = self.delta_weight()
        w.data.copy_((w.data.float() + (delta.T if is_conv1d(self.base) else delta)).to(w.dtype))
        self.merged = True

    def unmerge(self):
        if not self.merged:
            return
        self.base.weight.data.copy_(self._original)
        self._original = None
        self.merged = False


class TinyLoRA:
    """The adapter over a whole model: its modules, the shared vectors, save/load and merging."""

    def __init__(self, model: nn.Module, config: TinyLoRAConfig, layer_names: list[str] | None = None):
        self.config = config
        names = layer_names or find_targets(model, config.target_modules)
        if not names:
            raise ValueError(f"tinylora.target_modules: no linear layer matches {config.target_modules}")
        self.layer_names = names
        per_group = config.modules_per_group(len(names))
        self.n_groups = math.ceil(len(names) / per_group)
        dev = next(model.parameters()).device
        self.vectors = nn.ParameterList(nn.Parameter(torch.zeros(config.u, device=dev)) for _ in range(self.n_groups))
        projections = build_projections(config.projection_seed, len(names), config.u, config.r)
        self.modules: list[TinyLoRALinear] = []
        for p in model.parameters():
            p.requires_grad_(False)
        for i, name in enumerate(names):
            parent, attr = _parent(model, name)
            wrapped = TinyLoRALinear(getattr(parent, attr), self.vectors[i // per_group], projections[i], config.r)
            setattr(parent, attr, wrapped)
            self.modules.append(wrapped)
        self.model = model

    def parameters(self):
        return list(self.vectors)

    def trainable_count(self) -> int:
        return sum(v.numel() for v in self.vectors)

    def merge(self):
        for m in self.modules:
            m.merge()

    def unmerge(self):
        for m in self.modules:
            m.unmerge()

    def set_enabled(self, enabled: bool):
        for m in self.modules:
            m.enabled = enabled

    def metadata(self, model_id: str = "", dtype: str = "") -> dict:
        return {"format": FORMAT, **asdict(self.config), "groups": self.n_groups, "layer_names": self.layer_names,
                "model_id": model_id, "dtype": dtype}

    def state(self, model_id: str = "", dtype: str = "") -> dict:
        return {"meta": self.metadata(model_id, dtype), "v": [v.detach().cpu().clone() for v in self.vectors]}

    def load_vectors(self, vectors: list[torch.Tensor]):
        if len(vectors) != len(self.vectors):
            raise ValueError(f"tinylora: checkpoint has {len(vectors)} vectors, adapter has {len(self.vectors)}")
        with torch.no_grad():
            for mine, saved in zip(self.vectors, vectors):
                mine.copy_(saved.to(mine.device))

    def save(self, path: str, model_id: str = "", dtype: str = ""):
        torch.save(self.state(model_id, dtype), path)

    @classmethod
    def load(cls, model: nn.Module, path: str) -> "TinyLoRA":
        """Rebuilds the adapter on a fresh base model from a saved file (meta + v)."""
        saved = load_file(path)
        return cls.from_state(model, saved)

    @classmethod
    def from_state(cls, model: nn.Module, saved: dict) -> "TinyLoRA":
        meta = saved["meta"]
        if meta.get("format") != FORMAT:
            raise ValueError(f"tinylora: unknown adapter format {meta.get('format')!r}")
        keys = {"r", "u", "weight_tying", "ntie", "projection_seed", "target_modules"}
        adapter = cls(model, TinyLoRAConfig(**{k: meta[k] for k in keys}), layer_names=meta["layer_names"])
        adapter.load_vectors(saved["v"])
        return adapter


def find_targets(model: nn.Module, targets: list[str]) -> list[str]:
    return [name for name, m in model.named_modules()
            if isinstance(m, nn.Linear) or is_conv1d(m) or type(m).__name__ in ("Linear4bit", "Linear8bitLt")
            if name.split(".")[-1] in targets]


def _parent(model: nn.Module, name: str):
    *path, attr = name.split(".")
    parent = model
    for part in path:
        parent = getattr(parent, part)
    return parent, attr


def merge_and_unload(adapter: TinyLoRA) -> nn.Module:
    """Merges v into the weights and puts the plain linears back: the model a consolidated
    checkpoint holds, with the base model's own parameter names."""
    adapter.merge()
    for name, wrapped in zip(adapter.layer_names, adapter.modules):
        parent, attr = _parent(adapter.model, name)
        wrapped._original = None
        setattr(parent, attr, wrapped.base)
    return adapter.model
