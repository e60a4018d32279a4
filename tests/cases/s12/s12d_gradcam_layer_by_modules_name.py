# case: Grad-CAM finds its target layer by walking `_modules` with the parts of a name ("body_1_act") and registers a full backward hook on it; that SiLU was switched to inplace=True by a compatibility loop over `type(m)`, so it writes the view BackwardHookFunction made of its input and raises
import torch
import torch.nn as nn

torch.manual_seed(0)


class ConvBlock(nn.Module):
    def __init__(self, c1, c2):
        super().__init__()
        self.conv = nn.Conv2d(c1, c2, 3, padding=1, bias=False)
        self.bn = nn.BatchNorm2d(c2)
        self.act = nn.SiLU()

    def forward(self, x):
        return self.act(self.bn(self.conv(x)))  # expect: GG004  # raises: RuntimeError: Output 0 of BackwardHookFunction is a view and is being modified inplace


class Detector(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(ConvBlock(3, 4), ConvBlock(4, 4))
        self.head = nn.Conv2d(4, 2, 1)

    def forward(self, x):
        return self.head(self.body(x))


def load_model(inplace=True):
    model = Detector()
    for m in model.modules():
        if type(m) in (nn.ReLU, nn.SiLU, nn.Hardswish):
            m.inplace = inplace
    return model


def find_layer(model, layer_name):
    parts = layer_name.split("_")
    layer = model._modules[parts[0]]
    for part in parts[1:]:
        layer = layer._modules[part]
    return layer


class GradCAM:
    def __init__(self, model, layer_name):
        self.model = model
        self.grads = {}

        def backward_hook(module, grad_input, grad_output):
            self.grads["value"] = grad_output[0]

        find_layer(model, layer_name).register_full_backward_hook(backward_hook)

    def __call__(self, img):
        score = self.model(img)[:, 1].mean()
        score.backward()
        return self.grads["value"].mean()


cam = GradCAM(load_model(), "body_1_act")
print(float(cam(torch.rand(1, 3, 8, 8))))
