"""Reads a DeepSpeed ZeRO (stage 1, 2 or 3) checkpoint into one fp32 state dict without DeepSpeed
installed, following the layout DeepSpeed documents for its zero_to_fp32 tool:

    CKPT/latest                                   the tag, e.g. "global_step2"
    CKPT/TAG/mp_rank_00_model_states.pt           stage 1/2: param_shapes, buffers in `module`
    CKPT/TAG/zero_pp_rank_R_mp_rank_00_model_states.pt   stage 3 (one per rank, params are empty)
    CKPT/TAG/zero_pp_rank_R_mp_rank_00_optim_states.pt   each rank's fp32 master partition

Stage 1/2 flatten each parameter group and cut the flat vector into world-size contiguous pieces;
stage 3 cuts every parameter into world-size pieces of ceil(numel / world) elements (the last one
padded) and each rank concatenates its pieces. The optimizer files pickle DeepSpeed classes (the
ZeroStageEnum), so they are unpickled with stand-ins for those classes (only where DeepSpeed itself
is not installed: consolidate uses DeepSpeed's own reader where it is). Only the model's fp32
master weights are read; optimizer moments are not. Verified against real DeepSpeed 0.14.5
output (test/trainers/fixtures/deepspeed-zero)."""
from __future__ import annotations

import contextlib
import importlib.abc
import importlib.machinery
import math
import os
import re
import sys
import types

import torch


class _StandInType(type):
    def __getattr__(cls, name):  # enum members pickle as getattr(EnumClass, "member") on Python 3.11+
        if name.startswith("__"):
            raise AttributeError(name)
        return cls(name)


class _DeepSpeedStandIn(metaclass=_StandInType):
    """Whatever a DeepSpeed class pickled (its constructor arguments and state), kept as data."""

    def __init__(self, *args, **kwargs):
        self.args, self.kwargs, self.state = args, kwargs, None

    def __setstate__(self, state):
        self.state = state


class _StandInModules(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """While loading, `deepspeed` and its submodules import as empty packages whose every attribute
    is a stand-in class. A meta-path finder rather than torch.load's pickle_module because some
    torch builds (Debian's 1.13) ignore pickle_module unless weights_only is set."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname == "deepspeed" or fullname.startswith("deepspeed."):
            return importlib.machinery.ModuleSpec(fullname, self, is_package=True)
        return None

    def create_module(self, spec):
        module = types.ModuleType(spec.name)
        module.__path__ = []
        module.__getattr__ = lambda name: type(name, (_DeepSpeedStandIn,), {"__module__": spec.name})
        return module

    def exec_module(self, module):
        pass


@contextlib.contextmanager
def _deepspeed_stand_ins():
    finder = _StandInModules()
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)
        for name in [n for n in sys.modules if n == "deepspeed" or n.startswith("deepspeed.")]:
            if isinstance(sys.modules[name].__spec__.loader, _StandInModules):
                del sys.modules[name]


def _load(path: str):
    with _deepspeed_stand_ins():
        return torch.load(path, map_location="cpu", weights_only=False)


def is_zero_checkpoint(src: str) -> bool:
    return os.path.isfile(os.path.join(src, "latest")) or any(n.startswith("global_step") for n in os.listdir(src))


def _tag_dir(src: str, tag: str | None) -> str:
    if tag is None:
        latest = os.path.join(src, "latest")
        if not os.path.isfile(latest):
            raise ValueError(f"{src}: no `latest` file naming the checkpoint tag; pass the tag")
        tag = open(latest).read().strip()
    path = os.path.join(src, tag)
    if not os.path.isdir(path):
        raise ValueError(f"{src}: tag {tag!r} from `latest` has no folder")
    return path


def _rank_files(folder: str, suffix: str) -> list[str]:
    pattern = re.compile(rf"(?:.*_)?zero_pp_rank_(\d+)_mp_rank_00_{suffix}\.pt$")
    found = sorted((int(m.group(1)), n) for n in os.listdir(folder) if (m := pattern.match(n)))
    if [r for r, _ in found] != list(range(len(found))):
        raise ValueError(f"{folder}: {suffix} files are not ranks 0..N-1: {[n for _, n in found]}")
    return [os.path.join(folder, n) for _, n in found]


def read_zero_checkpoint(src: str, tag: str | None = None) -> dict[str, torch.Tensor]:
    """The consolidated fp32 state dict (trainable parameters from the optimizer partitions, buffers
    and frozen stage 1/2 parameters from the model states, shared parameters re-aliased)."""
    folder = _tag_dir(src, tag)
    optim_files = _rank_files(folder, "optim_states")
    if not optim_files:
        raise ValueError(f"{folder}: no zero_pp_rank_*_mp_rank_00_optim_states.pt files (model parallel is not supported)")
    optim = [_load(f)["optimizer_state_dict"] for f in optim_files]
    # The stage is read from the layout, not from the pickled ZeroStageEnum (a stand-in here).
    stage = 3 if "fp32_flat_groups" in optim[0] else 2
    model_file = (_rank_files(folder, "model_states") or [None])[0] if stage == 3 \
        else os.path.join(folder, "mp_rank_00_model_states.pt")
    if model_file is None or not os.path.isfile(model_file):
        raise ValueError(f"{folder}: the model states file for ZeRO stage {stage} is missing")
    model = _load(model_file)
    world = len(optim_files)
    saved_by = optim[0].get("partition_count")
    saved_by = max(saved_by) if isinstance(saved_by, (list, tuple)) else saved_by
    if saved_by is not None and int(saved_by) != world:
        raise ValueError(f"{folder}: {world} optimizer partition files, but the checkpoint was saved by {saved_by} ranks")
    state: dict[str, torch.Tensor] = {}
    for name in model.get("buffer_names", []):
        state[name] = model["module"][name].float()
    if stage == 3:
        if model.get("frozen_param_shapes"):
            raise ValueError(f"{folder}: frozen parameters under ZeRO-3 are not supported")
        flats = [torch.cat([g.float() for g in o["fp32_flat_groups"]]) for o in optim]
        shapes = [(n, s) for group in model["param_shapes"] for n, s in group.items()]
        state.update(_unshard_per_parameter(shapes, flats, world, folder))
    else:
        for name, shape in (model.get("frozen_param_shapes") or {}).items():
            state[name] = model["module"][name].float().view(shape)
        for i, group in enumerate(model["param_shapes"]):
            flat = torch.cat([o["single_partition_of_fp32_groups"][i].float() for o in optim])
            state.update(_unflatten(list(group.items()), flat, folder))
    for alias, source in (model.get("shared_params") or {}).items():
        state[alias] = state[source]
    return state


def _unflatten(shapes, flat: torch.Tensor, where: str) -> dict[str, torch.Tensor]:
    out, offset = {}, 0
    for name, shape in shapes:
        n = math.prod(shape)
        if offset + n > flat.numel():
            raise ValueError(f"{where}: the flat fp32 partitions end before parameter {name}")
        out[name] = flat[offset:offset + n].view(shape).clone()
        offset += n
    return out


def _unshard_per_parameter(shapes, flats: list[torch.Tensor], world: int, where: str) -> dict[str, torch.Tensor]:
    out, offset = {}, 0
    for name, shape in shapes:
        n = math.prod(shape)
        piece = math.ceil(n / world)
        if offset + piece > flats[0].numel():
            raise ValueError(f"{where}: the ranks' fp32 partitions end before parameter {name}")
        whole = torch.cat([f[offset:offset + piece] for f in flats])[:n]
        out[name] = whole.view(shape).clone()
        offset += piece
    return out
