# case: generative-inpainting-pytorch train.py: Trainer.forward builds both the WGAN-GP critic losses and the generator's wgan_g loss (which runs localD/globalD on the inpainted result); the loop then does losses['d'].backward(); optimizer_d.step() before losses['g'].backward(), which needs the critic weights the step just updated
# source: https://github.com/daa233/generative-inpainting-pytorch/issues/38
import torch
import torch.nn as nn
from torch import autograd


def local_patch(x, bbox_list):
    patches = []
    for i, bbox in enumerate(bbox_list):
        t, l, h, w = bbox
        patches.append(x[i, :, t:t + h, l:l + w])
    return torch.stack(patches, dim=0)


def spatial_discounting_mask(config):
    h, w = config["mask_shape"]
    return torch.ones(1, 1, h, w)


class Generator(nn.Module):
    def __init__(self, cnum=4):
        super().__init__()
        self.coarse = nn.Sequential(nn.Conv2d(5, cnum, 3, 1, 1), nn.ELU(), nn.Conv2d(cnum, 3, 3, 1, 1))
        self.fine = nn.Sequential(nn.Conv2d(5, cnum, 3, 1, 1), nn.ELU(), nn.Conv2d(cnum, 3, 3, 1, 1))

    def forward(self, x, mask):
        ones = torch.ones_like(mask)
        x1 = torch.clamp(self.coarse(torch.cat([x, ones, mask], dim=1)), -1., 1.)
        x1_inpaint = x1 * mask + x * (1. - mask)
        x2 = torch.clamp(self.fine(torch.cat([x1_inpaint, ones, mask], dim=1)), -1., 1.)
        offset_flow = torch.zeros_like(x)
        return x1, x2, offset_flow


class Dis(nn.Module):
    def __init__(self, size, cnum=4):
        super().__init__()
        self.dis_conv_module = nn.Sequential(nn.Conv2d(3, cnum, 5, 2, 2), nn.LeakyReLU(0.2))
        self.linear = nn.Linear(cnum * (size // 2) ** 2, 1)

    def forward(self, x):
        x = self.dis_conv_module(x)
        return self.linear(x.view(x.size(0), -1))


class Trainer(nn.Module):
    def __init__(self, config):
        super(Trainer, self).__init__()
        self.config = config
        self.netG = Generator()
        self.localD = Dis(config["mask_shape"][0])
        self.globalD = Dis(config["image_shape"][0])
        self.optimizer_g = torch.optim.Adam(self.netG.parameters(), lr=config["lr"], betas=(0.5, 0.9))
        d_params = list(self.localD.parameters()) + list(self.globalD.parameters())
        self.optimizer_d = torch.optim.Adam(d_params, lr=config["lr"], betas=(0.5, 0.9))

    def forward(self, x, bboxes, masks, ground_truth, compute_loss_g=False):
        self.train()
        l1_loss = nn.L1Loss()
        losses = {}
        x1, x2, offset_flow = self.netG(x, masks)
        local_patch_gt = local_patch(ground_truth, bboxes)
        x1_inpaint = x1 * masks + x * (1. - masks)
        x2_inpaint = x2 * masks + x * (1. - masks)
        local_patch_x1_inpaint = local_patch(x1_inpaint, bboxes)
        local_patch_x2_inpaint = local_patch(x2_inpaint, bboxes)

        # D part
        local_patch_real_pred, local_patch_fake_pred = self.dis_forward(
            self.localD, local_patch_gt, local_patch_x2_inpaint.detach())
        global_real_pred, global_fake_pred = self.dis_forward(self.globalD, ground_truth, x2_inpaint.detach())
        losses["wgan_d"] = torch.mean(local_patch_fake_pred - local_patch_real_pred) + \
            torch.mean(global_fake_pred - global_real_pred) * self.config["global_wgan_loss_alpha"]
        local_penalty = self.calc_gradient_penalty(self.localD, local_patch_gt, local_patch_x2_inpaint.detach())
        global_penalty = self.calc_gradient_penalty(self.globalD, ground_truth, x2_inpaint.detach())
        losses["wgan_gp"] = local_penalty + global_penalty

        # G part
        if compute_loss_g:
            sd_mask = spatial_discounting_mask(self.config)
            losses["l1"] = l1_loss(local_patch_x1_inpaint * sd_mask, local_patch_gt * sd_mask) * \
                self.config["coarse_l1_alpha"] + l1_loss(local_patch_x2_inpaint * sd_mask, local_patch_gt * sd_mask)
            losses["ae"] = l1_loss(x1 * (1. - masks), ground_truth * (1. - masks)) * \
                self.config["coarse_l1_alpha"] + l1_loss(x2 * (1. - masks), ground_truth * (1. - masks))
            local_patch_real_pred, local_patch_fake_pred = self.dis_forward(
                self.localD, local_patch_gt, local_patch_x2_inpaint)
            global_real_pred, global_fake_pred = self.dis_forward(self.globalD, ground_truth, x2_inpaint)
            losses["wgan_g"] = - torch.mean(local_patch_fake_pred) - \
                torch.mean(global_fake_pred) * self.config["global_wgan_loss_alpha"]
        return losses, x2_inpaint, offset_flow

    def dis_forward(self, netD, ground_truth, x_inpaint):
        batch_size = ground_truth.size(0)
        batch_output = netD(torch.cat([ground_truth, x_inpaint], dim=0))
        real_pred, fake_pred = torch.split(batch_output, batch_size, dim=0)
        return real_pred, fake_pred

    def calc_gradient_penalty(self, netD, real_data, fake_data):
        batch_size = real_data.size(0)
        alpha = torch.rand(batch_size, 1, 1, 1).expand_as(real_data)
        interpolates = alpha * real_data + (1 - alpha) * fake_data
        interpolates = interpolates.requires_grad_().clone()
        disc_interpolates = netD(interpolates)
        grad_outputs = torch.ones(disc_interpolates.size())
        gradients = autograd.grad(outputs=disc_interpolates, inputs=interpolates, grad_outputs=grad_outputs,
                                  create_graph=True, retain_graph=True, only_inputs=True)[0]
        gradients = gradients.view(batch_size, -1)
        return ((gradients.norm(2, dim=1) - 1) ** 2).mean()


config = {"image_shape": [16, 16, 3], "mask_shape": [8, 8], "lr": 1e-4, "n_critic": 1,
          "global_wgan_loss_alpha": 1.0, "coarse_l1_alpha": 1.2, "wgan_gp_lambda": 10,
          "l1_loss_alpha": 1.2, "ae_loss_alpha": 1.2, "gan_loss_alpha": 0.001, "niter": 2}
trainer = Trainer(config)
trainer_module = trainer
for iteration in range(1, config["niter"] + 1):
    ground_truth = torch.rand(2, 3, 16, 16) * 2 - 1
    bboxes = [(4, 4, 8, 8), (2, 6, 8, 8)]
    mask = torch.zeros(2, 1, 16, 16)
    for i, (t, l, h, w) in enumerate(bboxes):
        mask[i, :, t:t + h, l:l + w] = 1.
    x = ground_truth * (1. - mask)

    compute_g_loss = iteration % config["n_critic"] == 0
    losses, inpainted_result, offset_flow = trainer(x, bboxes, mask, ground_truth, compute_g_loss)

    # Update D
    trainer_module.optimizer_d.zero_grad()
    losses["d"] = losses["wgan_d"] + losses["wgan_gp"] * config["wgan_gp_lambda"]
    losses["d"].backward()
    trainer_module.optimizer_d.step()  # expect: GG002

    # Update G
    if compute_g_loss:
        trainer_module.optimizer_g.zero_grad()
        losses["g"] = losses["l1"] * config["l1_loss_alpha"] \
            + losses["ae"] * config["ae_loss_alpha"] \
            + losses["wgan_g"] * config["gan_loss_alpha"]
        losses["g"].backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
        trainer_module.optimizer_g.step()
