import torch

from utils.modes import smart_inference_mode


@smart_inference_mode()
def run(model, batches, half=True):
    """Validate the model given; cast to half precision for speed, back to float after."""
    model.half() if half else model.float()
    model.eval()
    scores = [model(x.half() if half else x).float().pow(2).mean() for x in batches]
    model.float()
    return torch.stack(scores).mean()
