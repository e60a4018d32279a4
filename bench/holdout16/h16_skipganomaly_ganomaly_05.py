# case: look-alike from the same repository (lib/models/ganomaly.py): GANomaly also steps the generator optimizer before the discriminator backward, but its discriminator sees the generator output only through self.fake.detach() and its loss has no generator term, so err_d.backward() never reaches the stepped encoder/decoder weights and training runs
# source: https://github.com/samet-akcay/skip-ganomaly/issues/18
import torch
import torch.nn as nn
import torch.optim as optim

torch.manual_seed(0)


class Options:
    batchsize = 4
    isize = 16
    nc = 1
    nz = 8
    ngf = 8
    ndf = 8
    lr = 2e-4
    beta1 = 0.5
    w_adv = 1.0
    w_con = 50.0
    w_lat = 1.0
    niter = 2


def l2_loss(input, target):
    return torch.mean(torch.pow((input - target), 2))


class Encoder(nn.Module):
    def __init__(self, isize, nz, nc, ndf, add_final_conv=True):
        super().__init__()
        main = nn.Sequential()
        main.add_module("initial-conv", nn.Conv2d(nc, ndf, 4, 2, 1, bias=False))
        main.add_module("initial-relu", nn.LeakyReLU(0.2, inplace=True))
        csize, cndf = isize / 2, ndf
        while csize > 4:
            main.add_module(f"pyramid-{cndf}-conv", nn.Conv2d(cndf, cndf * 2, 4, 2, 1, bias=False))
            main.add_module(f"pyramid-{cndf * 2}-batchnorm", nn.BatchNorm2d(cndf * 2))
            main.add_module(f"pyramid-{cndf * 2}-relu", nn.LeakyReLU(0.2, inplace=True))
            cndf, csize = cndf * 2, csize / 2
        if add_final_conv:
            main.add_module("final-conv", nn.Conv2d(cndf, nz, 4, 1, 0, bias=False))
        self.main = main

    def forward(self, input):
        return self.main(input)


class Decoder(nn.Module):
    def __init__(self, isize, nz, nc, ngf):
        super().__init__()
        cngf, tisize = ngf // 2, 4
        while tisize != isize:
            cngf, tisize = cngf * 2, tisize * 2
        main = nn.Sequential()
        main.add_module("initial-convt", nn.ConvTranspose2d(nz, cngf, 4, 1, 0, bias=False))
        main.add_module("initial-batchnorm", nn.BatchNorm2d(cngf))
        main.add_module("initial-relu", nn.ReLU(True))
        csize = 4
        while csize < isize // 2:
            main.add_module(f"pyramid-{cngf}-convt", nn.ConvTranspose2d(cngf, cngf // 2, 4, 2, 1, bias=False))
            main.add_module(f"pyramid-{cngf // 2}-batchnorm", nn.BatchNorm2d(cngf // 2))
            main.add_module(f"pyramid-{cngf // 2}-relu", nn.ReLU(True))
            cngf, csize = cngf // 2, csize * 2
        main.add_module("final-convt", nn.ConvTranspose2d(cngf, nc, 4, 2, 1, bias=False))
        main.add_module("final-tanh", nn.Tanh())
        self.main = main

    def forward(self, input):
        return self.main(input)


class NetD(nn.Module):
    def __init__(self, opt):
        super().__init__()
        model = Encoder(opt.isize, 1, opt.nc, opt.ndf)
        layers = list(model.main.children())
        self.features = nn.Sequential(*layers[:-1])
        self.classifier = nn.Sequential(layers[-1], nn.Sigmoid())

    def forward(self, x):
        features = self.features(x)
        classifier = self.classifier(features).view(-1, 1).squeeze(1)
        return classifier, features


class NetG(nn.Module):
    def __init__(self, opt):
        super().__init__()
        self.encoder1 = Encoder(opt.isize, opt.nz, opt.nc, opt.ngf)
        self.decoder = Decoder(opt.isize, opt.nz, opt.nc, opt.ngf)
        self.encoder2 = Encoder(opt.isize, opt.nz, opt.nc, opt.ngf)

    def forward(self, x):
        latent_i = self.encoder1(x)
        gen_imag = self.decoder(latent_i)
        latent_o = self.encoder2(gen_imag)
        return gen_imag, latent_i, latent_o


class Ganomaly:
    def __init__(self, opt):
        self.opt = opt
        self.netg = NetG(opt)
        self.netd = NetD(opt)
        self.l_adv = l2_loss
        self.l_con = nn.L1Loss()
        self.l_enc = l2_loss
        self.l_bce = nn.BCELoss()
        self.real_label = torch.ones(opt.batchsize)
        self.fake_label = torch.zeros(opt.batchsize)
        self.optimizer_d = optim.Adam(self.netd.parameters(), lr=opt.lr, betas=(opt.beta1, 0.999))
        self.optimizer_g = optim.Adam(self.netg.parameters(), lr=opt.lr, betas=(opt.beta1, 0.999))

    def forward_g(self):
        self.fake, self.latent_i, self.latent_o = self.netg(self.input)

    def forward_d(self):
        self.pred_real, self.feat_real = self.netd(self.input)
        self.pred_fake, self.feat_fake = self.netd(self.fake.detach())

    def backward_g(self):
        self.err_g_adv = self.opt.w_adv * self.l_adv(self.feat_fake, self.feat_real)
        self.err_g_con = self.opt.w_con * self.l_con(self.fake, self.input)
        self.err_g_lat = self.opt.w_lat * self.l_enc(self.latent_o, self.latent_i)
        self.err_g = self.err_g_adv + self.err_g_con + self.err_g_lat
        self.err_g.backward(retain_graph=True)

    def backward_d(self):
        self.err_d_real = self.l_bce(self.pred_real, self.real_label)
        self.err_d_fake = self.l_bce(self.pred_fake, self.fake_label)
        self.err_d = (self.err_d_real + self.err_d_fake) * 0.5
        self.err_d.backward()

    def optimize_params(self):
        self.forward_g()
        self.forward_d()
        self.optimizer_g.zero_grad()
        self.backward_g()
        self.optimizer_g.step()
        self.optimizer_d.zero_grad()
        self.backward_d()
        self.optimizer_d.step()


opt = Options()
model = Ganomaly(opt)
for epoch in range(opt.niter):
    for _ in range(2):
        model.input = torch.rand(opt.batchsize, opt.nc, opt.isize, opt.isize) * 2 - 1
        model.optimize_params()
    print(f"epoch {epoch}: err_g {model.err_g.item():.3f} err_d {model.err_d.item():.3f}")
