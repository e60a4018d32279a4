import torch


class RandomImageFolder(torch.utils.data.Dataset):
    """Stand-in for datasets.ImageFolder(args.dataset, transform): RGB images in [0, 255]."""

    def __init__(self, size, image_size):
        self.images = torch.rand(size, 3, image_size, image_size) * 255

    def __len__(self):
        return len(self.images)

    def __getitem__(self, index):
        return self.images[index], 0


def random_image_loader(size, batch_size, image_size):
    dataset = RandomImageFolder(size, image_size)
    return dataset, torch.utils.data.DataLoader(dataset, batch_size=batch_size)
