"""SMPL stand-in: joints are a fixed linear function of pose and shape (no mesh skinning)."""

import torch
import torch.nn as nn

import util


class SMPL(nn.Module):
    def __init__(self, joint_count, beta_count):
        super(SMPL, self).__init__()
        g = torch.Generator().manual_seed(7)
        self.joint_count = joint_count
        self.register_buffer("J_template", torch.randn(joint_count, 3, generator=g))
        self.register_buffer("shapedirs", 0.1 * torch.randn(beta_count, joint_count * 3, generator=g))
        self.register_buffer("posedirs", 0.1 * torch.randn(joint_count * 9, joint_count * 3, generator=g))

    def forward(self, beta, theta, get_skin=False):
        num_batch = beta.shape[0]
        Rs = util.batch_rodrigues(theta.view(-1, 3)).view(num_batch, self.joint_count, 9)
        offsets = torch.matmul(beta, self.shapedirs) + torch.matmul(Rs.view(num_batch, -1), self.posedirs)
        joints = self.J_template.unsqueeze(0) + offsets.view(num_batch, self.joint_count, 3)
        verts = joints
        if get_skin:
            return verts, joints, Rs
        return joints
