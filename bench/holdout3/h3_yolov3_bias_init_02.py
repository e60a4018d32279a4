# case: the fix posted in the thread for YOLOv3 smart bias initialization: the view is taken of `bias.data` (no autograd tracking), adjusted in place and wrapped in a new Parameter; no graph is pending, so the Darknet builds and runs a forward/backward cleanly
# source: https://github.com/sovit-123/Traffic-Light-Detection-Using-YOLOv3/issues/4
import math

import torch
import torch.nn as nn


class YOLOLayer(nn.Module):
    def __init__(self, anchors, nc, stride):
        super().__init__()
        self.anchors = torch.Tensor(anchors)
        self.stride = stride
        self.na = len(anchors)
        self.nc = nc
        self.no = nc + 5

    def forward(self, p):
        bs, _, ny, nx = p.shape
        return p.view(bs, self.na, self.no, ny, nx).permute(0, 1, 3, 4, 2).contiguous()


def create_modules(module_defs, img_size, nc=2):
    output_filters = [3]
    module_list = nn.ModuleList()
    yolo_index = -1
    stride = [32, 16, 8]
    for i, mdef in enumerate(module_defs):
        modules = nn.Sequential()
        if mdef["type"] == "convolutional":
            bn = mdef["batch_normalize"]
            filters = mdef["filters"]
            k = mdef["size"]
            modules.add_module("Conv2d", nn.Conv2d(output_filters[-1], filters, k, stride=mdef["stride"],
                                                   padding=k // 2, bias=not bn))
            if bn:
                modules.add_module("BatchNorm2d", nn.BatchNorm2d(filters, momentum=0.03, eps=1e-4))
            if mdef["activation"] == "leaky":
                modules.add_module("activation", nn.LeakyReLU(0.1, inplace=True))
        elif mdef["type"] == "yolo":
            yolo_index += 1
            modules = YOLOLayer(anchors=mdef["anchors"], nc=nc, stride=stride[yolo_index])

            # Initialize preceding Conv2d() bias (https://arxiv.org/pdf/1708.02002.pdf section 3.3)
            j = -1
            bias_ = module_list[j][0].bias.data  # shape(255,)
            bias = bias_[:modules.no * modules.na].view(modules.na, -1)  # shape(3,85)
            bias[:, 4] += math.log(8 / (640 / stride[yolo_index]) ** 2)  # obj (8 objects per 640 image)
            bias[:, 5:] += math.log(0.6 / (modules.nc - 0.99))  # cls (sigmoid(p) = 1/nc)
            module_list[j][0].bias = torch.nn.Parameter(bias.view(-1), requires_grad=True)
            filters = output_filters[-1]
        module_list.append(modules)
        output_filters.append(filters)
    return module_list


class Darknet(nn.Module):
    def __init__(self, module_defs, img_size=(64, 64)):
        super().__init__()
        self.module_defs = module_defs
        self.module_list = create_modules(module_defs, img_size)

    def forward(self, x):
        yolo_out = []
        for module in self.module_list:
            x = module(x)
            if isinstance(module, YOLOLayer):
                yolo_out.append(x)
        return yolo_out


anchors = [[10, 14], [23, 27], [37, 58]]
module_defs = [
    {"type": "convolutional", "batch_normalize": 1, "filters": 8, "size": 3, "stride": 2, "activation": "leaky"},
    {"type": "convolutional", "batch_normalize": 1, "filters": 16, "size": 3, "stride": 2, "activation": "leaky"},
    {"type": "convolutional", "batch_normalize": 0, "filters": 3 * (2 + 5), "size": 1, "stride": 1, "activation": "linear"},
    {"type": "yolo", "anchors": anchors},
]
torch.manual_seed(0)
model = Darknet(module_defs)
out = model(torch.randn(1, 3, 32, 32))
loss = sum(o[..., 4].sigmoid().mean() for o in out)
loss.backward()
print(model.module_list[2][0].bias.grad.shape)
