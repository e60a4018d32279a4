# source: https://github.com/pytorch/pytorch/issues/148835
# case: SimpleModel.forward applies `F.relu` and then `F.relu_` to the same tensor: relu_ rewrites the output ReluBackward0 saved (the thread's eager repro)
import torch

torch.set_grad_enabled(True)


class SimpleModel(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.linear = torch.nn.Linear(10, 10)

    def forward(self, x):
        x = self.linear(x)
        x = torch.nn.functional.relu(x)  # saver
        x = torch.nn.functional.relu_(x)  # expect: GG002
        return x


torch.manual_seed(0)
model = SimpleModel()
inputs = torch.randn(1, 10)
compiled_model = model
compiled_out = compiled_model(*inputs)
compiled_out.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
