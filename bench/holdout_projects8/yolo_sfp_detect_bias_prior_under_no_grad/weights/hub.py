import torch


def load_checkpoint(reference):
    """Stand-in for torch.load('yolov5l.pt'): a checkpoint whose 'model' has the same layout as `reference`."""
    generator = torch.Generator().manual_seed(5)
    state = {}
    for key, value in reference.state_dict().items():
        if value.is_floating_point():
            value = value + 0.01 * torch.randn(value.shape, generator=generator)
        state[key] = value.clone()
    return {"epoch": 299, "model": state}
