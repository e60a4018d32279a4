# case: look-alike: inference with the unchanged attention-augmented hand-pose model (in-place q *= dkh ** -0.5 on a split view, x[x > 1.] = 1. on the ReLU output) in eval mode under torch.no_grad(): views created without grad mode may be modified in place and nothing is saved for backward, so predicting keypoints runs
# source: https://github.com/hanchenchen/Attention-A-Lightweight-2D-Hand-Pose-Estimation-Approach-Pytorch/issues/4
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
config = {"ARB": "ARB_Add"}


class Mish(nn.Module):
    def forward(self, inputs):
        return inputs * nn.Tanh()(nn.Softplus()(inputs))


class BlurPool(nn.Module):
    def __init__(self, channels, filt_size=3, stride=2):
        super().__init__()
        self.stride = stride
        a = np.array([1.0, 2.0, 1.0])
        filt = torch.Tensor(a[:, None] * a[None, :])
        filt = filt / torch.sum(filt)
        self.register_buffer("filt", filt[None, None, :, :].repeat((channels, 1, 1, 1)))
        self.pad = nn.ReflectionPad2d([1, 1, 1, 1])

    def forward(self, inp):
        return F.conv2d(self.pad(inp), self.filt, stride=self.stride, groups=inp.shape[1])


class DepthwiseConv2d(nn.Conv2d):
    def __init__(self, in_channels, depth_multiplier=1, kernel_size=3, stride=1, padding=0, bias=True):
        super().__init__(in_channels, in_channels * depth_multiplier, kernel_size, stride=stride, padding=padding, groups=in_channels, bias=bias)


class AugmentedConv(nn.Module):
    def __init__(self, in_channels, out_channels, kernel_size, dk, dv, Nh, shape=0, relative=False, stride=1):
        super().__init__()
        self.out_channels, self.kernel_size = out_channels, kernel_size
        self.dk, self.dv, self.Nh = int(dk * out_channels), int(dv * out_channels), Nh
        self.shape, self.relative = shape, relative
        assert self.dk % self.Nh == 0 and self.dv % self.Nh == 0
        self.conv_out = nn.Conv2d(in_channels, out_channels - self.dv, kernel_size, stride=stride, padding=(kernel_size - 1) // 2)
        self.qkv_conv = nn.Conv2d(in_channels, 2 * self.dk + self.dv, kernel_size=1)
        self.attn_out = nn.Conv2d(self.dv, self.dv, kernel_size=1)
        if self.relative:
            self.key_rel_w = nn.Parameter(torch.randn((2 * self.shape - 1, self.dk // self.Nh), requires_grad=True))
            self.key_rel_h = nn.Parameter(torch.randn((2 * self.shape - 1, self.dk // self.Nh), requires_grad=True))

    def forward(self, x):
        _x = F.pad(x, (0, 1, 0, 1), mode="constant", value=0) if not (self.kernel_size % 2) else x
        conv_out = self.conv_out(_x)
        batch, _, height, width = conv_out.size()
        flat_q, flat_k, flat_v, q, k, v = self.compute_flat_qkv(x, self.dk, self.dv, self.Nh)
        logits = torch.matmul(flat_q.transpose(2, 3), flat_k)
        if self.relative:
            h_rel_logits, w_rel_logits = self.relative_logits(q)
            logits += h_rel_logits
            logits += w_rel_logits
        weights = F.softmax(logits, dim=-1)
        attn_out = torch.matmul(weights, flat_v.transpose(2, 3))
        attn_out = torch.reshape(attn_out, (batch, self.Nh, self.dv // self.Nh, height, width))
        attn_out = self.attn_out(torch.reshape(attn_out, (batch, self.dv, height, width)))
        return torch.cat((conv_out, attn_out), dim=1)

    def compute_flat_qkv(self, x, dk, dv, Nh):
        qkv = self.qkv_conv(x)
        N, _, H, W = qkv.size()
        q, k, v = torch.split(qkv, [dk, dk, dv], dim=1)
        q = self.split_heads_2d(q, Nh)
        k = self.split_heads_2d(k, Nh)
        v = self.split_heads_2d(v, Nh)
        dkh = dk // Nh
        q *= dkh**-0.5
        flat_q = torch.reshape(q, (N, Nh, dk // Nh, H * W))
        flat_k = torch.reshape(k, (N, Nh, dk // Nh, H * W))
        flat_v = torch.reshape(v, (N, Nh, dv // Nh, H * W))
        return flat_q, flat_k, flat_v, q, k, v

    def split_heads_2d(self, x, Nh):
        batch, channels, height, width = x.size()
        return torch.reshape(x, (batch, Nh, channels // Nh, height, width))

    def relative_logits(self, q):
        B, Nh, dk, H, W = q.size()
        q = torch.transpose(q, 2, 4).transpose(2, 3)
        rel_logits_w = self.relative_logits_1d(q, self.key_rel_w, H, W, Nh, "w")
        rel_logits_h = self.relative_logits_1d(torch.transpose(q, 2, 3), self.key_rel_h, W, H, Nh, "h")
        return rel_logits_h, rel_logits_w

    def relative_logits_1d(self, q, rel_k, H, W, Nh, case):
        rel_logits = torch.einsum("bhxyd,md->bhxym", q, rel_k)
        rel_logits = self.rel_to_abs(torch.reshape(rel_logits, (-1, Nh * H, W, 2 * W - 1)))
        rel_logits = torch.unsqueeze(torch.reshape(rel_logits, (-1, Nh, H, W, W)), dim=3).repeat((1, 1, 1, H, 1, 1))
        if case == "w":
            rel_logits = torch.transpose(rel_logits, 3, 4)
        else:
            rel_logits = torch.transpose(rel_logits, 2, 4).transpose(4, 5).transpose(3, 5)
        return torch.reshape(rel_logits, (-1, Nh, H * W, H * W))

    def rel_to_abs(self, x):
        B, Nh, L, _ = x.size()
        x = torch.cat((x, torch.zeros((B, Nh, L, 1)).to(x)), dim=3)
        flat_x = torch.reshape(x, (B, Nh, L * 2 * L))
        flat_x_padded = torch.cat((flat_x, torch.zeros((B, Nh, L - 1)).to(x)), dim=2)
        return torch.reshape(flat_x_padded, (B, Nh, L + 1, 2 * L - 1))[:, :, :L, L - 1 :]


def aug_block(in_channels, out_channels, kernel_size, dk, dv, Nh, shape):
    return nn.Sequential(AugmentedConv(in_channels, out_channels, kernel_size, dk, dv, Nh, relative=True, shape=shape), nn.BatchNorm2d(out_channels), Mish())


class ARB_Add(nn.Module):
    def __init__(self, in_channels, out_channels, kernel_size, aug=True, dk=0.1, dv=0.1, Nh=4, shape=224):
        super().__init__()
        self.kernel_size, self.aug = kernel_size, aug
        self.conv1 = nn.Sequential(nn.Conv2d(in_channels, out_channels * 4, 1), nn.BatchNorm2d(out_channels * 4), Mish(), DepthwiseConv2d(out_channels * 4, kernel_size=kernel_size, padding=(kernel_size - 1) // 2), nn.BatchNorm2d(out_channels * 4), Mish())
        if self.aug:
            self.attention_aug = aug_block(out_channels * 4, out_channels * 4, kernel_size, dk, dv, Nh, shape)
        self.conv2 = nn.Sequential(nn.Conv2d(out_channels * 4, out_channels, kernel_size=1), nn.BatchNorm2d(out_channels), Mish())

    def forward(self, inputs):
        x = self.conv1(inputs)
        if self.aug:
            x = torch.add(self.attention_aug(x), x)
        return self.conv2(x)


class Dense(nn.Module):
    def __init__(self, in_channels, growth_rate, kernel_size, iteration, Nh=4, aug=True, shape=224):
        super().__init__()
        self.iteration = iteration
        ARB = eval(config["ARB"])
        self.arb = nn.ModuleList([ARB(in_channels + growth_rate * i, growth_rate, kernel_size=kernel_size, aug=aug, dk=0.1, dv=0.1, Nh=Nh, shape=shape) for i in range(iteration)])

    def forward(self, inputs):
        x_list = [inputs]
        for i in range(self.iteration):
            inputs = self.arb[i](inputs)
            x_list.append(inputs)
            inputs = torch.cat(x_list, dim=1)
        return inputs


class Transition(nn.Module):
    def __init__(self, in_channels, out_channels):
        super().__init__()
        self.conv = nn.Conv2d(in_channels, out_channels, kernel_size=1)
        self.activation = BlurPool(out_channels)
        self.batch_normalization = nn.BatchNorm2d(out_channels)

    def forward(self, inputs):
        return self.batch_normalization(self.activation(self.conv(inputs)))


class light_Model(nn.Module):
    def __init__(self, input_shape=8, num_keypoints=3):
        super().__init__()
        self.num_keypoints = num_keypoints
        self.dense1 = Dense(in_channels=3, growth_rate=5, kernel_size=5, iteration=2, Nh=2, aug=False, shape=input_shape)
        self.transition1 = Transition(in_channels=10 + 3, out_channels=8)
        self.dense2 = Dense(in_channels=8, growth_rate=5, kernel_size=3, iteration=2, Nh=2, aug=True, shape=input_shape // 2)
        self.transition2 = Transition(in_channels=10 + 8, out_channels=8)
        self.aug_block = aug_block(in_channels=8, out_channels=20, kernel_size=2, dk=0.1, dv=0.1, Nh=2, shape=input_shape // 4)
        self.avg_pool = nn.AvgPool2d(kernel_size=2, stride=2)
        self.conv = nn.Conv2d(in_channels=20, out_channels=2 * num_keypoints, kernel_size=1)
        self.relu = nn.ReLU()

    def forward(self, inputs):
        x = self.transition1(self.dense1(inputs))
        x = self.transition2(self.dense2(x))
        x = self.aug_block(x)
        x = self.avg_pool(x)
        x = self.conv(x)
        x = self.relu(x)
        x[x > 1.0] = 1.0
        return torch.reshape(x, (-1, self.num_keypoints, 2))


def sum_mse_loss(pred, target):
    return nn.MSELoss(reduction="sum")(pred, target) / float(pred.shape[0])


model = light_Model()
model.eval()
with torch.no_grad():
    for img in [torch.randn(2, 3, 8, 8), torch.randn(1, 3, 8, 8)]:
        label_pred = model(img)
        keypoints = (label_pred * torch.tensor([8.0, 8.0])).round()
