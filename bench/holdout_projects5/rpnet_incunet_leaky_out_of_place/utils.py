import torch
from torch.utils.data import DataLoader, TensorDataset


def make_loader(n_windows=8, window=64, batch_size=4, seed=0):
    """Synthetic ECG windows and Gaussian R-peak proximity targets (stand-in for the CPSC windows)."""
    g = torch.Generator().manual_seed(seed)
    t = torch.arange(window, dtype=torch.float32)
    peaks = torch.randint(8, window - 8, (n_windows, 1), generator=g).float()
    y = torch.exp(-0.5 * ((t - peaks) / 2.0) ** 2).unsqueeze(1)
    x = y + 0.1 * torch.randn(n_windows, 1, window, generator=g)
    return DataLoader(TensorDataset(x, y), batch_size=batch_size, shuffle=False)
