# case: the same two tiers with tier one's optimizer stepping before tier two's backward: tier two's loss runs back through the feature layers whose weights that step just changed
import torch
import torch.nn as nn

torch.manual_seed(0)
reduce = nn.Sequential(nn.Linear(8, 4), nn.ReLU(), nn.Linear(4, 4))
classifier = nn.Linear(4, 2)
head = nn.Linear(4, 2)
opt0 = torch.optim.Adam(list(reduce.parameters()) + list(classifier.parameters()), lr=1e-3)
opt1 = torch.optim.Adam(head.parameters(), lr=1e-3)
bags = [torch.randn(3, 8) for _ in range(2)]
for step in range(3):
    preds, feats = [], []
    for bag in bags:
        f = reduce(bag).mean(0, keepdim=True)  # saver
        preds.append(classifier(f))
        feats.append(f)
    loss0 = preds[0].sum() + torch.cat(preds).pow(2).mean()
    opt0.zero_grad()
    loss0.backward(retain_graph=True)
    opt0.step()  # expect: GG002
    loss1 = head(torch.cat(feats)).pow(2).mean()
    opt1.zero_grad()
    loss1.backward()  # raises: RuntimeError: modified by an inplace operation
    opt1.step()
