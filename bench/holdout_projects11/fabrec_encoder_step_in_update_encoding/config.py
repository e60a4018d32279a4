import os

ENCODER_LAYER_NORMALIZATION = 'batch'
DECODER_LAYER_NORMALIZATION = 'batch'
DECODER_SPECTRAL_NORMALIZATION = False
DECODER_PLANES_PER_BLOCK = 1

SNAPSHOT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'snapshots')

__datasets = {}


def register_dataset(cls):
    __datasets[cls.__name__.lower()] = cls


def get_dataset_class(name):
    return __datasets[name]


def get_registered_dataset_names():
    return __datasets


def get_dataset_paths(dsname):
    return os.path.join('data', dsname), os.path.join('cache', dsname)
