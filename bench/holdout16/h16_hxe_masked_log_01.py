# case: look-alike from "Making Better Mistakes" (better_mistakes/model/losses.py, HierarchicalLLLoss): the hierarchical cross-entropy writes the negative log ratios back into the numerator with a masked index assignment, num[idx] = -torch.log(num[idx] / den[idx]); num is a squeeze view of a bmm output that no backward node saved (the reported failure was with torch 1.2, the maintainers' environment ran), so training runs under current torch
# source: https://github.com/fiveai/making-better-mistakes/issues/4
import torch
import torch.nn as nn

torch.manual_seed(0)

# toy class hierarchy: (name, children); leaves are strings
HIERARCHY = ("root", [("vehicle", ["car", "truck", "bus"]), ("animal", [("dog", ["terrier", "poodle"]), "cat"])])
ALPHA = 0.4
NUM_EPOCHS = 2


def tree_positions(node, prefix=()):
    yield prefix, node
    if isinstance(node, tuple):
        for i, child in enumerate(node[1]):
            yield from tree_positions(child, (*prefix, i))


def label(node):
    return node[0] if isinstance(node, tuple) else node


def leaf_positions(node, prefix=()):
    return [p for p, n in tree_positions(node, prefix) if not isinstance(n, tuple)]


def exponential_weights(hierarchy, alpha):
    # weight of the edge above a node at depth d is exp(-alpha * (d - 1))
    return {p: float(torch.exp(torch.tensor(-alpha * (len(p) - 1)))) for p, _ in tree_positions(hierarchy)}


class HierarchicalLLLoss(nn.Module):
    def __init__(self, hierarchy, classes, weights):
        super().__init__()
        nodes = dict(tree_positions(hierarchy))
        positions_leaves = {label(nodes[p]): p for p in leaf_positions(hierarchy)}
        num_classes = len(positions_leaves)
        positions_leaves = [positions_leaves[c] for c in classes]
        positions_edges = [p for p, _ in tree_positions(hierarchy)][1:]
        index_map_leaves = {positions_leaves[i]: i for i in range(len(positions_leaves))}
        index_map_edges = {positions_edges[i]: i for i in range(len(positions_edges))}
        edges_from_leaf = [
            [index_map_edges[position[:i]] for i in range(len(position), 0, -1)] for position in positions_leaves
        ]
        num_edges = max(len(p) for p in edges_from_leaf)
        leaf_indices = [
            [index_map_leaves[position + leaf] for leaf in leaf_positions(nodes[position], ())]
            for position in positions_edges
        ]
        self.onehot_den = nn.Parameter(torch.zeros([num_classes, num_classes, num_edges]), requires_grad=False)
        self.onehot_num = nn.Parameter(torch.zeros([num_classes, num_classes, num_edges]), requires_grad=False)
        self.weights = nn.Parameter(torch.zeros([num_classes, num_edges]), requires_grad=False)
        with torch.no_grad():
            for i in range(num_classes):
                for j, k in enumerate(edges_from_leaf[i]):
                    self.onehot_num[i, leaf_indices[k], j] = 1.0
                    self.weights[i, j] = weights[positions_edges[k]]
                for j, k in enumerate(edges_from_leaf[i][1:]):
                    self.onehot_den[i, leaf_indices[k], j] = 1.0
                self.onehot_den[i, :, j + 1] = 1.0  # the last denominator is the sum of all leaves

    def forward(self, inputs, target):
        inputs = torch.unsqueeze(inputs, 1)
        num = torch.squeeze(torch.bmm(inputs, self.onehot_num[target]))
        den = torch.squeeze(torch.bmm(inputs, self.onehot_den[target]))
        idx = num != 0
        num[idx] = -torch.log(num[idx] / den[idx])
        num = torch.sum(torch.flip(self.weights[target] * num, dims=[1]), dim=1)
        return torch.mean(num)


class HierarchicalCrossEntropyLoss(HierarchicalLLLoss):
    def forward(self, inputs, index):
        return super().forward(torch.nn.functional.softmax(inputs, 1), index)


class Classifier(nn.Module):
    def __init__(self, num_classes):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU(inplace=True), nn.AdaptiveAvgPool2d(1)
        )
        self.fc = nn.Linear(8, num_classes)

    def forward(self, x):
        return self.fc(torch.flatten(self.features(x), 1))


classes = sorted(label(n) for p, n in tree_positions(HIERARCHY) if not isinstance(n, tuple))
loss_function = HierarchicalCrossEntropyLoss(HIERARCHY, classes, exponential_weights(HIERARCHY, ALPHA))
model = Classifier(len(classes))
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
for epoch in range(NUM_EPOCHS):
    for _ in range(2):
        images = torch.randn(4, 3, 8, 8)
        target = torch.randint(0, len(classes), (4,))
        output = model(images)
        loss = loss_function(output, target)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    print(epoch, loss.item())
