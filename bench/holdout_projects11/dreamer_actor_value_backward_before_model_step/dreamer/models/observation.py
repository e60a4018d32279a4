import numpy as np
import torch
import torch.distributions as td
import torch.nn as nn


def conv_out(h_in, padding, kernel_size, stride):
    return int((h_in + 2. * padding - (kernel_size - 1.) - 1.) / stride + 1.)


def conv_out_shape(h_in, padding, kernel_size, stride):
    return tuple(conv_out(x, padding, kernel_size, stride) for x in h_in)


class ObservationEncoder(nn.Module):
    def __init__(self, depth=32, stride=2, shape=(3, 64, 64), activation=nn.ReLU):
        super().__init__()
        self.convolutions = nn.Sequential(
            nn.Conv2d(shape[0], 1 * depth, 4, stride),
            activation(),
            nn.Conv2d(1 * depth, 2 * depth, 4, stride),
            activation(),
        )
        self.shape = shape
        self.stride = stride
        self.depth = depth

    def forward(self, obs):
        batch_shape = obs.shape[:-3]
        img_shape = obs.shape[-3:]
        embed = self.convolutions(obs.reshape(-1, *img_shape))
        embed = torch.reshape(embed, (*batch_shape, -1))
        return embed

    @property
    def embed_size(self):
        conv1_shape = conv_out_shape(self.shape[1:], 0, 4, self.stride)
        conv2_shape = conv_out_shape(conv1_shape, 0, 4, self.stride)
        embed_size = 2 * self.depth * np.prod(conv2_shape).item()
        return embed_size


class ObservationDecoder(nn.Module):
    """cut down: a linear map to a 4 x 4 grid and two transposed convolutions back to the image"""

    def __init__(self, depth=32, stride=2, activation=nn.ReLU, embed_size=1024, shape=(3, 64, 64),
                 distribution=td.Normal):
        super().__init__()
        self.depth = depth
        self.shape = shape
        self.distribution = distribution
        self.conv_shape = (2 * depth, shape[1] // 4, shape[2] // 4)
        self.linear = nn.Linear(embed_size, int(np.prod(self.conv_shape)))
        self.decoder = nn.Sequential(
            nn.ConvTranspose2d(2 * depth, 1 * depth, 4, stride, padding=1),
            activation(),
            nn.ConvTranspose2d(1 * depth, shape[0], 4, stride, padding=1),
        )

    def forward(self, x):
        """
        :param x: size(*batch_shape, embed_size)
        :return: obs_dist = size(*batch_shape, *self.shape)
        """
        batch_shape = x.shape[:-1]
        embed_size = x.shape[-1]
        squeezed_size = np.prod(batch_shape).item()
        x = x.reshape(squeezed_size, embed_size)
        x = self.linear(x)
        x = torch.reshape(x, (squeezed_size, *self.conv_shape))
        x = self.decoder(x)
        mean = torch.reshape(x, (*batch_shape, *self.shape))
        obs_dist = self.distribution(mean, 1)
        obs_dist = td.Independent(obs_dist, len(self.shape))
        return obs_dist
