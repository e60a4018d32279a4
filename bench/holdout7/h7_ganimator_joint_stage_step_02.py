# source: https://github.com/PeizhuoLi/ganimator/issues/5
# case: the configuration that works in the issue (skeleton_aware=1): each conv convolves with `self.weight * self.mask`, so the graph saves that product rather than the Parameter; the previous stage's optimizerG.step() changes the Parameter but not the saved product, and the joint update runs (the same stage-by-stage step order)
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class SkeletonConv(nn.Conv1d):
    """Stand-in for the skeleton-aware conv: it convolves with `weight * mask`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.register_buffer("mask", (torch.rand_like(self.weight) > 0.3).float())

    def forward(self, input):
        weight_masked = self.weight * self.mask
        return F.conv1d(input, weight_masked, self.bias, self.stride, self.padding)


class Conv1dModel(nn.Module):
    def __init__(self, channels, kernel_size=3, skeleton_aware=False):
        super().__init__()
        conv1d = SkeletonConv if skeleton_aware else nn.Conv1d
        padding = (kernel_size - 1) // 2
        self.layers = nn.ModuleList()
        for i in range(len(channels) - 1):
            seq = [conv1d(channels[i], channels[i + 1], kernel_size, padding=padding)]
            if i < len(channels) - 2:
                seq.append(nn.LeakyReLU(negative_slope=0.2, inplace=True))
            self.layers.append(nn.Sequential(*seq))
        self.output = None

    def forward(self, input, prev_img=None):
        for layer in self.layers:
            input = layer(input)
        self.output = input
        return input


class GAN_model:
    def __init__(self, gen, disc):
        self.gen, self.disc = gen, disc
        self.optimizerG = torch.optim.Adam(gen.parameters(), lr=1e-3, betas=(0.5, 0.9))
        self.optimizerD = torch.optim.Adam(disc.parameters(), lr=1e-3, betas=(0.5, 0.9))

    def disc_requires_grad_(self, flag):
        for p in self.disc.parameters():
            p.requires_grad_(flag)

    def forward_proxy(self, real, img_base=0):
        self.delta = self.gen.output
        self.real_res = real
        self.fake_res = self.delta + img_base

    def backward_G(self):
        pred_fake = self.disc(self.fake_res)
        self.loss_G = -pred_fake.mean()
        loss_total = self.loss_G
        loss_total.backward(retain_graph=True)

    def optimize_parameters(self, gen=True, disc=True, rec=False):
        if gen:
            self.disc_requires_grad_(False)
            self.optimizerG.zero_grad()
            self.backward_G()
            self.optimizerG.step()


def interpolator(img, length):
    return F.interpolate(img, size=length, mode="linear", align_corners=False)


def draw_example(gens, lengths, amps, n_channel):
    imgs = []
    prev_img = torch.zeros((1, n_channel, lengths[0]))
    for gen, length, amp in zip(gens, lengths, amps):
        prev_img = interpolator(prev_img, length)
        noise = torch.randn((1, n_channel, length)) * amp
        img = gen(noise + prev_img, prev_img) + prev_img
        imgs.append(img)
        prev_img = img
    return imgs


skeleton_aware = True
n_channel, lengths, amps = 4, [6, 9], [1.0, 0.5]
gens = [Conv1dModel([n_channel, 8, n_channel], skeleton_aware=skeleton_aware) for _ in lengths]
gan_models = [GAN_model(g, Conv1dModel([n_channel, 8, 1])) for g in gens]
reals = [torch.randn(1, n_channel, length) for length in lengths]

for iters in range(2):
    imgs = draw_example(gens, lengths, amps, n_channel)
    imgs.append(torch.zeros_like(reals[0]))  # base image for stage 0
    for j in range(len(gan_models)):
        stage_id = j
        gan_models[j].forward_proxy(reals[stage_id], interpolator(imgs[stage_id - 1], lengths[stage_id]))
    optimize_lambda = lambda x: x.optimize_parameters(gen=True, disc=False, rec=False)
    list(map(optimize_lambda, gan_models))
