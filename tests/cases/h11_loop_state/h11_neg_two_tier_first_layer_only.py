# case: tier one's optimizer steps before tier two's backward, but the feature extractor is a single Linear on inputs that do not require grad: its backward needs only those inputs, not the weight the step changed, so tier two's backward runs (classifier is not on its path)
import torch
import torch.nn as nn

torch.manual_seed(0)
reduce = nn.Sequential(nn.Linear(8, 4), nn.ReLU())
classifier = nn.Linear(4, 2)
head = nn.Linear(4, 2)
opt0 = torch.optim.Adam(list(reduce.parameters()) + list(classifier.parameters()), lr=1e-3)
opt1 = torch.optim.Adam(head.parameters(), lr=1e-3)
bags = [torch.randn(3, 8) for _ in range(2)]
for step in range(3):
    preds, feats = [], []
    for bag in bags:
        f = reduce(bag).mean(0, keepdim=True)
        preds.append(classifier(f))
        feats.append(f)
    loss0 = preds[0].sum() + torch.cat(preds).pow(2).mean()
    opt0.zero_grad()
    loss0.backward(retain_graph=True)
    opt0.step()
    loss1 = head(torch.cat(feats)).pow(2).mean()
    opt1.zero_grad()
    loss1.backward()
    opt1.step()
