import torch


def smart_inference_mode(new_torch=True):
    """inference_mode where the torch version has it, no_grad otherwise, as a decorator."""

    def decorate(fn):
        return (torch.inference_mode if new_torch else torch.no_grad)()(fn)

    return decorate
