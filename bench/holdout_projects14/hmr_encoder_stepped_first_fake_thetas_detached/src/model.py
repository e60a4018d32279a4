"""HMR: encoder features -> iterative theta regressor -> SMPL joints, projected to 2d."""

import torch
import torch.nn as nn

import util
from config import args
from LinearModel import LinearModel
from Resnet import load_Res50Model
from SMPL import SMPL


class ThetaRegressor(LinearModel):
    def __init__(self, fc_layers, use_dropout, drop_prob, use_ac_func, iterations):
        super(ThetaRegressor, self).__init__(fc_layers, use_dropout, drop_prob, use_ac_func)
        self.iterations = iterations
        mean_theta = torch.zeros(1, args.total_theta_count)
        mean_theta[0, 0] = 0.9
        self.register_buffer("mean_theta", mean_theta)

    def forward(self, inputs):
        """inputs: N x feature_count; returns the theta of every iteration."""
        thetas = []
        theta = self.mean_theta.expand(inputs.shape[0], -1)
        for _ in range(self.iterations):
            total_inputs = torch.cat([inputs, theta], 1)
            theta = theta + self.fc_blocks(total_inputs)
            thetas.append(theta)
        return thetas


class HMRNetBase(nn.Module):
    def __init__(self):
        super(HMRNetBase, self).__init__()
        self.beta_count = args.beta_count
        self.joint_count = args.joint_count
        self.total_theta_count = args.total_theta_count
        self.encoder = load_Res50Model()
        fc_layers = [args.feature_count + self.total_theta_count, 32, 32, self.total_theta_count]
        self.regressor = ThetaRegressor(fc_layers, [True, True], [0.5, 0.5], [True, True], args.iterations)
        self.smpl = SMPL(self.joint_count, self.beta_count)

    def _calc_detail_info(self, theta):
        cam = theta[:, 0:3].contiguous()
        pose = theta[:, 3 : 3 + 3 * self.joint_count].contiguous()
        shape = theta[:, -self.beta_count :].contiguous()
        verts, j3d, Rs = self.smpl(beta=shape, theta=pose, get_skin=True)
        j2d = util.batch_orth_proj(j3d, cam)
        return (theta, verts, j2d, j3d, Rs)

    def forward(self, inputs):
        feature = self.encoder(inputs)
        thetas = self.regressor(feature)
        return [self._calc_detail_info(theta) for theta in thetas]
