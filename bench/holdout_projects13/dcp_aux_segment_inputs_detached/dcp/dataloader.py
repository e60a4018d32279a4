import torch
from torch.utils.data import DataLoader, TensorDataset


def _random_cifar(n_images, generator):
    images = torch.randn(n_images, 3, 32, 32, generator=generator)
    labels = torch.randint(0, 10, (n_images,), generator=generator)
    return TensorDataset(images, labels)


def get_cifar_dataloader(dataset, batch_size, n_threads=0, data_path="./data/", logger=None):
    """
    Get dataloader for cifar10/cifar100 (random images of the CIFAR shape here)
    """
    if logger is not None:
        logger.info("|===>Get datalaoder for " + dataset)
    generator = torch.Generator().manual_seed(0)
    train_dataset = _random_cifar(4 * batch_size, generator)
    val_dataset = _random_cifar(2 * batch_size, generator)

    train_loader = DataLoader(
        dataset=train_dataset, batch_size=batch_size, shuffle=True, num_workers=n_threads, generator=generator
    )
    val_loader = DataLoader(dataset=val_dataset, batch_size=batch_size, shuffle=False, num_workers=n_threads)
    return train_loader, val_loader
