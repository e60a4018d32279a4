"""The adversarial prior over SMPL parameters: per-joint pose, full pose and shape critics."""

import torch
import torch.nn as nn

import util
from config import args
from LinearModel import LinearModel


class ShapeDiscriminator(LinearModel):
    def __init__(self, fc_layers, use_dropout, drop_prob, use_ac_func):
        if fc_layers[-1] != 1:
            raise ValueError("the neuron count of the last layer must be 1")
        super(ShapeDiscriminator, self).__init__(fc_layers, use_dropout, drop_prob, use_ac_func)

    def forward(self, inputs):
        return self.fc_blocks(inputs)


class PoseDiscriminator(nn.Module):
    def __init__(self, channels):
        super(PoseDiscriminator, self).__init__()
        if channels[-1] != 1:
            raise ValueError("the neuron count of the last layer must be 1")
        self.conv_blocks = nn.Sequential()
        len_channels = len(channels)
        for idx in range(len_channels - 2):
            self.conv_blocks.add_module(
                name="conv_{}".format(idx),
                module=nn.Conv2d(in_channels=channels[idx], out_channels=channels[idx + 1], kernel_size=1, stride=1),
            )
        self.fc_layer = nn.ModuleList()
        for _ in range(args.joint_count):
            self.fc_layer.append(nn.Linear(in_features=channels[len_channels - 2], out_features=1))

    def forward(self, inputs):
        # inputs: N x joints x 9 -> N x 9 x 1 x joints
        inputs = inputs.transpose(1, 2).unsqueeze(2)
        internal_outputs = self.conv_blocks(inputs)
        o = []
        for idx in range(args.joint_count):
            o.append(self.fc_layer[idx](internal_outputs[:, :, 0, idx]))
        return torch.cat(o, 1), internal_outputs


class FullPoseDiscriminator(LinearModel):
    def __init__(self, fc_layers, use_dropout, drop_prob, use_ac_func):
        if fc_layers[-1] != 1:
            raise ValueError("the neuron count of the last layer must be 1")
        super(FullPoseDiscriminator, self).__init__(fc_layers, use_dropout, drop_prob, use_ac_func)

    def forward(self, inputs):
        return self.fc_blocks(inputs)


class Discriminator(nn.Module):
    def __init__(self):
        super(Discriminator, self).__init__()
        self._read_configs()
        self._create_sub_modules()

    def _read_configs(self):
        self.beta_count = args.beta_count
        self.total_theta_count = args.total_theta_count
        self.joint_count = args.joint_count

    def _create_sub_modules(self):
        self.pose_discriminator = PoseDiscriminator([9, 8, 8, 1])

        fc_layers = [8 * self.joint_count, 16, 16, 1]
        self.full_pose_discriminator = FullPoseDiscriminator(fc_layers, [False, False], [0.5, 0.5], [True, True])

        fc_layers = [self.beta_count, 5, 10, 1]
        self.shape_discriminator = ShapeDiscriminator(fc_layers, [False, False], [0.5, 0.5], [True, True])

    def forward(self, thetas):
        batch_size = thetas.shape[0]
        poses, shapes = thetas[:, 3 : 3 + 3 * self.joint_count], thetas[:, -self.beta_count :]
        shape_disc_value = self.shape_discriminator(shapes)
        rotate_matrixs = util.batch_rodrigues(poses.contiguous().view(-1, 3)).view(batch_size, self.joint_count, 9)
        pose_disc_value, pose_inter_disc_value = self.pose_discriminator(rotate_matrixs)
        full_pose_disc_value = self.full_pose_discriminator(pose_inter_disc_value.contiguous().view(batch_size, -1))
        return torch.cat((pose_disc_value, full_pose_disc_value, shape_disc_value), 1)
