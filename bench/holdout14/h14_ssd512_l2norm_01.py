# case: SSD512 training step (VGG base built by vgg() with nn.ReLU(inplace=True) layers, extras, multibox heads, MultiBoxLoss with hard negative mining): the conv4_3 source is normalised by L2Norm, whose forward divides its input in place (x /= norm), and that input is the conv4_3 ReLU output which x.pow(2) inside L2Norm saved and which the rest of the VGG base keeps using, so the multibox loss cannot be backpropagated
# source: https://github.com/zhangkaij/ssd512/issues/2
import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.nn.init as init

torch.manual_seed(0)


class L2Norm(nn.Module):
    def __init__(self, n_channels, scale):
        super().__init__()
        self.n_channels = n_channels
        self.gamma = scale or None
        self.eps = 1e-10
        self.weight = nn.Parameter(torch.Tensor(self.n_channels))
        self.reset_parameters()

    def reset_parameters(self):
        init.constant_(self.weight, self.gamma)

    def forward(self, x):
        norm = x.pow(2).sum(1).sqrt() + self.eps  # saver
        x /= norm.unsqueeze(1).expand_as(x)  # expect: GG002
        out = self.weight.unsqueeze(0).unsqueeze(2).unsqueeze(3).expand_as(x) * x
        return out


def log_sum_exp(x):
    x_max = x.data.max()
    return torch.log(torch.sum(torch.exp(x - x_max), 1)) + x_max


class MultiBoxLoss(nn.Module):
    def __init__(self, num_classes, overlap_thresh, prior_for_matching, bkg_label, neg_mining, neg_pos, neg_overlap, encode_target, use_gpu=False):
        super().__init__()
        self.num_classes, self.threshold, self.negpos_ratio = num_classes, overlap_thresh, neg_pos

    def forward(self, predictions, targets):
        loc_data, conf_data, priors = predictions
        num = loc_data.size(0)
        loc_t, conf_t = targets  # match(self.threshold, truths, defaults, ...) stand-in: matched targets per prior
        pos = conf_t > 0
        pos_idx = pos.unsqueeze(pos.dim()).expand_as(loc_data)
        loc_p = loc_data[pos_idx].view(-1, 4)
        loc_t = loc_t[pos_idx].view(-1, 4)
        loss_l = F.smooth_l1_loss(loc_p, loc_t, reduction="sum")
        batch_conf = conf_data.view(-1, self.num_classes)
        loss_c = log_sum_exp(batch_conf) - batch_conf.gather(1, conf_t.view(-1, 1)).squeeze(dim=1)
        loss_c[pos.view(-1)] = 0  # filter out pos boxes for now
        loss_c = loss_c.view(num, -1)
        _, loss_idx = loss_c.sort(1, descending=True)
        _, idx_rank = loss_idx.sort(1)
        num_pos = pos.long().sum(1)
        num_neg = torch.clamp(self.negpos_ratio * num_pos, max=pos.size(1) - 1)
        neg = idx_rank < num_neg.unsqueeze(1).expand_as(idx_rank)
        pos_idx = pos.unsqueeze(2).expand_as(conf_data)
        neg_idx = neg.unsqueeze(2).expand_as(conf_data)
        conf_p = conf_data[(pos_idx + neg_idx).gt(0)].view(-1, self.num_classes)
        targets_weighted = conf_t[(pos + neg).gt(0)]
        loss_c = F.cross_entropy(conf_p, targets_weighted, reduction="sum")
        N = num_pos.data.sum()
        loss_l /= N
        loss_c /= N
        return loss_l, loss_c


class SSD(nn.Module):
    def __init__(self, phase, base, extras, head, num_classes=21, num_loc=4):
        super().__init__()
        self.phase, self.num_classes, self.num_loc = phase, num_classes, num_loc
        self.priors = torch.rand(98, 4)  # PriorBox(v2_512).forward() stand-in
        self.vgg = nn.ModuleList(base)
        self.L2Norm = L2Norm(16, 20)
        self.extras = nn.ModuleList(extras)
        self.loc = nn.ModuleList(head[0])
        self.conf = nn.ModuleList(head[1])
        if phase == "test":
            self.softmax = nn.Softmax(dim=-1)

    def forward(self, x):
        sources, loc, conf = [], [], []
        for k in range(23):  # apply vgg up to conv4_3 relu
            x = self.vgg[k](x)
        s = self.L2Norm(x)
        sources.append(s)
        for k in range(23, len(self.vgg)):  # apply vgg up to fc7
            x = self.vgg[k](x)
        sources.append(x)
        for k, v in enumerate(self.extras):
            x = F.relu(v(x), inplace=True)
            if k % 2 == 1:
                sources.append(x)
        for x, l, c in zip(sources, self.loc, self.conf):
            loc.append(l(x).permute(0, 2, 3, 1).contiguous())
            conf.append(c(x).permute(0, 2, 3, 1).contiguous())
        loc = torch.cat([o.view(o.size(0), -1) for o in loc], 1)
        conf = torch.cat([o.view(o.size(0), -1) for o in conf], 1)
        if self.phase == "test":
            return loc.view(loc.size(0), -1, self.num_loc), self.softmax(conf.view(conf.size(0), -1, self.num_classes)), self.priors
        return loc.view(loc.size(0), -1, self.num_loc), conf.view(conf.size(0), -1, self.num_classes), self.priors


def vgg(cfg, i, batch_norm=False):
    layers = []
    in_channels = i
    for v in cfg:
        if v == "M":
            layers += [nn.MaxPool2d(kernel_size=2, stride=2)]
        elif v == "C":
            layers += [nn.MaxPool2d(kernel_size=2, stride=2, ceil_mode=True)]
        else:
            conv2d = nn.Conv2d(in_channels, v, kernel_size=3, padding=1)
            layers += [conv2d, nn.BatchNorm2d(v), nn.ReLU(inplace=True)] if batch_norm else [conv2d, nn.ReLU(inplace=True)]
            in_channels = v
    pool5 = nn.MaxPool2d(kernel_size=3, stride=1, padding=1)
    conv6 = nn.Conv2d(16, 32, kernel_size=3, padding=6, dilation=6)
    conv7 = nn.Conv2d(32, 32, kernel_size=1)
    return layers + [pool5, conv6, nn.ReLU(inplace=True), conv7, nn.ReLU(inplace=True)]


def add_extras(in_channels):
    return [nn.Conv2d(in_channels, 16, kernel_size=1), nn.Conv2d(16, 32, kernel_size=3, padding=1, stride=2), nn.Conv2d(32, 8, kernel_size=1), nn.Conv2d(8, 16, kernel_size=3, padding=1, stride=2)]


def multibox(vgg, extra_layers, cfg, num_classes=21, num_loc=4):
    loc_layers, conf_layers = [], []
    for k, v in enumerate([21, -2]):
        loc_layers += [nn.Conv2d(vgg[v].out_channels, cfg[k] * num_loc, kernel_size=3, padding=1)]
        conf_layers += [nn.Conv2d(vgg[v].out_channels, cfg[k] * num_classes, kernel_size=3, padding=1)]
    for k, v in enumerate(extra_layers[1::2], 2):
        loc_layers += [nn.Conv2d(v.out_channels, cfg[k] * num_loc, kernel_size=3, padding=1)]
        conf_layers += [nn.Conv2d(v.out_channels, cfg[k] * num_classes, kernel_size=3, padding=1)]
    return vgg, extra_layers, (loc_layers, conf_layers)


base = {"512": [4, 4, "M", 8, 8, "M", 8, 8, 8, "C", 16, 16, 16, "M", 16, 16, 16]}
mbox = {"512": [4, 6, 6, 4]}


def build_ssd(phase, size=512, num_classes=21):
    return SSD(phase, *multibox(vgg(base[str(size)], 3), add_extras(32), mbox[str(size)], num_classes), num_classes)


num_classes = 3
ssd_net = build_ssd("train", 512, num_classes)
optimizer = torch.optim.SGD(ssd_net.parameters(), lr=1e-3, momentum=0.9, weight_decay=5e-4)
criterion = MultiBoxLoss(num_classes, 0.5, True, 0, True, 3, 0.5, False, False)
ssd_net.train()
for iteration in range(2):
    images = torch.randn(2, 3, 32, 32)
    conf_t = torch.zeros(2, 98, dtype=torch.long)
    conf_t[:, :6] = torch.randint(1, num_classes, (2, 6))
    targets = (torch.randn(2, 98, 4), conf_t)
    out = ssd_net(images)
    optimizer.zero_grad()
    loss_l, loss_c = criterion(out, targets)
    loss = loss_l + loss_c
    loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
    optimizer.step()
