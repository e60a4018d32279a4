# case: pytorch_refinenet (RefineNet semantic segmentation) blocks with nn.ReLU(inplace=True): ChainedResidualPool accumulates the pooled residuals into x in place (`x += out`, three times) although block1's MaxPool2d and the in-place ReLU saved x; its leading in-place ReLU re-modifies the single-input block's feature map that the (discarded) RCU's in-place ReLU saved, and the block's output ResidualConvUnit applies its in-place ReLU to the CRP output
# source: https://github.com/thomasjpfan/pytorch_refinenet/issues/2
import torch
import torch.nn as nn


class ResidualConvUnit(nn.Module):
    def __init__(self, features):
        super().__init__()
        self.conv1 = nn.Conv2d(features, features, kernel_size=3, stride=1, padding=1, bias=True)
        self.conv2 = nn.Conv2d(features, features, kernel_size=3, stride=1, padding=1, bias=False)
        self.relu = nn.ReLU(inplace=True)

    def forward(self, x):
        out = self.relu(x)  # expect: GG002
        out = self.conv1(out)
        out = self.relu(out)
        out = self.conv2(out)
        return out + x


class MultiResolutionFusion(nn.Module):
    def __init__(self, out_feats, *shapes):
        super().__init__()
        _, max_size = max(shapes, key=lambda x: x[1])
        for i, shape in enumerate(shapes):
            feat, size = shape
            scale_factor = max_size // size
            if scale_factor != 1:
                self.add_module(f"resolve{i}", nn.Sequential(
                    nn.Conv2d(feat, out_feats, kernel_size=3, stride=1, padding=1, bias=False),
                    nn.Upsample(scale_factor=scale_factor, mode="bilinear")))
            else:
                self.add_module(f"resolve{i}", nn.Conv2d(feat, out_feats, kernel_size=3, stride=1, padding=1, bias=False))

    def forward(self, *xs):
        output = self.resolve0(xs[0])
        for i, x in enumerate(xs[1:], 1):
            output += self.__getattr__(f"resolve{i}")(x)
        return output


class ChainedResidualPool(nn.Module):
    def __init__(self, feats):
        super().__init__()
        self.relu = nn.ReLU(inplace=True)
        self.block1 = nn.Sequential(nn.MaxPool2d(kernel_size=5, stride=1, padding=2),
                                    nn.Conv2d(feats, feats, kernel_size=3, stride=1, padding=1, bias=False))
        self.block2 = nn.Sequential(nn.MaxPool2d(kernel_size=5, stride=1, padding=2),
                                    nn.Conv2d(feats, feats, kernel_size=3, stride=1, padding=1, bias=False))
        self.block3 = nn.Sequential(nn.MaxPool2d(kernel_size=5, stride=1, padding=2),
                                    nn.Conv2d(feats, feats, kernel_size=3, stride=1, padding=1, bias=False))

    def forward(self, x):
        x = self.relu(x)  # expect: GG002
        out = self.block1(x)  # saver
        x += out  # expect: GG002
        out = self.block2(out)
        x += out  # expect: GG002
        out = self.block3(out)
        x += out  # expect: GG002
        return x


class RefineNetBlock(nn.Module):
    def __init__(self, features, *shapes):
        super().__init__()
        for i, shape in enumerate(shapes):
            feats = shape[0]
            self.add_module(f"rcu{i}", nn.Sequential(ResidualConvUnit(feats), ResidualConvUnit(feats)))
        self.mrf = MultiResolutionFusion(features, *shapes) if len(shapes) != 1 else None
        self.crp = ChainedResidualPool(features)
        self.output_conv = ResidualConvUnit(features)

    def forward(self, *xs):
        for i, x in enumerate(xs):
            x = self.__getattr__(f"rcu{i}")(x)
        if self.mrf is not None:
            out = self.mrf(*xs)
        else:
            out = xs[0]
        out = self.crp(out)
        return self.output_conv(out)


class RefineNet2Cascade(nn.Module):
    """Two-stage cascade of the repository's RefineNet4Cascade, on a small conv+BN backbone stand-in."""

    def __init__(self, input_shape=(3, 32), num_classes=2, features=8):
        super().__init__()
        _, size = input_shape
        self.layer1 = nn.Sequential(nn.Conv2d(3, 8, 3, stride=4, padding=1), nn.BatchNorm2d(8))
        self.layer2 = nn.Sequential(nn.Conv2d(8, 16, 3, stride=2, padding=1), nn.BatchNorm2d(16))
        self.layer1_rn = nn.Conv2d(8, features, kernel_size=3, stride=1, padding=1, bias=False)
        self.layer2_rn = nn.Conv2d(16, 2 * features, kernel_size=3, stride=1, padding=1, bias=False)
        self.refinenet2 = RefineNetBlock(2 * features, (2 * features, size // 8))
        self.refinenet1 = RefineNetBlock(features, (2 * features, size // 8), (features, size // 4))
        self.output_conv = nn.Sequential(ResidualConvUnit(features), ResidualConvUnit(features),
                                         nn.Conv2d(features, num_classes, kernel_size=1, stride=1, padding=0, bias=True))

    def forward(self, x):
        layer_1 = self.layer1(x)
        layer_2 = self.layer2(layer_1)
        layer_1_rn = self.layer1_rn(layer_1)
        layer_2_rn = self.layer2_rn(layer_2)
        path_2 = self.refinenet2(layer_2_rn)
        path_1 = self.refinenet1(path_2, layer_1_rn)
        return self.output_conv(path_1)


torch.manual_seed(0)
net = RefineNet2Cascade(input_shape=(3, 32), num_classes=2)
x = torch.randn(2, 3, 32, 32)
target = torch.randn(2, 2, 8, 8)
output = net(x)
criterion = nn.MSELoss()
loss = criterion(output, target)
net.zero_grad()
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
