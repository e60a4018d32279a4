import logging

from torch.utils.data import DataLoader

logger = logging.getLogger(__name__)
rank = 0
world_size = 1


def init(args):
    """init.
    Initialize DDP using the given rendezvous file (single process here).
    """
    global rank, world_size
    if world_size == 1:
        return


def wrap(model):
    """wrap.
    Wrap a model with DDP if distributed training is enabled.
    """
    if world_size == 1:
        return model
    raise NotImplementedError


def loader(dataset, *args, shuffle=False, klass=DataLoader, **kwargs):
    """loader.
    Create a dataloader properly in case of distributed training.
    """
    return klass(dataset, *args, shuffle=shuffle, **kwargs)


def average(metrics, count=1.):
    """average.
    Average all the relevant metrices across processes
    """
    if world_size == 1:
        return metrics
    raise NotImplementedError
