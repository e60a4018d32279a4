# case: VQA classifier head: nn.Dropout(dropout, inplace=True) right after nn.ReLU() inside nn.Sequential overwrites the ReLU output that ReLU saved
# source: https://github.com/BierOne/bottom-up-attention-vqa/issues/6
import torch
import torch.nn as nn


class FCNet(nn.Module):
    def __init__(self, dims, dropout=0.0):
        super().__init__()
        self.main = nn.Sequential(nn.Linear(dims[0], dims[1]), nn.ReLU())

    def forward(self, x):
        return self.main(x)


class SimpleClassifier(nn.Module):
    def __init__(self, in_dim, hid_dim, out_dim, dropout=0.0):
        super(SimpleClassifier, self).__init__()
        self.q_net = FCNet([in_dim[0], hid_dim[0]], dropout)
        self.v_net = FCNet([in_dim[1], hid_dim[0]], dropout)
        self.main = nn.Sequential(
            nn.Linear(hid_dim[0], hid_dim[1]),
            nn.ReLU(),  # saver
            nn.Dropout(dropout, inplace=True),  # expect: GG002
            nn.Linear(hid_dim[1], out_dim)
        )

    def forward(self, q_emb, v_emb):
        joint_repr = self.q_net(q_emb) * self.v_net(v_emb)
        logits = self.main(joint_repr)
        return logits


model = SimpleClassifier((6, 5), (8, 12), 3, dropout=0.5)
logits = model(torch.randn(4, 6), torch.randn(4, 5))
loss = nn.functional.binary_cross_entropy_with_logits(logits, torch.rand(4, 3))
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
