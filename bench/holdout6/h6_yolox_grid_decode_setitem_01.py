# source: https://github.com/Megvii-BaseDetection/YOLOX/issues/853
# case: YOLOX head's get_output_and_grid during training: `output[..., :2] = (output[..., :2] + grid) * stride` and `output[..., 2:4] = torch.exp(output[..., 2:4]) * stride` write into the concatenated head output, which no backward node saved (exp saved its own fresh result)
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class YOLOXHead(nn.Module):
    def __init__(self, in_ch=4, num_classes=2, strides=(8, 16)):
        super().__init__()
        self.strides = strides
        self.reg_preds = nn.ModuleList([nn.Conv2d(in_ch, 4, 1) for _ in strides])
        self.obj_preds = nn.ModuleList([nn.Conv2d(in_ch, 1, 1) for _ in strides])
        self.cls_preds = nn.ModuleList([nn.Conv2d(in_ch, num_classes, 1) for _ in strides])
        self.grids = [torch.zeros(1)] * len(strides)

    def get_output_and_grid(self, output, k, stride):
        batch_size, n_ch, hsize, wsize = output.shape
        yv, xv = torch.meshgrid([torch.arange(hsize), torch.arange(wsize)], indexing="ij")
        grid = torch.stack((xv, yv), 2).view(1, 1, hsize, wsize, 2).float()
        self.grids[k] = grid
        output = output.view(batch_size, 1, n_ch, hsize, wsize)
        output = output.permute(0, 1, 3, 4, 2).reshape(batch_size, hsize * wsize, -1)
        grid = grid.view(1, -1, 2)
        output[..., :2] = (output[..., :2] + grid) * stride
        output[..., 2:4] = torch.exp(output[..., 2:4]) * stride
        return output, grid

    def forward(self, xin):
        outputs = []
        for k, (stride, x) in enumerate(zip(self.strides, xin)):
            output = torch.cat([self.reg_preds[k](x), self.obj_preds[k](x).sigmoid(), self.cls_preds[k](x)], 1)
            output, grid = self.get_output_and_grid(output, k, stride)
            outputs.append(output)
        return torch.cat(outputs, 1)


head = YOLOXHead()
feats = [torch.randn(2, 4, 4, 4), torch.randn(2, 4, 2, 2)]
outputs = head(feats)
bbox_preds, obj_preds, cls_preds = outputs[..., :4], outputs[..., 4:5], outputs[..., 5:]
target = torch.rand_like(bbox_preds) * 32
loss = F.l1_loss(bbox_preds, target) + F.binary_cross_entropy(obj_preds, torch.ones_like(obj_preds)) + cls_preds.pow(2).mean()
loss.backward()
