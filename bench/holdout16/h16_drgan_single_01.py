# case: DR-GAN (model/DRGAN.py, Single_DRGAN, code written for PyTorch 0.2): forward() synthesises a frontal face with G and scores both the synthetic and the real image with D once per batch; optimize_G_parameters() backpropagates Loss_G with retain_graph=True and steps optimizer_G, then optimize_D_parameters() computes Loss_D_syn from the same syn_identity, whose graph runs back through G's stepped weights, so Loss_D.backward() fails
# source: https://github.com/zhangjunh/DR-GAN-by-pytorch/issues/17
import numpy as np
import torch
import torch.nn as nn
import torch.optim as optim

torch.manual_seed(0)
np.random.seed(0)


class Options:
    N_p = 2  # number of poses
    N_d = 4  # number of identities
    N_z = 8
    lr_G = 2e-4
    lr_D = 2e-4
    beta1 = 0.5
    beta2 = 0.999
    w_L1 = 1.0
    D_interval = 1
    epochs = 2
    batchsize = 4
    image_size = 16


def one_hot(label, depth):
    out_tensor = torch.zeros(len(label), depth)
    for i, index in enumerate(label):
        out_tensor[i][index] = 1
    return out_tensor


def weights_init_normal(m):
    classname = m.__class__.__name__
    if classname.find("Conv") != -1:
        m.weight.data.normal_(0.0, 0.02)
    elif classname.find("BatchNorm") != -1:
        m.weight.data.normal_(1.0, 0.02)
        m.bias.data.fill_(0.0)


class Generator(nn.Module):
    # encoder -> (feature, pose code, noise) -> decoder, shrunk from Component.py
    def __init__(self, N_p, N_z, nf=8):
        super().__init__()
        self.enc = nn.Sequential(
            nn.Conv2d(3, nf, 4, 2, 1), nn.BatchNorm2d(nf), nn.ELU(),
            nn.Conv2d(nf, 2 * nf, 4, 2, 1), nn.BatchNorm2d(2 * nf), nn.ELU(),
            nn.AdaptiveAvgPool2d(1),
        )
        self.fc = nn.Linear(2 * nf + N_p + N_z, 2 * nf * 4 * 4)
        self.dec = nn.Sequential(
            nn.ConvTranspose2d(2 * nf, nf, 4, 2, 1), nn.BatchNorm2d(nf), nn.ELU(),
            nn.ConvTranspose2d(nf, 3, 4, 2, 1), nn.Tanh(),
        )
        self.nf = nf

    def forward(self, input, pose, noise):
        x = self.enc(input).flatten(1)
        x = self.fc(torch.cat([x, pose, noise], 1))
        return self.dec(x.view(-1, 2 * self.nf, 4, 4))  # saver


class Discriminator(nn.Module):
    def __init__(self, N_p, N_d, nf=8):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, nf, 4, 2, 1), nn.ELU(),
            nn.Conv2d(nf, 2 * nf, 4, 2, 1), nn.BatchNorm2d(2 * nf), nn.ELU(),
            nn.AdaptiveAvgPool2d(1),
        )
        self.fc = nn.Linear(2 * nf, N_d + 1 + N_p)

    def forward(self, input):
        return self.fc(self.features(input).flatten(1))


class Single_DRGAN:
    def initialize(self, opt):
        self.opt = opt
        self.G = Generator(N_p=opt.N_p, N_z=opt.N_z)
        self.D = Discriminator(N_p=opt.N_p, N_d=opt.N_d)
        self.G.apply(weights_init_normal)
        self.D.apply(weights_init_normal)
        self.optimizer_G = optim.Adam(self.G.parameters(), lr=opt.lr_G, betas=(opt.beta1, opt.beta2))
        self.optimizer_D = optim.Adam(self.D.parameters(), lr=opt.lr_D, betas=(opt.beta1, opt.beta2))
        self.criterion = nn.CrossEntropyLoss()
        self.L1_criterion = nn.L1Loss()
        self.w_L1 = opt.w_L1
        self.N_z, self.N_p, self.N_d = opt.N_z, opt.N_p, opt.N_d

    def set_input(self, input):
        self.image = input["image"]
        self.batchsize = len(input["pose"])
        self.pose = input["pose"].long()
        self.frontal_pose = torch.LongTensor(np.random.randint(self.N_p, size=self.batchsize))
        self.input_pose = one_hot(self.frontal_pose, self.N_p)
        self.identity = input["identity"].long()
        self.fake_identity = torch.zeros(self.batchsize).long()  # 0 indicates fake
        self.noise = torch.FloatTensor(np.random.normal(loc=0.0, scale=0.3, size=(self.batchsize, self.N_z)))

    def forward(self, input):
        self.set_input(input)
        self.syn_image = self.G(self.image, self.input_pose, self.noise)
        self.syn = self.D(self.syn_image)
        self.syn_identity = self.syn[:, : self.N_d + 1]
        self.syn_pose = self.syn[:, self.N_d + 1 :]
        self.real = self.D(self.image)
        self.real_identity = self.real[:, : self.N_d + 1]
        self.real_pose = self.real[:, self.N_d + 1 :]

    def backward_G(self):
        self.Loss_G_syn_identity = self.criterion(self.syn_identity, self.identity)
        self.Loss_G_syn_pose = self.criterion(self.syn_pose, self.frontal_pose)
        self.L1_Loss = self.L1_criterion(self.syn_image, self.image)
        self.Loss_G = self.Loss_G_syn_identity + self.Loss_G_syn_pose + self.w_L1 * self.L1_Loss
        self.Loss_G.backward(retain_graph=True)

    def backward_D(self):
        self.Loss_D_real_identity = self.criterion(self.real_identity, self.identity)
        self.Loss_D_real_pose = self.criterion(self.real_pose, self.pose)
        self.Loss_D_syn = self.criterion(self.syn_identity, self.fake_identity)
        self.Loss_D = self.Loss_D_real_identity + self.Loss_D_real_pose + self.Loss_D_syn
        self.Loss_D.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation

    def optimize_G_parameters(self):
        self.optimizer_G.zero_grad()
        self.backward_G()
        self.optimizer_G.step()  # expect: GG002

    def optimize_D_parameters(self):
        self.optimizer_D.zero_grad()
        self.backward_D()
        self.optimizer_D.step()


def data_loader(opt, num_batches=2):
    for _ in range(num_batches):
        yield {
            "image": torch.rand(opt.batchsize, 3, opt.image_size, opt.image_size) * 2 - 1,
            "pose": torch.randint(0, opt.N_p, (opt.batchsize,)),
            "identity": torch.randint(1, opt.N_d + 1, (opt.batchsize,)),
        }


opt = Options()
model = Single_DRGAN()
model.initialize(opt)
for epoch in range(1, opt.epochs + 1):
    for i, data in enumerate(data_loader(opt)):
        model.forward(data)
        model.optimize_G_parameters()
        if i % opt.D_interval == 0:
            model.optimize_D_parameters()
    print(f"epoch {epoch}: Loss_G {model.Loss_G.item():.3f} Loss_D {model.Loss_D.item():.3f}")
