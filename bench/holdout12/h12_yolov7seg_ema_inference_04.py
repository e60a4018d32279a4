# case: variant written for the set: the EMA helper updates the parameters through ema.parameters() and copies the BatchNorm statistics with b_ema.copy_(b) over ema.buffers(); after val.run has round-tripped the EMA model through fp16 inside inference mode, its buffers are inference tensors and the copy_ outside inference mode fails (the parameter updates through the nn.Parameter objects still pass)
# source: https://github.com/RizwanMunawar/yolov7-segmentation/issues/46
import math
from copy import deepcopy

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


def smart_inference_mode():
    def decorate(fn):
        return torch.inference_mode()(fn)

    return decorate


class Conv(nn.Module):
    def __init__(self, c1, c2, k=3, s=1):
        super().__init__()
        self.conv = nn.Conv2d(c1, c2, k, s, k // 2, bias=False)
        self.bn = nn.BatchNorm2d(c2)
        self.act = nn.SiLU()

    def forward(self, x):
        return self.act(self.bn(self.conv(x)))


class Detect(nn.Module):
    def __init__(self, nc=2, na=2, ch=8):
        super().__init__()
        self.nc, self.na, self.no = nc, na, nc + 5
        self.m = nn.Conv2d(ch, self.no * self.na, 1)
        self.grid = torch.empty(0)

    def forward(self, x):
        x = self.m(x)
        bs, _, ny, nx = x.shape
        x = x.view(bs, self.na, self.no, ny, nx).permute(0, 1, 3, 4, 2).contiguous()
        if self.training:
            return x
        if self.grid.shape[2:4] != x.shape[2:4]:
            yv, xv = torch.meshgrid(torch.arange(ny), torch.arange(nx), indexing="ij")
            self.grid = torch.stack((xv, yv), 2).view(1, 1, ny, nx, 2).float()
        y = x.sigmoid()
        xy = (y[..., :2] * 2 - 0.5 + self.grid) * 4
        return torch.cat((xy, y[..., 2:]), -1).view(bs, -1, self.no), x


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.model = nn.Sequential(Conv(3, 8, 3, 2), Conv(8, 8, 3, 2), Detect())

    def forward(self, x):
        return self.model(x)


class ModelEMA:
    def __init__(self, model, decay=0.9999, tau=2000, updates=0):
        self.ema = deepcopy(model).eval()
        self.updates = updates
        self.decay = lambda x: decay * (1 - math.exp(-x / tau))
        for p in self.ema.parameters():
            p.requires_grad_(False)

    def update(self, model):
        self.updates += 1
        d = self.decay(self.updates)
        with torch.no_grad():
            for p_ema, p in zip(self.ema.parameters(), model.parameters()):
                p_ema.mul_(d).add_(p.detach(), alpha=1 - d)
            for b_ema, b in zip(self.ema.buffers(), model.buffers()):
                b_ema.copy_(b)  # expect: GG005  # raises: RuntimeError: Inplace update to inference tensor outside InferenceMode


def compute_loss(p, targets):
    lobj = F.binary_cross_entropy_with_logits(p[..., 4], targets[..., 4])
    lbox = F.mse_loss(p[..., :4].sigmoid(), targets[..., :4])
    lcls = F.binary_cross_entropy_with_logits(p[..., 5:], targets[..., 5:])
    return (lobj + lbox + lcls) * p.shape[0]


@smart_inference_mode()
def run(data, model=None, half=True, compute_loss=None):
    model.half() if half else model.float()
    model.eval()
    loss = torch.zeros(3)
    for im, targets in data:
        im = im.half() if half else im.float()
        preds, train_out = model(im)
        if compute_loss:
            loss[0] += compute_loss(train_out.float(), targets)
        conf = preds[..., 4].float().sigmoid()
    model.float()
    return (float(conf.mean()), *(loss / len(data)).tolist())


model = Model()
optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.937, nesterov=True)
ema = ModelEMA(model)
amp = True
train_loader = [(torch.rand(2, 3, 16, 16), torch.rand(2, 2, 4, 4, 7)) for _ in range(2)]
val_loader = [(torch.rand(2, 3, 16, 16), torch.rand(2, 2, 4, 4, 7))]
for epoch in range(2):
    model.train()
    for imgs, targets in train_loader:
        pred = model(imgs)
        loss = compute_loss(pred, targets)
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
        ema.update(model)
    results = run(val_loader, model=ema.ema, half=amp, compute_loss=compute_loss)
    print(epoch, results)
