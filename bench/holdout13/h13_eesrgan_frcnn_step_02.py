# case: fix of the EESRGAN joint step: the generator's GAN/pixel/edge losses and the detector loss on self.final_SR are both backpropagated before optimizer_G.step(), so the generator weights the detector's backward needs are still the ones the forward used (the generator is trained by both, as in the end-to-end model)
# source: https://github.com/Jakaria08/EESRGAN/issues/9
from collections import OrderedDict

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class Generator(nn.Module):
    """RRDB-like SR trunk + edge-enhancement subnetwork (EESN) working on a Laplacian of the SR image."""

    def __init__(self, nf=8, scale=2):
        super().__init__()
        self.conv_first = nn.Conv2d(3, nf, 3, 1, 1)
        self.trunk = nn.Sequential(nn.Conv2d(nf, nf, 3, 1, 1), nn.LeakyReLU(0.2), nn.Conv2d(nf, nf, 3, 1, 1))
        self.upconv = nn.Conv2d(nf, nf * scale * scale, 3, 1, 1)
        self.pixel_shuffle = nn.PixelShuffle(scale)
        self.conv_last = nn.Conv2d(nf, 3, 3, 1, 1)
        self.eesn = nn.Sequential(nn.Conv2d(3, nf, 3, 1, 1), nn.LeakyReLU(0.2), nn.Conv2d(nf, 3, 3, 1, 1))
        self.register_buffer("lap_kernel", torch.tensor([[0.0, 1.0, 0.0], [1.0, -4.0, 1.0], [0.0, 1.0, 0.0]]).expand(3, 1, 3, 3).clone())

    def laplacian(self, x):
        return F.conv2d(x, self.lap_kernel, padding=1, groups=3)

    def forward(self, x):
        fea = self.conv_first(x)
        fea = fea + 0.2 * self.trunk(fea)
        fake_H = self.conv_last(F.leaky_relu(self.pixel_shuffle(self.upconv(fea)), 0.2))
        x_lap = self.laplacian(fake_H)
        x_learned_lap_fake = self.eesn(x_lap)
        final_SR = fake_H - x_lap + x_learned_lap_fake
        return fake_H, final_SR, x_learned_lap_fake, x_lap


class Discriminator(nn.Module):
    def __init__(self, nf=8):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(3, nf, 3, 2, 1), nn.BatchNorm2d(nf), nn.LeakyReLU(0.2, True), nn.Conv2d(nf, nf, 3, 2, 1), nn.LeakyReLU(0.2, True))
        self.classifier = nn.Linear(nf * 4 * 4, 1)

    def forward(self, x):
        return self.classifier(self.features(x).flatten(1))


class TinyFRCNN(nn.Module):
    """Stand-in for torchvision's Faster R-CNN: list of images + targets in, dict of losses out."""

    def __init__(self, num_classes=2):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(3, 8, 3, 2, 1), nn.ReLU(), nn.AdaptiveAvgPool2d(2))
        self.cls_head, self.box_head = nn.Linear(32, num_classes), nn.Linear(32, 4)

    def forward(self, images, targets):
        feats = self.body(torch.stack(images)).flatten(1)
        labels = torch.stack([t["labels"][0] for t in targets])
        boxes = torch.stack([t["boxes"][0] for t in targets])
        return {"loss_classifier": F.cross_entropy(self.cls_head(feats), labels), "loss_box_reg": F.smooth_l1_loss(self.box_head(feats), boxes)}


class ESRGAN_EESN_FRCNN_Model:
    def __init__(self, configT):
        self.configT = configT
        self.netG, self.netD, self.netFRCNN = Generator(), Discriminator(), TinyFRCNN()
        self.optimizer_G = torch.optim.Adam(self.netG.parameters(), lr=configT["lr_G"], betas=(0.9, 0.999))
        self.optimizer_D = torch.optim.Adam(self.netD.parameters(), lr=configT["lr_D"], betas=(0.9, 0.999))
        self.optimizer_FRCNN = torch.optim.SGD(self.netFRCNN.parameters(), lr=0.005, momentum=0.9)
        self.cri_pix, self.cri_gan = nn.L1Loss(), nn.BCEWithLogitsLoss()
        self.l_pix_w, self.l_gan_w = configT["pixel_weight"], configT["gan_weight"]
        self.D_update_ratio, self.D_init_iters = configT["D_update_ratio"], configT["D_init_iters"]
        self.log_dict = OrderedDict()

    def feed_data(self, image, targets):
        self.var_L, self.var_H = image["image_lq"], image["image"]
        self.var_ref = image["image"]
        self.targets = targets

    def optimize_parameters(self, step):
        for p in self.netG.parameters():
            p.requires_grad = True
        for p in self.netD.parameters():
            p.requires_grad = False
        self.optimizer_G.zero_grad()
        self.fake_H, self.final_SR, self.x_learned_lap_fake, _ = self.netG(self.var_L)

        l_g_total = 0
        if step % self.D_update_ratio == 0 and step > self.D_init_iters:
            l_g_pix = self.l_pix_w * self.cri_pix(self.fake_H, self.var_H)
            l_g_total += l_g_pix
            pred_g_fake = self.netD(self.fake_H)
            pred_d_real = self.netD(self.var_ref).detach()
            l_g_gan = self.l_gan_w * (self.cri_gan(pred_d_real - torch.mean(pred_g_fake), torch.zeros_like(pred_d_real)) + self.cri_gan(pred_g_fake - torch.mean(pred_d_real), torch.ones_like(pred_g_fake))) / 2
            l_g_total += l_g_gan
            lap_HR = self.netG.laplacian(self.var_H)
            l_e_charbonnier = 5 * (torch.sqrt((self.final_SR - self.var_H) ** 2 + 1e-6).mean() + torch.sqrt((self.x_learned_lap_fake - lap_HR) ** 2 + 1e-6).mean())
            l_g_total += l_e_charbonnier
            l_g_total.backward(retain_graph=True)

        for p in self.netD.parameters():
            p.requires_grad = True
        self.optimizer_D.zero_grad()
        pred_d_real = self.netD(self.var_ref)
        pred_d_fake = self.netD(self.fake_H.detach())
        l_d_real = self.cri_gan(pred_d_real - torch.mean(pred_d_fake), torch.ones_like(pred_d_real))
        l_d_fake = self.cri_gan(pred_d_fake - torch.mean(pred_d_real), torch.zeros_like(pred_d_fake))
        l_d_total = (l_d_real + l_d_fake) / 2
        l_d_total.backward()
        self.optimizer_D.step()

        for p in self.netD.parameters():
            p.requires_grad = False
        # Run FRCNN on the super-resolved images
        self.optimizer_FRCNN.zero_grad()
        self.intermediate_img = self.final_SR
        img_count = self.intermediate_img.size()[0]
        self.intermediate_img = [self.intermediate_img[i] for i in range(img_count)]
        loss_dict = self.netFRCNN(self.intermediate_img, self.targets)
        losses = sum(loss for loss in loss_dict.values())
        losses.backward()
        self.optimizer_FRCNN.step()
        if step % self.D_update_ratio == 0 and step > self.D_init_iters:
            self.optimizer_G.step()
        self.log_dict["l_d_total"] = l_d_total.item()
        self.log_dict["FRCNN_loss"] = losses.item()


configT = {"lr_G": 1e-4, "lr_D": 1e-4, "pixel_weight": 1e-2, "gan_weight": 5e-3, "D_update_ratio": 1, "D_init_iters": 0, "gan_type": "ragan"}
model = ESRGAN_EESN_FRCNN_Model(configT)
data_loader = [({"image_lq": torch.rand(2, 3, 8, 8), "image": torch.rand(2, 3, 16, 16)}, [{"boxes": torch.rand(1, 4), "labels": torch.tensor([1])} for _ in range(2)]) for _ in range(2)]
for step, (image, targets) in enumerate(data_loader, start=1):
    model.feed_data(image, targets)
    model.optimize_parameters(step)
