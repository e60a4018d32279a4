# case: NAS MNASNet head: forward ends with `x = F.relu(x)` and a classifier whose first element is nn.Dropout(p, inplace=True), which overwrites the ReLU output that ReLU saved (the fix removed inplace=True)
# source: https://github.com/microsoft/nni/pull/4614
import torch
import torch.nn as nn
import torch.nn.functional as F

_BN_MOMENTUM = 1 - 0.9997


class MNASNet(nn.Module):
    def __init__(self, num_classes=10, dropout=0.2):
        super().__init__()
        layers = [
            nn.Conv2d(3, 8, 3, padding=1, stride=2, bias=False),
            nn.BatchNorm2d(8, momentum=_BN_MOMENTUM),
            nn.ReLU(inplace=True),
            nn.Conv2d(8, 16, 1, padding=0, stride=1, bias=False),
            nn.BatchNorm2d(16, momentum=_BN_MOMENTUM),
            nn.ReLU(inplace=True),
        ]
        self.layers = nn.Sequential(*layers)
        self.classifier = nn.Sequential(
            nn.Dropout(p=dropout, inplace=True),  # expect: GG002
            nn.Linear(16, num_classes),
        )

    def forward(self, x):
        x = self.layers(x)
        # Equivalent to global avgpool and removing H and W dimensions.
        x = x.mean([2, 3])
        x = F.relu(x)  # saver
        return self.classifier(x)


model = MNASNet()
criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
x, y = torch.randn(4, 3, 16, 16), torch.randint(0, 10, (4,))
loss = criterion(model(x), y)
optimizer.zero_grad()
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
optimizer.step()
