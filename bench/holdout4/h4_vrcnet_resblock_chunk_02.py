# case: VRCNet with Linear_ResBlock's activation built out of place (self.af = nn.ReLU()): the chunk outputs feat_x / feat_y are only read, the later `feat += self.generator(z)` hits a fresh torch.cat result, and training runs cleanly
# source: https://github.com/paul007pl/VRCNet/issues/33
import torch
import torch.nn as nn
import torch.nn.functional as F


class PCN_encoder(nn.Module):
    def __init__(self, output_size=32):
        super(PCN_encoder, self).__init__()
        self.conv1 = nn.Conv1d(3, 8, 1)
        self.conv2 = nn.Conv1d(8, 16, 1)
        self.conv3 = nn.Conv1d(32, 32, 1)
        self.conv4 = nn.Conv1d(32, output_size, 1)

    def forward(self, x):
        batch_size, _, num_points = x.size()
        x = F.relu(self.conv1(x))
        x = self.conv2(x)
        global_feature, _ = torch.max(x, 2)
        x = torch.cat((x, global_feature.view(batch_size, -1, 1).repeat(1, 1, num_points).contiguous()), 1)
        x = F.relu(self.conv3(x))
        x = self.conv4(x)
        global_feature, _ = torch.max(x, 2)
        return global_feature.view(batch_size, -1)


class Linear_ResBlock(nn.Module):
    def __init__(self, input_size=1024, output_size=256):
        super(Linear_ResBlock, self).__init__()
        self.conv1 = nn.Linear(input_size, input_size)
        self.conv2 = nn.Linear(input_size, output_size)
        self.conv_res = nn.Linear(input_size, output_size)
        self.af = nn.ReLU()

    def forward(self, feature):
        return self.conv2(self.af(self.conv1(self.af(feature)))) + self.conv_res(feature)


def calc_cd(output, gt):
    dist = torch.cdist(output, gt) ** 2
    dist1, _ = dist.min(dim=2)
    dist2, _ = dist.min(dim=1)
    return (dist1.mean(1) + dist2.mean(1)) / 2, None


class Model(nn.Module):
    def __init__(self, size_z=4, global_feature_size=32, num_coarse=16):
        super(Model, self).__init__()
        self.size_z = size_z
        self.num_coarse = num_coarse
        self.encoder = PCN_encoder(output_size=global_feature_size)
        self.posterior_infer1 = Linear_ResBlock(input_size=global_feature_size, output_size=global_feature_size)
        self.posterior_infer2 = Linear_ResBlock(input_size=global_feature_size, output_size=size_z * 2)
        self.prior_infer = Linear_ResBlock(input_size=global_feature_size, output_size=size_z * 2)
        self.generator = Linear_ResBlock(input_size=size_z, output_size=global_feature_size)
        self.decoder = nn.Sequential(nn.Linear(global_feature_size, 64), nn.ReLU(), nn.Linear(64, num_coarse * 3))

    def forward(self, x, gt, is_training=True, alpha=0.5):
        num_input = x.size()[2]
        if is_training:
            idx = torch.randperm(gt.size(1))[:num_input]
            y = gt[:, idx, :].transpose(1, 2).contiguous()
            gt = torch.cat([gt, gt], dim=0)
            points = torch.cat([x, y], dim=0)
            x = torch.cat([x, x], dim=0)
        else:
            points = x
        feat = self.encoder(points)

        if is_training:
            feat_x, feat_y = feat.chunk(2)
            o_x = self.posterior_infer2(self.posterior_infer1(feat_x))
            q_mu, q_std = torch.split(o_x, self.size_z, dim=1)
            o_y = self.prior_infer(feat_y)
            p_mu, p_std = torch.split(o_y, self.size_z, dim=1)
            q_std = F.softplus(q_std)
            p_std = F.softplus(p_std)
            q_distribution = torch.distributions.Normal(q_mu, q_std)
            p_distribution = torch.distributions.Normal(p_mu, p_std)
            p_distribution_fix = torch.distributions.Normal(p_mu.detach(), p_std.detach())
            m_distribution = torch.distributions.Normal(torch.zeros_like(p_mu), torch.ones_like(p_std))
            z_q = q_distribution.rsample()
            z_p = p_distribution.rsample()
            z = torch.cat([z_q, z_p], dim=0)
            feat = torch.cat([feat_x, feat_x], dim=0)

        feat += self.generator(z)
        coarse = self.decoder(feat).view(-1, self.num_coarse, 3)

        dl_rec = torch.distributions.kl_divergence(m_distribution, p_distribution)
        dl_g = torch.distributions.kl_divergence(p_distribution_fix, q_distribution)
        loss4, _ = calc_cd(coarse, gt)
        total_train_loss = loss4.mean() * alpha
        total_train_loss += (dl_rec.mean() + dl_g.mean()) * 20
        return coarse, loss4, total_train_loss


net = Model()
optimizer = torch.optim.Adam(net.parameters(), lr=1e-4, betas=(0.9, 0.999))
inputs = torch.randn(2, 3, 24)  # partial clouds (B, 3, N)
gt = torch.randn(2, 32, 3)      # complete clouds (B, M, 3)
for i in range(2):
    optimizer.zero_grad()
    out2, loss2, net_loss = net(inputs, gt, alpha=0.5)
    net_loss.backward()
    optimizer.step()
