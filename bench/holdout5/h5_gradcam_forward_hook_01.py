# source: https://github.com/jacobgil/pytorch-grad-cam/pull/183
# case: the PR's ActivationsAndGradients: a forward hook stores the detached activation and registers a tensor hook on the target layer's output for the gradient (instead of a full backward hook), so the in-place ReLU after the target conv works
import torch
import torch.nn as nn


class ActivationsAndGradients:
    def __init__(self, model, target_layer, reshape_transform):
        self.model = model
        self.gradients = []
        self.activations = []
        self.reshape_transform = reshape_transform
        self.handles = []
        self.handles.append(target_layer.register_forward_hook(self.save_activation))
        self.handles.append(target_layer.register_forward_hook(self.save_gradient))

    def save_activation(self, module, input, output):
        activation = output
        if self.reshape_transform is not None:
            activation = self.reshape_transform(activation)
        self.activations.append(activation.cpu().detach())

    def save_gradient(self, module, input, output):
        if not hasattr(output, "requires_grad") or not output.requires_grad:
            return

        def _store_grad(grad):
            if self.reshape_transform is not None:
                grad = self.reshape_transform(grad)
            self.gradients = [grad.cpu().detach()] + self.gradients

        output.register_hook(_store_grad)

    def __call__(self, x):
        self.gradients = []
        self.activations = []
        return self.model(x)


model = nn.Sequential(
    nn.Conv2d(3, 8, 3, padding=1), nn.BatchNorm2d(8),
    nn.Conv2d(8, 8, 3, padding=1), nn.ReLU(inplace=True),
    nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(8, 5),
)
model.eval()
target_layer = model[2]
extractor = ActivationsAndGradients(model, target_layer, None)
output = extractor(torch.randn(1, 3, 8, 8))
model.zero_grad()
output[0, 3].backward(retain_graph=True)
weights = extractor.gradients[0].mean(dim=(2, 3), keepdim=True)
cam = torch.relu((weights * extractor.activations[0]).sum(1))
print(cam.shape)
