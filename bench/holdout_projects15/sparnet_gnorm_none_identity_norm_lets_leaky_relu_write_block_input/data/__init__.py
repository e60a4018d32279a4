import torch

from data.celeba_dataset import CelebADataset


def create_dataset(opt):
    dataset = CelebADataset(opt)
    print(f"dataset [{type(dataset).__name__}] was created")
    return torch.utils.data.DataLoader(dataset, batch_size=opt.batch_size, shuffle=False)
