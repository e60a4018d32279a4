# source: https://github.com/lzx1413/PytorchSSD/issues/72
# case: SSD's L2Norm layer normalises conv4_3 with `x /= norm`; x is the output of VGG's in-place ReLU and was just saved by `x.pow(2)`
import torch
import torch.nn as nn
import torch.nn.init as init


class L2Norm(nn.Module):
    def __init__(self, n_channels, scale):
        super(L2Norm, self).__init__()
        self.n_channels = n_channels
        self.gamma = scale or None
        self.eps = 1e-10
        self.weight = nn.Parameter(torch.Tensor(self.n_channels))
        self.reset_parameters()

    def reset_parameters(self):
        init.constant_(self.weight, self.gamma)

    def forward(self, x):
        norm = x.pow(2).sum(dim=1, keepdim=True).sqrt() + self.eps
        x /= norm  # expect: GG002
        out = self.weight.unsqueeze(0).unsqueeze(2).unsqueeze(3).expand_as(x) * x
        return out


def vgg(cfg, i):
    layers = []
    in_channels = i
    for v in cfg:
        if v == 'M':
            layers += [nn.MaxPool2d(kernel_size=2, stride=2)]
        else:
            conv2d = nn.Conv2d(in_channels, v, kernel_size=3, padding=1)
            layers += [conv2d, nn.ReLU(inplace=True)]
            in_channels = v
    return layers


class SSD(nn.Module):
    def __init__(self, num_classes=3):
        super(SSD, self).__init__()
        self.base = nn.ModuleList(vgg([8, 'M', 16, 16], 3))
        self.L2Norm = L2Norm(16, 20)
        self.extras = nn.ModuleList([nn.Conv2d(16, 16, kernel_size=3, stride=2, padding=1)])
        self.loc = nn.ModuleList([nn.Conv2d(16, 4 * 4, 3, padding=1), nn.Conv2d(16, 4 * 4, 3, padding=1)])
        self.conf = nn.ModuleList([nn.Conv2d(16, 4 * num_classes, 3, padding=1), nn.Conv2d(16, 4 * num_classes, 3, padding=1)])
        self.num_classes = num_classes

    def forward(self, x):
        sources = list()
        loc = list()
        conf = list()

        # apply vgg up to conv4_3 relu
        for k in range(len(self.base)):
            x = self.base[k](x)

        s = self.L2Norm(x)
        sources.append(s)

        for k, v in enumerate(self.extras):
            x = nn.functional.relu(v(x), inplace=True)
            sources.append(x)

        for (x, l, c) in zip(sources, self.loc, self.conf):
            loc.append(l(x).permute(0, 2, 3, 1).contiguous())
            conf.append(c(x).permute(0, 2, 3, 1).contiguous())

        loc = torch.cat([o.view(o.size(0), -1) for o in loc], 1)
        conf = torch.cat([o.view(o.size(0), -1) for o in conf], 1)
        return loc.view(loc.size(0), -1, 4), conf.view(conf.size(0), -1, self.num_classes)


net = SSD()
optimizer = torch.optim.SGD(net.parameters(), lr=1e-3, momentum=0.9)
images = torch.randn(2, 3, 16, 16)
loc_t = torch.randn(2, 320, 4)
conf_t = torch.randint(0, 3, (2, 320))
out = net(images)
optimizer.zero_grad()
loss_l = nn.functional.smooth_l1_loss(out[0], loc_t)
loss_c = nn.functional.cross_entropy(out[1].reshape(-1, 3), conf_t.reshape(-1))
loss = loss_l + loss_c
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
optimizer.step()
