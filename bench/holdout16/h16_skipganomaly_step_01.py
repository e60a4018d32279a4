# case: Skip-GANomaly training step (skipganomaly.py): the U-Net generator and the discriminator are run once per batch; update_netg() backpropagates the generator loss and calls optimizer_g.step(), then update_netd() adds the generator's latent loss err_g_lat to the discriminator loss; that term still runs through netd(self.fake) into the generator whose weights the step has just modified, so err_d.backward() fails
# source: https://github.com/samet-akcay/skip-ganomaly/issues/18
import torch
import torch.nn as nn
import torch.optim as optim

torch.manual_seed(0)


class Options:
    batchsize = 4
    isize = 16
    nc = 3
    ngf = 8
    ndf = 8
    nz = 16
    lr = 2e-4
    beta1 = 0.5
    w_adv = 1.0
    w_con = 50.0
    w_lat = 1.0
    niter = 2


def weights_init(mod):
    classname = mod.__class__.__name__
    if classname.find("Conv") != -1:
        mod.weight.data.normal_(0.0, 0.02)
    elif classname.find("BatchNorm") != -1:
        mod.weight.data.normal_(1.0, 0.02)
        mod.bias.data.fill_(0)


def l2_loss(input, target, size_average=True):
    if size_average:
        return torch.mean(torch.pow((input - target), 2))
    return torch.pow((input - target), 2)


class UnetSkipConnectionBlock(nn.Module):
    def __init__(self, outer_nc, inner_nc, submodule=None, outermost=False, innermost=False):
        super().__init__()
        self.outermost = outermost
        downconv = nn.Conv2d(outer_nc, inner_nc, kernel_size=4, stride=2, padding=1, bias=False)
        downrelu = nn.LeakyReLU(0.2, True)
        downnorm = nn.BatchNorm2d(inner_nc)
        uprelu = nn.ReLU(True)
        upnorm = nn.BatchNorm2d(outer_nc)
        if outermost:
            upconv = nn.ConvTranspose2d(inner_nc * 2, outer_nc, kernel_size=4, stride=2, padding=1)
            model = [downconv, submodule, uprelu, upconv, nn.Tanh()]
        elif innermost:
            upconv = nn.ConvTranspose2d(inner_nc, outer_nc, kernel_size=4, stride=2, padding=1, bias=False)
            model = [downrelu, downconv, uprelu, upconv, upnorm]
        else:
            upconv = nn.ConvTranspose2d(inner_nc * 2, outer_nc, kernel_size=4, stride=2, padding=1, bias=False)
            model = [downrelu, downconv, downnorm, submodule, uprelu, upconv, upnorm]
        self.model = nn.Sequential(*model)

    def forward(self, x):
        if self.outermost:
            return self.model(x)  # saver
        return torch.cat([x, self.model(x)], 1)


class UnetGenerator(nn.Module):
    def __init__(self, input_nc, output_nc, ngf):
        super().__init__()
        block = UnetSkipConnectionBlock(ngf * 2, ngf * 4, innermost=True)
        block = UnetSkipConnectionBlock(ngf, ngf * 2, submodule=block)
        self.model = UnetSkipConnectionBlock(output_nc, ngf, submodule=block, outermost=True)

    def forward(self, input):
        return self.model(input)


class BasicDiscriminator(nn.Module):
    def __init__(self, opt):
        super().__init__()
        feat = nn.Sequential(
            nn.Conv2d(opt.nc, opt.ndf, 4, 2, 1, bias=False),
            nn.LeakyReLU(0.2, inplace=True),
            nn.Conv2d(opt.ndf, opt.ndf * 2, 4, 2, 1, bias=False),
            nn.BatchNorm2d(opt.ndf * 2),
            nn.LeakyReLU(0.2, inplace=True),
        )
        clas = nn.Sequential(nn.Conv2d(opt.ndf * 2, 1, 4, 1, 0, bias=False), nn.Sigmoid())
        self.feat = feat
        self.clas = clas

    def forward(self, input):
        feat = self.feat(input)
        clas = self.clas(feat).view(-1, 1).squeeze(1)
        return clas, feat


class Skipganomaly:
    def __init__(self, opt):
        self.opt = opt
        self.netg = UnetGenerator(opt.nc, opt.nc, opt.ngf)
        self.netd = BasicDiscriminator(opt)
        self.netg.apply(weights_init)
        self.netd.apply(weights_init)
        self.l_adv = nn.BCELoss()
        self.l_con = nn.L1Loss()
        self.l_lat = l2_loss
        self.real_label = torch.ones(opt.batchsize)
        self.fake_label = torch.zeros(opt.batchsize)
        self.optimizer_d = optim.Adam(self.netd.parameters(), lr=opt.lr, betas=(opt.beta1, 0.999))
        self.optimizer_g = optim.Adam(self.netg.parameters(), lr=opt.lr, betas=(opt.beta1, 0.999))

    def set_input(self, images):
        self.input = images
        self.noise = torch.randn_like(images) * 0.01

    def forward_g(self):
        self.fake = self.netg(self.input + self.noise)

    def forward_d(self):
        self.pred_real, self.feat_real = self.netd(self.input)
        self.pred_fake, self.feat_fake = self.netd(self.fake)

    def backward_g(self):
        self.err_g_adv = self.opt.w_adv * self.l_adv(self.pred_fake, self.real_label)
        self.err_g_con = self.opt.w_con * self.l_con(self.fake, self.input)
        self.err_g_lat = self.opt.w_lat * self.l_lat(self.feat_fake, self.feat_real)
        self.err_g = self.err_g_adv + self.err_g_con + self.err_g_lat
        self.err_g.backward(retain_graph=True)

    def backward_d(self):
        pred_fake, _ = self.netd(self.fake.detach())
        self.err_d_fake = self.l_adv(pred_fake, self.fake_label)
        self.err_d_real = self.l_adv(self.pred_real, self.real_label)
        self.err_d = self.err_d_real + self.err_d_fake + self.err_g_lat
        self.err_d.backward(retain_graph=True)  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation

    def update_netg(self):
        self.optimizer_g.zero_grad()
        self.backward_g()
        self.optimizer_g.step()  # expect: GG002

    def update_netd(self):
        self.optimizer_d.zero_grad()
        self.backward_d()
        self.optimizer_d.step()
        if self.err_d < 1e-5:
            self.netd.apply(weights_init)

    def optimize_params(self):
        self.forward_g()
        self.forward_d()
        self.update_netg()
        self.update_netd()

    def train_one_epoch(self, batches):
        self.netg.train()
        self.netd.train()
        for images in batches:
            self.set_input(images)
            self.optimize_params()
        return self.err_g.item(), self.err_d.item()


opt = Options()
model = Skipganomaly(opt)
data = [torch.rand(opt.batchsize, opt.nc, opt.isize, opt.isize) * 2 - 1 for _ in range(2)]
for epoch in range(opt.niter):
    err_g, err_d = model.train_one_epoch(data)
    print(f"epoch {epoch}: err_g {err_g:.3f} err_d {err_d:.3f}")
