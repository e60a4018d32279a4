# case: YOLOv4-style Darknet built from a cfg (list of module_defs) for channel-pruning sparsity training, as in yolov3-channel-and-layer-pruning before its Mish fix: the Mish activation is written x.mul_(F.softplus(x).tanh()), which overwrites the BatchNorm output that softplus saved, so the detection loss cannot be backpropagated (output 0 of a batch-norm node at version 1); the L1 penalty on BN scales is then added to the gradients through .data
# source: https://github.com/tanluren/yolov3-channel-and-layer-pruning/issues/66
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class Mish(nn.Module):  # https://github.com/digantamisra98/Mish
    def forward(self, x):
        return x.mul_(F.softplus(x).tanh())  # expect: GG002 # saver


def create_modules(module_defs):
    hyperparams = module_defs.pop(0)
    output_filters = [int(hyperparams["channels"])]
    module_list = nn.ModuleList()
    routs = []
    for i, mdef in enumerate(module_defs):
        modules = nn.Sequential()
        if mdef["type"] == "convolutional":
            bn = int(mdef["batch_normalize"])
            filters = int(mdef["filters"])
            kernel_size = int(mdef["size"])
            pad = (kernel_size - 1) // 2 if int(mdef["pad"]) else 0
            modules.add_module("Conv2d", nn.Conv2d(output_filters[-1], filters, kernel_size, int(mdef["stride"]), pad, bias=not bn))
            if bn:
                modules.add_module("BatchNorm2d", nn.BatchNorm2d(filters, momentum=0.1))
            if mdef["activation"] == "leaky":
                modules.add_module("activation", nn.LeakyReLU(0.1, inplace=True))
            elif mdef["activation"] == "mish":
                modules.add_module("activation", Mish())
        elif mdef["type"] == "shortcut":
            filters = output_filters[int(mdef["from"])]
            routs.extend([i + int(mdef["from"]) if int(mdef["from"]) < 0 else int(mdef["from"])])
        elif mdef["type"] == "yolo":
            modules = YOLOLayer(int(mdef["classes"]), int(mdef["num"]))
        module_list.append(modules)
        output_filters.append(filters)
    return module_list, routs


class YOLOLayer(nn.Module):
    def __init__(self, nc, na):
        super().__init__()
        self.nc, self.na = nc, na

    def forward(self, p):
        bs, ny, nx = p.shape[0], p.shape[-2], p.shape[-1]
        return p.view(bs, self.na, self.nc + 5, ny, nx).permute(0, 1, 3, 4, 2).contiguous()


class Darknet(nn.Module):
    def __init__(self, module_defs):
        super().__init__()
        self.module_defs = [dict(d) for d in module_defs]
        self.module_list, self.routs = create_modules(self.module_defs)

    def forward(self, x):
        layer_outputs, output = [], []
        for i, (mdef, module) in enumerate(zip(self.module_defs, self.module_list)):
            mtype = mdef["type"]
            if mtype in ["convolutional", "upsample", "maxpool"]:
                x = module(x)
            elif mtype == "shortcut":
                x = x + layer_outputs[int(mdef["from"])]
            elif mtype == "yolo":
                output.append(module(x))
            layer_outputs.append(x if i in self.routs else [])
        return output


class BNOptimizer:
    @staticmethod
    def updateBN(sr_flag, module_list, s, prune_idx):
        if sr_flag:
            for idx in prune_idx:
                bn_module = module_list[idx][1]
                bn_module.weight.grad.data.add_(s * torch.sign(bn_module.weight.data))  # L1


cfg = [
    {"type": "net", "channels": "3"},
    {"type": "convolutional", "batch_normalize": "1", "filters": "8", "size": "3", "stride": "1", "pad": "1", "activation": "mish"},
    {"type": "convolutional", "batch_normalize": "1", "filters": "8", "size": "3", "stride": "2", "pad": "1", "activation": "mish"},
    {"type": "convolutional", "batch_normalize": "1", "filters": "8", "size": "1", "stride": "1", "pad": "1", "activation": "mish"},
    {"type": "shortcut", "from": "-2", "activation": "linear"},
    {"type": "convolutional", "batch_normalize": "0", "filters": "21", "size": "1", "stride": "1", "pad": "1", "activation": "linear"},
    {"type": "yolo", "classes": "2", "num": "3"},
]
model = Darknet(cfg)
prune_idx = [0, 1, 2]
optimizer = torch.optim.SGD(model.parameters(), lr=1e-3, momentum=0.9)

for imgs, targets in [(torch.rand(2, 3, 8, 8), torch.rand(2, 3, 4, 4, 7)) for _ in range(2)]:
    pred = model(imgs)
    loss = sum(F.mse_loss(p[..., :4], t[..., :4]) + F.binary_cross_entropy_with_logits(p[..., 4:], t[..., 4:]) for p, t in zip(pred, [targets]))
    optimizer.zero_grad()
    loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
    BNOptimizer.updateBN(True, model.module_list, 1e-4, prune_idx)
    optimizer.step()
