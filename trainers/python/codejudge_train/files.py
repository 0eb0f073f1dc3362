"""torch.load for the package's own files (they hold RNG states and metadata, not only tensors;
torch >= 2.6 loads weights only by default)."""
import torch


def load_file(path: str):
    return torch.load(path, map_location="cpu", weights_only=False)
