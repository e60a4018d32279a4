r"""
LeakGAN
##############################
Reference:
    Guo et al. "Long Text Generation via Adversarial Training with Leaked Information" in AAAI 2018.
"""

import torch

from textbox.model.abstract_generator import GenerativeAdversarialNet
from textbox.module.Discriminator.LeakGANDiscriminator import LeakGANDiscriminator
from textbox.module.Generator.LeakGANGenerator import LeakGANGenerator


class LeakGAN(GenerativeAdversarialNet):
    r"""LeakGAN is a generative adversarial network to address the problem for long text generation.
    """

    def __init__(self, config, dataset):
        super(LeakGAN, self).__init__(config, dataset)
        self.generator = LeakGANGenerator(config, dataset)
        self.discriminator = LeakGANDiscriminator(config, dataset)
        self.dis_sample_num = config['d_sample_num']
        self.start_idx = dataset.sos_token_idx
        self.pad_idx = dataset.padding_token_idx
        self.end_idx = dataset.eos_token_idx
        self.max_length = config['max_seq_length'] + 2

    def calculate_g_train_loss(self, corpus, epoch_idx):
        self.discriminator.eval()
        loss = self.generator.pretrain_loss(corpus, self.discriminator)  # corpus: target_text
        self.discriminator.train()
        return loss

    def calculate_d_train_loss(self, real_data, fake_data, epoch_idx):
        return self.discriminator.calculate_loss(real_data[:, 1:], fake_data)

    def sample(self, sample_num):
        self.discriminator.eval()
        samples = self.generator.sample(sample_num, self.discriminator, self.start_idx)
        self.discriminator.train()
        return samples

    def _add_eos(self, data, length):
        batch_size = data.shape[0]
        padded_data = torch.full((batch_size, self.max_length), self.end_idx, dtype=torch.long, device=self.device)
        for i in range(batch_size):
            len = length[i].cpu().data
            padded_data[i, :len] = data[i, :len]
        return padded_data
