import torch
import torch.nn as nn
import torch.nn.init as init
import torch.optim as optim

from .nets import D_Net, G_Net


class AdversarialLoss(nn.Module):
    def __init__(self, type="nsgan", target_real_label=1.0, target_fake_label=0.0):
        super().__init__()
        self.type = type
        self.register_buffer("real_label", torch.tensor(target_real_label))
        self.register_buffer("fake_label", torch.tensor(target_fake_label))
        self.criterion = nn.BCELoss() if type == "nsgan" else nn.MSELoss()

    def __call__(self, outputs, is_real, is_disc=None):
        labels = (self.real_label if is_real else self.fake_label).expand_as(outputs)
        return self.criterion(outputs, labels)


class InpaintingModel(nn.Module):
    def __init__(self, g_lr, d_lr, l1_weight, gan_weight):
        super().__init__()
        self.generator = G_Net(input_channels=3)
        self.discriminator = D_Net(in_channels=3, use_sigmoid=True)
        self.l1_loss = nn.L1Loss()
        self.adversarial_loss = AdversarialLoss("nsgan")
        self.l1_weight, self.gan_weight = l1_weight, gan_weight
        self.gen_optimizer = optim.Adam(params=self.generator.parameters(), lr=float(g_lr), betas=(0.0, 0.9))
        self.dis_optimizer = optim.Adam(params=self.discriminator.parameters(), lr=float(d_lr), betas=(0.0, 0.9))


def initialize_weights(net_l, scale=1):
    """Kaiming init scaled down through .data, before any forward pass."""
    if not isinstance(net_l, list):
        net_l = [net_l]
    for net in net_l:
        for m in net.modules():
            if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d)):
                init.kaiming_normal_(m.weight, a=0, mode="fan_in")
                m.weight.data *= scale
                if m.bias is not None:
                    m.bias.data.zero_()
