import torch
import torch.nn as nn

import utils

from . import AdversarialLoss, InpaintingLoss, backbone

__all__ = ["PartialCompletionContentCGAN"]


class PartialCompletionContentCGAN(nn.Module):
    def __init__(self, params, dist_model=False):
        super().__init__()
        self.params = params
        self.model = backbone.__dict__[params["backbone_arch"]](**params["backbone_param"])
        self.model = backbone.FixModule(self.model)
        self.world_size = 1
        self.optim = torch.optim.Adam(filter(lambda p: p.requires_grad, self.model.parameters()), lr=params["lr"])
        self.netD = backbone.__dict__[params["discriminator"]](**params["discriminator_params"])
        self.netD = backbone.FixModule(self.netD)
        self.optimD = torch.optim.Adam(self.netD.parameters(), lr=params["lr"] * params["d2g_lr"], betas=(0.0, 0.9))
        self.criterion = InpaintingLoss()
        self.gan_criterion = AdversarialLoss(type=params["gan_type"])

    def set_input(self, rgb, visible_mask, modal, rgb_gt=None):
        self.rgb = rgb
        self.visible_mask3 = visible_mask.repeat(1, 3, 1, 1)
        self.rgb_gt = rgb_gt

    def step(self):
        output, _ = self.model(self.rgb, self.visible_mask3)

        # discriminator loss
        dis_real, _ = self.netD(self.rgb_gt)
        dis_fake, _ = self.netD(output.detach())
        dis_real_loss = self.gan_criterion(dis_real, True, True) / self.world_size
        dis_fake_loss = self.gan_criterion(dis_fake, False, True) / self.world_size
        dis_loss = (dis_real_loss + dis_fake_loss) / 2

        # generator adversarial loss
        gen_loss = 0
        gen_fake, _ = self.netD(output)
        gen_gan_loss = self.gan_criterion(gen_fake, True, False) * self.params["adv_loss_weight"] / self.world_size
        gen_loss += gen_gan_loss

        # other losses
        loss_dict = self.criterion(self.rgb, self.visible_mask3, output, self.rgb_gt)
        for key, coef in self.params["lambda_dict"].items():
            gen_loss += coef * loss_dict[key]
        loss_dict["dis"] = dis_loss
        loss_dict["adv"] = gen_gan_loss

        # update
        self.optim.zero_grad()
        gen_loss.backward()
        utils.average_gradients(self.model)
        self.optim.step()

        self.optimD.zero_grad()
        dis_loss.backward()
        utils.average_gradients(self.netD)
        self.optimD.step()
        return loss_dict
