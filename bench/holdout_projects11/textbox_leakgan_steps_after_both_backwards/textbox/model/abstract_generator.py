"""
textbox.model.abstract_generator
##################################
"""

import numpy as np
import torch.nn as nn

from textbox.utils import ModelType


class AbstractModel(nn.Module):
    r"""Base class for all models
    """

    def calculate_loss(self, corpus):
        raise NotImplementedError

    def generate(self, corpus):
        raise NotImplementedError

    def __str__(self):
        """
        Model prints with number of trainable parameters
        """
        model_parameters = filter(lambda p: p.requires_grad, self.parameters())
        params = sum([np.prod(p.size()) for p in model_parameters])
        return super().__str__() + '\nTrainable parameters: {}'.format(params)


class UnconditionalGenerator(AbstractModel):
    """This is a abstract general unconditional generator. All the unconditional model should implement this class.
    """
    type = ModelType.UNCONDITIONAL

    def __init__(self, config, dataset):
        super(AbstractModel, self).__init__()

        self.vocab_size = len(dataset.idx2token)

        # load parameters info
        self.batch_size = config['train_batch_size']
        self.device = config['device']


class GenerativeAdversarialNet(UnconditionalGenerator):
    """This is a abstract general generative adversarial network. All the GAN model should implement this class.
    """
    type = ModelType.GAN

    def __init__(self, config, dataset):
        super(GenerativeAdversarialNet, self).__init__(config, dataset)

    def calculate_g_train_loss(self, corpus):
        raise NotImplementedError

    def calculate_d_train_loss(self, real_data, fake_data):
        raise NotImplementedError
