# case: Grad-CAM for a YOLOv5 detector (yolov5-gradcam) with the deprecated module backward hook replaced by register_full_backward_hook, as the issue does: the target layer 'model_3_cv3_act' is the SiLU of a C3 block, and attempt_load's compatibility loop has set m.inplace = True on every SiLU; a full backward hook wraps the module's input in BackwardHookFunction, and the in-place SiLU then modifies that view, so the detector's warm-up forward in YOLOV5GradCAM.__init__ fails
# source: https://github.com/pooya-mohammadi/yolov5-gradcam/issues/7
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


def autopad(k, p=None):
    return k // 2 if p is None else p


class Conv(nn.Module):
    def __init__(self, c1, c2, k=1, s=1, p=None, g=1, act=True):
        super().__init__()
        self.conv = nn.Conv2d(c1, c2, k, s, autopad(k, p), groups=g, bias=False)
        self.bn = nn.BatchNorm2d(c2)
        self.act = nn.SiLU() if act is True else (act if isinstance(act, nn.Module) else nn.Identity())

    def forward(self, x):
        return self.act(self.bn(self.conv(x)))  # expect: GG004 # raises: RuntimeError: Output 0 of BackwardHookFunction is a view and is being modified inplace


class Bottleneck(nn.Module):
    def __init__(self, c1, c2, shortcut=True, e=0.5):
        super().__init__()
        c_ = int(c2 * e)
        self.cv1, self.cv2 = Conv(c1, c_, 1, 1), Conv(c_, c2, 3, 1)
        self.add = shortcut and c1 == c2

    def forward(self, x):
        return x + self.cv2(self.cv1(x)) if self.add else self.cv2(self.cv1(x))


class C3(nn.Module):
    def __init__(self, c1, c2, n=1, shortcut=True, e=0.5):
        super().__init__()
        c_ = int(c2 * e)
        self.cv1, self.cv2, self.cv3 = Conv(c1, c_, 1, 1), Conv(c1, c_, 1, 1), Conv(2 * c_, c2, 1)
        self.m = nn.Sequential(*(Bottleneck(c_, c_, shortcut, e=1.0) for _ in range(n)))

    def forward(self, x):
        return self.cv3(torch.cat((self.m(self.cv1(x)), self.cv2(x)), dim=1))


class Detect(nn.Module):
    def __init__(self, nc=3, anchors=((4, 5, 8, 10),), ch=(16,), inplace=True):
        super().__init__()
        self.nc, self.no, self.nl, self.na = nc, nc + 5, len(anchors), len(anchors[0]) // 2
        self.grid = [torch.zeros(1)] * self.nl
        self.anchor_grid = [torch.zeros(1)] * self.nl
        self.register_buffer("anchors", torch.tensor(anchors).float().view(self.nl, -1, 2))
        self.m = nn.ModuleList(nn.Conv2d(x, self.no * self.na, 1) for x in ch)
        self.stride = torch.tensor([4.0])
        self.inplace = inplace

    def forward(self, x):
        z, logits_ = [], []
        for i in range(self.nl):
            x[i] = self.m[i](x[i])
            bs, _, ny, nx = x[i].shape
            x[i] = x[i].view(bs, self.na, self.no, ny, nx).permute(0, 1, 3, 4, 2).contiguous()
            if not self.training:
                if self.grid[i].shape[2:4] != x[i].shape[2:4]:
                    self.grid[i], self.anchor_grid[i] = self._make_grid(nx, ny, i)
                logits = x[i][..., 5:]
                y = x[i].sigmoid()
                if self.inplace:
                    y[..., 0:2] = (y[..., 0:2] * 2.0 - 0.5 + self.grid[i]) * self.stride[i]
                    y[..., 2:4] = (y[..., 2:4] * 2) ** 2 * self.anchor_grid[i]
                z.append(y.view(bs, -1, self.no))
                logits_.append(logits.reshape(bs, -1, self.no - 5))
        return x if self.training else (torch.cat(z, 1), torch.cat(logits_, 1), x)

    def _make_grid(self, nx, ny, i):
        yv, xv = torch.meshgrid([torch.arange(ny), torch.arange(nx)], indexing="ij")
        grid = torch.stack((xv, yv), 2).expand((1, self.na, ny, nx, 2)).float()
        anchor_grid = (self.anchors[i].clone() * self.stride[i]).view((1, self.na, 1, 1, 2)).expand((1, self.na, ny, nx, 2)).float()
        return grid, anchor_grid


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.model = nn.Sequential(Conv(3, 8, 3, 2), C3(8, 8), Conv(8, 16, 3, 2), C3(16, 16), Detect())

    def forward(self, x):
        for m in self.model:
            x = m([x]) if isinstance(m, Detect) else m(x)
        return x


def attempt_load(inplace=True):
    model = Model().eval()
    for m in model.modules():
        if type(m) in (nn.Hardswish, nn.LeakyReLU, nn.ReLU, nn.ReLU6, nn.SiLU, Detect, Model):
            m.inplace = inplace  # torch 1.7.0 compatibility
    return model


class YOLOV5TorchObjectDetector(nn.Module):
    def __init__(self, img_size, confidence=0.1, max_det=2):
        super().__init__()
        self.img_size, self.confidence, self.max_det = img_size, confidence, max_det
        self.model = attempt_load()
        self.model.requires_grad_(True)
        self.model.eval()
        self.model(torch.zeros((1, 3, *self.img_size)))

    def forward(self, img):
        prediction, logits, _ = self.model(img)
        conf = prediction[0, :, 4]
        keep = conf.masked_fill(conf <= self.confidence, -1.0).topk(self.max_det).indices
        boxes, cls_logits = prediction[0][keep][:, :4], logits[0][keep]
        classes = cls_logits.argmax(-1)
        return [boxes[None], classes[None], [[f"class{int(c)}" for c in classes]]], [cls_logits]


def find_yolo_layer(model, layer_name):
    hierarchy = layer_name.split("_")
    target_layer = model.model._modules[hierarchy[0]]
    for h in hierarchy[1:]:
        target_layer = target_layer._modules[h]
    return target_layer


class YOLOV5GradCAM:
    def __init__(self, model, layer_name, img_size=(16, 16)):
        self.model = model
        self.gradients, self.activations = dict(), dict()

        def backward_hook(module, grad_input, grad_output):
            self.gradients["value"] = grad_output[0]

        def forward_hook(module, input, output):
            self.activations["value"] = output

        target_layer = find_yolo_layer(self.model, layer_name)
        target_layer.register_forward_hook(forward_hook)
        target_layer.register_full_backward_hook(backward_hook)
        self.model(torch.zeros(1, 3, *img_size))

    def forward(self, input_img, class_idx=True):
        saliency_maps = []
        b, c, h, w = input_img.size()
        preds, logits = self.model(input_img)
        for logit, cls in zip(logits[0], preds[1][0]):
            score = logit[cls] if class_idx else logit.max()
            self.model.zero_grad()
            score.backward(retain_graph=True)
            gradients, activations = self.gradients["value"], self.activations["value"]
            b, k, u, v = gradients.size()
            weights = gradients.view(b, k, -1).mean(2).view(b, k, 1, 1)
            saliency_map = F.relu((weights * activations).sum(1, keepdim=True))
            saliency_map = F.interpolate(saliency_map, size=(h, w), mode="bilinear", align_corners=False)
            saliency_map_min, saliency_map_max = saliency_map.min(), saliency_map.max()
            saliency_maps.append((saliency_map - saliency_map_min).div(saliency_map_max - saliency_map_min + 1e-7).data)
        return saliency_maps, logits, preds


model = YOLOV5TorchObjectDetector(img_size=(16, 16))
saliency_method = YOLOV5GradCAM(model=model, layer_name="model_3_cv3_act", img_size=(16, 16))
masks, logits, [boxes, _, class_names] = saliency_method.forward(torch.rand(1, 3, 16, 16))
print(len(masks), class_names)
