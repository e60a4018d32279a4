import torch
from torch.utils.data import DataLoader, TensorDataset


def get_cifar10(args, data_dir="./data/cifar/"):
    """CIFAR-10-shaped dataloader (stand-in: random 3x32x32 images in [0, 1] with random labels)."""
    generator = torch.Generator().manual_seed(0)
    images = torch.rand(args.num_images, 3, 32, 32, generator=generator)
    labels = torch.randint(0, 10, (args.num_images,), generator=generator)
    return DataLoader(TensorDataset(images, labels), batch_size=args.batch_size, shuffle=True)
