import torch.nn.functional as F
from torch import nn


class encoder(nn.Module):
    def __init__(self, options):
        super(encoder, self).__init__()
        self.c1 = nn.Conv2d(options.dim, options.gf_dim, 3)
        self.c2 = nn.Conv2d(options.gf_dim, options.gf_dim * 2, 3, stride=2)
        self.c3 = nn.Conv2d(options.gf_dim * 2, options.gf_dim * 4, 3, stride=2)

    def forward(self, x):
        self.eval()
        x = F.pad(F.instance_norm(x), (3, 3, 3, 3), "reflect")
        x = F.relu(F.instance_norm(self.c1(x)), inplace=True)
        x = F.relu(F.instance_norm(self.c2(x)), inplace=True)
        x = F.relu(F.instance_norm(self.c3(x)), inplace=True)
        self.train()
        return x


class residule_block(nn.Module):
    def __init__(self, dim, ks=3, s=1):
        super(residule_block, self).__init__()
        self.c1 = nn.Conv2d(dim, dim, ks, stride=s)
        self.c2 = nn.Conv2d(dim, dim, ks, stride=s)
        self.ks = ks

    def forward(self, x):
        p = int((self.ks - 1) / 2)
        y = F.pad(x, (p, p, p, p), "reflect")
        y = F.instance_norm(self.c1(y))
        y = F.pad(F.relu(y), (p, p, p, p), "reflect")
        y = F.instance_norm(self.c2(y))
        return y + x


class upscale_block(nn.Module):
    def __init__(self, in_dim, out_dim, ks=3, s=2):
        super(upscale_block, self).__init__()
        self.c1 = nn.Conv2d(in_dim, out_dim, ks, stride=1, padding=int((ks - 1) / 2))
        self.s = s

    def forward(self, x):
        x = F.interpolate(x, scale_factor=self.s, mode="nearest")
        return F.relu(F.instance_norm(self.c1(x)), inplace=True)


class decoder(nn.Module):
    def __init__(self, options):
        super(decoder, self).__init__()
        self.r1 = residule_block(options.gf_dim * 4)
        self.r2 = residule_block(options.gf_dim * 4)
        self.u1 = upscale_block(options.gf_dim * 4, options.gf_dim * 2, 3, 2)
        self.u2 = upscale_block(options.gf_dim * 2, options.gf_dim, 3, 2)
        self.c1 = nn.Conv2d(options.gf_dim, 3, 7, stride=1)
        self.sig = nn.Sigmoid()

    def forward(self, x):
        self.eval()
        x = self.r2(self.r1(x))
        x = self.u2(self.u1(x))
        x = F.pad(x, (3, 3, 3, 3), "reflect")
        x = self.sig(self.c1(x)) * 2.0 - 1.0
        self.train()
        return x


class discriminator(nn.Module):
    def __init__(self, options):
        super(discriminator, self).__init__()
        self.c1 = nn.Conv2d(options.dim, options.df_dim * 2, 3, stride=2)
        self.p1 = nn.Conv2d(options.df_dim * 2, 1, 3, stride=1)
        self.c2 = nn.Conv2d(options.df_dim * 2, options.df_dim * 2, 3, stride=2)
        self.p2 = nn.Conv2d(options.df_dim * 2, 1, 3, stride=1)
        self.c3 = nn.Conv2d(options.df_dim * 2, options.df_dim * 4, 3, stride=1, padding=1)
        self.p4 = nn.Conv2d(options.df_dim * 4, 1, 3, stride=1)

    def forward(self, x):
        x = F.leaky_relu(F.instance_norm(self.c1(x)), negative_slope=0.2, inplace=True)
        p1 = self.p1(x)
        x = F.leaky_relu(F.instance_norm(self.c2(x)), negative_slope=0.2, inplace=True)
        p2 = self.p2(x)
        x = F.leaky_relu(F.instance_norm(self.c3(x)), negative_slope=0.2, inplace=True)
        p4 = self.p4(x)
        return {"pred_1": p1, "pred_2": p2, "pred_4": p4}
