# case: YOLO-style validation under @torch.inference_mode() that casts the model to half precision only off the CPU (`half &= device.type != "cpu"`); on the CPU it calls `model.float()`, which on a float32 model replaces nothing, so the parameters stay normal tensors and the next training step backpropagates
import torch
import torch.nn as nn

torch.manual_seed(0)


@torch.inference_mode()
def validate(model, images, half=True, device=torch.device("cpu")):
    half &= device.type != "cpu"
    model.half() if half else model.float()
    model.eval()
    preds = model(images.half() if half else images.float())
    model.float()
    return preds.mean().item()


model = nn.Sequential(nn.Conv2d(3, 4, 3), nn.BatchNorm2d(4), nn.SiLU(), nn.Flatten(), nn.Linear(4 * 6 * 6, 2))
opt = torch.optim.SGD(model.parameters(), lr=0.1)
device = torch.device("cpu")
for epoch in range(2):
    model.train()
    loss = model(torch.randn(2, 3, 8, 8)).pow(2).mean()
    opt.zero_grad()
    loss.backward()
    opt.step()
    score = validate(model, torch.randn(2, 3, 8, 8), half=True, device=device)
print(round(score, 4))
