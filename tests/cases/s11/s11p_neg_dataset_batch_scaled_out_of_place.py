# case: the custom-Dataset training step of s11p with the batch scaled out of place for the metric: the convolution's saved input is untouched and training runs
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset

torch.manual_seed(0)


class Digits(Dataset):
    def __init__(self, n=8):
        self.images = torch.rand(n, 1, 8, 8) * 255
        self.labels = torch.randint(0, 3, (n,))

    def __len__(self):
        return len(self.images)

    def __getitem__(self, index):
        return self.images[index], self.labels[index]


model = nn.Sequential(nn.Conv2d(1, 4, 3), nn.ReLU(), nn.Flatten(), nn.Linear(4 * 6 * 6, 3))
opt = torch.optim.SGD(model.parameters(), lr=0.01)
loader = DataLoader(Digits(), batch_size=4, shuffle=True)
for images, labels in loader:
    logits = model(images)
    loss = F.cross_entropy(logits, labels)
    images = images / 255.0
    brightness = images.mean()
    opt.zero_grad()
    loss.backward()
    opt.step()
print(round(loss.item(), 4))
