"""
textbox.quick_start
########################
"""
import logging
import os
from logging import getLogger

import torch
import yaml

from textbox.utils import get_model, get_trainer, init_seed

_PROPERTIES = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'properties')


class Config(object):
    r"""Configurator: overall.yaml, then the model's yaml, then files and the dict given by the caller"""

    def __init__(self, model=None, dataset=None, config_file_list=None, config_dict=None):
        self.final_config_dict = {}
        for path in [os.path.join(_PROPERTIES, 'overall.yaml'), os.path.join(_PROPERTIES, 'model', model + '.yaml')]:
            with open(path, 'r', encoding='utf-8') as f:
                self.final_config_dict.update(yaml.safe_load(f))
        for path in config_file_list or []:
            with open(path, 'r', encoding='utf-8') as f:
                self.final_config_dict.update(yaml.safe_load(f))
        self.final_config_dict.update(config_dict or {})
        self.final_config_dict['model'] = model
        self.final_config_dict['dataset'] = dataset
        use_gpu = self.final_config_dict['use_gpu'] and torch.cuda.is_available()
        self.final_config_dict['device'] = torch.device('cuda' if use_gpu else 'cpu')

    def __getitem__(self, item):
        return self.final_config_dict.get(item)

    def __setitem__(self, key, value):
        self.final_config_dict[key] = value

    def __str__(self):
        return '\n'.join('{}={}'.format(k, v) for k, v in self.final_config_dict.items())


class SingleSentenceDataset(object):
    r"""stand-in for the COCO captions: random token ids with <sos>/<eos>, lengths between 4 and max_seq_length"""

    def __init__(self, config, n_sentences=8, n_words=8):
        self.idx2token = ['<pad>', '<unk>', '<sos>', '<eos>'] + ['w{}'.format(i) for i in range(n_words)]
        self.padding_token_idx = 0
        self.sos_token_idx = 2
        self.eos_token_idx = 3
        self.max_length = config['max_seq_length'] + 2
        gen = torch.Generator().manual_seed(config['seed'])
        self.target_idx = torch.full((n_sentences, self.max_length), self.padding_token_idx, dtype=torch.long)
        self.target_length = torch.randint(4, config['max_seq_length'] + 1, (n_sentences,), generator=gen)
        for i, length in enumerate(self.target_length.tolist()):
            words = torch.randint(4, len(self.idx2token), (length,), generator=gen)
            self.target_idx[i, 0] = self.sos_token_idx
            self.target_idx[i, 1:length + 1] = words
            self.target_idx[i, length + 1] = self.eos_token_idx
        self.target_length += 2


class DataLoader(object):
    def __init__(self, dataset, batch_size):
        self.dataset = dataset
        self.batch_size = batch_size
        self.idx2token = dataset.idx2token
        self.padding_token_idx = dataset.padding_token_idx
        self.sos_token_idx = dataset.sos_token_idx
        self.eos_token_idx = dataset.eos_token_idx

    def __len__(self):
        return len(self.dataset.target_idx) // self.batch_size

    def __iter__(self):
        for start in range(0, len(self) * self.batch_size, self.batch_size):
            yield {'target_idx': self.dataset.target_idx[start:start + self.batch_size],
                   'target_length': self.dataset.target_length[start:start + self.batch_size]}


def data_preparation(config):
    dataset = SingleSentenceDataset(config)
    train_data = DataLoader(dataset, config['train_batch_size'])
    valid_data = DataLoader(dataset, config['eval_batch_size'])
    return train_data, valid_data, valid_data


def run_textbox(model=None, dataset=None, config_file_list=None, config_dict=None, saved=True):
    r""" A fast running api, which includes the complete process of
    training and testing a model on a specified dataset

    Args:
        model (str): model name
        dataset (str): dataset name
        config_file_list (list): config files used to modify experiment parameters
        config_dict (dict): parameters dictionary used to modify experiment parameters
        saved (bool): whether to save the model
    """
    # configurations initialization
    config = Config(model=model, dataset=dataset, config_file_list=config_file_list, config_dict=config_dict)

    init_seed(config['seed'], config['reproducibility'])
    logging.basicConfig(level=logging.INFO, format='%(message)s')
    logger = getLogger()

    # dataset splitting
    train_data, valid_data, test_data = data_preparation(config)

    # model loading and initialization
    model = get_model(config['model'])(config, train_data).to(config['device'])

    # trainer loading and initialization
    trainer = get_trainer(model.type, config['model'])(config, model)

    # model training
    best_valid_score, best_valid_result = trainer.fit(train_data, valid_data, saved=saved)

    logger.info('best valid loss: {}, best valid ppl: {}'.format(best_valid_score, best_valid_result))
