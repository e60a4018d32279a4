# case: fix of the multi-image DR-GAN step (ours, the same change as for the single-image model): backward_D scores detached copies of the per-group synthetic images, self.D(self.syn_image[m].detach()), for the fake-identity loss, so the discriminator backward stops before the generator that optimizer_G.step() updated, and training runs
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
        return self.dec(x.view(-1, 2 * self.nf, 4, 4))


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


class Multi_DRGAN:
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

    def set_input(self, groups):
        # one entry per identity group: several images of the same person
        self.image, self.pose, self.identity, self.frontal_image = [], [], [], []
        self.rand_pose, self.input_pose, self.noise, self.fake_identity, self.batchsize = [], [], [], [], []
        for group in groups:
            n = group["image"].size(0)
            self.image.append(group["image"])
            self.frontal_image.append(group["frontal"])
            self.pose.append(group["pose"].long())
            self.identity.append(group["identity"].long())
            rand_pose = torch.LongTensor(np.random.randint(self.N_p, size=n))
            self.rand_pose.append(rand_pose)
            self.input_pose.append(one_hot(rand_pose, self.N_p))
            self.noise.append(torch.FloatTensor(np.random.normal(0.0, 0.3, size=(n, self.N_z))))
            self.fake_identity.append(torch.zeros(n).long())
            self.batchsize.append(n)

    def forward(self, input):
        self.set_input(input)
        self.syn_image, self.syn_identity, self.syn_pose = [], [], []
        self.real_identity, self.real_pose = [], []
        for k in range(len(self.pose)):
            self.syn_image.append(self.G(self.image[k], self.input_pose[k], self.noise[k]))
            syn = self.D(self.syn_image[k])
            self.syn_identity.append(syn[:, : self.N_d + 1])
            self.syn_pose.append(syn[:, self.N_d + 1 :])
            real = self.D(self.image[k])
            self.real_identity.append(real[:, : self.N_d + 1])
            self.real_pose.append(real[:, self.N_d + 1 :])

    def backward_G(self):
        self.Loss_G = []
        for l in range(len(self.pose)):
            loss_identity = self.criterion(self.syn_identity[l], self.identity[l])
            loss_pose = self.criterion(self.syn_pose[l], self.rand_pose[l])
            # stand-in for the ResNet-18 feature loss against the frontal image of the group
            loss_feature = self.L1_criterion(self.syn_image[l], self.frontal_image[l].expand_as(self.syn_image[l]))
            self.Loss_G.append(loss_identity + loss_pose + self.w_L1 * loss_feature)
        self.Loss_G = sum(self.Loss_G)
        self.Loss_G.backward(retain_graph=True)

    def backward_D(self):
        self.Loss_D = []
        for m in range(len(self.pose)):
            y = torch.split(self.identity[m], self.batchsize[m])
            loss_real_identity = self.criterion(self.real_identity[m], y[0])
            loss_real_pose = self.criterion(self.real_pose[m], self.pose[m])
            syn_identity = self.D(self.syn_image[m].detach())[:, : self.N_d + 1]
            loss_syn = self.criterion(syn_identity, self.fake_identity[m])
            self.Loss_D.append(loss_real_identity + loss_real_pose + loss_syn)
        self.Loss_D = sum(self.Loss_D)
        self.Loss_D.backward()

    def optimize_G_parameters(self):
        self.optimizer_G.zero_grad()
        self.backward_G()
        self.optimizer_G.step()

    def optimize_D_parameters(self):
        self.optimizer_D.zero_grad()
        self.backward_D()
        self.optimizer_D.step()


def data_loader(opt, num_batches=2, num_groups=2):
    for _ in range(num_batches):
        groups = []
        for _ in range(num_groups):
            person = int(torch.randint(1, opt.N_d + 1, (1,)))
            groups.append({
                "image": torch.rand(opt.batchsize, 3, opt.image_size, opt.image_size) * 2 - 1,
                "frontal": torch.rand(1, 3, opt.image_size, opt.image_size) * 2 - 1,
                "pose": torch.randint(0, opt.N_p, (opt.batchsize,)),
                "identity": torch.full((opt.batchsize,), person),
            })
        yield groups


opt = Options()
model = Multi_DRGAN()
model.initialize(opt)
for epoch in range(1, opt.epochs + 1):
    for i, data in enumerate(data_loader(opt)):
        model.forward(data)
        model.optimize_G_parameters()
        if i % opt.D_interval == 0:
            model.optimize_D_parameters()
    print(f"epoch {epoch}: Loss_G {model.Loss_G.item():.3f} Loss_D {model.Loss_D.item():.3f}")
