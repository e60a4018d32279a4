# case: DenseNet-style block filling one preallocated buffer in place: each layer reads buffer[:, :width_so_far] (saved by the Linear) and its output is written into the next columns of the same buffer
# source: https://discuss.pytorch.org/t/inplace-cat-buffer/75832
import torch


class AbstractDenseNet(torch.nn.Module):
    def __init__(self, in_features: int, depth: int, width: int):
        super(AbstractDenseNet, self).__init__()
        self._depth = depth
        self._width = width
        self._in_features = in_features
        self._out_features = in_features + width * depth
        self.layers = torch.nn.ModuleList(
            [self.get_layer(in_features=in_features + i * width, out_features=width) for i in range(depth)]
        )

    def get_layer(self, in_features: int, out_features: int) -> torch.nn.Module:
        return torch.nn.Linear(in_features, out_features)

    def forward(self, tensor: torch.Tensor) -> torch.Tensor:
        buffer = tensor.new_zeros(tensor.size(0), self._out_features)
        buffer[:, : self._in_features] = tensor
        for i in range(self._depth):
            start = self._in_features + i * self._width
            cur_out = self.layers[i](buffer[:, :start])  # saver
            buffer[:, start : start + self._width] = cur_out  # expect: GG002
        return buffer


net = AbstractDenseNet(in_features=3, depth=3, width=2)
out = net(torch.randn(4, 3))
out.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
