import torch
import torch.nn as nn

import config as cfg
from csl_common.utils.nn import count_parameters, to_numpy
from networks import resnet_ae
from networks.archs import D_net_gauss, Discriminator

device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")


class AAE(nn.Module):
    def __init__(self, input_size, output_size=None, pretrained_encoder=False, z_dim=99):

        super(AAE, self).__init__()

        assert input_size in [32, 64, 128, 256, 512, 1024]

        if output_size is None:
            output_size = input_size

        self.input_size = input_size
        self.z_dim = z_dim
        input_channels = 3

        self.Q = resnet_ae.resnet18(pretrained=pretrained_encoder,
                                    num_classes=self.z_dim,
                                    input_size=input_size,
                                    input_channels=input_channels,
                                    layer_normalization=cfg.ENCODER_LAYER_NORMALIZATION).to(device)

        self.P = resnet_ae.InvResNet(input_dims=self.z_dim,
                                     output_size=output_size,
                                     output_channels=input_channels).to(device)

        self.D_z = D_net_gauss(self.z_dim, N=32).to(device)
        self.D = Discriminator().to(device)

        print("Trainable params Q: {:,}".format(count_parameters(self.Q)))
        print("Trainable params P: {:,}".format(count_parameters(self.P)))
        print("Trainable params D_z: {:,}".format(count_parameters(self.D_z)))
        print("Trainable params D: {:,}".format(count_parameters(self.D)))

        self.total_iter = 0
        self.iter = 0
        self.z = None

    def z_vecs(self):
        return [to_numpy(self.z)]

    def forward(self, X):
        self.z = self.Q(X)
        outputs = self.P(self.z)
        return outputs[:, :3]
