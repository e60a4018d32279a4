import numpy as np
import torch


class Munch(dict):
    """dict with attribute access (stand-in for the `munch` package)."""

    def __getattr__(self, key):
        try:
            return self[key]
        except KeyError as exc:
            raise AttributeError(key) from exc

    def __setattr__(self, key, value):
        self[key] = value


def maximum_path(durations, mask):
    """Stand-in for the monotonic aligner: token p covers `durations[b, p]` consecutive frames.
    durations: [b, t_t]
    mask: [b, t_t, t_s]
    """
    path = torch.zeros(mask.shape)
    for b in range(mask.shape[0]):
        start = 0
        for p in range(durations.shape[1]):
            dur = int(durations[b, p])
            path[b, p, start:start + dur] = 1
            start += dur
    return path * mask


def mask_from_lens(s2s_attn, input_lengths, mel_lengths):
    mask = torch.zeros_like(s2s_attn)
    for b in range(s2s_attn.shape[0]):
        mask[b, : input_lengths[b], : mel_lengths[b]] = 1
    return mask


def get_data_path_list(train_path=None, val_path=None):
    if train_path is None:
        train_path = "Data/train_list.txt"

    with open(train_path, "r", encoding="utf-8", errors="ignore") as f:
        train_list = f.readlines()

    return train_list, train_list[-2:]


def length_to_mask(lengths):
    mask = torch.arange(lengths.max()).unsqueeze(0).expand(lengths.shape[0], -1).type_as(lengths)
    mask = torch.gt(mask + 1, lengths.unsqueeze(1))
    return mask


# for norm consistency loss
def log_norm(x, mean=-4, std=4, dim=2):
    """
    normalized log mel -> mel -> norm -> log(norm)
    """
    x = torch.log(torch.exp(x * std + mean).norm(dim=dim))
    return x


def recursive_munch(d):
    if isinstance(d, dict):
        return Munch((k, recursive_munch(v)) for k, v in d.items())
    elif isinstance(d, list):
        return [recursive_munch(v) for v in d]
    else:
        return d


def set_seed(seed):
    np.random.seed(seed)
    torch.manual_seed(seed)
