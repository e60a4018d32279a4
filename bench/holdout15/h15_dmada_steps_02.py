# case: fix (ours; the maintainer only pointed to PyTorch 0.4): DM-ADA domain-mixup adversarial adaptation with four networks and four optimizers updated in sequence; before the final F update the classifier logits and the source, target and mixed generations are recomputed from the encoder outputs with the freshly stepped C and G, so the F loss never backpropagates through graphs that saved the pre-step weights
# source: https://github.com/ChrisAllenMing/Mixup_for_UDA/issues/6
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
np.random.seed(0)


class Opt:
    ndf, ngf, nz = 8, 8, 4
    lr, alpha, clip_thr = 5e-4, 2.0, 0.3
    KL_weight, adv_weight, gamma, delta = 1.0, 0.1, 0.3, 0.3
    batchSize, nepochs = 4, 1


class NetG(nn.Module):
    def __init__(self, opt, nclasses):
        super().__init__()
        self.ndim, self.nz, self.nclasses = opt.ndf * 4, opt.nz, nclasses
        ngf = opt.ngf
        self.main = nn.Sequential(
            nn.ConvTranspose2d(self.ndim + self.nz + nclasses + 1, ngf * 4, 2, 1, 0, bias=False),
            nn.BatchNorm2d(ngf * 4),
            nn.ReLU(True),
            nn.ConvTranspose2d(ngf * 4, ngf * 2, 4, 2, 1, bias=False),
            nn.BatchNorm2d(ngf * 2),
            nn.ReLU(True),
            nn.ConvTranspose2d(ngf * 2, ngf, 4, 2, 1, bias=False),
            nn.BatchNorm2d(ngf),
            nn.ReLU(True),
            nn.ConvTranspose2d(ngf, ngf, 4, 2, 1, bias=False),
            nn.BatchNorm2d(ngf),
            nn.ReLU(True),
            nn.ConvTranspose2d(ngf, 3, 4, 2, 1, bias=False),
            nn.Tanh(),
        )

    def forward(self, input):
        batch_size = input.size(0)
        input = input.view(-1, self.ndim + self.nclasses + 1, 1, 1)
        noise = torch.randn(batch_size, self.nz, 1, 1)
        return self.main(torch.cat((input, noise), 1))


class NetD(nn.Module):
    def __init__(self, opt, nclasses):
        super().__init__()
        ndf = self.ndf = opt.ndf
        self.feature = nn.Sequential(
            nn.Conv2d(3, ndf, 3, 1, 1),
            nn.BatchNorm2d(ndf),
            nn.LeakyReLU(0.2, inplace=True),
            nn.MaxPool2d(2, 2),
            nn.Conv2d(ndf, ndf * 2, 3, 1, 1),
            nn.BatchNorm2d(ndf * 2),
            nn.LeakyReLU(0.2, inplace=True),
            nn.MaxPool2d(2, 2),
            nn.Conv2d(ndf * 2, ndf * 2, 3, 1, 1),
            nn.BatchNorm2d(ndf * 2),
            nn.LeakyReLU(0.2, inplace=True),
            nn.MaxPool2d(8, 8),
        )
        self.classifier_c = nn.Linear(ndf * 2, nclasses)
        self.classifier_s = nn.Sequential(nn.Linear(ndf, 1), nn.Sigmoid())
        self.classifier_t = nn.Linear(ndf * 2, ndf)

    def forward(self, input):
        output = self.feature(input).view(-1, self.ndf * 2)
        output_c = self.classifier_c(output)
        output_t = self.classifier_t(output)
        output_s = self.classifier_s(output_t).view(-1)
        return output_s, output_c, output_t


class NetF(nn.Module):
    def __init__(self, opt):
        super().__init__()
        ndf = self.ndf = opt.ndf
        self.feature = nn.Sequential(
            nn.Conv2d(3, ndf, 5, 1, 0),
            nn.ReLU(inplace=True),
            nn.MaxPool2d(2, 2),
            nn.Conv2d(ndf, ndf, 5, 1, 0),
            nn.ReLU(inplace=True),
            nn.MaxPool2d(2, 2),
            nn.Conv2d(ndf, ndf * 2, 5, 1, 0),
            nn.ReLU(inplace=True),
        )
        self.mean = nn.Linear(ndf * 2, ndf * 2)
        self.std = nn.Linear(ndf * 2, ndf * 2)

    def forward(self, input):
        output = self.feature(input).view(-1, 2 * self.ndf)
        return output, self.mean(output), self.std(output)


class NetC(nn.Module):
    def __init__(self, opt, nclasses):
        super().__init__()
        self.main = nn.Sequential(nn.Linear(4 * opt.ndf, 2 * opt.ndf), nn.ReLU(inplace=True), nn.Linear(2 * opt.ndf, nclasses))

    def forward(self, input):
        output_logit = self.main(input)
        return output_logit, torch.sigmoid(output_logit)


class DM_ADA:
    def __init__(self, opt, nclasses, mean, std, source_loader, target_loader):
        self.opt, self.nclasses, self.mean, self.std = opt, nclasses, mean, std
        self.source_trainloader, self.target_trainloader = source_loader, target_loader
        self.netG, self.netD = NetG(opt, nclasses), NetD(opt, nclasses)
        self.netF, self.netC = NetF(opt), NetC(opt, nclasses)
        self.criterion_c = nn.CrossEntropyLoss()
        self.criterion_s = nn.BCELoss()
        self.optimizerD = torch.optim.Adam(self.netD.parameters(), lr=opt.lr, betas=(0.8, 0.999))
        self.optimizerG = torch.optim.Adam(self.netG.parameters(), lr=opt.lr, betas=(0.8, 0.999))
        self.optimizerF = torch.optim.Adam(self.netF.parameters(), lr=opt.lr, betas=(0.8, 0.999))
        self.optimizerC = torch.optim.Adam(self.netC.parameters(), lr=opt.lr, betas=(0.8, 0.999))

    def onehot(self, index, value=1.0):
        out = torch.zeros(self.opt.batchSize, self.nclasses + 1)
        out[torch.arange(self.opt.batchSize), index] = value
        return out

    def train(self):
        opt = self.opt
        reallabel = torch.ones(opt.batchSize)
        fakelabel = torch.zeros(opt.batchSize)
        for epoch in range(opt.nepochs):
            for module in (self.netG, self.netF, self.netC, self.netD):
                module.train()
            for i, (datas, datat) in enumerate(zip(self.source_trainloader, self.target_trainloader)):
                src_inputs, src_labels = datas
                tgt_inputs, _ = datat
                src_inputs_unnorm = ((src_inputs * self.std + self.mean) - 0.5) * 2
                tgt_inputs_unnorm = ((tgt_inputs * self.std + self.mean) - 0.5) * 2
                src_labels_onehot = self.onehot(src_labels)
                tgt_labels_onehot = self.onehot(torch.full((opt.batchSize,), self.nclasses))

                mix_ratio = round(float(np.random.beta(opt.alpha, opt.alpha)), 2)
                if 0.5 <= mix_ratio < 0.5 + opt.clip_thr:
                    mix_ratio = 0.5 + opt.clip_thr
                if 0.5 - opt.clip_thr < mix_ratio < 0.5:
                    mix_ratio = 0.5 - opt.clip_thr
                mix_label = torch.full((opt.batchSize,), mix_ratio)
                mix_samples = mix_ratio * src_inputs_unnorm + (1 - mix_ratio) * tgt_inputs_unnorm
                mix_labels_onehot = self.onehot(src_labels, mix_ratio)
                mix_labels_onehot[:, self.nclasses] = 1.0 - mix_ratio

                src_emb, src_mn, src_sd = self.netF(src_inputs)
                tgt_emb, tgt_mn, tgt_sd = self.netF(tgt_inputs)
                mix_mn = src_mn * mix_ratio + tgt_mn * (1.0 - mix_ratio)
                mix_sd = src_sd * mix_ratio + tgt_sd * (1.0 - mix_ratio)

                outC_src_logit, outC_src = self.netC(torch.cat((src_mn, src_sd), 1))
                src_gen = self.netG(torch.cat((src_mn, src_sd, src_labels_onehot), 1))
                tgt_gen = self.netG(torch.cat((tgt_mn, tgt_sd, tgt_labels_onehot), 1))
                mix_gen = self.netG(torch.cat((mix_mn, mix_sd, mix_labels_onehot), 1))

                # Updating D network
                self.netD.zero_grad()
                src_real_s, src_real_c, src_real_t = self.netD(src_inputs_unnorm)
                errD_src_real_s = self.criterion_s(src_real_s, reallabel)
                errD_src_real_c = self.criterion_c(src_real_c, src_labels)
                src_fake_s, _, _ = self.netD(src_gen)
                errD_src_fake_s = self.criterion_s(src_fake_s, fakelabel)
                tgt_real_s, _, tgt_real_t = self.netD(tgt_inputs_unnorm)
                tgt_fake_s, _, _ = self.netD(tgt_gen)
                errD_tgt_fake_s = self.criterion_s(tgt_fake_s, fakelabel)
                mix_s, _, mix_t = self.netD(mix_samples)
                if mix_ratio > 0.5:
                    errD_mix_t = F.triplet_margin_loss(mix_t, src_real_t, tgt_real_t, margin=2 * mix_ratio - 1.0)
                else:
                    errD_mix_t = F.triplet_margin_loss(mix_t, tgt_real_t, src_real_t, margin=1.0 - 2 * mix_ratio)
                errD_mix = self.criterion_s(mix_s, mix_label) + errD_mix_t
                mix_gen_s, _, _ = self.netD(mix_gen)
                errD_mix_gen = self.criterion_s(mix_gen_s, fakelabel)
                errD = errD_src_real_c + errD_src_real_s + errD_src_fake_s + errD_tgt_fake_s + errD_mix + errD_mix_gen
                errD.backward(retain_graph=True)
                self.optimizerD.step()

                # Updating G network
                self.netG.zero_grad()
                src_fake_s, src_fake_c, _ = self.netD(src_gen)
                errG_src = self.criterion_c(src_fake_c, src_labels) + self.criterion_s(src_fake_s, reallabel)
                mix_gen_s, _, _ = self.netD(mix_gen)
                errG = errG_src + self.criterion_s(mix_gen_s, reallabel)
                errG.backward(retain_graph=True)
                self.optimizerG.step()

                # Updating C network
                self.netC.zero_grad()
                errC = self.criterion_c(outC_src_logit, src_labels)
                errC.backward(retain_graph=True)
                self.optimizerC.step()

                # Updating F network
                self.netF.zero_grad()
                err_KL_src = torch.mean(0.5 * torch.sum(torch.exp(src_sd) + src_mn**2 - 1.0 - src_sd, 1))
                err_KL_tgt = torch.mean(0.5 * torch.sum(torch.exp(tgt_sd) + tgt_mn**2 - 1.0 - tgt_sd, 1))
                err_KL = (err_KL_src + err_KL_tgt) * opt.KL_weight
                # re-run C and G with their updated weights so that F's graph matches the current parameters
                outC_src_logit, outC_src = self.netC(torch.cat((src_mn, src_sd), 1))
                src_gen = self.netG(torch.cat((src_mn, src_sd, src_labels_onehot), 1))
                tgt_gen = self.netG(torch.cat((tgt_mn, tgt_sd, tgt_labels_onehot), 1))
                mix_gen = self.netG(torch.cat((mix_mn, mix_sd, mix_labels_onehot), 1))
                errF_fromC = self.criterion_c(outC_src_logit, src_labels)
                src_fake_s, src_fake_c, _ = self.netD(src_gen)
                errF_src_fromD = self.criterion_c(src_fake_c, src_labels) * opt.adv_weight
                tgt_fake_s, _, _ = self.netD(tgt_gen)
                errF_tgt_fromD = self.criterion_s(tgt_fake_s, reallabel) * (opt.adv_weight * opt.gamma)
                mix_gen_s, _, _ = self.netD(mix_gen)
                errF_mix_fromD = self.criterion_s(mix_gen_s, reallabel) * (opt.adv_weight * opt.delta)
                errF = err_KL + errF_fromC + errF_src_fromD + errF_tgt_fromD + errF_mix_fromD
                errF.backward()
                self.optimizerF.step()
                print(epoch, i, errD.item(), errG.item(), errC.item(), errF.item())


def digits_like(n, nclasses, seed):
    g = torch.Generator().manual_seed(seed)
    return torch.utils.data.TensorDataset(torch.randn(n, 3, 32, 32, generator=g), torch.randint(0, nclasses, (n,), generator=g))


opt = Opt()
nclasses = 3
source_loader = torch.utils.data.DataLoader(digits_like(8, nclasses, 1), batch_size=opt.batchSize, drop_last=True)
target_loader = torch.utils.data.DataLoader(digits_like(8, nclasses, 2), batch_size=opt.batchSize, drop_last=True)
trainer = DM_ADA(opt, nclasses, mean=0.5, std=0.5, source_loader=source_loader, target_loader=target_loader)
trainer.train()
