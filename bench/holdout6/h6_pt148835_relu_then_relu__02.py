# source: https://github.com/pytorch/pytorch/issues/148835
# case: the model with only `F.relu_` after the linear layer: the in-place ReLU rewrites the addmm output, which addmm's backward does not need
import torch


class SimpleModel(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.linear = torch.nn.Linear(10, 10)

    def forward(self, x):
        x = self.linear(x)
        x = torch.nn.functional.relu_(x)
        return x


torch.manual_seed(0)
model = SimpleModel()
inputs = torch.randn(1, 10)
out = model(*inputs)
out.sum().backward()
