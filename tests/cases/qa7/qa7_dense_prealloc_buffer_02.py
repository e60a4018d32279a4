# case: clean twin: the thread's original forward, torch.cat builds a new tensor at every layer
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
        cat_dim = len(tensor.size()) - 1
        for i in range(self._depth):
            cur_out = self.layers[i](tensor)
            tensor = torch.cat([tensor, cur_out], dim=cat_dim)
        return tensor


net = AbstractDenseNet(in_features=3, depth=3, width=2)
out = net(torch.randn(4, 3))
out.sum().backward()
