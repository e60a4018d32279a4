import types
import torch
import torch.nn as nn

from ..utils import get_device


def add_gan_loss(model, gan_type="lsgan"):
    """ Add GAN loss to a discriminator (model)
    """

    if hasattr(model, "get_d_loss") and hasattr(model, "get_g_loss"): return model

    gan_loss = GANLoss(gan_type)

    def get_d_loss(self, fake, real):
        """ Get the loss that updates the discriminator
        """

        nonlocal gan_loss

        device = get_device(self)
        gan_loss = gan_loss.to(device)

        pred_real = self(real)
        pred_fake = self(fake.detach())

        loss_fake = gan_loss(pred_fake, False)
        loss_real = gan_loss(pred_real, True)

        loss = (loss_real + loss_fake) * 0.5
        return loss

    def get_g_loss(self, fake, real):
        """ Get the loss that updates the generator
        """

        nonlocal gan_loss

        device = get_device(self)
        gan_loss = gan_loss.to(device)

        pred_fake = self(fake)
        loss = gan_loss(pred_fake, True)

        return loss

    model.__dict__["get_d_loss"] = types.MethodType(get_d_loss, model)
    model.__dict__["get_g_loss"] = types.MethodType(get_g_loss, model)
    return model


class GANLoss(nn.Module):
    """Define different GAN objectives (adopted from pytorch-CycleGAN-and-pix2pix)."""

    def __init__(self, gan_mode, target_real_label=1.0, target_fake_label=0.0):
        super(GANLoss, self).__init__()
        self.register_buffer('real_label', torch.tensor(target_real_label))
        self.register_buffer('fake_label', torch.tensor(target_fake_label))
        self.gan_mode = gan_mode
        if gan_mode == 'lsgan':
            self.loss = nn.MSELoss()
        elif gan_mode == 'vanilla':
            self.loss = nn.BCEWithLogitsLoss()
        elif gan_mode in ['wgangp']:
            self.loss = None
        else:
            raise NotImplementedError('gan mode %s not implemented' % gan_mode)

    def get_target_tensor(self, prediction, target_is_real):
        if target_is_real:
            target_tensor = self.real_label
        else:
            target_tensor = self.fake_label
        return target_tensor.expand_as(prediction)

    def __call__(self, prediction, target_is_real):
        if self.gan_mode in ['lsgan', 'vanilla']:
            target_tensor = self.get_target_tensor(prediction, target_is_real)
            loss = self.loss(prediction, target_tensor)
        elif self.gan_mode == 'wgangp':
            if target_is_real:
                loss = -prediction.mean()
            else:
                loss = prediction.mean()
        return loss
