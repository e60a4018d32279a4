# case: fix of the EraseNet loss module: the discriminator is still stepped inside forward(), but the adversarial term of the generator loss is computed afterwards from a fresh discriminator call on the output (D_fake = -torch.mean(self.discriminator(output, mask))), so G_loss.backward() sees the discriminator weights at the version that call saved
# source: https://github.com/lcy0604/EraseNet/issues/5
import torch
import torch.nn.functional as F
from torch import nn, optim

torch.manual_seed(0)


class ConvWithActivation(nn.Module):
    """SN convolution for spectral normalization conv"""

    def __init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0, activation=nn.LeakyReLU(0.2, inplace=True)):
        super().__init__()
        self.conv2d = nn.utils.spectral_norm(nn.Conv2d(in_channels, out_channels, kernel_size, stride, padding))
        self.activation = activation

    def forward(self, input):
        x = self.conv2d(input)
        return self.activation(x) if self.activation is not None else x


class Discriminator_STE(nn.Module):
    def __init__(self, cnum=4):
        super().__init__()
        self.globalDis = nn.Sequential(ConvWithActivation(3, 2 * cnum, 4, 2, 1), ConvWithActivation(2 * cnum, 4 * cnum, 4, 2, 1))
        self.localDis = nn.Sequential(ConvWithActivation(3, 2 * cnum, 4, 2, 1), ConvWithActivation(2 * cnum, 4 * cnum, 4, 2, 1))
        self.fusion = nn.Sequential(nn.Conv2d(8 * cnum, 1, kernel_size=4), nn.Sigmoid())

    def forward(self, input, masks):
        global_feat = self.globalDis(input)
        local_feat = self.localDis(input * (1 - masks))
        return self.fusion(torch.cat((global_feat, local_feat), 1)).view(input.size()[0], -1)


class STRnet2(nn.Module):
    """Stand-in generator: coarse multi-scale outputs x_o1..x_o3, the refined image and the text mask mm."""

    def __init__(self, nf=8):
        super().__init__()
        self.enc = nn.Sequential(nn.Conv2d(3, nf, 3, 2, 1), nn.ReLU(), nn.Conv2d(nf, nf, 3, 1, 1), nn.ReLU())
        self.out1, self.out2 = nn.Conv2d(nf, 3, 1), nn.Conv2d(nf, 3, 1)
        self.up = nn.ConvTranspose2d(nf, nf, 4, 2, 1)
        self.out3, self.mask_head = nn.Conv2d(nf, 3, 3, 1, 1), nn.Conv2d(nf, 1, 3, 1, 1)
        self.refine = nn.Sequential(nn.Conv2d(4, nf, 3, 1, 1), nn.ReLU(), nn.Conv2d(nf, 3, 3, 1, 1))

    def forward(self, x):
        f = self.enc(x)
        x_o1 = torch.tanh(self.out1(F.avg_pool2d(f, 2)))
        x_o2 = torch.tanh(self.out2(f))
        u = F.relu(self.up(f))
        x_o3, mm = torch.tanh(self.out3(u)), torch.sigmoid(self.mask_head(u))
        fake_images = torch.tanh(self.refine(torch.cat([x_o3, mm], 1)))
        return x_o1, x_o2, x_o3, fake_images, mm


class VGG16FeatureExtractor(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc = nn.ModuleList([nn.Sequential(nn.Conv2d(3, 4, 3, 1, 1), nn.ReLU()), nn.Sequential(nn.MaxPool2d(2), nn.Conv2d(4, 8, 3, 1, 1), nn.ReLU()), nn.Sequential(nn.MaxPool2d(2), nn.Conv2d(8, 8, 3, 1, 1), nn.ReLU())])
        for p in self.parameters():
            p.requires_grad = False

    def forward(self, image):
        results = [image]
        for enc in self.enc:
            results.append(enc(results[-1]))
        return results[1:]


def gram_matrix(feat):
    (b, ch, h, w) = feat.size()
    feat = feat.view(b, ch, h * w)
    return torch.bmm(feat, feat.transpose(1, 2)) / (ch * h * w)


def dice_loss(input, target):
    input = torch.sigmoid(input).contiguous().view(input.size()[0], -1)
    target = target.contiguous().view(target.size()[0], -1)
    d = (2 * torch.sum(input * target, 1)) / (torch.sum(input * input, 1) + 0.001 + torch.sum(target * target, 1) + 0.001)
    return 1 - torch.mean(d)


class LossWithGAN_STE(nn.Module):
    def __init__(self, extractor, Lamda, lr, betasInit=(0.5, 0.9)):
        super().__init__()
        self.l1 = nn.L1Loss()
        self.extractor = extractor
        self.discriminator = Discriminator_STE()
        self.D_optimizer = optim.Adam(self.discriminator.parameters(), lr=lr, betas=betasInit)
        self.lamda = Lamda
        self.log = {}

    def forward(self, input, mask, x_o1, x_o2, x_o3, output, mm, gt, count, epoch):
        self.discriminator.zero_grad()
        D_real = self.discriminator(gt, mask)
        D_real = D_real.mean().sum() * -1
        D_fake = self.discriminator(output, mask)
        D_fake = D_fake.mean().sum() * 1
        D_loss = torch.mean(F.relu(1.0 + D_real)) + torch.mean(F.relu(1.0 + D_fake))
        self.D_optimizer.zero_grad()
        D_loss.backward(retain_graph=True)
        self.D_optimizer.step()
        self.log["LossD"] = D_loss.item()
        D_fake = -torch.mean(self.discriminator(output, mask))

        output_comp = mask * input + (1 - mask) * output
        holeLoss = 10 * self.l1((1 - mask) * output, (1 - mask) * gt)
        validAreaLoss = 2 * self.l1(mask * output, mask * gt)
        mask_loss = dice_loss(mm, 1 - mask)
        masks_a, masks_b = F.interpolate(mask, scale_factor=0.25), F.interpolate(mask, scale_factor=0.5)
        imgs1, imgs2 = F.interpolate(gt, scale_factor=0.25), F.interpolate(gt, scale_factor=0.5)
        msrloss = 8 * self.l1((1 - mask) * x_o3, (1 - mask) * gt) + 0.8 * self.l1(mask * x_o3, mask * gt) + 6 * self.l1((1 - masks_b) * x_o2, (1 - masks_b) * imgs2) + 1 * self.l1(masks_b * x_o2, masks_b * imgs2) + 5 * self.l1((1 - masks_a) * x_o1, (1 - masks_a) * imgs1) + 0.8 * self.l1(masks_a * x_o1, masks_a * imgs1)
        feat_output_comp, feat_output, feat_gt = self.extractor(output_comp), self.extractor(output), self.extractor(gt)
        prcLoss, styleLoss = 0.0, 0.0
        for i in range(3):
            prcLoss += 0.01 * self.l1(feat_output[i], feat_gt[i]) + 0.01 * self.l1(feat_output_comp[i], feat_gt[i])
            styleLoss += 120 * self.l1(gram_matrix(feat_output[i]), gram_matrix(feat_gt[i])) + 120 * self.l1(gram_matrix(feat_output_comp[i]), gram_matrix(feat_gt[i]))
        GLoss = msrloss + holeLoss + validAreaLoss + prcLoss + styleLoss + 0.1 * D_fake + 1 * mask_loss
        self.log["GLoss"] = GLoss.item()
        return GLoss.sum()


netG = STRnet2()
G_optimizer = optim.Adam(netG.parameters(), lr=0.0001, betas=(0.5, 0.9))
criterion = LossWithGAN_STE(VGG16FeatureExtractor(), lr=0.00001, betasInit=(0.0, 0.9), Lamda=10.0)
Erase_data = [(torch.rand(2, 3, 16, 16), torch.rand(2, 3, 16, 16), (torch.rand(2, 1, 16, 16) > 0.3).float(), "img.jpg") for _ in range(2)]
count = 1
for i in range(1, 2):
    netG.train()
    for k, (imgs, gt, masks, path) in enumerate(Erase_data):
        netG.zero_grad()
        x_o1, x_o2, x_o3, fake_images, mm = netG(imgs)
        G_loss = criterion(imgs, masks, x_o1, x_o2, x_o3, fake_images, mm, gt, count, i)
        G_loss = G_loss.sum()
        G_optimizer.zero_grad()
        G_loss.backward()
        G_optimizer.step()
        count += 1
