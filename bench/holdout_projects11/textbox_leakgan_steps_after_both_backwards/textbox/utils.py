import importlib
import random
from enum import Enum

import numpy as np
import torch


class ModelType(Enum):
    UNCONDITIONAL = 1
    GAN = 2
    SEQ2SEQ = 3
    ATTRIBUTE = 4


def init_seed(seed, reproducibility):
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    if reproducibility:
        torch.backends.cudnn.benchmark = False
        torch.backends.cudnn.deterministic = True


def get_model(model_name):
    r"""Automatically select model class based on model name

    Args:
        model_name (str): model name

    Returns:
        Generator: model class
    """
    model_submodule = ['GAN']
    try:
        model_file_name = model_name.lower()
        for submodule in model_submodule:
            module_path = '.'.join(['..model', submodule, model_file_name])
            if importlib.util.find_spec(module_path, __name__):
                model_module = importlib.import_module(module_path, __name__)

        model_class = getattr(model_module, model_name)
    except Exception as exc:
        raise NotImplementedError("{} can't be found".format(model_file_name)) from exc
    return model_class


def get_trainer(model_type, model_name):
    r"""Automatically select trainer class based on model type and model name

    Args:
        model_type (~textbox.utils.ModelType): model type
        model_name (str): model name

    Returns:
        ~textbox.trainer.trainer.Trainer: trainer class
    """
    try:
        return getattr(importlib.import_module('textbox.trainer'), model_name + 'Trainer')
    except AttributeError:
        if model_type == ModelType.GAN:
            return getattr(importlib.import_module('textbox.trainer'), 'GANTrainer')
        else:
            return getattr(importlib.import_module('textbox.trainer'), 'Trainer')
