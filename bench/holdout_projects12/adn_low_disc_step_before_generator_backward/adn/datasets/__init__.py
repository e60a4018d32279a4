from .spineweb import Spineweb


def get_dataset(dataset_type, **dataset_opts):
    return {
        "spineweb": Spineweb,
    }[dataset_type](**dataset_opts[dataset_type])
