# case: variant written for the set (the opposite half of the maintainer's advice): the constructor's loop sets inplace = True on the nn.Dropout modules only; the prediction head's ReLU is now out of place but still saves its output for backward, and the in-place dropout that follows overwrites that output, so training still fails at loss.backward()
# source: https://github.com/zijundeng/BDRAR/issues/2
import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(0)

args = {
    "iter_num": 2,
    "train_batch_size": 2,
    "lr": 5e-3,
    "lr_decay": 0.9,
    "weight_decay": 5e-4,
    "momentum": 0.9,
    "scale": 32,
}
C = 8  # stands for the 32 channels of the original reduction layers


def conv_bn_relu(in_ch, out_ch, stride=1):
    return nn.Sequential(nn.Conv2d(in_ch, out_ch, 3, stride, 1, bias=False), nn.BatchNorm2d(out_ch), nn.ReLU())


class TinyResNeXt(nn.Module):
    # stand-in for ResNeXt101 (layer0..layer4 with strides 4, 1, 2, 2, 2)
    def __init__(self):
        super().__init__()
        self.layer0 = nn.Sequential(conv_bn_relu(3, 8, 2), nn.MaxPool2d(3, 2, 1))
        self.layer1 = conv_bn_relu(8, 16)
        self.layer2 = conv_bn_relu(16, 24, 2)
        self.layer3 = conv_bn_relu(24, 32, 2)
        self.layer4 = conv_bn_relu(32, 48, 2)


class _AttentionModule(nn.Module):
    def __init__(self):
        super().__init__()
        self.block1 = nn.Sequential(
            nn.Conv2d(2 * C, 2 * C, 1, bias=False), nn.BatchNorm2d(2 * C), nn.ReLU(),
            nn.Conv2d(2 * C, 2 * C, 3, dilation=2, padding=2, groups=C, bias=False), nn.BatchNorm2d(2 * C), nn.ReLU(),
            nn.Conv2d(2 * C, 2 * C, 1, bias=False), nn.BatchNorm2d(2 * C),
        )
        self.block2 = nn.Sequential(
            nn.Conv2d(2 * C, 2 * C, 1, bias=False), nn.BatchNorm2d(2 * C), nn.ReLU(),
            nn.Conv2d(2 * C, C, 1, bias=False), nn.BatchNorm2d(C),
        )
        self.down = nn.Sequential(nn.Conv2d(2 * C, C, 1, bias=False), nn.BatchNorm2d(C))

    def forward(self, x):
        block1 = F.relu(self.block1(x) + x, True)
        block2 = torch.sigmoid(self.block2(block1) + self.down(block1))
        return block2


def refine_block():
    return nn.Sequential(
        nn.Conv2d(2 * C, C, 1, bias=False), nn.BatchNorm2d(C), nn.ReLU(),
        nn.Conv2d(C, C, 3, padding=1, groups=C, bias=False), nn.BatchNorm2d(C), nn.ReLU(),
        nn.Conv2d(C, C, 1, bias=False), nn.BatchNorm2d(C),
    )


class BDRAR(nn.Module):
    def __init__(self):
        super().__init__()
        resnext = TinyResNeXt()
        self.layer0 = resnext.layer0
        self.layer1 = resnext.layer1
        self.layer2 = resnext.layer2
        self.layer3 = resnext.layer3
        self.layer4 = resnext.layer4
        self.down4 = nn.Sequential(nn.Conv2d(48, C, 1, bias=False), nn.BatchNorm2d(C), nn.ReLU())
        self.down3 = nn.Sequential(nn.Conv2d(32, C, 1, bias=False), nn.BatchNorm2d(C), nn.ReLU())
        self.down1 = nn.Sequential(nn.Conv2d(16, C, 1, bias=False), nn.BatchNorm2d(C), nn.ReLU())
        self.refine3_hl = refine_block()
        self.attention3_hl = _AttentionModule()
        self.refine1_hl = refine_block()
        self.attention1_hl = _AttentionModule()
        self.fuse_attention = nn.Sequential(
            nn.Conv2d(2 * C, 4, 3, padding=1, bias=False), nn.BatchNorm2d(4), nn.ReLU(), nn.Conv2d(4, 2, 1)
        )
        self.predict = nn.Sequential(
            nn.Conv2d(C, 4, 3, padding=1, bias=False), nn.BatchNorm2d(4), nn.ReLU(),
            nn.Dropout(0.1), nn.Conv2d(4, 1, 1),  # expect: GG002
        )
        for m in self.modules():
            if isinstance(m, nn.Dropout):
                m.inplace = True

    def forward(self, x):
        layer0 = self.layer0(x)
        layer1 = self.layer1(layer0)
        layer2 = self.layer2(layer1)
        layer3 = self.layer3(layer2)
        layer4 = self.layer4(layer3)
        down4 = self.down4(layer4)
        down3 = self.down3(layer3)
        down1 = self.down1(layer1)

        down4 = F.interpolate(down4, size=down3.size()[2:], mode="bilinear")
        refine3_hl_0 = F.relu(self.refine3_hl(torch.cat((down4, down3), 1)) + down4, True)
        refine3_hl_0 = (1 + self.attention3_hl(torch.cat((down4, down3), 1))) * refine3_hl_0

        refine3_hl_0 = F.interpolate(refine3_hl_0, size=down1.size()[2:], mode="bilinear")
        refine1_hl_0 = F.relu(self.refine1_hl(torch.cat((refine3_hl_0, down1), 1)) + refine3_hl_0, True)
        refine1_hl_0 = (1 + self.attention1_hl(torch.cat((refine3_hl_0, down1), 1))) * refine1_hl_0

        down4 = F.interpolate(down4, size=down1.size()[2:], mode="bilinear")
        predict4_hl = self.predict(down4)
        predict3_hl = self.predict(refine3_hl_0)
        predict1_hl = self.predict(refine1_hl_0)  # saver

        fuse_attention = torch.sigmoid(self.fuse_attention(torch.cat((refine1_hl_0, down4), 1)))
        fuse_predict = torch.sum(fuse_attention * torch.cat((predict1_hl, predict4_hl), 1), 1, True)

        size = x.size()[2:]
        predict4_hl = F.interpolate(predict4_hl, size=size, mode="bilinear")
        predict3_hl = F.interpolate(predict3_hl, size=size, mode="bilinear")
        predict1_hl = F.interpolate(predict1_hl, size=size, mode="bilinear")
        fuse_predict = F.interpolate(fuse_predict, size=size, mode="bilinear")
        if self.training:
            return fuse_predict, predict1_hl, predict3_hl, predict4_hl
        return torch.sigmoid(fuse_predict)


net = BDRAR().train()
optimizer = torch.optim.SGD(
    [
        {"params": [p for n, p in net.named_parameters() if n[-4:] == "bias"], "lr": 2 * args["lr"]},
        {"params": [p for n, p in net.named_parameters() if n[-4:] != "bias"], "lr": args["lr"],
         "weight_decay": args["weight_decay"]},
    ],
    momentum=args["momentum"],
)
bce_logit = nn.BCEWithLogitsLoss()
curr_iter = 0
while curr_iter < args["iter_num"]:
    optimizer.param_groups[0]["lr"] = 2 * args["lr"] * (1 - float(curr_iter) / args["iter_num"]) ** args["lr_decay"]
    optimizer.param_groups[1]["lr"] = args["lr"] * (1 - float(curr_iter) / args["iter_num"]) ** args["lr_decay"]
    inputs = torch.randn(args["train_batch_size"], 3, args["scale"], args["scale"])
    labels = (torch.rand(args["train_batch_size"], 1, args["scale"], args["scale"]) > 0.7).float()
    optimizer.zero_grad()
    fuse_predict, predict1_hl, predict3_hl, predict4_hl = net(inputs)
    loss = bce_logit(fuse_predict, labels) + bce_logit(predict1_hl, labels) + bce_logit(predict3_hl, labels) + bce_logit(predict4_hl, labels)
    loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
    optimizer.step()
    curr_iter += 1
    print(curr_iter, loss.item())
