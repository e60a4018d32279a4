from datetime import datetime

import torch

# Debugs the model during training


def debug(model, epoch, modelId=None):
    """Relight a fixed image under a fixed light (the repository also writes the result to disk)."""
    inputL = torch.rand(1, 1, 32, 32)
    sh = torch.zeros(1, 9, 1, 1)
    sh[0, 0] = 0.7

    if epoch == 0:
        modelId = datetime.now().strftime("%d&%m&%Y,%H:%M:%S")

    model.eval()
    with torch.no_grad():
        outputImg, _ = model(inputL, sh, 0)
    model.train(True)
    print("debug image mean:", outputImg.mean().item())
    return modelId
