import torch

from utils.torch_utils import smart_inference_mode


@smart_inference_mode()
def run(data, weights=None, model=None, conf_thres=0.001, half=True, training=False):
    """Validate a model; called from training with the model object (training=True) or standalone."""
    if training:
        model.half() if half else model.float()
    else:
        model = model.fuse()
    model.eval()
    stats = []
    for images, targets in data:
        images = images.half() if half else images.float()
        preds = model(images)
        stats.append(torch.stack([p[..., 4].float().sigmoid().mean() for p in preds]).mean())
    model.float()
    return torch.stack(stats).mean()
